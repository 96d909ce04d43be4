/* The page's stylesheets, applied together once all of them have arrived. The head links them
 * for print (media="print", their own media in data-media): so they neither hold up the first
 * paint nor the page's scripts, while the rules the page's own elements need are already in
 * the head (scripts/casekit/critical_css.py). Applied one by one as each arrived, the first
 * would override the head's rules of the next until that one came: a box laid out twice, the
 * header's colours changing. A stylesheet that fails does not keep the others waiting (the
 * page's load event comes once every stylesheet has arrived or failed). */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("link[rel~='stylesheet'][data-media]"));
  var waiting = links.length, applied = false;

  function apply() {
    if (applied) return;
    applied = true;
    links.forEach(function (link) { link.media = link.getAttribute("data-media"); });
  }

  function arrived() {
    waiting -= 1;
    if (waiting <= 0) apply();
  }

  links.forEach(function (link) {
    if (link.sheet) {
      arrived();
    } else {
      link.addEventListener("load", arrived);
      link.addEventListener("error", arrived);
    }
  });
  if (!links.length) return;
  if (document.readyState === "complete") apply();
  else window.addEventListener("load", apply);
})();
