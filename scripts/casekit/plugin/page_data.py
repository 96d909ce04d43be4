"""What each page shows beyond its own text: a case page its facts; the home page, the
catalogue and the tag pages their cards; the tag index, the codebook, the translation status
and the search page their tables. Set as page.meta for the templates (overrides/main.html)."""
from __future__ import annotations

from html import escape
from types import MappingProxyType

from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink

from .. import opendata, urls, views, worldmap

HOME_CARDS = 12
LISTING_FOLDERS = MappingProxyType({"cases": "catalogue", "tags": "tags", "places": "places", "search": "search", "contribute": "contribute",
                                    "translations": "translations", "data": "data"})


def _parts(src_uri: str, lang: str) -> list:
    """The parts of a page's path, without the language folder of generated pages."""
    parts = src_uri.split("/")
    if parts[0] == lang and len(parts) > 1:
        parts = parts[1:]
    return parts


def read_nav_titles(nav, config) -> None:
    """Read the pages of the navigation that have no title yet. `mkdocs serve --dirty` reads
    only the pages whose files changed, and the navigation would name the others None (MkDocs
    warns that a dirty build "will likely lead to inaccurate navigation"). Their front matter
    was checked with every file of this build (boundary.check_front_matter; a page with a
    problem was withheld), and every page outside the cases declares its title."""
    for page in nav.pages:
        if page.title is None:
            page.read_source(config)


def kind(src_uri: str, lang: str) -> tuple:
    """What a page is: ("case", slug), ("home"|"catalogue"|"tags"|"search"|"translations"|"data", None),
    ("tag", tag id) or (None, None)."""
    parts = _parts(src_uri, lang)
    if len(parts) == 3 and parts[0] == "cases" and parts[2].startswith("index."):
        return "case", parts[1]
    if len(parts) == 1 and parts[0].startswith("index."):
        return "home", None
    if len(parts) == 2 and parts[1].startswith("index.") and parts[0] in LISTING_FOLDERS:
        return LISTING_FOLDERS[parts[0]], None
    if len(parts) == 3 and parts[0] == "tags" and parts[2] == "index.md":
        return "tag", parts[1]
    return None, None


def attach(page, build) -> None:
    """Set what the page's template prints beyond the page's text."""
    what, key = kind(page.file.src_uri, build.lang)
    meta, cards = page.meta, build.cards
    if what == "case":
        if key in build.case_views:
            meta["case"] = build.case_views[key]
    elif what == "home":  # the other languages in words; the newest cases (the catalogue has them all)
        meta["home"] = True
        meta["cards"] = sorted(cards, key=lambda view: (view["added"] or "", view["slug"]), reverse=True)[:HOME_CARDS]
        if len(cards) > HOME_CARDS:
            meta["more_cards"] = {"count": len(cards), "url": build.prefix + urls.CATALOGUE, "text": build.t("catalogue.all", count=len(cards))}
    elif what == "catalogue":
        meta["cards"] = cards
        meta["filters"] = views.catalogue_filters(cards, build.collection.vocab, build.lang, build.t)
    elif what == "data":
        meta["codebook"] = opendata.codebook(build.languages, build.t)
    elif what == "search":
        meta["search_page"] = True
    elif what == "translations":
        meta["translation_table"] = views.translation_table(cards, build.collection.cases, build.languages, build.lang, build.t)
    elif what == "tags":
        meta["tag_index"] = build.tag_index
    elif what == "contribute":
        meta["contribute"] = True
    elif what == "places":
        meta["places"] = place_map(build)
    elif what == "tag":
        meta["cards"] = build.by_tag.get(key, [])
        meta["tag"] = key


def translate_permalinks(html: str, config, t) -> str:
    """The title of the links after headings in the page's language (Markdown writes the one
    of mkdocs.yml)."""
    permalink = config.mdx_configs.get("toc", {}).get("permalink_title")
    if permalink:
        html = html.replace(f'title="{escape(permalink)}"', f'title="{escape(t("site.permalink"))}"')
    return html


def case_contents(page, t) -> None:
    """The facts box and the sources in a case page's table of contents (a table of contents
    title is HTML, printed as it is by Material: UI strings are text)."""
    if page.meta.get("case"):
        page.toc.items.insert(0, AnchorLink(escape(t("facts.heading")), "case-facts", 2))
        page.toc.items.append(AnchorLink(escape(t("case.sources")), "case-sources", 2))


def sidebar_key(page, nav, base_url):
    """The sidebars of a case page (the site's navigation and the page's contents) are the same
    on every case page of a language with the same headings: main.html renders them once per key."""
    if page.meta.get("case") and page not in nav.pages:
        return ("sidebars", base_url, _toc_key(page.toc))
    return None


def _toc_key(items) -> tuple:
    return tuple((item.title, item.url, _toc_key(item.children)) for item in items)


def place_map(build) -> dict:
    """The places page: the map (an SVG made here, escaped by worldmap.svg) and the same
    countries as a list, which also holds the countries too small for the map's outlines."""
    places = views.places(build.cards, build.lang, build.default)
    world = worldmap.load()
    drawn = {place["code"]: place["count"] for place in places if place["code"] in world.countries}
    names = {place["code"]: place["name"] for place in places}
    # a country some of whose cases do not say where they took place says so, as their pages do
    notes = {place["name"]: build.t("places.venue_not_stated", count=place["venue_not_stated"]) for place in places if place["venue_not_stated"]}
    label = lambda name, count: build.t("places.country_cases", name=name, count=count) + (f" ({notes[name]})" if name in notes else "")  # noqa: E731
    # the places page and the catalogue are side by side in each language's folder
    link = lambda code: f"../{urls.CATALOGUE}?country={code}"  # noqa: E731
    svg = worldmap.svg(drawn, names, link,
                       build.t("places.map_title"), label, description=build.t("places.map_description"), world=world)
    for place in places:
        place["label"], place["link"], place["note"] = label(place["name"], place["count"]), link(place["code"]), notes.get(place["name"])
        place["count_number"] = build.t.number(place["count"])
    return {"map": Markup(svg), "countries": places}
