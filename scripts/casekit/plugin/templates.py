"""What the templates of overrides/ get besides the page: the UI strings (t), each language's
text direction, the site's addresses, the case cards (rendered once per language), and the
language selector's entries."""
from __future__ import annotations

from importlib import metadata
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import urls, views
from . import not_found, offline, repository

CARD_ROOT = "\x00root/"  # in a card rendered once: replaced by each page's way to the site root
# the UI strings (search.*) that assets/javascripts/search.js shows, given to it by the page
SEARCH_TEXTS = ("searching", "results", "no_results", "check_spelling", "did_you_mean", "corrected", "suggestions", "see_all", "more", "failed", "offline")


class Cards(dict):
    """Each case's card, rendered the first time a page lists it, then reused."""

    def __init__(self, template, case_views, t):
        super().__init__()
        self.template, self.case_views, self.t = template, case_views, t

    def __missing__(self, slug):
        html = self[slug] = Markup(self.template.render(case=self.case_views[slug], t=self.t, root=CARD_ROOT))  # autoescaped
        return html


def set_globals(env, build, config, preview: bool = False) -> None:
    """The globals of ``build``'s templates; ``preview``: the live preview's (no service worker)."""
    site_url = config.site_url
    own = build.prefix
    env.globals["t"] = build.t
    # Material's names of landmarks and controls, in the page's language (partials/language.html)
    env.globals["chrome_names"] = dict(build.t.get("chrome"))
    env.globals["material_version"] = metadata.version("mkdocs-material")  # for the generator tag (main.html)
    env.globals["dirs"] = views.Directions()  # dirs[lang]: "ltr" or "rtl", beside each lang attribute
    env.globals["card_html"] = Cards(env.get_template("partials/case-card.html"), build.case_views, build.t)
    env.globals["card_root"] = CARD_ROOT
    env.globals["fragments"] = fragments = {}  # parts of pages rendered once per build of a language (main.html)

    def keep_fragment(key, html):
        fragments[key] = html
        return html
    env.globals["keep_fragment"] = keep_fragment
    env.globals["search_url"] = own + urls.SEARCH
    env.globals["search_bundle"] = own + urls.SEARCH_BUNDLE
    env.globals["search_files"] = own + urls.SEARCH_BUNDLE + urls.SEARCH_FILES
    env.globals["search_texts"] = {key: build.t.get(f"search.{key}") for key in SEARCH_TEXTS}
    env.globals["links"] = {"feed": own + urls.FEED, "json": urls.CASES_JSON, "csv": urls.CASES_CSV, "codebook": own + urls.DATA}
    # the language selector of the 404 page (served at any address): each language's home, from the root
    root = urlsplit(site_url).path.rstrip("/") + "/"
    env.globals["languages"] = [{"lang": lang, "name": build.names.get(lang, lang), "link": root + urls.prefix(lang, build.default)}
                                for lang in build.languages]
    # each language's line of the hint to read a page in it (partials/language-hint.html)
    env.globals["language_hints"] = {lang: build.strings_for(lang)("language_hint.read") for lang in build.languages}
    env.globals["not_found"] = not_found.template_data(build)
    env.globals["not_found_data"] = lambda pages: not_found.script_data(build, site_url, pages, SEARCH_TEXTS)  # 404.html
    env.globals["proposal_form"] = repository.proposal_form(config)
    env.globals["offline_worker"] = None if preview else offline.WORKER  # from the site's root
    env.globals["live_preview"] = preview  # its reload script (assets/javascripts/preview.js)


def language_links(page_url: str, build) -> list:
    """The language selector's entries on a page: the same page in each language."""
    return [{"lang": lang, "name": build.names.get(lang, lang), "link": urls.in_language(page_url, build.lang, lang, build.default) or "./"}
            for lang in build.languages]
