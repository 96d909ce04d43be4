"""The service worker's settings as the build writes them (scripts/casekit/plugin/offline.py):
an offline page for every language of the registry, files that exist, and a build id that
changes with the site's assets and the theme's files, not with the cases."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from casekit.plugin import offline
from conftest import LANGS, ROOT, prefix


def _settings(site) -> dict:
    worker = site.file(offline.WORKER).read_text(encoding="utf-8")
    line = re.search(r"^const SITE = (.*);$", worker, re.M)
    assert line, "the worker has its settings line"
    return json.loads(line.group(1))


def test_the_built_worker_names_files_that_exist(fixture_site):
    settings = _settings(fixture_site)
    assert re.fullmatch(r"[0-9a-f]{16}", settings["build"])
    assert settings["offline"] == {prefix(lang).rstrip("/"): f"{prefix(lang)}offline.html" for lang in LANGS}
    for path in [*settings["offline"].values(), *settings["precache"]]:
        assert (fixture_site.path / path).is_file(), path
    assert any(path.endswith(".css") for path in settings["precache"])
    assert "assets/javascripts/offline.js" in settings["precache"]


@pytest.fixture
def folders(tmp_path):
    site, theme = tmp_path / "site", tmp_path / "theme"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.css").write_text("a { color: red }", encoding="utf-8")
    (site / "cases").mkdir()
    (site / "cases" / "index.html").write_text("<p>one case</p>", encoding="utf-8")
    (theme / "i18n").mkdir(parents=True)
    (theme / "i18n" / "en.yml").write_text("offline:\n  title: You are offline\n", encoding="utf-8")
    return site, theme


def test_the_build_id_changes_with_the_assets_and_the_theme_only(folders):
    site, theme = folders
    first = offline.build_id(site, theme)
    assert offline.build_id(site, theme) == first
    (site / "cases" / "index.html").write_text("<p>two cases</p>", encoding="utf-8")
    assert offline.build_id(site, theme) == first, "a new case keeps the readers' cache"
    (site / "assets" / "stylesheets" / "main.css").write_text("a { color: blue }", encoding="utf-8")
    second = offline.build_id(site, theme)
    assert second != first
    (theme / "i18n" / "en.yml").write_text("offline:\n  title: No connection\n", encoding="utf-8")
    assert offline.build_id(site, theme) not in (first, second)


def test_what_an_offline_page_needs():
    html = ('<link rel="icon" href="../assets/images/favicon.png"><link rel="stylesheet" href="../assets/main.css?v=1">'
            '<link rel="alternate" href="../feed.xml"><link rel="stylesheet" href="https://elsewhere.example/x.css">'
            '<script src="/absolute.js"></script><script src="../assets/app.js"></script><script>inline()</script>'
            '<img src="data:image/png;base64,AAAA">')
    assert offline.needs(html, "es/offline.html") == ["assets/images/favicon.png", "assets/main.css", "assets/app.js"]


def test_a_worker_without_its_settings_line_is_refused(tmp_path):
    shutil.copy(ROOT / "overrides" / offline.WORKER, tmp_path / offline.WORKER)
    offline.write_worker(str(tmp_path), {"build": "x"})
    assert 'const SITE = {"build": "x"};' in (tmp_path / offline.WORKER).read_text(encoding="utf-8")
    (tmp_path / offline.WORKER).write_text("self.addEventListener('fetch', () => {});\n", encoding="utf-8")
    with pytest.raises(ValueError, match="const SITE"):
        offline.write_worker(str(tmp_path), {"build": "x"})


def test_the_worker_names_every_asset_with_the_hash_of_its_bytes(fixture_site):
    """The manifest the worker checks kept copies against: every file under assets/, and the
    search engine's own files, the same bytes in every language's bundle."""
    import hashlib
    settings = _settings(fixture_site)
    assets = fixture_site.path / "assets"
    files = {path.relative_to(fixture_site.path).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in assets.rglob("*") if path.is_file()}
    assert files and settings["assets"] == files
    assert "pagefind.js" in settings["bundle"]
    for lang in LANGS:
        bundle = fixture_site.path / prefix(lang) / offline.BUNDLE
        for name, digest in settings["bundle"].items():
            assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, (lang, name)


def test_the_manifest_names_no_page_and_no_search_data(folders):
    site, _theme = folders
    (site / "pagefind" / "fragment").mkdir(parents=True)
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.es.pagefind", "pagefind.es_1.pf_meta"):
        (site / "pagefind" / name).write_text(name, encoding="utf-8")
    (site / "pagefind" / "fragment" / "es_1.pf_fragment").write_text("x", encoding="utf-8")
    assert list(offline.manifest(site)) == ["assets/stylesheets/main.css"]
    assert sorted(offline.bundle_manifest(site)) == ["pagefind-worker.js", "pagefind.js"]
