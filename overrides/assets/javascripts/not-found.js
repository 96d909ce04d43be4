/* "Page not found", at the address the reader typed. A host such as GitHub Pages serves one
 * /404.html for every missing address, whatever its language: that page holds each language's
 * words and the site's page addresses (#not-found-data, JSON written by the build,
 * overrides/404.html). This script puts the page in the language of the address's folder and
 * lists the pages of that language whose address is nearest to the typed one ("did you mean").
 * The address stays as typed (no redirect), so the reader can correct one letter. Without
 * this script the page still says it in the default language, and in each other language on
 * a line of its own. This file holds no words of any language. */
(function () {
  "use strict";
  var source = document.getElementById("not-found-data");
  if (!source) return;
  var data;
  try { data = JSON.parse(source.textContent); } catch (error) { return; }
  var base = data.base;
  var path = location.pathname;
  try { path = decodeURIComponent(path); } catch (error) { /* a malformed escape: the address as it is */ }
  if (path.indexOf(base) !== 0) return;
  var rest = path.slice(base.length);
  var lang = data.default;  // the language whose folder the address is in, else the default one's
  Object.keys(data.languages).forEach(function (code) {
    var prefix = data.languages[code].prefix;
    if (prefix && rest.indexOf(prefix) === 0) lang = code;
  });
  var language = data.languages[lang];
  var typed = rest.slice(language.prefix.length).toLowerCase();

  function text(selector, value) {
    var element = document.querySelector(selector);
    if (element && value) element.textContent = value;
  }

  // the page in the address's language (its own words, direction and links)
  if (document.documentElement.lang !== lang) {
    document.documentElement.lang = lang;
    document.documentElement.dir = language.dir;
    document.title = language.strings.title + " - " + language.strings.site;
    text("[data-not-found=title]", language.strings.title);
    text("[data-not-found=text]", language.strings.text);
    ["home", "catalogue", "search"].forEach(function (name) {
      var link = document.querySelector("[data-not-found=" + name + "]");
      if (!link) return;
      link.textContent = language.strings[name];
      link.setAttribute("href", base + language.prefix + language.links[name]);
    });
    // the header's search field searches this language (search.js reads its data after this runs)
    var form = document.querySelector("form.site-search-form");
    if (form) {
      var search = language.search;
      form.setAttribute("action", base + language.prefix + language.links.search);
      form.setAttribute("data-search-bundle", base + search.bundle);
      form.setAttribute("data-search-files", base + search.files);
      form.setAttribute("data-search-page", base + language.prefix + language.links.search);
      form.setAttribute("data-search-texts", JSON.stringify(search.texts));
      form.setAttribute("data-search-locale", search.locale);
      text("label[for=site-search-query]", search.label);
      var field = form.querySelector("#site-search-query");
      if (field) field.setAttribute("placeholder", search.placeholder);
      var submit = form.querySelector("button[type=submit]");
      if (submit) submit.setAttribute("aria-label", search.submit);
      var results = form.querySelector(".site-search-results");
      if (results) results.setAttribute("aria-label", search.results_label);
    }
    // the line of this language among the others' says the same again: not needed
    document.querySelectorAll("[data-not-found-other]").forEach(function (line) {
      if (line.getAttribute("data-not-found-other") === lang) line.hidden = true;
    });
  }

  // Levenshtein distance, on at most the lengths of two addresses
  function distance(a, b) {
    var previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function trimmed(address) {
    return address.replace(/(index\.html)?$/, "").replace(/\/+$/, "");
  }

  var wanted = trimmed(typed);
  if (!wanted) return;
  var last = wanted.split("/").pop();
  var scored = data.paths.map(function (page) {
    var candidate = trimmed(page);
    // the whole address, and its last part alone (a case typed without its folder)
    var score = Math.min(distance(wanted, candidate), distance(last, candidate.split("/").pop()) + 1);
    return { page: page, score: score };
  }).filter(function (item) {
    return item.score <= Math.max(2, Math.floor(wanted.length / 3));
  }).sort(function (a, b) {
    return a.score - b.score || (a.page < b.page ? -1 : 1);
  }).slice(0, 3);
  var list = document.querySelector("[data-not-found=suggestions]");
  if (!scored.length || !list) return;
  text("[data-not-found=did-you-mean]", language.strings.did_you_mean);
  scored.forEach(function (item) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = base + language.prefix + item.page;
    link.textContent = base + language.prefix + item.page;
    entry.appendChild(link);
    list.appendChild(entry);
  });
  list.parentNode.hidden = false;
})();
