"""The built site, read as HTML: every case in every language, in that language."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from conftest import LANGS, ROOT, SLUGS, prefix

EXPECTED_FACTS = {
    # (slug, lang): {fact: text the facts box must show}
    ("care-burundi", "en"): {"period": "October 2013 – June 2014", "participants": "50 people",
                             "countries": "Burundi", "implementing": "CARE Burundi, Perspectivity",
                             "original_language": "Dutch", "region": "Sub-Saharan Africa"},
    ("care-burundi", "es"): {"period": "octubre de 2013 – junio de 2014", "participants": "50 personas",
                             "countries": "Burundi", "original_language": "Neerlandés",
                             "region": "África subsahariana", "partners": "No consta en las fuentes"},
    ("care-burundi", "nl"): {"period": "oktober 2013 – juni 2014", "participants": "50 personen",
                             "original_language": "Nederlands", "region": "Afrika ten zuiden van de Sahara",
                             "places": "Niet vermeld in de bronnen"},
    ("erbil-iraq", "en"): {"countries": "Iraq", "places": "Erbil", "participants": "more than 12 organisations",
                           "period": "Not stated in the sources"},
    ("erbil-iraq", "es"): {"countries": "Irak", "participants": "más de 12 organizaciones",
                           "partners": "Amal Organization for Relief and Development, Department of Non-Governmental Organizations in the Kurdistan Region of Iraq (DNGO)"},
    ("erbil-iraq", "nl"): {"countries": "Irak", "participants": "meer dan 12 organisaties",
                           "period": "Niet vermeld in de bronnen"},
    ("acogida-colombia", "en"): {"countries": "Colombia", "places": "Rionegro", "participants": "13 organisations",
                                 "implementing": "Blumont", "partners": "VRS Consult",
                                 "funders": "U.S. Department of State’s Bureau of Population, Refugees, and Migration"},
    ("acogida-colombia", "es"): {"participants": "13 organizaciones", "region": "América Latina y el Caribe"},
    ("acogida-colombia", "nl"): {"participants": "13 organisaties", "reviewed": "24 november 2026"},
    ("racop-balkans", "en"): {"countries": "Serbia", "places": "Balkans", "participants": "Not stated in the sources"},
    ("racop-balkans", "es"): {"countries": "Serbia", "places": "Balcanes", "reviewed": "24 de noviembre de 2026"},
    ("racop-balkans", "nl"): {"countries": "Servië", "places": "Balkan"},
    ("mesa-migratoria", "en"): {"places": "Valledupar", "participants": "more than 52 people", "implementing": "IRI",
                                "reviewed": "November 24, 2026"},
    ("mesa-migratoria", "es"): {"participants": "más de 52 personas", "countries": "Colombia"},
    ("mesa-migratoria", "nl"): {"participants": "meer dan 52 personen", "region": "Latijns-Amerika en het Caribisch gebied"},
}

SECTION_HEADINGS = {
    "en": ["Context", "What was done", "Results", "Lessons for practitioners"],
    "es": ["Contexto", "Qué se hizo", "Resultados", "Lecciones para la práctica"],
    "nl": ["Context", "Wat er is gedaan", "Resultaten", "Lessen voor de praktijk"],
}


def _facts(soup) -> dict:
    return {row["data-fact"]: row.find("dd").get_text(" ", strip=True) for row in soup.select(".case-facts__row")}


def _text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).replace(" ,", ",")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_case_exists_in_its_language(site, slug, lang):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    assert soup.html["lang"] == lang
    article = soup.select_one("article.case")
    assert article is not None, "the case page has no case article"
    # the text shown is this language's own text, not the English fallback
    assert article["lang"] == lang
    assert soup.select_one(".case-notice") is None
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select(".md-content__inner article > h2, article.case > h2")]
    prose = [h for h in headings if h in SECTION_HEADINGS[lang]]
    assert prose == SECTION_HEADINGS[lang]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ("es", "nl"))
def test_translation_is_not_the_english_page(site, slug, lang):
    english = site.soup(f"cases/{slug}/")
    other = site.soup(f"{lang}/cases/{slug}/")
    assert _text(other.select_one("article.case h1")) != _text(english.select_one("article.case h1"))
    assert _text(other.select_one(".case__summary")) != _text(english.select_one(".case__summary"))
    english_paragraphs = {_text(p) for p in english.select("article.case > p")}
    assert not english_paragraphs & {_text(p) for p in other.select("article.case > p")}


@pytest.mark.parametrize("slug,lang", sorted(EXPECTED_FACTS))
def test_facts_box_values(site, slug, lang):
    facts = _facts(site.soup(f"{prefix(lang)}cases/{slug}/"))
    for key, expected in EXPECTED_FACTS[(slug, lang)].items():
        assert facts.get(key) == expected, f"{slug} ({lang}) fact {key}"


@pytest.mark.parametrize("lang", LANGS)
def test_facts_box_labels_are_in_the_page_language(site, lang):
    strings = yaml.safe_load((ROOT / "overrides" / "i18n" / f"{lang}.yml").read_text(encoding="utf-8"))
    soup = site.soup(f"{prefix(lang)}cases/erbil-iraq/")
    labels = [dt.get_text(strip=True) for dt in soup.select(".case-facts dt")]
    for key in ("implementing", "partners", "funders", "countries", "places", "period", "participants", "reviewed"):
        assert strings["facts"][key] in labels
    assert soup.select_one("#case-facts").get_text(strip=True) == strings["facts"]["heading"]
    assert soup.select_one("#case-sources").get_text(strip=True) == strings["case"]["sources"]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", LANGS)
def test_language_selector_links_to_the_same_case(site, slug, lang):
    soup = site.soup(f"{prefix(lang)}cases/{slug}/")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert set(links) == set(LANGS)
    depth = 2 + (lang != "en")
    for other in LANGS:
        expected = "./" if other == lang else "../" * depth + f"{prefix(other)}cases/{slug}/"
        assert links[other] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_tags_are_in_the_page_language(site, lang):
    vocabulary = yaml.safe_load((ROOT / "docs" / "tags.yml").read_text(encoding="utf-8"))["tags"]
    facts = yaml.safe_load((ROOT / "docs" / "cases" / "racop-balkans" / "case.yml").read_text(encoding="utf-8"))
    soup = site.soup(f"{prefix(lang)}cases/racop-balkans/")
    chips = {chip["data-tag"]: chip.get_text(strip=True) for chip in soup.select("article.case .case-tags [data-tag]")}
    assert list(chips) == facts["tags"]
    for tag_id, label in chips.items():
        assert label == vocabulary[tag_id]["label"][lang]


@pytest.mark.parametrize("lang,note", [("en", "(Written in Dutch)"), ("es", "(Redactada en neerlandés)"), ("nl", None)])
def test_source_language_note(site, lang, note):
    soup = site.soup(f"{prefix(lang)}cases/care-burundi/")
    found = soup.select_one(".case-sources__language")
    if note is None:  # the source is in Dutch: no note on the Dutch page
        assert found is None
    else:
        assert found.get_text(strip=True) == note
    assert soup.select_one(".case-sources cite")["lang"] == "nl"


@pytest.mark.parametrize("lang,site_name", [("en", "Civil Society Case Studies"),
                                            ("es", "Estudios de caso de la sociedad civil"),
                                            ("nl", "Casestudies maatschappelijk middenveld")])
def test_site_name_and_navigation_in_the_page_language(site, lang, site_name):
    for page in ("", "cases/", "cases/mesa-migratoria/"):
        soup = site.soup(f"{prefix(lang)}{page}")
        assert soup.html["lang"] == lang
        assert soup.title.get_text().endswith(site_name) or soup.title.get_text() == site_name
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == site_name
    nav = [a.get_text(" ", strip=True) for a in site.soup(f"{prefix(lang)}cases/").select(".md-nav--primary .md-nav__link")]
    expected = {"en": ["Home", "Case studies"], "es": ["Inicio", "Estudios de caso"], "nl": ["Home", "Casestudies"]}[lang]
    assert [n for n in nav if n in expected] == expected
    search_placeholder = site.soup(prefix(lang)).select_one("#site-search-query")["placeholder"]
    assert search_placeholder == {"en": "Search", "es": "Buscar", "nl": "Zoeken"}[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "cases/"])
def test_home_and_catalogue_list_every_case(site, lang, page):
    soup = site.soup(f"{prefix(lang)}{page}")
    cards = soup.select(".case-card")
    assert sorted(card["data-case"] for card in cards) == sorted(SLUGS)
    for card in cards:
        link = card.select_one(".case-card__title a")["href"]
        assert urljoin(f"/{prefix(lang)}{page}", link) == f"/{prefix(lang)}cases/{card['data-case']}/"
        assert card["lang"] == lang
        assert card.select_one(".case-card__summary").get_text(strip=True)


def test_cases_are_not_in_the_sidebar(site):
    for lang in LANGS:
        soup = site.soup(f"{prefix(lang)}cases/acogida-colombia/")
        nav_links = [a.get("href", "") for a in soup.select(".md-nav--primary a")]
        assert not any("cases/" in href and href.rstrip("/").split("/")[-1] in SLUGS for href in nav_links)


def test_no_page_loads_anything_from_another_host(site):
    """Nothing a page loads (scripts, styles, images, fonts, icons) comes from another host."""
    from bs4 import BeautifulSoup
    loads = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect", "dns-prefetch"}
    for html in site.path.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html
        soup = BeautifulSoup(text, "lxml")
        for tag in soup.find_all(src=True):
            assert not re.match(r"^(https?:)?//", tag["src"]), f"{html}: {tag}"
        for tag in soup.find_all("link", href=True):
            if loads & set(tag.get("rel", [])):
                assert not re.match(r"^(https?:)?//", tag["href"]), f"{html}: {tag}"
    for css in site.path.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_data_files_are_not_published(site):
    assert not list(site.path.rglob("*.yml"))
