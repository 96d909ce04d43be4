"""A "page not found" page in every language.

MkDocs renders the theme's 404.html once per language build, always to the site's root, so
the last language would win. Each language's build writes its own copy (/es/404.html,
/nl/404.html); once every language is built, /404.html (served by hosts for any missing
address) is the default language's. A host such as GitHub Pages serves that one page for
every missing address: it holds every language's words and the addresses of the site's pages
(``script_data``), and assets/javascripts/not-found.js puts it in the language of the
address's folder, at the address the reader typed, with links to the nearest pages.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .. import urls, views


def template_data(build) -> dict:
    own = build.prefix
    others = [other for other in build.languages if other != build.lang]
    return {
        "home": own or "./", "catalogue": own + urls.CATALOGUE, "search": own + urls.SEARCH,
        "others": [{"lang": other, "home": urls.prefix(other, build.default) or "./",
                    "title": build.strings_for(other)("not_found.title"), "link": build.strings_for(other)("not_found.home")}
                   for other in others] if build.is_default else [],
    }


def script_data(build, site_url: str, pages, search_texts=()) -> dict:
    """What not-found.js needs (JSON in the page): the site's path, each language's folder,
    words and links, and the addresses of ``pages`` (MkDocs' documentation pages of this
    build) from their language's folder. A case has a page in every language (its original
    text when it is not translated), so the one list serves every language."""
    own = build.prefix
    paths = sorted({page.url[len(own):] for page in pages if page.url.startswith(own) and page.url[len(own):] not in ("", "./")})
    languages = {}
    for lang in build.languages:
        t = build.strings_for(lang)
        languages[lang] = {
            "prefix": urls.prefix(lang, build.default), "dir": views.Directions()[lang],
            "strings": {"title": t("not_found.title"), "text": t("not_found.text"), "home": t("not_found.home"),
                        "catalogue": t("not_found.catalogue"), "search": t("search.label"),
                        "did_you_mean": t("not_found.did_you_mean"), "site": t("site.name")},
            "links": {"home": "", "catalogue": urls.CATALOGUE, "search": urls.SEARCH},
            # the header's search field: its words, and the index of the language to search
            "search": {"label": t("search.label"), "placeholder": t("search.placeholder"), "submit": t("search.submit"),
                       "results_label": t("search.results_label"),
                       "texts": {key: t.get(f"search.{key}") for key in search_texts},
                       "locale": t("site.locale").replace("_", "-"),
                       "bundle": urls.prefix(lang, build.default) + urls.SEARCH_BUNDLE,
                       "files": urls.prefix(lang, build.default) + urls.SEARCH_BUNDLE + urls.SEARCH_FILES},
        }
    return {"base": urlsplit(site_url or "/").path.rstrip("/") + "/", "default": build.default,
            "languages": languages, "paths": paths}


def write(site_dir: str, build, html: str, name: str = urls.NOT_FOUND) -> None:
    """Write the page ``name`` (a template MkDocs renders once per language build, to the site's
    root) of ``build``'s language to its language's folder."""
    target = Path(site_dir) / build.prefix / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
