"""Links into the repository: on every case page "suggest a correction" and "edit this page"
(the file of the page's language) or, for a case not yet written in that language, "translate
this case"; the contribute page links the proposal form. Without a repository address
(REPO_URL unset, as on a local build) there are none."""
from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from collection import SLUG, languages, make_project, text_name

from casekit import project
from conftest import LANGS, ROOT, prefix

pytestmark = pytest.mark.build  # mkdocs build with a repository

REPO = "https://github.com/example-org/case-studies"
STRINGS = project.strings_for(ROOT)


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    """The fixture collection with its last language's text removed, built for a repository."""
    root = make_project(tmp_path_factory.mktemp("repo") / "p")
    langs = languages()
    untranslated = langs[-1]
    (root / "docs" / "cases" / SLUG / text_name(untranslated)).unlink()
    out = tmp_path_factory.mktemp("repo-site") / "site"
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"REPO_URL": REPO, "EDIT_URI": "edit/main/docs/", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, untranslated


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_page_links_a_correction_and_its_own_file(linked_site, lang):
    out, untranslated = linked_site
    soup = _soup(out / prefix(lang) / "cases" / SLUG / "index.html")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".case-repository a")}
    t = STRINGS(lang)
    correction = urlsplit(links[t("repository.correction")])
    assert f"{correction.scheme}://{correction.netloc}{correction.path}" == f"{REPO}/issues/new"
    query = parse_qs(correction.query)
    title = soup.select_one("article.case h1").get_text(strip=True)
    assert query["title"] == [t("repository.correction_title", title=title)]
    # the page's address (for a case not yet translated: its original's, which is the text to correct)
    shown = languages()[0] if lang == untranslated else lang
    assert f"/{prefix(shown)}cases/{SLUG}/" in query["body"][0]
    if lang == untranslated:
        assert t("repository.edit") not in links
        new_file = urlsplit(links[t("repository.translate")])
        assert new_file.path.endswith(f"/new/main/docs/cases/{SLUG}")
        assert parse_qs(new_file.query)["filename"] == [text_name(lang)]
    else:
        assert links[t("repository.edit")] == f"{REPO}/edit/main/docs/cases/{SLUG}/{text_name(lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_contribute_page_links_the_proposal_form(linked_site, lang):
    out, _ = linked_site
    soup = _soup(out / prefix(lang) / "contribute" / "index.html")
    (link,) = soup.select(".contribute-form a")
    assert link["href"] == f"{REPO}/issues/new?template=propose-case.yml"
    assert link.get_text(strip=True) == STRINGS(lang)("repository.propose")


def test_without_a_repository_there_are_no_links(site):
    for path in site.path.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert "case-repository" not in html and "contribute-form" not in html, path
