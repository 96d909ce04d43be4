/* Offline reading: registers the site's service worker (data-worker: sw.js at the site's root,
 * whose scope is every language), and on a reader's first visit asks it to keep the page just
 * opened and the files it loaded, which reached the page before the worker could see them.
 * Without data-worker (the live preview) it unregisters a worker that a built site served at
 * the same address left behind, so that the preview shows every edit.
 * On the offline page (data-offline-saved) it lists the case studies of the page's language
 * kept on the device, read from the Cache Storage (titles as text only), and hides the links
 * to pages that are not kept. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  var workers = navigator.serviceWorker;
  var worker = script.getAttribute("data-worker");
  if (!worker) {
    workers.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) {
        if (location.href.indexOf(registration.scope) === 0) registration.unregister();
      });
    }).catch(function () {});
    return;
  }
  var firstVisit = !workers.controller;
  workers.register(new URL(worker, document.baseURI).href).then(function () {
    return workers.ready;
  }).then(function (registration) {
    if (!firstVisit || !registration.active) return;
    var loaded = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
    registration.active.postMessage({type: "keep", urls: [location.href].concat(loaded)});
  }).catch(function () {});
})();


(function () {
  "use strict";
  var section = document.querySelector("[data-offline-saved]");
  if (!section || !window.caches || !window.DOMParser) return;
  var list = section.querySelector("[data-offline-list]");
  var none = section.querySelector("[data-offline-none]");
  var links = document.querySelectorAll("[data-offline-links] a");
  var lang = document.documentElement.lang;
  // a case of this language: <its catalogue>/<slug>/ (the other languages' are under their folder)
  var catalogue = new URL(section.getAttribute("data-offline-cases"), document.baseURI).href;
  var FAMILY = "case-studies ";  // the site's worker names its caches so (sw.js)

  function isCase(address) {
    if (address.indexOf(catalogue) !== 0) return false;
    return /^[^/?#]+\/$/.test(address.slice(catalogue.length));
  }

  /* The title of a kept page, read as text from an inert copy of it (DOMParser runs nothing). */
  function titleOf(response) {
    return response.text().then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var heading = doc.querySelector("article h1") || doc.querySelector("h1");
      return ((heading && heading.textContent) || doc.title || "").replace(/\s+/g, " ").trim();
    });
  }

  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(FAMILY) === 0; }).map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) { return isCase(request.url); }).map(function (request) {
            return cache.match(request).then(function (response) {
              if (!response || !response.ok) return null;
              return titleOf(response).then(function (title) { return title ? {url: request.url, title: title} : null; });
            });
          }));
        });
      });
    }));
  }).then(function (found) {
    var seen = {}, saved = [];
    found.forEach(function (entries) {
      entries.forEach(function (entry) {
        if (entry && !seen[entry.url]) { seen[entry.url] = true; saved.push(entry); }
      });
    });
    saved.sort(function (a, b) { return a.title.localeCompare(b.title, lang); });
    saved.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    none.hidden = saved.length > 0;
    list.hidden = saved.length === 0;
    section.hidden = false;
    return Promise.all(Array.prototype.map.call(links, function (link) {
      return caches.match(link.href, {ignoreSearch: true}).then(function (copy) {
        link.parentNode.hidden = !copy;
      });
    }));
  }).catch(function () {});
})();
