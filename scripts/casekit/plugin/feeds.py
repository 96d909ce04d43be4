"""An Atom feed of the case studies in each language.

/feed.xml, /es/feed.xml and /nl/feed.xml list every case, newest first by the date it was
added, with its title, summary and tags in the feed's language. Every page links its
language's feed in the head; the catalogue links it too.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from .. import urls


def _moment(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)


def write(config, build) -> None:
    lang, t, own = build.lang, build.t, build.prefix
    site_url = config.site_url
    cases = sorted(build.case_views.values(), key=lambda view: (view["added"] or "", view["slug"]), reverse=True)
    feed = FeedGenerator()
    feed.id(urls.absolute(site_url, own))
    feed.title(f"{t('feed.title')} · {config.site_name}")
    feed.subtitle(config.site_description)
    feed.language(lang)
    feed.author({"name": config.site_name})
    feed.link(href=urls.absolute(site_url, own + urls.FEED), rel="self", type="application/atom+xml")
    feed.link(href=urls.absolute(site_url, own + urls.CATALOGUE), rel="alternate", type="text/html", hreflang=lang)
    dates = [view["reviewed"] or view["added"] for view in cases if view["reviewed"] or view["added"]]
    feed.updated(_moment(max(dates)) if dates else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    for view in cases:
        entry = feed.add_entry(order="append")
        url = urls.absolute(site_url, view["url"])
        entry.id(url)
        entry.title(view["title"])
        # the summary, then where and when as the case page says it ("venue not stated" too)
        entry.summary(f"{view['summary']} ({view['where_when']})" if view["where_when"] else view["summary"])
        entry.link(href=url, rel="alternate", type="text/html", hreflang=view["text_lang"])
        if view["added"]:
            entry.published(_moment(view["added"]))
        entry.updated(_moment(view["reviewed"] or view["added"]))
        for tag in view["tags"]:
            entry.category(term=tag["id"], label=tag["label"], scheme=urls.absolute(site_url, own + urls.TAGS))
    target = Path(config.site_dir) / own / urls.FEED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed.atom_str(pretty=True))
