"""Build hook: a "page not found" page in every language.

MkDocs renders the theme's 404.html once per language build, always to the site's root, so
the last language would win. Each language's build writes its own copy (/es/404.html,
/nl/404.html); once every language is built, /404.html (served by hosts for any missing
address) is the default language's.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from casekit import build

_rendered: dict = {}


def on_env(env, config, files):
    state = build.state
    lang, default, languages = state["lang"], state["collection"].default_language, state["collection"].languages
    own = build.prefix(lang, default)
    env.globals["not_found"] = {
        "home": own or "./", "catalogue": own + "cases/", "search": own + "search/",
        "others": [{"lang": other, "home": build.prefix(other, default) or "./",
                    "title": build.strings_for(other)("not_found.title"), "link": build.strings_for(other)("not_found.home")}
                   for other in languages if other != lang and lang == default],
        # the root 404.html (the one page a host such as GitHub Pages serves for any missing
        # address) sends a reader whose address starts with another language's folder to that
        # language's 404 page
        "folders": [build.prefix(other, default).rstrip("/") for other in languages if other != default] if lang == default else [],
    }
    return env


def on_pre_template(template, template_name, config):
    if template_name == "404.html":
        # The language selector of a missing page leads to each language's home page. For each
        # page, mkdocs-static-i18n sets the selector's links as an attribute of config.extra
        # (which the templates read before the configured list); when the languages are built
        # one after the other, the attribute would still hold the previous page's links.
        vars(config.extra).pop("alternate", None)
    return template


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        lang, default = build.state["lang"], build.state["collection"].default_language
        if lang == default:
            _rendered["default"] = output
        else:
            target = Path(config.site_dir) / build.prefix(lang, default) / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
    return output


@event_priority(-200)  # after every language is built (and has written the root 404.html)
def on_post_build(config):
    if config.plugins["i18n"].building or "default" not in _rendered:
        return
    (Path(config.site_dir) / "404.html").write_text(_rendered["default"], encoding="utf-8")
