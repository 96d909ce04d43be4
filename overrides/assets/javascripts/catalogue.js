/* Catalogue filters and orders: an enhancement over the full list of case cards.
 *
 * The facets come from the page (casekit/facets.py): in a fieldset whose data-mode is "all"
 * every ticked option must match, in one whose mode is "any" one is enough; a year range
 * keeps cases whose period overlaps it, and the panel says how many undated cases it leaves
 * out. Each option shows how many cases it would give and is disabled when that is none. The
 * count of cases is announced in a live region and repeated at the foot of the open panel, with
 * a button leading to the results (sticky on a phone, next to the box just ticked). The order
 * (casekit/views.py SORTS) compares the cards' data attributes: data-title (a sort key of the
 * title in the page's language, made by the build), data-added, data-start. The state lives in
 * the query string (shareable; back and forward work), and the language selector keeps it.
 * Every text comes from the page: this file holds no words of any language.
 */
(function () {
  "use strict";
  var root = document.getElementById("case-filters");
  if (!root || !window.URLSearchParams) return;
  var form = root.querySelector("form");
  var status = document.getElementById("case-list-count");
  var listNote = document.querySelector(".case-list__undated");
  var none = document.querySelector(".case-list__none");
  var total = root.querySelector(".case-filters__total");
  var panelNote = root.querySelector(".case-filters__undated");
  var showButton = root.querySelector(".case-filters__show");
  var sorter = document.getElementById("case-sort");
  var sortBox = sorter ? sorter.parentNode : null;
  var folds = form.querySelectorAll(".case-filters__group");
  var active = document.querySelector(".case-list__active");
  var phone = window.matchMedia("(max-width: 44.9375em)");  // Material's breakpoint for phones
  var texts = {
    count: JSON.parse(root.getAttribute("data-count")),
    show: JSON.parse(root.getAttribute("data-show")),
    undated: JSON.parse(root.getAttribute("data-undated"))
  };
  var plural = new Intl.PluralRules(document.documentElement.lang);
  // numbers as the build writes them (casekit.strings.Strings.number): the pages' regional
  // variant, e.g. es-419 "1,500", nl-NL "1.500"
  var numbers = new Intl.NumberFormat(root.getAttribute("data-locale") || document.documentElement.lang);
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
      start: parseInt(card.getAttribute("data-start"), 10) || null,  // the year of an ISO date
      end: parseInt(card.getAttribute("data-end"), 10) || null,
      began: card.getAttribute("data-start") || "",
      added: card.getAttribute("data-added") || "",
      title: card.getAttribute("data-title") || "",
      slug: card.getAttribute("data-case") || ""
    };
  });
  // the cards are siblings: sorted, they go back before whatever followed the last of them
  var after = cases.length ? cases[cases.length - 1].card.nextSibling : null;

  function say(name, count) {
    var forms = texts[name];
    return (forms[plural.select(count)] || forms.other).replace("{count}", numbers.format(count));
  }

  function compare(a, b) {
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  function byTitle(a, b) {
    return compare(a.title, b.title) || compare(a.slug, b.slug);
  }

  // the orders of casekit/views.py SORTS; ties by title, then by the case's address
  var orders = {
    title: byTitle,
    added: function (a, b) { return compare(b.added, a.added) || byTitle(a, b); },
    period: function (a, b) {  // the latest start first, undated cases last
      return (b.began ? 1 : 0) - (a.began ? 1 : 0) || compare(b.began, a.began) || byTitle(a, b);
    }
  };
  var sorts = sorter ? Array.prototype.map.call(sorter.options, function (option) { return option.value; })
    .filter(function (key) { return orders[key]; }) : [];
  var firstSort = sorts[0] || "title";  // the order of the built page

  function year(name) {
    var value = parseInt(form.elements[name] ? form.elements[name].value : "", 10);
    return isNaN(value) ? null : value;
  }

  function read() {
    var state = { from: year("from"), to: year("to"), sort: sorter && sorts.indexOf(sorter.value) !== -1 ? sorter.value : firstSort };
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

  function yearsSet(state) {
    return state.from !== null || state.to !== null;
  }

  function inYears(item, state) {
    if (!yearsSet(state)) return true;
    if (item.start === null) return false;
    if (state.from !== null && item.end < state.from) return false;
    if (state.to !== null && item.start > state.to) return false;
    return true;
  }

  function inGroups(item, state, except) {
    return groups.every(function (group) {
      return group.name === except || inGroup(item, group, state[group.name]);
    });
  }

  function matches(item, state, except) {
    return inYears(item, state) && inGroups(item, state, except);
  }

  function arrange(key) {
    var sorted = cases.slice().sort(orders[key] || orders[firstSort]);
    sorted.forEach(function (item) { item.card.parentNode.insertBefore(item.card, after); });
  }

  function show(state) {
    var shown = 0;
    var undated = 0;
    cases.forEach(function (item) {
      var ok = matches(item, state);
      item.card.hidden = !ok;
      if (ok) shown += 1;
      else if (item.start === null && yearsSet(state) && inGroups(item, state)) undated += 1;
    });
    groups.forEach(function (group) {
      // "all" groups narrow the current result; "any" groups widen the result of the others
      var pool = cases.filter(function (item) { return matches(item, state, group.mode === "any" ? group.name : null); });
      form.querySelectorAll('input[name="' + group.name + '"]').forEach(function (input) {
        var count = pool.filter(function (item) { return item.values[group.name].indexOf(input.value) !== -1; }).length;
        input.parentNode.querySelector(".case-filters__count").textContent = "(" + numbers.format(count) + ")";
        // an option that would give no case cannot be ticked (a ticked one can always be unticked;
        // the box that has the focus keeps it)
        input.disabled = count === 0 && !input.checked && input !== document.activeElement;
      });
    });
    var count = say("count", shown);
    var note = undated ? say("undated", undated) : "";
    status.textContent = count;
    if (listNote.textContent !== note) listNote.textContent = note;
    total.textContent = count;
    panelNote.textContent = note;
    showButton.textContent = say("show", shown);
    if (none) none.hidden = shown > 0;
    arrange(state.sort);
  }

  function query(state) {
    var params = new URLSearchParams();
    groups.forEach(function (group) {
      state[group.name].forEach(function (value) { params.append(group.name, value); });
    });
    if (state.from !== null) params.set("from", state.from);
    if (state.to !== null) params.set("to", state.to);
    if (state.sort !== firstSort) params.set("sort", state.sort);
    return params.toString();
  }

  function load(params) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
    });
    ["from", "to"].forEach(function (name) {
      if (form.elements[name]) form.elements[name].value = params.get(name) || "";
    });
    if (sorter) sorter.value = sorts.indexOf(params.get("sort")) !== -1 ? params.get("sort") : firstSort;
  }

  function filtered(params) {
    var found = false;
    params.forEach(function (_value, name) { if (name !== "sort") found = true; });
    return found;
  }

  function fold() {
    // on a phone the panel stays short: only the groups with a ticked option are open
    folds.forEach(function (group) {
      group.open = !phone.matches || group.querySelector("input:checked") !== null;
    });
  }

  // the name of a filter in use: an option's label (without its count), or a year's label and value
  function optionName(input) {
    var label = input.parentNode.querySelector("span");
    return label && label.firstChild ? label.firstChild.textContent.trim() : input.value;
  }

  function yearName(input) {
    var label = input.parentNode.firstChild;
    return (label ? label.textContent.trim() + " " : "") + input.value;
  }

  // above the results: each filter in use, a button that removes it (named "Remove the filter …")
  function listActive() {
    if (!active) return;
    var inUse = [];
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (input) {
      inUse.push({ name: optionName(input), input: input });
    });
    ["from", "to"].forEach(function (name) {
      var input = form.elements[name];
      if (input && input.value !== "" && !isNaN(parseInt(input.value, 10))) inUse.push({ name: yearName(input), input: input });
    });
    while (active.firstChild) active.removeChild(active.firstChild);
    inUse.forEach(function (filter) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "case-list__remove";
      button.setAttribute("aria-label", active.getAttribute("data-remove").replace("{label}", filter.name));
      button.textContent = filter.name;
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.className = "case-list__cross";
      cross.textContent = "\u00d7";
      button.appendChild(cross);
      button.addEventListener("click", function () {
        var index = Array.prototype.indexOf.call(active.querySelectorAll("button"), button);
        if (filter.input.type === "checkbox") filter.input.checked = false;
        else filter.input.value = "";
        update(true);
        // the focus goes on to the next filter in use, else to the count of the results
        var left = active.querySelectorAll("button");
        (left[Math.min(index, left.length - 1)] || status).focus();
      });
      item.appendChild(button);
      active.appendChild(item);
    });
    active.hidden = inUse.length === 0;
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
    listActive();
  }

  function showResults() {
    // to the results: their count at the top of the screen, focused (read out, and where Tab goes on)
    status.scrollIntoView({ block: "start" });
    status.focus({ preventScroll: true });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
  showButton.addEventListener("click", showResults);
  if (sorter) sorter.addEventListener("change", function () { update(true); });
  window.addEventListener("popstate", function () { load(new URLSearchParams(location.search)); update(false); });

  var params = new URLSearchParams(location.search);
  load(params);
  fold();
  root.hidden = false;
  if (sortBox) sortBox.hidden = false;
  // a shared filtered link opens on its results: the panel open where there is room beside
  // them, folded on a phone (the count and the filters in use say what is filtered)
  if (filtered(params) && !phone.matches) root.open = true;
  status.setAttribute("aria-live", "polite");
  listNote.setAttribute("aria-live", "polite");
  update(false);
})();
