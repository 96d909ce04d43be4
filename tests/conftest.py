"""Shared fixtures: the real site built once per run with `mkdocs build --strict`, served on
127.0.0.1, and the system's Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from casekit import project  # noqa: E402

# The contributor scripts speak the language LANG names (scripts/casekit/messages.py); the tests
# read their English unless they ask for a language, so a tester's own LANG must not change it.
if os.environ.get("LANG", "").split(".")[0].split("_")[0] not in ("", "C", "POSIX", "en"):
    os.environ["LANG"] = "C.UTF-8"

# What the tests of the real collection iterate over: the language registry (the i18n plugin's
# configuration in mkdocs.yml, default first) and whatever cases docs/cases/ holds. No test
# names a language or a case: adding either never needs a test edit.
LANGS = project.languages(ROOT)
DEFAULT = LANGS[0]
SLUGS = tuple(sorted(path.parent.name for path in (ROOT / "docs" / "cases").glob("*/case.yml")))


# The widths the browser tests read pages at: a phone's and a desktop's, in CSS pixels
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# How a browser context is set up at each of WIDTHS (new_context): a phone has a touch screen
# and lays pages out as a phone does (its meta viewport, a layout widened by what overflows)
DEVICES = {"phone": {"is_mobile": True, "has_touch": True}, "desktop": {}}


def _first_theme() -> str:
    import yaml
    vocab = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))
    return next(tag_id for tag_id, tag in vocab["tags"].items() if tag["facet"] == "theme")


# Every type of page the site has, by an address of one of them (after the language's prefix)
THEME = _first_theme()
PAGE_TYPES = {
    "home": "",
    "catalogue with filters open": f"cases/?theme={THEME}",
    "case": f"cases/{SLUGS[0]}/",
    "tag index": "tags/",
    "tag page": f"tags/{THEME}/",
    "places (the map)": "places/",
    "search results": "search/?q=",
    "results under the header's search field": f"cases/{SLUGS[0]}/",
    "contribute": "contribute/",
    "translation status": "translations/",
    "codebook": "data/",
    "404": "404.html",
    "offline": "offline.html",
}


def REGIONS_OF(countries) -> list:  # noqa: N802 - a table, read like the constants above
    """The regions of docs/tags.yml that ``countries`` lie in: a case's regions."""
    from casekit import vocab
    return vocab.load(ROOT / "docs" / "tags.yml", LANGS)[0].regions_of(countries)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def prefix(lang: str) -> str:
    """The folder of ``lang``'s pages: none for the default language."""
    return "" if lang == DEFAULT else f"{lang}/"


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on ``project`` into ``site_dir``."""
    leave_out_of_the_fast_subset()
    # the tests expect the default address (mkdocs.yml) and no repository, whatever the shell has
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL", "EDIT_URI")} | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )


def copy_project(dest: Path) -> Path:
    """A copy of what the build reads, to break on purpose."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class Site:
    def __init__(self, path: Path):
        self.path = path

    def file(self, rel: str) -> Path:
        target = self.path / rel
        return target / "index.html" if rel.endswith("/") or rel == "" else target

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(rel).read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return Site(out)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, handler=None):
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; yields its address.
    ``handler``: a SimpleHTTPRequestHandler class of the test's own (a host's behaviour)."""
    handler = handler or _QuietHandler
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Site:
    """The fixture collection (tests/collection.py: one made-up case with known facts), built
    once per run; ``.root`` is its project folder."""
    return built_fixture(tmp_path_factory, "fixture")


def built_fixture(tmp_path_factory, name: str, **facts) -> Site:
    """The fixture collection, its case given ``facts`` (tests/collection.py's make_project),
    built with `mkdocs build --strict`; ``.root`` is its project folder."""
    import collection
    root = collection.make_project(tmp_path_factory.mktemp(name) / "p", **facts)
    out = tmp_path_factory.mktemp(f"{name}-site") / "site"
    result = build(root, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    site = Site(out)
    site.root = root
    return site


@pytest.fixture(scope="session")
def server(site):
    with serve(site.path) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        reason = "the playwright package is missing (python3 scripts/test.py installs it)"
    if reason:
        if IN_CI:
            pytest.fail(f"browser tests cannot be skipped under CI=true: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """A browser page that records console errors and every request it makes."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list = []
        self.requests: list = []
        self.failed: list = []
        page.on("response", lambda response: response.status >= 400 and self.failed.append(f"{response.status} {response.url}"))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("request", lambda request: self.requests.append(request.url))

    def off_site(self) -> list:
        return [url for url in self.requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]


@pytest.fixture
def visit(browser):
    context = browser.new_context()
    page = context.new_page()
    yield Visit(page)
    context.close()


def wait_for(page, expression: str, arg=None, timeout: float = 10000):
    """Wait until ``expression`` (JavaScript, as page.evaluate takes it) is true on ``page``.
    Playwright's wait_for_function polls with eval() inside the page, which the site's
    Content-Security-Policy forbids (no 'unsafe-eval'); page.evaluate is not subject to it."""
    import time as _time
    deadline = _time.monotonic() + timeout / 1000
    body = expression.strip()
    is_function = body.startswith(("function", "async")) or "=>" in body.split("\n")[0][:60]
    check = f"async (arg) => !!(await ({body})(arg))" if is_function else f"() => !!({body})"
    while True:
        try:
            if page.evaluate(check, arg):
                return
        except Exception as error:  # noqa: BLE001 - a navigation in progress: try again
            if "context was destroyed" not in str(error) and "navigat" not in str(error).lower():
                raise
        if _time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:.0f} s: {expression}")
        _time.sleep(0.05)


def new_context(browser, width: str, **options):
    """A browser context at ``width`` (a key of WIDTHS): its viewport, and a phone's touch screen."""
    return browser.new_context(viewport=WIDTHS[width], **DEVICES[width], **options)


def press(locator, width: str | None, **options):
    """What a reader at ``width`` does to follow or press ``locator``: a tap on a phone's touch
    screen, a click elsewhere (``options``: e.g. position, as both take it)."""
    if width == "phone":
        locator.tap(**options)
    else:
        locator.click(**options)


# An element's box, whether it is shown (not hidden, not transparent), and what a tap at its centre reaches if not the element (or one inside it)
_BOX = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const name = (node) => !node ? 'nothing' : node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
    (typeof node.className === 'string' && node.className.trim() ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
  const shown = element.checkVisibility({opacityProperty: true, visibilityProperty: true});
  return {left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width, height: box.height, shown,
          covered_by: hit && (hit === element || element.contains(hit)) ? null : name(hit)};
}"""


def box(locator) -> dict:
    """The box of ``locator``'s element in CSS pixels of the viewport, and ``covered_by``: what
    is on top at its centre (None: the element itself or what it holds)."""
    return locator.evaluate(_BOX)


def unseen(page, locator) -> list:
    """What keeps a reader from seeing and reaching ``locator``'s element once it is scrolled to:
    hidden or transparent, empty, not wholly inside the viewport, covered at its centre by another element.
    [] when nothing does. The viewport is the context's (a phone's layout viewport widens when
    a page overflows it, and innerWidth with it)."""
    locator.scroll_into_view_if_needed()
    view, where = page.viewport_size, box(locator)
    problems = []
    if not locator.is_visible() or not where["shown"]:
        problems.append("not visible (hidden, or transparent itself or through what holds it)")
    if where["width"] < 1 or where["height"] < 1:
        problems.append(f"no size: {where}")
    if where["left"] < -0.5 or where["top"] < -0.5 or where["right"] > view["width"] + 0.5 or where["bottom"] > view["height"] + 0.5:
        problems.append(f"not inside the {view['width']}x{view['height']} viewport: {where}")
    if where["covered_by"]:
        problems.append(f"covered by {where['covered_by']}")
    return problems


def overflow(page) -> int:
    """By how many CSS pixels the page is wider than the viewport (0: it does not scroll sideways)."""
    return max(0, page.evaluate("document.documentElement.scrollWidth") - page.viewport_size["width"])


# --- the fast subset (python3 scripts/test.py --fast): no browser, no build ---------------------

FAST = "CASES_FAST_TESTS"  # set by scripts/test.py --fast
BUILDS = "build"  # the marker of a test that builds a site (or serves one) by a way other than build()


def leave_out_of_the_fast_subset() -> None:
    """Skip the calling test in the fast subset: it builds a site (a fixture of one included)."""
    if os.environ.get(FAST):
        pytest.skip("builds a site: left out of python3 scripts/test.py --fast")


@pytest.fixture(autouse=True)
def _fast_subset(request):
    if request.node.get_closest_marker(BUILDS) or request.node.get_closest_marker("browser"):
        leave_out_of_the_fast_subset()


# --- the content checks: what a pull request that changes only content runs -------------------

CONTENT = "content"
BROWSER_FIXTURES = frozenset({"browser", "server", "visit"})


def pytest_configure(config):
    config.addinivalue_line("markers", f"{CONTENT}: a check of the real collection without a browser (the `site` "
                                       "fixture): a pull request that changes only content runs these (-m content)")
    config.addinivalue_line("markers", f"{BUILDS}: builds or serves a site in a subprocess of its own (left out of test.py --fast)")
    config.addinivalue_line("markers", "browser: drives Chromium (left out of test.py --fast)")


def pytest_collection_modifyitems(config, items):
    """Mark the content checks: the tests of the real collection (they use the `site` fixture:
    the real site, built) that need no browser. The tests of the machinery build fixture
    collections of their own; the browser tests check behaviour and layout on their own
    fixtures or on the real site, and run with the full suite."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        browser = bool(names & BROWSER_FIXTURES) or item.path.name.endswith("_browser.py")
        if browser:
            item.add_marker("browser")
        if "site" in names and not browser:
            item.add_marker(CONTENT)
