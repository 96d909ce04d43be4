#!/usr/bin/env python3
"""Benchmark the site build on a synthetic collection of N cases in three languages.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import gzip
import http.server
import io
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import bootstrap  # noqa: E402

bootstrap.use_venv("requirements-test.txt", also=("playwright",))  # the pinned packages (.venv)

import yaml  # noqa: E402

from casekit import cli, layout, project, urls, views  # noqa: E402
from casekit.messages import _  # noqa: E402

LANGS = project.languages(ROOT)
DESCRIPTION = _("""\
Benchmark the site build on a synthetic collection of N cases in every language of the site.

Makes, in a temporary directory, N cases from the real ones, builds the full site once and
prints one line per figure: build wall time and peak memory, output size, the HTML size of a
case page, the compressed bytes of a first visit to a case page and of what a reader downloads
to search, per language; then, in Chromium (when /usr/bin/chromium exists) on a slow link (a
phone's width, slow 3G, a CPU four times slower): the first contentful paint of a case page,
how long search takes to show its first result, cold and once loaded, and for a page of each
type, when it is interactive, painted and laid out. On a shared machine these vary from run to
run: compare medians of runs interleaved with the code to compare with, as --compare REV does:
it also builds as many cases with the commit REV (its own cases and code, this checkout's
packages), the two builds taking turns, and prints REV's build figures and the ratio of the
build times. With --compare-stock it also builds the same collection with a stock configuration
and prints the ratio.""")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
COUNTRIES = ["CO", "IQ", "BI", "RS", "KE", "PE", "EC", "JO", "LB", "UG", "RW", "BA", "MK", "AL", "GT", "HN", "PH", "NP", "BD", "ET"]


def make_collection(dest: Path, count: int, seed: int = 1, source: Path = ROOT) -> Path:
    """Copy what the build of ``source`` (this checkout, or another commit's files) reads to
    ``dest`` and replace the cases by ``count`` synthetic ones."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(source / "mkdocs.yml", dest / "mkdocs.yml")
    cases_dir = dest / "docs" / "cases"
    originals = sorted(p for p in cases_dir.iterdir() if p.is_dir())
    sources = [(p.name, yaml.safe_load((p / "case.yml").read_text(encoding="utf-8")),
                {f.name: f.read_text(encoding="utf-8") for f in p.glob("index*.md")}) for p in originals]
    for path in originals:
        shutil.rmtree(path)
    vocab = yaml.safe_load((dest / "docs" / "tags.yml").read_text(encoding="utf-8"))["tags"]
    tag_ids = [tag for tag, entry in vocab.items() if entry["facet"] != "region"]
    rng = random.Random(seed)
    for index in range(count):
        base, facts, texts = sources[index % len(sources)]
        slug = f"{base}-{index:05d}"
        facts = dict(facts)
        country = rng.choice(COUNTRIES)
        facts.pop("venue", None)
        facts.update(countries=[country], tags=rng.sample(tag_ids, rng.randint(5, 9)))
        if rng.random() < 0.7:
            start = rng.randint(1995, 2025)
            facts.update(start=f"{start}-{rng.randint(1, 12):02d}", end=f"{min(start + rng.randint(0, 3), 2026)}-{rng.randint(1, 12):02d}")
            if facts["end"] < facts["start"]:
                facts["end"] = facts["start"]
        facts["added"] = f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        folder = cases_dir / slug
        folder.mkdir()
        (folder / "case.yml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for name, text in texts.items():
            text = re.sub(r"^title: (.*)$", lambda m, n=index + 1: f"title: \"{m.group(1).strip(chr(34))} ({n})\"", text, count=1, flags=re.M)
            (folder / name).write_text(text, encoding="utf-8")
    return dest


def stock_config(project: Path) -> Path:
    """The same content with a stock setup: every case in the sidebar, Material's search with
    mkdocs-static-i18n's combined index, languages built one after the other (plain `mkdocs
    build`). The site's plugin stays (the pages need it)."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"not_in_nav: \|\n(  .*\n)+", "", config)
    config = re.sub(r"nav:\n(  - .*\n)+", "", config)
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    config = config.replace("reconfigure_search: false", "reconfigure_search: true")
    (project / "overrides" / "sitemap.xml").unlink(missing_ok=True)
    config = config.replace("validation:\n  omitted_files: warn\n", "validation:\n  omitted_files: info\n")
    path = project / "mkdocs-stock.yml"
    path.write_text(config, encoding="utf-8")
    return path


def _tree_memory(pid: int, proportional: bool) -> tuple[int, int]:
    """Memory of ``pid`` and all its descendants, in bytes (Linux /proc): (resident, proportional).
    Resident counts a page shared by forked processes once per process (an upper bound);
    proportional (PSS) splits it between them: what the build takes from the machine. Reading
    PSS walks each process's memory map and slows it, so it is read only when asked (else 0)."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss += int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) * 1024
            if proportional:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                pss += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return rss, pss


def timed_build(project: Path, config: Path, site: Path, stock: bool = False) -> tuple[float, tuple, int, int]:
    """Build as deployed (scripts/build.py: one process per language), or with a plain
    `mkdocs build` for the stock comparison; return (wall seconds, (user, system) CPU seconds of all its processes, peak resident and peak
    proportional memory in bytes of the build's processes together, sampled every 50 and 500 ms)."""
    # the project's own plugin and casekit, not those this checkout installed (another commit's, with --compare)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(project / "scripts"), os.environ.get("PYTHONPATH")]))}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = ([sys.executable, "-m", "mkdocs", "build", "-q"] if stock else [sys.executable, str(project / "scripts" / "build.py")])
    proc = subprocess.Popen([*command, "-f", str(config), "-d", str(site)],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0, 0]

    def sample():
        count = 0
        while proc.poll() is None:
            rss, pss = _tree_memory(proc.pid, proportional=count % 10 == 0)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            count += 1
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read()
    proc.wait()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"error: the build failed:\n{output.decode(errors='replace')}")
    return seconds, cpu, peak[0], peak[1]


def checkout(rev: str, dest: Path) -> str | None:
    """The files of the commit ``rev`` of this repository, written to ``dest`` (git archive: no
    worktree left registered); its short name, or None when ``rev`` names no commit here."""
    try:
        found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", "--short", f"{rev}^{{commit}}"],
                               capture_output=True, text=True)
    except OSError:  # no git
        return None
    if found.returncode != 0 or not found.stdout.strip():
        return None
    short = found.stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", short], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return short


def build_in_turns(projects: list, work: Path, repeat: int) -> list:
    """Each of ``projects`` (a synthetic collection) built ``repeat`` times, in turns (A B A B …),
    so that a machine that speeds up or slows down during the runs affects each alike. For each,
    (its first site, its runs sorted from the fastest): the other runs' sites are removed."""
    runs = [[] for _ in projects]
    extra = []
    for run in range(repeat):
        for index, project_dir in enumerate(projects):
            # each build writes a new folder, and they are deleted only once all have run: deleting
            # one between builds would time the file system's cleanup too (on ext4, creating files
            # right after deleting thousands is slower)
            site = work / (f"site-{index}" if index else "site") if run == 0 else work / f"site-{index}-{run + 1}"
            runs[index].append(timed_build(project_dir, project_dir / "mkdocs.yml", site))
            if run:
                extra.append(site)
    for site in extra:
        shutil.rmtree(site)
    return [(work / (f"site-{index}" if index else "site"), sorted(results, key=lambda result: result[0]))
            for index, results in enumerate(runs)]


def print_build(runs: list, site: Path, project_dir: Path, label: str = "") -> float:
    """The build's figures (``label`` after each name: the compared commit's); the median wall time."""
    seconds, cpu, _rss, _pss = runs[len(runs) // 2]
    rss, pss = max(result[2] for result in runs), max(result[3] for result in runs)
    if len(runs) == 1:
        print(f"build time{label}: {seconds:.2f} s")
    else:
        print(f"build time{label}: {seconds:.2f} s (median of {len(runs)}; fastest {runs[0][0]:.2f} s;"
              f" all: {', '.join(f'{result[0]:.2f}' for result in runs)})")
    print(f"build cpu time{label}: {sum(cpu):.2f} s (all processes: user {cpu[0]:.2f} s, system {cpu[1]:.2f} s)")
    print(f"build peak memory{label}: {pss / 2**20:.0f} MB (proportional; resident, shared pages counted per process: {rss / 2**20:.0f} MB)")
    print(f"output size{label}: {tree_size(site) / 2**20:.1f} MB in {sum(1 for _ in site.rglob('*') if _.is_file())} files")
    first = sorted(p.name for p in (project_dir / "docs" / "cases").iterdir() if p.is_dir())[0]
    langs = project.languages(project_dir)
    for lang in langs:
        print(f"case page html ({lang}){label}: {kb((site / views.prefix(lang, langs[0]) / 'cases' / first / 'index.html').stat().st_size)}")
    return seconds


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def first_visit_bytes(site: Path, page: str) -> tuple[int, list]:
    """Compressed bytes of a case page and what it loads at once (CSS, JS, fonts, icon)."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    total = gz(html.encode())
    assets = re.findall(r'<link[^>]+rel="(?:stylesheet|icon)"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    assets = list(dict.fromkeys(assets))  # once each: the <noscript> names the stylesheets again
    offsite = [a for a in assets if re.match(r"^(https?:)?//", a)]
    for asset in assets:
        if asset in offsite:
            continue
        target = (html_path.parent / asset.split("?")[0]).resolve()
        total += gz(target.read_bytes())
    return total, offsite


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _StaticHost(_Quiet):
    """Serves the site as a static host such as GitHub Pages does: text compressed with gzip
    when the browser accepts it, every file cacheable for ten minutes (Cache-Control:
    max-age=600). Pagefind's index files are compressed already and sent as they are."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.name.endswith(self.COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def _serving(site: Path, handler=_Quiet):
    """The site served on 127.0.0.1 (a free port) while the block runs; yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def _playwright():
    """Playwright's sync API when it and Chromium are installed, else None."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


# The slow link of the search figures: Chromium at a phone's width on slow 3G (2 s round trip,
# 50 KB/s each way) with a CPU four times slower, set through the DevTools protocol.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
CPU_SLOWDOWN = 4
SEARCH_FIELD = "#site-search-query"  # the header's search field, on every page
SEARCH_RESULT = ".site-search-result a"  # a result's link, under the field or on the search page
# a result of the word offered for a misspelt one, after "did you mean …?"
SEARCH_CORRECTED_RESULT = ".site-search-results__corrected ~ .site-search-results__list .site-search-result a"
INDEX_STATE = "() => document.documentElement.dataset.searchIndex"  # set by search.js: how the rest of the index went
BACKGROUND_TIMEOUT = 300  # seconds to wait for the rest of the index on the slow link


def searched_texts(project: Path, lang: str) -> tuple[list, bool]:
    """The case texts a search in ``lang`` runs on, and whether they are its own: its published
    texts; when it has none (a language just added, not translated yet), the originals its case
    pages show instead (Pagefind indexes the text a page shows, whatever its language)."""
    default = LANGS[0]
    own, shown = [], []
    for folder in sorted(p.parent for p in (project / "docs" / "cases").glob("*/case.yml")):
        facts = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8")) or {}
        original = facts.get("original_language") or default
        text = folder / layout.text_filename(lang, default)
        if text.is_file() and (lang == original or lang not in (facts.get("pending") or [])):
            own.append(text)
        elif (folder / layout.text_filename(original, default)).is_file():
            shown.append(folder / layout.text_filename(original, default))
    return (own, True) if own else (shown, False)


def search_words(project: Path, lang: str) -> tuple:
    """Three words to search for in ``lang``: the most frequent long word of the texts a search
    in it runs on (searched_texts), then the most frequent one that starts with a letter none
    of the words before starts with (most likely in another chunk of the index), twice. Taken
    from the texts, so that any language of the registry has its own; () when there is no text
    to search at all."""
    counts = collections.Counter()
    for path in searched_texts(project, lang)[0]:
        counts.update(word.lower() for word in re.findall(r"[^\W\d_]{8,}", path.read_text(encoding="utf-8")))
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    if not ranked:
        return ()
    words = [ranked[0]]
    for _round in range(2):
        words.append(next((word for word in ranked if word[0] not in {other[0] for other in words}), ranked[-1]))
    return tuple(words)


def search_bytes(site: Path, project: Path) -> dict:
    """Compressed bytes a reader downloads to run one search, per language (in Chromium): the
    search page opened with a query (search_words), until its results are shown; and apart,
    what search.js then fetches of the rest of the index in the background (until it says how
    that went). {lang: (query bytes, files, background bytes, files)}."""
    sync_playwright = _playwright()
    if sync_playwright is None:
        return {}
    out = {}
    with _serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for lang in LANGS:
            words = search_words(project, lang)
            if not words:
                continue  # nothing to search for (main says so)
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            background = _background_requests(cdp)
            fetched = []
            page.on("requestfinished", lambda request, fetched=fetched: "/pagefind/" in request.url and fetched.append(request))
            prefix = views.prefix(lang, LANGS[0])
            page.goto(f"{base}{prefix}search/?q={words[0]}")
            page.wait_for_selector(SEARCH_RESULT, timeout=30000)
            _wait_for_the_rest(page, 120)
            page.wait_for_load_state("networkidle")
            rest = {request[3] for request in background.values()}
            sizes = {False: [0, 0], True: [0, 0]}  # by whether it came in the background: bytes, files
            for request in fetched:
                body = request.response().body()
                # Pagefind's index files are gzipped already; text files are compressed by the host
                size = len(body) if request.url.split("?")[0].endswith((".pf_index", ".pf_fragment", ".pf_meta", ".pagefind")) else gz(body)
                sizes[request.url in rest][0] += size
                sizes[request.url in rest][1] += 1
            out[lang] = (*sizes[False], *sizes[True])
            page.close()
        browser.close()
    return out


def _slow_page(browser):
    """A new browser context (cold cache), page and DevTools session on the slow link."""
    # No service worker: the site's offline worker (overrides/sw.js) would fetch for the page,
    # and its requests are not slowed by the page's throttling, so every figure after the first
    # page would be measured on a fast link.
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page, cdp


def _background_requests(cdp) -> dict:
    """The requests for index chunks that search.js makes in the background (at low priority),
    as they happen: request id -> [start, end (DevTools timestamps, seconds), bytes received,
    address]."""
    seen = {}

    def sent(event):
        if "/pagefind/index/" in event["request"]["url"] and event["request"].get("initialPriority") == "Low":
            seen[event["requestId"]] = [event["timestamp"], None, 0, event["request"]["url"]]

    def finished(event):
        if event["requestId"] in seen:
            seen[event["requestId"]][1:3] = [event["timestamp"], event["encodedDataLength"]]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    return seen


def _wait_for_the_rest(page, timeout: float) -> str | None:
    """How search.js says the rest of the index went ("complete", "on-demand"), once it says
    so; None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate(INDEX_STATE)
        if state:
            return state
        time.sleep(0.2)
    return None


def _time_search(page, word: str) -> float:
    """Seconds from focusing the header's field and typing ``word`` to the first result shown."""
    page.fill(SEARCH_FIELD, "")
    page.wait_for_selector(SEARCH_RESULT, state="hidden", timeout=120000)
    start = time.perf_counter()
    page.focus(SEARCH_FIELD)
    page.keyboard.insert_text(word)  # typed at once: no head start for the engine while typing
    page.wait_for_selector(SEARCH_RESULT, state="visible", timeout=120000)
    return time.perf_counter() - start


def _time_misspelt(page, word: str) -> float:
    """Seconds from typing ``word`` misspelt (two letters swapped) to the first result of the
    closest word of the index that search.js offers instead ("did you mean …?")."""
    at = next((at for at in range(1, len(word) - 1) if word[at] != word[at + 1]), 0)
    misspelt = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    page.fill(SEARCH_FIELD, "")
    page.wait_for_selector(SEARCH_RESULT, state="hidden", timeout=120000)
    start = time.perf_counter()
    page.focus(SEARCH_FIELD)
    page.keyboard.insert_text(misspelt)
    page.wait_for_selector(SEARCH_CORRECTED_RESULT, state="visible", timeout=120000)
    return time.perf_counter() - start


def slow_link(site: Path, path: str, words: tuple) -> dict:
    """On the slow link (PHONE, SLOW_3G, CPU_SLOWDOWN), from a cold cache: the first
    contentful paint of the page at ``path`` (seconds), then, on that page, the seconds from
    typing a query to its first result: cold (nothing of the search loaded yet), warm (the same
    query again once the engine is loaded), another word right after (the rest of the index may
    still be coming in the background), and a third word once search.js says the rest of the
    index is in (BACKGROUND_TIMEOUT at most), and the first word misspelt ("misspelt": to the
    first result of the word offered instead). "background": (how the rest went, or None when
    it had not ended in time; the seconds from its first request to its last response; the
    bytes received; the files)."""
    sync_playwright = _playwright()
    if sync_playwright is None:
        return {}
    with _serving(site, _StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context, page, cdp = _slow_page(browser)
            background = _background_requests(cdp)
            page.goto(base + path, wait_until="load", timeout=120000)
            paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
            page.wait_for_load_state("networkidle", timeout=120000)
            out = {"fcp": paint / 1000, "cold": _time_search(page, words[0])}
            out["warm"] = _time_search(page, words[0])
            out["right after"] = _time_search(page, words[1])
            state = _wait_for_the_rest(page, BACKGROUND_TIMEOUT)
            done = [request for request in background.values() if request[1] is not None]
            seconds = max(request[1] for request in done) - min(request[0] for request in done) if done else 0.0
            out["background"] = (state, seconds, sum(request[2] for request in done), len(done))
            out["another"] = _time_search(page, words[2])
            out["misspelt"] = _time_misspelt(page, words[0])
            context.close()
        finally:
            browser.close()
    return out


# What a reader meets on a page, recorded by the page itself from the start (an init script):
# the layout shifts not caused by input, summed as Chromium's cumulative layout shift does
# (the largest session window: shifts less than 1 s apart, 5 s at most); the end of
# DOMContentLoaded is read from the navigation timing.
_WATCH = """(() => {
  // (the page's <html> does not exist yet when this runs: the document is observed)
  new MutationObserver((changes, observer) => {
    if (document.documentElement && document.documentElement.hasAttribute("data-ready")) { window.__ready = performance.now(); observer.disconnect(); }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
  const shifts = window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push([entry.startTime, entry.value]);
  }).observe({ type: "layout-shift", buffered: true });
})()"""
_CLS = """() => {
  let best = 0, sum = 0, first = -1, last = -1;
  for (const [time, value] of window.__shifts || []) {
    if (first < 0 || time - last > 1000 || time - first > 5000) { sum = 0; first = time; }
    sum += value; last = time;
    best = Math.max(best, sum);
  }
  return best;
}"""
# When the page is interactive: the site's own scripts have run (ready.js, the last of them,
# sets <html data-ready>; a page without it: every script ran, at the end of DOMContentLoaded).
# Milliseconds from the start of the navigation, null until then.
_READY = """() => window.__ready || (document.documentElement.hasAttribute("data-ready") ? null
  : (performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventEnd || null)"""
# When every script the page names has run, the theme's too (the end of DOMContentLoaded)
_SCRIPTS = "() => (performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventEnd || null"
# When every stylesheet the page links has arrived (what scripts add is styled by them).
_STYLED = """() => {
  const sheets = new Set([...document.querySelectorAll('link[rel~="stylesheet"][href]')].map((link) => link.href));
  let last = 0;
  for (const entry of performance.getEntriesByType("resource")) {
    if (sheets.delete(entry.name)) last = Math.max(last, entry.responseEnd);
  }
  return sheets.size ? null : last;
}"""
_FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"


def _wait_for(page, expression: str, timeout: float):
    """The value of ``expression`` in the page once it is not null (polled), or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value is not None:
            return value
        time.sleep(0.1)
    return None


def page_load(browser, url: str) -> dict:
    """One cold visit to ``url`` on the slow link: first contentful paint, interactive (_READY),
    styled (_STYLED), in seconds from the start of the navigation; the cumulative layout shift until the
    network is idle; and when each request started (seconds, in the order they started)."""
    context, page, cdp = _slow_page(browser)
    started = {}
    cdp.on("Network.requestWillBeSent", lambda event: started.setdefault(event["request"]["url"], event["timestamp"]))
    try:
        page.add_init_script(_WATCH)
        page.goto(url, wait_until="load", timeout=120000)
        page.wait_for_load_state("networkidle", timeout=120000)
        ready, scripts, styled = _wait_for(page, _READY, 30), _wait_for(page, _SCRIPTS, 30), _wait_for(page, _STYLED, 30)
        fcp = page.evaluate(_FCP)
        zero = min(started.values())
        return {"fcp": fcp / 1000, "ready": ready / 1000 if ready else None, "styled": styled / 1000 if styled else None,
                "scripts": scripts / 1000 if scripts else None,
                "cls": page.evaluate(_CLS),
                "requests": sorted((round(when - zero, 2), address) for address, when in started.items())}
    finally:
        context.close()


def search_at_first_paint(browser, url: str, word: str) -> float:
    """Seconds from typing ``word`` into the header's search field as soon as the page shows
    (its first contentful paint, from a cold cache, on the slow link) to the first result."""
    context, page, _cdp = _slow_page(browser)
    try:
        page.goto(url, wait_until="commit", timeout=120000)
        page.wait_for_function(_FCP, polling=50, timeout=120000)
        page.wait_for_selector(SEARCH_FIELD, state="attached", timeout=120000)
        start = time.perf_counter()
        page.focus(SEARCH_FIELD)
        page.keyboard.insert_text(word)
        page.wait_for_selector(SEARCH_RESULT, state="visible", timeout=120000)
        return time.perf_counter() - start
    finally:
        context.close()


def page_types(site: Path, lang: str) -> dict:
    """A page of each type in ``lang``'s part of the site: {name: path}, the site's first case and
    tag page (by name), the home page, the catalogue, the search page, the not-found page."""
    prefix = views.prefix(lang, LANGS[0])
    root = site / prefix if prefix else site
    out = {"home page": prefix, "catalogue": f"{prefix}cases/", "search page": f"{prefix}search/", "not-found page": f"{prefix}404.html"}
    case = sorted(p.parent.name for p in (root / "cases").glob("*/index.html"))
    tag = sorted(p.parent.name for p in (root / "tags").glob("*/index.html"))
    if case:
        out["case page"] = f"{prefix}cases/{case[0]}/"
    if tag:
        out["tag page"] = f"{prefix}tags/{tag[0]}/"
    return {name: path for name, path in out.items() if (site / (path + "index.html" if path.endswith("/") or not path else path)).is_file()}


def page_loads(site: Path, pages: dict) -> dict:
    """page_load of each of ``pages`` ({name: path}) served as a static host serves them."""
    sync_playwright = _playwright()
    if sync_playwright is None:
        return {}
    with _serving(site, _StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return {name: page_load(browser, base + path) for name, path in pages.items()}
        finally:
            browser.close()


def search_from_first_paint(site: Path, path: str, word: str) -> float | None:
    sync_playwright = _playwright()
    if sync_playwright is None:
        return None
    with _serving(site, _StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return search_at_first_paint(browser, base + path, word)
        finally:
            browser.close()


def stalled_page(site: Path, path: str) -> float | None:
    """Seconds until a page opened before (kept by the offline worker) shows its heading again
    when the server never answers for it (the request held: a stalled network), at a phone's
    width; None without Chromium."""
    sync_playwright = _playwright()
    if sync_playwright is None:
        return None
    with _serving(site, _StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(base + path, wait_until="load", timeout=120000)
            kept = "async (address) => !!navigator.serviceWorker.controller && !!(await caches.match(address))"
            deadline = time.monotonic() + 60
            while not page.evaluate(kept, page.url):
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.1)
            held = []
            context.route(page.url, lambda route: held.append(route))  # never answered
            start = time.perf_counter()
            page.reload(wait_until="commit", timeout=120000)
            page.wait_for_selector("article h1", state="visible", timeout=120000)
            seconds = time.perf_counter() - start
            context.unroute(page.url)
            context.close()
            return seconds
        finally:
            browser.close()


def preview_seconds(project: Path, slug: str) -> float | None:
    """Seconds from saving an edit to a case until the open page in Chromium shows it, with the
    live preview as scripts/serve.py runs it (mkdocs serve --dirty)."""
    sync_playwright = _playwright()
    if sync_playwright is None:
        return None
    import socket
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/cases/{slug}/"
    try:
        deadline = time.time() + 600
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    return None
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url, wait_until="load")  # livereload keeps a request open: no "network idle"
            time.sleep(1)  # let the watcher settle after the first build
            text_file = project / "docs" / "cases" / slug / "index.md"
            text = text_file.read_text(encoding="utf-8")
            start = time.perf_counter()
            text_file.write_text(re.sub(r"^title: \"?(.*?)\"?$", r'title: "\1 (edited)"', text, count=1, flags=re.M), encoding="utf-8")
            page.wait_for_function("() => (document.querySelector('article.case h1') || {}).textContent?.includes('(edited)')", timeout=120000)
            seconds = time.perf_counter() - start
            browser.close()
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def main(argv=None) -> int:
    parser = cli.Parser(cli.language(LANGS, argv, option=None), DESCRIPTION)
    parser.add_argument("--cases", type=int, default=100, help=_("how many synthetic cases (default: 100)"))
    parser.add_argument("--compare-stock", action="store_true", help=_("also build with a stock configuration and print the ratio"))
    parser.add_argument("--preview", action="store_true", help=_("also measure how fast the live preview shows an edit to one case"))
    parser.add_argument("--repeat", type=int, default=1, metavar="K",
                        help=_("build K times and print the median and the fastest (default: 1); on a shared or virtual "
                               "machine one build can take a third longer than the next"))
    parser.add_argument("--keep", metavar="DIR", help=_("build in DIR and keep it (default: a temporary directory, removed)"))
    parser.add_argument("--compare", metavar="REV",
                        help=_("also build as many cases with the commit REV of this repository (a commit, tag or branch), "
                               "the two builds taking turns, and print its build figures after these"))
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(_("--repeat {count}: must be at least 1. Fix: give a whole number of 1 or more.", count=args.repeat))
    if args.cases < 1:
        parser.error(_("--cases {count}: must be at least 1. Fix: give a whole number of 1 or more.", count=args.cases))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        if work.exists() and any(work.iterdir()):
            parser.error(_("--keep {folder}: the folder is not empty. Fix: name a new or empty folder.", folder=work))
        compared = None
        if args.compare:
            compared = checkout(args.compare, work / "compared-source")
            if compared is None:
                parser.error(_("--compare {rev}: not a commit of this repository. Fix: give a commit, tag or branch that "
                               "`git log --oneline` lists (git must be installed).", rev=args.compare))
        project = make_collection(work / "project", args.cases)
        projects = [project]
        if compared:
            projects.append(make_collection(work / "compared", args.cases, source=work / "compared-source"))
        print(f"cases: {args.cases} x {len(LANGS)} languages")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        (site, runs), *other = build_in_turns(projects, work, args.repeat)
        seconds = print_build(runs, site, project)
        if compared:
            (other_site, other_runs), = other
            other_seconds = print_build(other_runs, other_site, projects[1], label=f" ({compared})")
            print(f"build time against {compared}: {seconds / other_seconds:.3f}x (median against median, the builds in turns)")
        first = sorted(p.name for p in (project / "docs" / "cases").iterdir() if p.is_dir())[0]
        total, offsite = first_visit_bytes(site, f"cases/{first}")
        print(f"first visit to a case page (compressed): {kb(total)}")
        print(f"requests off the site on a case page: {len(offsite)}")
        measured = search_bytes(site, project)
        for lang in LANGS:
            if not search_words(project, lang):
                print(f"search download ({lang}): not measured (no case text to search in {lang}, nor an original its pages show)")
                continue
            if not searched_texts(project, lang)[1]:
                print(f"search text ({lang}): none of its own (no case text in {lang} yet); searched in the originals its case pages show")
            if lang in measured:
                size, files, rest, rest_files = measured[lang]
                print(f"search download ({lang}, one query, compressed): {kb(size)} in {files} files")
                print(f"search download ({lang}, then the rest of the index in the background, compressed): {kb(rest)} in {rest_files} files")
                words_file = site / views.prefix(lang, LANGS[0]) / urls.SEARCH_BUNDLE / urls.SEARCH_WORDS
                print(f"search words for corrections ({lang}, requested at a first misspelt word, compressed): {kb(gz(words_file.read_bytes()))}")
            else:
                print(f"search download ({lang}): not measured (needs Chromium at /usr/bin/chromium)")
        words = search_words(project, LANGS[0])
        slow = slow_link(site, f"cases/{first}/", words) if words else {}
        if slow:
            print(f"case page first contentful paint (slow 3G, 4x slower CPU): {slow['fcp']:.2f} s")
            print(f"first search result on a case page, cold (slow 3G, 4x slower CPU): {slow['cold']:.2f} s")
            print(f"search result, same query once the engine is loaded (slow 3G, 4x slower CPU): {slow['warm']:.2f} s")
            print(f"search result, another word right after (slow 3G, 4x slower CPU): {slow['right after']:.2f} s")
            state, seconds_rest, size, files = slow["background"]
            if state == "complete":
                print(f"search index, the rest in the background after a first search (slow 3G, 4x slower CPU):"
                      f" {seconds_rest:.2f} s, {kb(size)} compressed in {files} files")
            else:
                print("search index, the rest in the background after a first search (slow 3G, 4x slower CPU): "
                      + (f"not complete after {BACKGROUND_TIMEOUT} s" if state is None else f"not fetched ({state})")
                      + f"; {kb(size)} compressed in {files} files")
            print(f"search result, another word once the engine is loaded (slow 3G, 4x slower CPU): {slow['another']:.2f} s"
                  + ("" if state == "complete" else " (the rest of the index not in)"))
            print(f"search result of the closest word to a misspelt one, \"did you mean\" (slow 3G, 4x slower CPU): {slow['misspelt']:.2f} s")
        if words:
            typed = search_from_first_paint(site, f"cases/{first}/", words[0])
            if typed is not None:
                print(f"first search result on a case page, typed at first paint (slow 3G, 4x slower CPU): {typed:.2f} s")
        for name, load in page_loads(site, page_types(site, LANGS[0])).items():
            if load["ready"] is None or load["styled"] is None or load["scripts"] is None:
                print(f"{name}, interactive (slow 3G, 4x slower CPU): not measured (its scripts or stylesheets never finished)")
                continue
            print(f"{name}, interactive (slow 3G, 4x slower CPU): {load['ready']:.2f} s"
                  f" (first contentful paint {load['fcp']:.2f} s; every script, the theme's too, {load['scripts']:.2f} s;"
                  f" stylesheets in {load['styled']:.2f} s)")
            print(f"{name}, layout shift (slow 3G, 4x slower CPU): {load['cls']:.3f}")
        if not slow and not words:
            print(f"search on a slow link: not measured (no case text to search in {LANGS[0]})")
        elif not slow:
            print("search on a slow link: not measured (needs Chromium at /usr/bin/chromium)")
        stalled = stalled_page(site, f"cases/{first}/")
        if stalled is not None:
            print(f"a case page opened before, network stalled: text after {stalled:.2f} s (the kept copy)")
        if args.preview:
            seconds_preview = preview_seconds(project, first)
            print(f"live preview, edit to one case visible after: {seconds_preview:.2f} s" if seconds_preview is not None
                  else "live preview: not measured (needs Chromium at /usr/bin/chromium)")
        if args.compare_stock:
            stock_seconds, _stock_cpu, _stock_rss, stock_memory = timed_build(project, stock_config(project), work / "site-stock", stock=True)
            stock_site = work / "site-stock"
            print(f"stock build time: {stock_seconds:.2f} s")
            print(f"stock build peak memory: {stock_memory / 2**20:.0f} MB")
            print(f"stock output size: {tree_size(stock_site) / 2**20:.1f} MB")
            print(f"stock case page html (en): {kb((stock_site / 'cases' / first / 'index.html').stat().st_size)}")
            index = stock_site / "search" / "search_index.json"
            if index.exists():
                data = index.read_bytes()
                print(f"stock search download (every language, compressed): {kb(gz(data))} ({len(data) / 2**20:.1f} MB uncompressed;"
                      " the synthetic cases repeat five texts, which compresses far better than real ones)")
            print(f"speed-up over stock: {stock_seconds / seconds:.1f}x")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
