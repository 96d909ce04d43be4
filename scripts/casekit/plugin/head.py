"""What the head of every page tells search engines, feed readers and sharing.

An absolute canonical URL (for a case shown untranslated: the original's, with noindex) and
the page's own absolute address (what a reader shares: the page in their language);
absolute hreflang alternates for every language plus x-default; the language's Atom feed;
Open Graph and Twitter cards with the localized title, summary and an image; and, on a case
page, schema.org JSON-LD. The templates print `head` (overrides/main.html).
"""
from __future__ import annotations

from .. import urls, views


def head(page, config, build) -> dict:
    lang, collection, t, default = build.lang, build.collection, build.t, build.default
    site_url = config.site_url
    case = page.meta.get("case")
    # every page exists in every language; a case shown untranslated is not an alternate
    model_case = collection.cases[case["slug"]] if case else None
    indexed = [other for other in build.languages if not model_case or model_case.translation_state(other) != "missing"]
    alternates = [{"lang": other, "href": urls.absolute(site_url, urls.in_language(page.url, lang, other, default))} for other in indexed]
    own_url = urls.absolute(site_url, page.url)
    canonical = own_url
    noindex = False
    if case and case["fallback"]:
        canonical, noindex = urls.absolute(site_url, case["original"]["url"]), True
    title = case["title"] if case else (page.title or config.site_name)
    description = case["summary"] if case else config.site_description
    image = urls.absolute(site_url, urls.SOCIAL_CARD)
    x_default = default if default in indexed else indexed[0]
    return {
        "canonical": canonical,
        "url": own_url,  # the page's own address, in its language, even where the canonical is the original's
        "noindex": noindex,
        "alternates": alternates,
        "x_default": urls.absolute(site_url, urls.in_language(page.url, lang, x_default, default)),
        "feed": {"href": urls.absolute(site_url, build.prefix + urls.FEED), "title": f"{t('feed.title')} · {config.site_name}"},
        "og": {"type": "article" if case else "website", "title": title, "description": description, "url": canonical,
               "locale": t("site.locale"),
               "locale_alternates": [build.strings_for(other)("site.locale") for other in build.languages if other != lang],
               "image": image, "site_name": config.site_name},
        "jsonld": views.case_jsonld(model_case, case, config.site_name,
                                    urls.absolute(site_url, build.prefix), canonical, image, site_url) if case else None,
    }
