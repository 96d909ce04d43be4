"""Build hook: what the head of every page tells search engines, feed readers and sharing.

An absolute canonical URL (for a case shown untranslated: the original's, with noindex);
absolute hreflang alternates for every language plus x-default; the language's Atom feed;
Open Graph and Twitter cards with the localized title, summary and an image; and, on a case
page, schema.org JSON-LD. The templates print `head` (overrides/main.html).
"""
from __future__ import annotations

from casekit import build, views

IMAGE = "assets/images/social-card.png"


def on_page_context(context, page, config, nav):
    state = build.state
    lang, collection, t = state["lang"], state["collection"], state["t"]
    default, languages, site_url = collection.default_language, collection.languages, config.site_url
    own = build.prefix(lang, default)
    rest = page.url[len(own):] if own and page.url.startswith(own) else page.url
    case = page.meta.get("case")
    # every page exists in every language; a case shown untranslated is not an alternate
    model_case = collection.cases[case["slug"]] if case else None
    indexed = [other for other in languages if not model_case or model_case.translation_state(other) != "missing"]
    alternates = [{"lang": other, "href": views.absolute(site_url, build.prefix(other, default) + rest)} for other in indexed]
    canonical = views.absolute(site_url, page.url)
    noindex = False
    if case and case["fallback"]:
        canonical, noindex = views.absolute(site_url, case["original"]["url"]), True
    title = case["title"] if case else (page.title or config.site_name)
    description = case["summary"] if case else config.site_description
    image = views.absolute(site_url, IMAGE)
    head = {
        "canonical": canonical,
        "noindex": noindex,
        "alternates": alternates,
        "x_default": views.absolute(site_url, build.prefix(default if default in indexed else indexed[0], default) + rest),
        "feed": {"href": views.absolute(site_url, own + "feed.xml"), "title": f"{t('feed.title')} · {config.site_name}"},
        "og": {"type": "article" if case else "website", "title": title, "description": description, "url": canonical,
               "locale": t("site.locale"),
               "locale_alternates": [build.strings_for(other)("site.locale") for other in languages if other != lang],
               "image": image, "site_name": config.site_name},
        "jsonld": views.case_jsonld(model_case, case, config.site_name,
                                    views.absolute(site_url, own), canonical, image, site_url) if case else None,
    }
    context["head"] = head
    if case:
        context["cite"] = views.citation(case, lang, t, config.site_name, canonical)
    return context
