/* The search page: Pagefind's interface, started with the query from ?q= (the header form).
 * Each language has its own index (data-bundle); its interface texts come with it. */
(function () {
  "use strict";
  var element = document.getElementById("site-search");
  if (location.protocol === "file:") {  // a preview opened from disk: the index needs a web server
    var note = document.querySelector(".site-search__needs-server");
    if (note) note.hidden = false;
    return;
  }
  if (!element || !window.PagefindUI) return;
  var base = new URL(element.getAttribute("data-base"), location.href);
  var ui = new PagefindUI({
    element: "#site-search",
    baseUrl: base.pathname,
    bundlePath: new URL(element.getAttribute("data-bundle"), location.href).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
  var header = document.getElementById("site-search-query");
  if (header && query) header.value = query;
})();
