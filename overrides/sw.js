/* The site's service worker: the pages a reader has opened, and the files they need, stay
 * readable without a connection. Registered by assets/javascripts/offline.js; served from the
 * site's root, so that its scope is every language. The build writes the SITE line below
 * (scripts/casekit/plugin/offline.py): its id, each language's offline page by folder, and the
 * files the offline pages need.
 *
 * - a page: from the network first, and kept; without a connection, the kept copy, else the
 *   offline page of the address's language;
 * - the site's assets/ (Material's bundles, named by their content, the site's own CSS and
 *   JavaScript) and the search index's chunks (named by their content): from the cache first,
 *   kept when a page uses them, never fetched ahead by this worker (a reader keeps the chunks
 *   their searches used and, once a search has shown its results, the rest of that language's
 *   index, which the page fetches in the background unless the reader saves data or it weighs
 *   more than the build's cap: assets/javascripts/search.js);
 * - any other file of the site (the search's entry files, feeds): from the network first, and
 *   kept.
 * The cache is named after the site's address and the build's id; when a worker with another
 * id takes over, the site's older caches are deleted.
 */
"use strict";

const SITE = {"build": "unbuilt", "offline": {"": "offline.html"}, "precache": []};
const ROOT = new URL("./", self.location.href).href;  // the site's root: where this file is
const FAMILY = "case-studies " + ROOT + " ";  // this site's caches, whatever else the host serves
const CACHE = FAMILY + SITE.build;
const CONTENT_NAMED = [
  /^assets\//,
  /(^|\/)pagefind\/(index|fragment|filter)\/[^/]+$/,
  /(^|\/)pagefind\/pagefind\.[^/]+\.pf_meta$/
];
const MOST_KEPT = 100;  // files a page may ask to keep at once (itself and what it loaded)

/* The address of a file of the site from its root, or null for another site's. */
function fromRoot(url) {
  return url.origin === self.location.origin && url.href.startsWith(ROOT) ? url.href.slice(ROOT.length) : null;
}

/* The key a file is kept under: its address without the query (?q= of the search page,
 * ?country= of the catalogue, Pagefind's ?ts=) and without a fragment. */
function key(address) {
  const url = new URL(address);
  url.search = "";
  url.hash = "";
  return url.href;
}

function worthKeeping(response) {
  return response.ok && response.type === "basic";
}

async function keep(address, response) {
  const cache = await caches.open(CACHE);
  await cache.put(key(address), response);
}

async function kept(address) {
  const cache = await caches.open(CACHE);
  return cache.match(key(address));
}

self.addEventListener("install", (event) => {
  const files = Object.values(SITE.offline).concat(SITE.precache).map((path) => new URL(path, ROOT).href);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(files)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith(FAMILY) && name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

async function networkFirst(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (worthKeeping(response)) event.waitUntil(keep(request.url, response.clone()));
    return response;
  } catch (error) {
    const copy = await kept(request.url);
    if (copy) return copy;
    throw error;
  }
}

async function cacheFirst(event) {
  const copy = await kept(event.request.url);
  if (copy) return copy;
  const response = await fetch(event.request);
  if (worthKeeping(response)) event.waitUntil(keep(event.request.url, response.clone()));
  return response;
}

/* The offline page of the language whose folder the address is in, given a <base> of its own
 * address: its links and files are written relative to it. */
async function offlinePage(path) {
  const folder = path.split("/")[0];
  const own = folder && Object.prototype.hasOwnProperty.call(SITE.offline, folder) ? SITE.offline[folder] : SITE.offline[""];
  const address = new URL(own, ROOT).href;
  const copy = await kept(address);
  if (!copy) return Response.error();
  const html = (await copy.text()).replace(/<head(\s[^>]*)?>/i, (head) => head + '<base href="' + address + '">');
  return new Response(html, {status: 503, statusText: "Offline", headers: {"Content-Type": "text/html; charset=utf-8"}});
}

async function page(event, path) {
  try {
    return await networkFirst(event);
  } catch (error) {
    return offlinePage(path);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const path = fromRoot(new URL(request.url));
  if (path === null) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, path));
  } else if (CONTENT_NAMED.some((pattern) => pattern.test(path))) {
    event.respondWith(cacheFirst(event));
  } else {
    event.respondWith(networkFirst(event));
  }
});

/* A page opened before this worker controlled it (the reader's first visit) asks for itself
 * and the files it loaded to be kept: they reached it without passing through here. */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) return;
  const wanted = [];
  for (const address of data.urls.slice(0, MOST_KEPT)) {
    let url;
    try {
      url = new URL(String(address));
    } catch (error) {
      continue;
    }
    if (fromRoot(url) !== null && !wanted.includes(key(url.href))) wanted.push(key(url.href));
  }
  event.waitUntil(Promise.all(wanted.map((address) => fetch(address)
    .then((response) => (worthKeeping(response) ? keep(address, response) : null))
    .catch(() => null))));
});
