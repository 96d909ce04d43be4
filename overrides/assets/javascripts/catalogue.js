/* Catalogue filters: an enhancement over the full list of case cards.
 *
 * The facets come from the page (casekit/facets.py): in a fieldset whose data-mode is "all"
 * every ticked option must match, in one whose mode is "any" one is enough; a year range
 * keeps cases whose period overlaps it. Each option shows how many cases it would give; the count is announced in a live region. The state lives in the
 * query string (shareable; back and forward work), and the language selector keeps it.
 * Every text comes from the page: this file holds no words of any language.
 */
(function () {
  "use strict";
  var root = document.getElementById("case-filters");
  if (!root || !window.URLSearchParams) return;
  var form = root.querySelector("form");
  var status = document.getElementById("case-list-count");
  var none = document.querySelector(".case-list__none");
  var countText = JSON.parse(root.getAttribute("data-count"));
  var plural = new Intl.PluralRules(document.documentElement.lang);
  var groups = Array.prototype.map.call(form.querySelectorAll("fieldset[data-mode]"), function (fieldset) {
    return { name: fieldset.getAttribute("data-group"), source: fieldset.getAttribute("data-source"),
             mode: fieldset.getAttribute("data-mode") };
  });
  var cases = Array.prototype.map.call(document.querySelectorAll(".case-list .case-card"), function (card) {
    var values = {};  // each facet's values, from the card attribute its fieldset names (casekit/facets.py)
    groups.forEach(function (group) {
      values[group.name] = (card.getAttribute("data-" + group.source) || "").split(" ").filter(Boolean);
    });
    return {
      card: card,
      values: values,
      start: parseInt(card.getAttribute("data-start"), 10) || null,
      end: parseInt(card.getAttribute("data-end"), 10) || null
    };
  });

  function year(name) {
    var value = parseInt(form.elements[name] ? form.elements[name].value : "", 10);
    return isNaN(value) ? null : value;
  }

  function read() {
    var state = { from: year("from"), to: year("to") };
    groups.forEach(function (group) {
      state[group.name] = Array.prototype.filter.call(form.querySelectorAll('input[name="' + group.name + '"]'),
        function (input) { return input.checked; }).map(function (input) { return input.value; });
    });
    return state;
  }

  function inGroup(item, group, selected) {
    if (!selected.length) return true;
    var have = item.values[group.name];
    var has = function (value) { return have.indexOf(value) !== -1; };
    return group.mode === "all" ? selected.every(has) : selected.some(has);
  }

  function inYears(item, state) {
    if (state.from === null && state.to === null) return true;
    if (item.start === null) return false;
    if (state.from !== null && item.end < state.from) return false;
    if (state.to !== null && item.start > state.to) return false;
    return true;
  }

  function matches(item, state, except) {
    return inYears(item, state) && groups.every(function (group) {
      return group.name === except || inGroup(item, group, state[group.name]);
    });
  }

  function show(state) {
    var shown = 0;
    cases.forEach(function (item) {
      var ok = matches(item, state);
      item.card.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      // "all" groups narrow the current result; "any" groups widen the result of the others
      var pool = cases.filter(function (item) { return matches(item, state, group.mode === "any" ? group.name : null); });
      form.querySelectorAll('input[name="' + group.name + '"]').forEach(function (input) {
        var count = pool.filter(function (item) { return item.values[group.name].indexOf(input.value) !== -1; }).length;
        input.parentNode.querySelector(".case-filters__count").textContent = "(" + count + ")";
      });
    });
    var text = countText[plural.select(shown)] || countText.other;
    status.textContent = text.replace("{count}", shown);
    if (none) none.hidden = shown > 0;
  }

  function query(state) {
    var params = new URLSearchParams();
    groups.forEach(function (group) {
      state[group.name].forEach(function (value) { params.append(group.name, value); });
    });
    if (state.from !== null) params.set("from", state.from);
    if (state.to !== null) params.set("to", state.to);
    return params.toString();
  }

  function load(params) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
    });
    ["from", "to"].forEach(function (name) {
      if (form.elements[name]) form.elements[name].value = params.get(name) || "";
    });
  }

  function keepPlaceInLanguageLinks() {
    document.querySelectorAll("a.md-select__link").forEach(function (link) {
      if (!link.hasAttribute("data-href")) link.setAttribute("data-href", link.getAttribute("href"));
      link.setAttribute("href", link.getAttribute("data-href") + location.search);
    });
  }

  function update(push) {
    var state = read();
    show(state);
    var search = query(state);
    var url = location.pathname + (search ? "?" + search : "") + location.hash;
    if (push && url !== location.pathname + location.search + location.hash) history.pushState(null, "", url);
    keepPlaceInLanguageLinks();
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
  window.addEventListener("popstate", function () { load(new URLSearchParams(location.search)); update(false); });

  load(new URLSearchParams(location.search));
  root.hidden = false;
  if (location.search) root.open = true;
  status.setAttribute("aria-live", "polite");
  update(false);
})();
