"""Tag pages and the tag index come from docs/tags.yml, in every language."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest
import yaml

from conftest import LANGS, ROOT, SLUGS, prefix

VOCAB = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))
FACTS = {slug: yaml.safe_load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")) for slug in SLUGS}


def _cases_with(tag_id):
    return sorted(slug for slug, facts in FACTS.items() if tag_id in facts["tags"] or facts["region"] == tag_id)


@pytest.mark.parametrize("lang", LANGS)
def test_every_tag_has_a_page_in_every_language(site, lang):
    for tag_id, tag in VOCAB["tags"].items():
        soup = site.soup(f"{prefix(lang)}tags/{tag_id}/")
        assert soup.html["lang"] == lang
        assert soup.select_one("article h1").get_text(strip=True).rstrip("¶") == tag["label"][lang]
        assert tag["description"][lang] in soup.get_text()
        assert sorted(card["data-case"] for card in soup.select(".case-card")) == _cases_with(tag_id)


@pytest.mark.parametrize("lang", LANGS)
def test_tag_page_selector_stays_on_the_tag(site, lang):
    soup = site.soup(f"{prefix(lang)}tags/partnership/")
    page = f"/{prefix(lang)}tags/partnership/"
    links = {a["hreflang"]: urljoin(page, a["href"]) for a in soup.select("a.md-select__link")}
    assert links == {other: f"/{prefix(other)}tags/partnership/" for other in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_tag_index_groups_tags_by_facet_with_counts(site, lang):
    soup = site.soup(f"{prefix(lang)}tags/")
    facets = [h.get_text(strip=True).rstrip("¶") for h in soup.select(".tag-facet h2")]
    assert facets == [VOCAB["facets"][f][lang] for f in ("theme", "approach", "region", "organisation")]
    for item in soup.select(".tag-facet__list li"):
        tag_id = item["data-tag"]
        assert item.select_one(".md-tag").get_text(strip=True) == VOCAB["tags"][tag_id]["label"][lang]
        assert int(item.select_one(".tag-facet__count").get_text(strip=True)) == len(_cases_with(tag_id))


@pytest.mark.parametrize("lang", LANGS)
def test_chips_link_to_their_tag_page_in_the_same_language(site, lang):
    page = f"/{prefix(lang)}cases/mesa-migratoria/"
    soup = site.soup(page.lstrip("/"))
    for chip in soup.select("article.case .case-tags a.md-tag"):
        assert urljoin(page, chip["href"]) == f"/{prefix(lang)}tags/{chip['data-tag']}/"


def test_related_cases_share_tags(site):
    soup = site.soup("es/cases/acogida-colombia/")
    related = [a["href"] for a in soup.select(".case-related a")]
    assert 1 <= len(related) <= 3
    slugs = [href.rstrip("/").split("/")[-1] for href in related]
    mine = set(FACTS["acogida-colombia"]["tags"])
    shared = [len(mine & set(FACTS[s]["tags"])) for s in slugs]
    assert shared == sorted(shared, reverse=True) and min(shared) >= 1
    best = max(len(mine & set(FACTS[s]["tags"])) for s in SLUGS if s != "acogida-colombia")
    assert shared[0] == best
    assert soup.select_one("#case-related").get_text(strip=True).rstrip("¶") == "Estudios de caso relacionados"


def test_unknown_tag_fails_the_build_with_suggestions(tmp_path):
    from conftest import build, copy_project
    project = copy_project(tmp_path / "project")
    path = project / "docs/cases/erbil-iraq/case.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - partnership\n", "  - partnerships\n"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text == "  - partnerships")
    assert f"docs/cases/erbil-iraq/case.yml:{line}: error: tag 'partnerships' is not in the vocabulary (docs/tags.yml). Fix: did you mean 'partnership'" in output
