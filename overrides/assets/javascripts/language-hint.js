/* The hint of overrides/partials/language-hint.html: when the first of the browser's preferred
 * languages (navigator.languages) that this page exists in (its <link rel="alternate"
 * hreflang>) is not the page's own, one line in that language links to that version. No
 * redirect; a reader who hides it is not asked again (this browser). Its words come from the
 * page: this file holds none. */
(function () {
  "use strict";
  var hint = document.querySelector(".language-hint");
  if (!hint) return;
  var KEY = "language-hint-hidden";
  try { if (localStorage.getItem(KEY)) return; } catch (error) { /* storage refused: ask every time */ }
  var texts;
  try { texts = JSON.parse(hint.getAttribute("data-hints")); } catch (error) { return; }
  var primary = function (tag) { return String(tag || "").toLowerCase().split("-")[0]; };
  var here = primary(document.documentElement.lang);
  var versions = {};
  versions[here] = location.pathname;
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    var lang = primary(link.getAttribute("hreflang"));
    if (lang === "x" || versions[lang]) return;  // x-default
    try { versions[lang] = new URL(link.href, location.href).pathname; } catch (error) { /* not an address */ }
  });
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language])
    .map(primary).filter(function (lang) { return versions[lang] && texts[lang]; })[0];
  if (!wanted || wanted === here) return;
  var link = hint.querySelector(".language-hint__link");
  link.textContent = texts[wanted];
  link.setAttribute("href", versions[wanted]);
  link.setAttribute("hreflang", wanted);
  link.setAttribute("lang", wanted);
  hint.hidden = false;
  hint.querySelector(".language-hint__close").addEventListener("click", function () {
    hint.hidden = true;
    try { localStorage.setItem(KEY, "1"); } catch (error) { /* hidden for this page only */ }
  });
})();
