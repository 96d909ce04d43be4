"""A "page not found" page in every language.

MkDocs renders the theme's 404.html once per language build, always to the site's root, so
the last language would win. Each language's build writes its own copy (/es/404.html,
/nl/404.html); once every language is built, /404.html (served by hosts for any missing
address) is the default language's. The root page sends a reader whose address starts with
another language's folder to that language's page (a host such as GitHub Pages serves one
404.html for every missing address).
"""
from __future__ import annotations

from pathlib import Path

from .. import urls


def template_data(build) -> dict:
    own = build.prefix
    others = [other for other in build.languages if other != build.lang]
    return {
        "home": own or "./", "catalogue": own + urls.CATALOGUE, "search": own + urls.SEARCH,
        "others": [{"lang": other, "home": urls.prefix(other, build.default) or "./",
                    "title": build.strings_for(other)("not_found.title"), "link": build.strings_for(other)("not_found.home")}
                   for other in others] if build.is_default else [],
        "folders": [urls.prefix(other, build.default).rstrip("/") for other in others] if build.is_default else [],
    }


def write(site_dir: str, build, html: str, name: str = urls.NOT_FOUND) -> None:
    """Write the page ``name`` (a template MkDocs renders once per language build, to the site's
    root) of ``build``'s language to its language's folder."""
    target = Path(site_dir) / build.prefix / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
