/* Search as you type, over Pagefind's index of the page's language: under the header's field
 * on every page, and on the search page (whose address keeps the query in ?q=, which the
 * language selector carries to the other languages' search pages).
 *
 * Nothing of the engine is requested before a field gets focus (or, on the search page, is
 * shown). Then every file the first search needs is requested at once, where Pagefind would
 * request them one after the other: its script, its worker, its WebAssembly and the list the
 * build writes beside the index (data-search-files: the index's version and metadata file, the
 * words of each index chunk, each page's address and title, the tags to suggest); as soon as
 * that list is in, the index entry, the metadata and the chunks of the words typed so far.
 * Pagefind, started once its files are in, finds them in the browser's cache. The engine runs
 * in Pagefind's worker. A result shows as soon as the engine finds it (its title and address
 * from the list), its snippet once Pagefind's fragment of the page is in.
 *
 * Once a search has shown its results and their snippets, the rest of the index's chunks are
 * requested in the background (at low priority, a few at a time), so that another word finds
 * its chunk in the browser's cache instead of a round trip away: not when the reader asked to
 * save data (navigator.connection.saveData), nor when the rest weighs more than the build's cap
 * (the list's prefetch_cap). <html data-search-index> then says how it went: "complete", or
 * "on-demand" (each query's chunks come as it needs them).
 *
 * A case is indexed with what the catalogue finds it by, in every language (its "terms":
 * tag labels, countries, organisations, places), after its text; its snippet comes from its
 * text only (the terms are left out of it). A word of a query that finds nothing is answered
 * with the closest word of the index (from the list of the index's words, requested then):
 * "did you mean …?" and that query's results. A query that finds nothing still offers the tags
 * whose label is close to it (from the list), and asks to check the spelling when no word is
 * close. Every text comes from the page (the form's data-search-texts, from the UI strings):
 * this file holds no words of any language.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") {  // a preview opened from disk: the index needs a web server
    var note = document.querySelector(".site-search__needs-server");
    if (note) note.hidden = false;
    return;
  }
  var forms = document.querySelectorAll("form[data-search]");
  if (!forms.length || !window.fetch || !window.URLSearchParams) return;
  var first = forms[0];
  var lang = document.documentElement.lang;
  var bundle = new URL(first.getAttribute("data-search-bundle"), location.href);
  var fileList = new URL(first.getAttribute("data-search-files"), location.href);
  var base = new URL(first.getAttribute("data-search-base"), location.href);
  var searchPage = new URL(first.getAttribute("data-search-page"), location.href);
  var texts = JSON.parse(first.getAttribute("data-search-texts"));
  var plural = new Intl.PluralRules(lang);
  // counts as the build writes numbers (casekit.strings.Strings.number): the page's regional variant
  var numbers = new Intl.NumberFormat(first.getAttribute("data-search-locale") || lang);
  var DROPDOWN_RESULTS = 5, PAGE_RESULTS = 10, DEBOUNCE_MS = 120, SUGGESTIONS = 5, EXCERPT_WORDS = 24;
  // requests of the background download at once: on HTTP/1.1 a browser opens six connections
  // to a host, so two stay free for what the reader is waiting for
  var BACKGROUND_REQUESTS = 4;

  /* --- the engine ---------------------------------------------------------------------- */

  var engine = { api: null, files: null, ready: false, requested: {}, rest: null };

  function inBundle(path) {
    return new URL(path, bundle).href;
  }

  // A promise whose failure is reported where it is awaited, not as an unhandled rejection.
  function quiet(promise) {
    promise.catch(function () {});
    return promise;
  }

  // A file Pagefind will ask for, requested now so that it is in the browser's cache (or on its
  // way) when Pagefind's worker asks. ``priority``: "low" for what no one is waiting for yet.
  function request(path, priority) {
    var url = inBundle(path);
    if (!engine.requested[url]) {
      engine.requested[url] = quiet(fetch(url, priority ? { priority: priority } : {}).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.arrayBuffer();
      }));
    }
    return engine.requested[url];
  }

  // The index chunks that may hold words starting as the query's words do (a word's stem may be
  // shorter than the word: from its first half on).
  function requestChunks(query) {
    if (!engine.files || engine.ready) return;
    query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 3).forEach(function (word) {
      var from = word.slice(0, Math.max(3, Math.ceil(word.length / 2))), to = word + "\uffff";
      engine.files.chunks.forEach(function (chunk) {
        if (chunk[0] <= to && chunk[1] >= from) request(chunk[2]);  // if it fails, Pagefind asks again
      });
    });
  }

  // The index's chunks no query has requested yet, in the background: once, after a search
  // has shown its results (see the top of this file).
  function requestTheRest() {
    if (engine.rest || !engine.files) return;
    var state = document.documentElement.dataset, chunks = engine.files.chunks;
    var rest = chunks.filter(function (chunk) { return !engine.requested[inBundle(chunk[2])]; });
    var bytes = rest.reduce(function (sum, chunk) { return sum + chunk[3]; }, 0);
    var saveData = navigator.connection && navigator.connection.saveData;
    if (saveData || !(bytes <= engine.files.prefetch_cap)) {
      engine.rest = Promise.resolve();
      state.searchIndex = "on-demand";
      return;
    }
    var waiting = chunks.slice(), failed = false, lanes = [];
    function next() {
      var chunk = waiting.shift();
      if (!chunk) return null;
      return request(chunk[2], "low").catch(function () { failed = true; }).then(next);
    }
    for (var lane = 0; lane < BACKGROUND_REQUESTS; lane++) lanes.push(next());
    engine.rest = Promise.all(lanes).then(function () {
      state.searchIndex = failed ? "on-demand" : "complete";  // Pagefind asks again for what failed
    });
  }

  function start() {
    if (engine.api) return engine.api;
    var script = quiet(import(inBundle("pagefind.js")));
    // revalidated every time: the list names the index's current version
    var files = fetch(fileList, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    }).then(function (list) {
      engine.files = list;
      forms.forEach(function (form) { requestChunks(form.elements.q.value); });
      return list;
    });
    var worker = request("pagefind-worker.js");
    var wasm = request("wasm." + lang + ".pagefind");
    engine.api = files.then(function (list) {
      var entry = request(list.entry + "?ts=" + encodeURIComponent(list.version));
      var meta = request(list.meta);
      // Pagefind gives its worker five seconds to start, then falls back to the page (where
      // the policy allows no WebAssembly): it is started once its files are here.
      return Promise.all([script, worker, wasm, entry, meta]);
    }).then(function (loaded) {
      var pagefind = loaded[0];
      return pagefind.options({ basePath: bundle.pathname, baseUrl: base.pathname, metaCacheTag: engine.files.version, excerptLength: EXCERPT_WORDS })
        .then(function () { return pagefind.init(); })
        .then(function () { engine.ready = true; return pagefind; });
    });
    engine.api.catch(function () {  // each search reports it; the next one tries again
      engine.api = null;
      engine.requested = {};
      engine.rest = null;
      engine.words = null;
    });
    return engine.api;
  }

  // The words of the index (a space between two), most frequent first, with their folded
  // forms: requested once, when a word of a query first finds nothing.
  function indexWords() {
    if (!engine.words) {
      engine.words = quiet(request(engine.files.words).then(function (buffer) {
        var all = new TextDecoder().decode(buffer).split(" ").filter(Boolean);
        return { words: all, folded: all.map(fold) };
      }));
      engine.words.catch(function () { engine.words = null; });
    }
    return engine.words;
  }

  /* --- texts and suggestions ----------------------------------------------------------- */

  function text(key, values) {
    var value = texts[key];
    if (value && typeof value === "object") value = value[plural.select(values.count)] || value.other;
    return String(value).replace(/\{(\w+)\}/g, function (all, name) {
      if (!values || !(name in values)) return all;
      return typeof values[name] === "number" ? numbers.format(values[name]) : values[name];
    });
  }

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(value) {
    return fold(value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Edits (insert, delete, replace, swap two neighbours) from one word to the other; past
  // ``most`` (if given), only that it is more (once two rows in a row are past it: a swap
  // reaches back two rows).
  function distance(a, b, most) {
    if (most !== undefined && Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [], before = 0;
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      var least = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i].push(best);
        least = Math.min(least, best);
      }
      if (most !== undefined && i > 0 && least > most && before > most) return most + 1;
      before = least;
    }
    return rows[a.length][b.length];
  }

  // The edits a misspelt word may be from the word meant.
  function allowed(word) {
    return word.length >= 7 ? 2 : 1;
  }

  // The word of the index closest to ``typed`` (folded), the most frequent of the closest;
  // none when the index holds it as typed or no word is close.
  function closest(typed, list) {
    var most = allowed(typed), best = null;
    for (var at = 0; at < list.folded.length; at++) {
      var edits = distance(typed, list.folded[at], most);
      if (edits === 0) return null;
      if (edits <= most && (!best || edits < best.edits)) best = { word: list.words[at], edits: edits };
    }
    return best && best.word;
  }

  // ``query`` with each of the words ``missing`` (folded) replaced by the closest word of the
  // index; null when none has a close word.
  function corrected(query, missing, list) {
    var changed = false;
    var parts = query.split(/([^\p{L}\p{N}]+)/u).map(function (part) {
      var word = fold(part);
      if (missing.indexOf(word) < 0) return part;
      var other = closest(word, list);
      if (!other) return part;
      changed = true;
      return other;
    });
    return changed ? parts.join("") : null;
  }

  // The tags whose label has a word close to a word of the query, closest first.
  function suggestions(query) {
    var asked = words(query).filter(function (word) { return word.length >= 3; });
    if (!engine.files || !asked.length) return [];
    var scored = [];
    engine.files.tags.forEach(function (tag) {
      var score = Infinity;
      words(tag.label).forEach(function (word) {
        asked.forEach(function (typed) {
          // the whole word, or as many letters of it as were typed
          var edits = Math.min(distance(typed, word), typed.length >= 4 ? distance(typed, word.slice(0, typed.length)) : Infinity);
          if (edits <= allowed(typed)) score = Math.min(score, edits);
        });
      });
      if (score < Infinity) scored.push({ tag: tag, score: score });
    });
    scored.sort(function (a, b) { return a.score - b.score || a.tag.label.localeCompare(b.tag.label, lang); });
    return scored.slice(0, SUGGESTIONS).map(function (item) { return item.tag; });
  }

  // Pagefind shortens a word it cannot find until something matches ("acocuntability" finds
  // every "a"): a word of the query counts as found when a word the results matched begins as
  // it does (most of it: a stem may drop an ending). The words of the query not found.
  function unfound(query, pages) {
    var matched = [];
    pages.forEach(function (data) {
      var all = (data.content || "").split(/\s+/);
      (data.locations || []).forEach(function (at) { if (all[at]) matched.push(fold(all[at])); });
    });
    return words(query).filter(function (word) {
      if (word.length < 3) return false;
      var needed = Math.min(word.length, Math.max(4, Math.ceil(word.length * 0.6)));
      return !matched.some(function (other) {
        var same = 0;
        while (same < word.length && word[same] === other[same]) same++;
        return same >= needed;
      });
    });
  }

  /* --- showing results ----------------------------------------------------------------- */

  function element(name, className, content) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  // Pagefind's excerpt is the page's text with <mark> around the words found: only the text
  // and those marks are kept.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = element("p", "site-search-result__excerpt");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(element("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  // A case's snippet from its text, never from its search terms (which end what Pagefind
  // indexed of it: the page's "terms" metadata): the words around most of the words found in
  // the text, those marked; the text's first words when the query matched only its terms.
  function snippet(data) {
    var terms = data.meta && data.meta.terms;
    if (!terms) return data.excerpt ? excerpt(data.excerpt) : null;
    var all = (data.content || "").split(/\s+/);
    var text = all.length - terms.split(/\s+/).filter(Boolean).length;
    var found = (data.locations || []).filter(function (at) { return at < text; }).sort(function (a, b) { return a - b; });
    var start = 0, most = 0;
    found.forEach(function (first, at) {  // the window of EXCERPT_WORDS that holds most of them
      var count = found.slice(at).filter(function (other) { return other < first + EXCERPT_WORDS; }).length;
      if (count > most) { most = count; start = first; }
    });
    start = Math.max(0, Math.min(start - Math.floor(EXCERPT_WORDS / 4), text - EXCERPT_WORDS));
    var out = element("p", "site-search-result__excerpt");
    for (var at = start; at < Math.min(text, start + EXCERPT_WORDS); at++) {
      if (at > start) out.appendChild(document.createTextNode(" "));
      if (found.indexOf(at) >= 0) out.appendChild(element("mark", "", all[at]));
      else out.appendChild(document.createTextNode(all[at]));
    }
    return out;
  }

  // A result's link (and, once Pagefind's fragment of the page is in, its snippet): shown at
  // once from the address and title the build listed, completed later.
  function fill(item, url, title, data) {
    var link = item.querySelector("a") || item.appendChild(element("a", "site-search-result__link"));
    link.href = url;
    link.textContent = title || url;
    var shown = data && !item.querySelector("p") && snippet(data);
    if (shown) item.appendChild(shown);
  }

  // The tags close to ``query``, added to ``box``.
  function addSuggestions(box, query) {
    var close = suggestions(query);
    if (!close.length) return;
    box.appendChild(element("p", "", text("suggestions")));
    var list = element("ul", "site-search-suggestions");
    close.forEach(function (tag) {
      var link = element("a", "md-tag site-search-suggestion", tag.label);
      link.href = new URL(tag.url, base).href;
      list.appendChild(element("li")).appendChild(link);
    });
    box.appendChild(list);
  }

  function nothingFound(query) {
    var box = element("div", "site-search-results__none");
    box.appendChild(element("p", "site-search-results__status", text("no_results", { query: query })));
    box.appendChild(element("p", "", text("check_spelling")));
    addSuggestions(box, query);
    return box;
  }

  function pageWithQuery(page, query) {
    var url = new URL(page, location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    return url;
  }

  /* --- a search field and its results --------------------------------------------------- */

  function Field(form) {
    this.form = form;
    this.input = form.elements.q;
    this.results = form.querySelector(".site-search-results");
    this.dropdown = form.hasAttribute("data-search-dropdown");
    this.shown = this.dropdown ? DROPDOWN_RESULTS : PAGE_RESULTS;
    this.ticket = 0;
    this.found = null;
    this.correction = null;  // {asked, query}: the results shown are those of a corrected query
    this.closed = false;  // the reader closed the results under the header's field (Escape)
    // what screen readers announce: the number of results, or that there is none
    this.live = form.appendChild(element("p", "visually-hidden"));
    this.live.setAttribute("role", "status");
    var field = this;
    this.input.addEventListener("focus", function () { start(); });
    this.input.addEventListener("input", function () { field.changed(); });
    form.addEventListener("submit", function (event) {
      if (field.dropdown) return;  // to the search page, with ?q=
      event.preventDefault();
      field.changed();
    });
    if (this.dropdown) this.dropdownKeys();
  }

  Field.prototype.changed = function () {
    var query = this.input.value.trim();
    if (!this.dropdown) keepQuery(query);
    var ticket = ++this.ticket, field = this;
    this.closed = false;
    if (!query) {
      this.show(null);
      this.live.textContent = "";
      return;
    }
    this.status(text("searching"));
    var api = start();
    requestChunks(query);
    setTimeout(function () {
      if (ticket !== field.ticket) return;
      api.then(function (pagefind) { return pagefind.search(query); })
        .then(function (found) {
          if (ticket !== field.ticket) return;
          field.found = found.results;
          field.correction = null;
          field.shown = field.dropdown ? DROPDOWN_RESULTS : PAGE_RESULTS;
          return field.render(query, ticket);
        })
        .then(function () {
          if (ticket === field.ticket) requestTheRest();
        })
        .catch(function () {
          // offline: say what search can and cannot do without a connection (search.offline)
          if (ticket === field.ticket) field.status(text(navigator.onLine === false ? "offline" : "failed"));
        });
    }, DEBOUNCE_MS);
  };

  Field.prototype.render = function (query, ticket) {
    var field = this, found = this.found;
    if (!found.length) {
      this.show(nothingFound(query));
      this.live.textContent = text("no_results", { query: query });
      return this.correct(query, words(query).filter(function (word) { return word.length >= 3; }), ticket);
    }
    var content = document.createDocumentFragment();
    if (this.correction) {
      content.appendChild(this.didYouMean());
      content.appendChild(this.liveStatus(text("corrected", { query: query }) + " " + text("results", { count: found.length })));
      this.live.textContent = text("no_results", { query: this.correction.asked }) + " " + this.live.textContent;
    } else {
      content.appendChild(this.liveStatus(text("results", { count: found.length })));
    }
    var list = content.appendChild(element("ol", "site-search-results__list"));
    var waits = found.slice(0, this.shown).map(function (item) {
      var entry = list.appendChild(element("li", "site-search-result"));
      var known = engine.files && engine.files.pages[item.id];
      if (known) fill(entry, new URL(known[0], base).href, known[1]);
      return item.data().then(function (data) {
        if (ticket === field.ticket) fill(entry, data.url, data.meta && data.meta.title, data);
        return data;
      }, function () { return null; });  // the link stays, without a snippet
    });
    if (this.dropdown) {
      var all = element("a", "site-search-results__all", text("see_all"));
      all.href = pageWithQuery(searchPage, query).href;
      content.appendChild(element("p")).appendChild(all);
    } else if (found.length > this.shown) {
      var more = element("button", "md-button site-search-results__more", text("more"));
      more.type = "button";
      more.addEventListener("click", function () {
        var next = field.shown;
        field.shown += PAGE_RESULTS;
        field.render(query, field.ticket);
        var links = field.results.querySelectorAll(".site-search-result__link");
        if (links[next]) links[next].focus();
      });
      content.appendChild(more);
    }
    this.show(content);
    return Promise.all(waits).then(function (pages) {
      pages = pages.filter(Boolean);
      if (ticket !== field.ticket || !pages.length || field.correction) return;
      var missing = unfound(query, pages);
      if (!missing.length) return;
      if (missing.length === words(query).filter(function (word) { return word.length >= 3; }).length) {
        field.show(nothingFound(query));  // the results matched none of its words
        field.live.textContent = text("no_results", { query: query });
      } else {
        field.results.insertBefore(nothingFound(missing.join(" ")), list);
      }
      return field.correct(query, missing, ticket);
    });
  };

  // The words ``missing`` of ``query`` found nothing: the query with the closest words of the
  // index instead, searched; its results replace what is shown if it finds any.
  Field.prototype.correct = function (query, missing, ticket) {
    var field = this;
    if (!missing.length || !engine.files || !engine.files.words) return Promise.resolve();
    return Promise.all([start(), indexWords()]).then(function (loaded) {
      var other = corrected(query, missing, loaded[1]);
      if (!other || ticket !== field.ticket) return;
      return loaded[0].search(other).then(function (found) {
        if (ticket !== field.ticket || !found.results.length) return;
        field.found = found.results;
        field.correction = { asked: query, query: other };
        return field.render(other, ticket);
      });
    }).catch(function () {});  // what was shown stays: no results, the tags close to the query
  };

  // Above the results of a corrected query: that the query typed found nothing, the
  // corrected one (a link that searches it), the tags close to the query typed.
  Field.prototype.didYouMean = function () {
    var field = this, asked = this.correction.asked, other = this.correction.query;
    var box = element("div", "site-search-results__none site-search-results__corrected");
    box.appendChild(element("p", "", text("no_results", { query: asked })));
    var line = box.appendChild(element("p", "site-search-results__did-you-mean"));
    var parts = text("did_you_mean").split("{query}");
    line.appendChild(document.createTextNode(parts[0]));
    var link = line.appendChild(element("a", "site-search-correction", other));
    link.href = pageWithQuery(searchPage, other).href;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      field.input.value = other;
      field.input.focus();
      field.changed();
    });
    line.appendChild(document.createTextNode(parts.slice(1).join("{query}")));
    addSuggestions(box, asked);
    return box;
  };

  Field.prototype.liveStatus = function (message) {
    this.live.textContent = message;
    return element("p", "site-search-results__status", message);
  };

  Field.prototype.status = function (message) {
    var content = document.createDocumentFragment();
    content.appendChild(this.liveStatus(message));
    this.show(content);
  };

  Field.prototype.show = function (content) {
    this.results.replaceChildren();
    if (content) this.results.appendChild(content);
    // under the header's field only while the reader is in the form
    if (this.dropdown) this.results.hidden = !content || this.closed || !this.form.contains(document.activeElement);
  };

  // Under the header's field: Down goes to the results, Up and Down move through them, Escape
  // closes them; they close when the focus or a click leaves the form.
  Field.prototype.dropdownKeys = function () {
    var field = this, form = this.form;
    function links() { return Array.prototype.slice.call(form.querySelectorAll(".site-search-results a")); }
    form.addEventListener("keydown", function (event) {
      if (field.results.hidden) return;
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        field.results.hidden = field.closed = true;
        field.input.focus();
      } else if (event.key === "ArrowDown" && all.length) {
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        if (at === 0) field.input.focus();
        else all[at - 1].focus();
      } else {
        return;
      }
      event.preventDefault();
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
        setTimeout(function () { if (!form.contains(document.activeElement)) field.results.hidden = true; }, 0);
      }
    });
    this.input.addEventListener("focus", function () {
      if (field.input.value.trim() && field.results.childNodes.length && !field.closed) field.results.hidden = false;
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) field.results.hidden = true;
    });
  };

  /* --- the search page: ?q= and the language selector ------------------------------------ */

  function keepQuery(query) {
    var url = pageWithQuery(location.href, query);
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    document.querySelectorAll("a.md-select__link").forEach(function (link) {
      if (!link.hasAttribute("data-href")) link.setAttribute("data-href", link.getAttribute("href"));
      link.setAttribute("href", pageWithQuery(link.getAttribute("data-href"), query).href);
    });
  }

  forms.forEach(function (form) {
    var field = new Field(form);
    if (field.dropdown) {
      // focused, or typed in, before this script ran (it runs once the page is parsed)
      if (document.activeElement === field.input) start();
      if (field.input.value.trim()) field.changed();
      return;
    }
    // the search page: the field is shown, so the engine starts; a query in ?q= is searched
    start();
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      field.input.value = query;
      field.changed();
    }
  });
})();
