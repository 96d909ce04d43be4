"""Tag pages and the tag index come from docs/tags.yml, in every language. Every expectation
comes from the vocabulary, the cases' case.yml and the UI strings; the build error for an
unknown tag is checked on the fixture collection (tests/collection.py)."""
from __future__ import annotations

from urllib.parse import urljoin

import collection
import pytest
import yaml

from casekit import project, yamlines
from conftest import LANGS, REGIONS_OF, ROOT, SLUGS, build, prefix

VOCAB = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))
FACTS = {slug: yamlines.load((ROOT / "docs/cases" / slug / "case.yml").read_text(encoding="utf-8")).data for slug in SLUGS}
STRINGS = project.strings_for(ROOT)
RELATED_LIMIT = 3  # a case page lists at most this many related cases


def _cases_with(tag_id):
    return sorted(slug for slug, facts in FACTS.items() if tag_id in (facts.get("tags") or []) or tag_id in REGIONS_OF(facts.get("countries")))


def _shared(slug, other) -> int:
    return len(set(FACTS[slug].get("tags") or []) & set(FACTS[other].get("tags") or []))


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
    for tag_id in VOCAB["tags"]:
        page = f"/{prefix(lang)}tags/{tag_id}/"
        soup = site.soup(page.lstrip("/"))
        links = {a["hreflang"]: urljoin(page, a["href"]) for a in soup.select("a.md-select__link")}
        assert links == {other: f"/{prefix(other)}tags/{tag_id}/" for other in LANGS}, tag_id


@pytest.mark.parametrize("lang", LANGS)
def test_tag_index_groups_tags_by_facet_with_counts(site, lang):
    soup = site.soup(f"{prefix(lang)}tags/")
    facets = [h.get_text(strip=True).rstrip("¶") for h in soup.select(".tag-facet h2")]
    assert facets == [labels[lang] for labels in VOCAB["facets"].values()]
    listed = []
    for item in soup.select(".tag-facet__list li"):
        tag_id = item["data-tag"]
        listed.append(tag_id)
        assert item.select_one(".md-tag").get_text(strip=True) == VOCAB["tags"][tag_id]["label"][lang]
        assert int(item.select_one(".tag-facet__count").get_text(strip=True)) == len(_cases_with(tag_id))
    assert sorted(listed) == sorted(VOCAB["tags"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_chips_link_to_their_tag_page_in_the_same_language(site, slug, lang):
    page = f"/{prefix(lang)}cases/{slug}/"
    soup = site.soup(page.lstrip("/"))
    chips = soup.select("article.case .case-tags a.md-tag")
    assert [chip["data-tag"] for chip in chips] == list(FACTS[slug].get("tags") or [])
    for chip in chips:
        assert urljoin(page, chip["href"]) == f"/{prefix(lang)}tags/{chip['data-tag']}/"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_related_cases_share_tags(site, slug, lang):
    if len(SLUGS) < 2:
        pytest.skip("related cases need at least two cases in the collection")
    page = f"/{prefix(lang)}cases/{slug}/"
    soup = site.soup(page.lstrip("/"))
    related = [urljoin(page, a["href"]) for a in soup.select(".case-related a")]
    sharing = [other for other in SLUGS if other != slug and _shared(slug, other) >= 1]
    assert len(related) == min(RELATED_LIMIT, len(sharing))
    if not sharing:  # no case shares a tag: no related section
        assert soup.select_one("#case-related") is None
        return
    assert all(href.startswith(f"/{prefix(lang)}cases/") for href in related)
    slugs = [href.rstrip("/").split("/")[-1] for href in related]
    assert slug not in slugs and len(set(slugs)) == len(slugs)
    shared = [_shared(slug, other) for other in slugs]
    assert shared == sorted(shared, reverse=True) and min(shared) >= 1
    assert shared[0] == max(_shared(slug, other) for other in SLUGS if other != slug)
    assert soup.select_one("#case-related").get_text(strip=True).rstrip("¶") == STRINGS(lang)("case.related")


def test_unknown_tag_fails_the_build_with_suggestions(tmp_path):
    project_dir = collection.make_project(tmp_path / "project")
    path = project_dir / "docs" / "cases" / collection.SLUG / "case.yml"
    tag = yamlines.load(path.read_text(encoding="utf-8")).data["tags"][0]
    typo = f"{tag}s"  # a near miss of a tag the vocabulary has
    assert typo not in VOCAB["tags"]
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("tags:"))
    lines[line - 1] = lines[line - 1].replace(tag, typo, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(project_dir, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"docs/cases/{collection.SLUG}/case.yml:{line}: error: tag '{typo}' is not in the vocabulary (docs/tags.yml). "
            f"Fix: did you mean '{tag}'") in output, output
