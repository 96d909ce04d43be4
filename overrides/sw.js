/* The site's service worker: the pages a reader has opened, and the files they need, stay
 * readable without a connection. Registered by assets/javascripts/offline.js; served from the
 * site's root, so that its scope is every language. The build writes the SITE line below
 * (scripts/casekit/plugin/offline.py): its id, each language's offline page by folder, and the
 * files the offline pages need.
 *
 * - a page: from the network first, and kept; when the network has not answered within
 *   PATIENCE_MS and a copy is kept, the kept copy (the network's answer still replaces it, in
 *   the background); without a connection, the kept copy, else the offline page of the
 *   address's language. A kept page is given for a page's address only, never for a file;
 * - a file the build's manifest names (SITE.assets: every file under assets/; SITE.bundle: the
 *   search engine's own files in each language's bundle, by name), with the SHA-256 of its
 *   bytes: from the cache first, under a key that names the hash; a kept copy is checked
 *   against the hash before it is given, and deleted when it does not match (page script can
 *   write the Cache Storage: one injected script must not stay for good); a response is kept
 *   only when it matches. A file under assets/ that the manifest does not name is fetched and
 *   never kept, and no kept copy is given for a script, stylesheet or worker it does not name;
 * - the search index's chunks (named by their content): from the cache first, kept when a page
 *   uses them, never fetched ahead by this worker (a reader keeps the chunks their searches
 *   used and, once a search has shown its results, the rest of that language's index, which
 *   the page fetches in the background unless the reader saves data or it weighs more than the
 *   build's cap: assets/javascripts/search.js);
 * - any other file of the site (the search's entry files, feeds): from the network first, and
 *   kept.
 * The cache is named after the site's address and the build's id; when a worker with another
 * id takes over, the site's older caches are deleted.
 */
"use strict";

const SITE = {"assets": {}, "build": "unbuilt", "bundle": {}, "offline": {"": "offline.html"}, "precache": []};
const ROOT = new URL("./", self.location.href).href;  // the site's root: where this file is
const FAMILY = "case-studies " + ROOT + " ";  // this site's caches, whatever else the host serves
const CACHE = FAMILY + SITE.build;
const CONTENT_NAMED = [
  /(^|\/)pagefind\/(index|fragment|filter)\/[^/]+$/,
  /(^|\/)pagefind\/pagefind\.[^/]+\.pf_meta$/
];
const MOST_KEPT = 100;  // files a page may ask to keep at once (itself and what it loaded)
const PATIENCE_MS = 3000;  // how long a page waits for the network before its kept copy is shown
const RUNS = ["script", "style", "worker", "sharedworker", "serviceworker"];  // destinations of code
const BUNDLE_FILE = /(^|\/)pagefind\/([^/]+)$/;

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

/* The SHA-256 the build's manifest gives for the file at ``path`` (from the root), or null. */
function expected(path) {
  const own = Object.prototype.hasOwnProperty;
  if (own.call(SITE.assets, path)) return SITE.assets[path];
  const file = BUNDLE_FILE.exec(path);
  return file && own.call(SITE.bundle, file[2]) ? SITE.bundle[file[2]] : null;
}

/* The key a file the manifest names is kept under: its address and its hash. */
function hashedKey(path, hash) {
  return new URL(path, ROOT).href + "?sha256=" + hash;
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/* ``response`` as a new response of the same bytes, if they have the hash ``hash``; else null. */
async function verified(response, hash) {
  const bytes = await response.arrayBuffer();
  if ((await sha256(bytes)) !== hash) return null;
  const headers = new Headers(response.headers);
  return new Response(bytes, {status: response.status, statusText: response.statusText, headers: headers});
}

/* Keep a response for the file at ``path`` that the manifest names, if it matches its hash. */
async function keepVerified(path, hash, response) {
  if (!worthKeeping(response)) return;
  const checked = await verified(response, hash);
  if (checked) await (await caches.open(CACHE)).put(hashedKey(path, hash), checked);
}

/* A file the manifest names: the kept copy if its bytes match the hash (a copy that does not
 * is deleted), else the network's answer, kept if it matches. */
async function trustedFile(event, path, hash) {
  const cache = await caches.open(CACHE);
  const address = hashedKey(path, hash);
  const copy = await cache.match(address);
  if (copy) {
    const checked = await verified(copy, hash);
    if (checked) return checked;
    // written by someone else: gone, with what was written under the file's own address
    await Promise.all([cache.delete(address), cache.delete(key(address))]);
  }
  const response = await fetch(event.request);
  event.waitUntil(keepVerified(path, hash, response.clone()));
  return response;
}

self.addEventListener("install", (event) => {
  const files = Object.values(SITE.offline).concat(SITE.precache).map((path) => new URL(path, ROOT).href);
  event.waitUntil(Promise.all(files.map(async (address) => {
    const response = await fetch(address, {cache: "no-cache"});
    if (!response.ok) throw new Error(response.status + " " + address);
    const hash = expected(fromRoot(new URL(address)));
    if (hash) await keepVerified(fromRoot(new URL(address)), hash, response);
    else await keep(address, response);
  })).then(() => self.skipWaiting()));
});

/* Delete from this build's cache what the worker would never give: a copy of a file of the
 * manifest under another key than its hash's, and anything under assets/ it does not name. */
async function sweep() {
  const cache = await caches.open(CACHE);
  const requests = await cache.keys();
  await Promise.all(requests.map((request) => {
    const path = fromRoot(new URL(key(request.url)));
    if (path === null) return null;
    const hash = expected(path);
    const own = hash && request.url === hashedKey(path, hash);
    return (hash || path.startsWith("assets/")) && !own ? cache.delete(request) : null;
  }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith(FAMILY) && name !== CACHE).map((name) => caches.delete(name))))
    .then(sweep)
    .then(() => self.clients.claim()));
});

async function networkFirst(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (worthKeeping(response)) event.waitUntil(keep(request.url, response.clone()));
    return response;
  } catch (error) {
    const copy = RUNS.includes(request.destination) ? null : await kept(request.url);
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

/* A file under assets/ that the manifest does not name: the network's, never kept. */
function untrusted(event) {
  return fetch(event.request);
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

/* A page: the network's answer, kept; the kept copy when the network fails, or has not
 * answered within PATIENCE_MS (the answer, when it comes, is kept for the next visit); the
 * offline page when there is neither. */
async function page(event, path) {
  const request = event.request;
  const network = fetch(request).then((response) => {
    if (worthKeeping(response)) event.waitUntil(keep(request.url, response.clone()));
    return response;
  });
  event.waitUntil(network.catch(() => null));  // finished (and kept) even when the copy was given
  let timer;
  const patience = new Promise((resolve) => {
    timer = setTimeout(resolve, PATIENCE_MS);
  });
  try {
    const first = await Promise.race([network, patience]);
    if (first) return first;
    const copy = await kept(request.url);
    return copy || await network;
  } catch (error) {
    const copy = await kept(request.url);
    return copy || offlinePage(path);
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const path = fromRoot(new URL(key(request.url)));  // without the query: ?v= of a stylesheet
  if (path === null) return;
  const hash = expected(path);
  if (hash) {  // opened as a page too: a file of the manifest is only ever its checked bytes
    event.respondWith(trustedFile(event, path, hash));
  } else if (path.startsWith("assets/")) {
    event.respondWith(untrusted(event));
  } else if (request.mode === "navigate") {
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
  event.waitUntil(Promise.all(wanted.map((address) => {
    const path = fromRoot(new URL(address));
    const hash = expected(path);
    if (!hash && path.startsWith("assets/")) return null;  // never kept: the manifest does not name it
    return fetch(address)
      .then((response) => (hash ? keepVerified(path, hash, response) : worthKeeping(response) ? keep(address, response) : null))
      .catch(() => null);
  })));
});
