/* Offline reading: registers the site's service worker (data-worker: sw.js at the site's root,
 * whose scope is every language), and on a reader's first visit asks it to keep the page just
 * opened and the files it loaded, which reached the page before the worker could see them.
 * Without data-worker (the live preview) it unregisters a worker that a built site served at
 * the same address left behind, so that the preview shows every edit. */
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
