"""Printing a case gives a clean document: no header, sidebars or search; the facts box; tags
as text; source addresses after their links. Printed to PDF by Chromium and read back."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import build, copy_project, serve

URL = "https://example.org/reports/future-orientation-burundi"


@pytest.fixture(scope="module")
def printed_site(tmp_path_factory):
    """The site with one source that has an address (the real cases have none to print)."""
    base = tmp_path_factory.mktemp("print")
    project = copy_project(base / "project")
    facts = project / "docs/cases/care-burundi/case.yml"
    text = facts.read_text(encoding="utf-8")
    text = re.sub(r"\n    url: \S+", "", text, count=1)  # the source's own address, if it has one, is replaced
    facts.write_text(text.replace("    language: nl\n", f"    language: nl\n    url: {URL}\n", 1), encoding="utf-8")
    result = build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as address:
        yield address


def _pdf_text(page) -> str:
    pdf = page.pdf(format="A4", print_background=False)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang,facts,tags,absent", [
    ("en", ["Facts at a glance", "October 2013 – June 2014", "50 people"], "Partnership, Capacity building", ["Search the case studies", "Skip to content", "Made with"]),
    ("es", ["Datos clave", "octubre de 2013 – junio de 2014", "50 personas"], "Alianzas, Fortalecimiento de capacidades", ["Buscar en los estudios de caso", "Made with"]),
])
def test_printed_case(browser, printed_site, lang, facts, tags, absent):
    page = browser.new_page()
    page.goto(f"{printed_site}{'' if lang == 'en' else lang + '/'}cases/care-burundi/", wait_until="networkidle")
    text = _pdf_text(page)
    page.close()
    for fact in facts:
        assert fact in text, fact
    assert tags in text
    # the source's address follows its title
    assert re.search(r"Toekomstoriëntatie .*?\(\s*https://example\.org/reports/\s*future-orientation-burundi\s*\)", text), text[-800:]
    for chrome in absent:
        assert chrome not in text, chrome
