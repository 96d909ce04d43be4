"""Build hook: sitemap.xml for every language, with absolute hreflang alternates.

Every page has the same path in every language, so the default language's build knows them
all: for each of its pages it records the alternates that search engines should index (not
the untranslated copies of a case, which are noindex). After every language is built, one
sitemap lists each of those addresses with its alternates and x-default. It replaces
mkdocs-static-i18n's template, which renders again for every language.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.plugins import event_priority

from casekit import build

_pages: list = []


def on_pre_build(config):
    if not config.plugins["i18n"].building:  # the default language: a new build
        _pages.clear()


@event_priority(-50)  # after page_meta has computed the head
def on_page_context(context, page, config, nav):
    head = context.get("head")
    if head and build.state["lang"] == build.state["collection"].default_language:
        _pages.append((head["alternates"], head["x_default"]))
    return context


@event_priority(-200)  # after every language is built
def on_post_build(config):
    if config.plugins["i18n"].building or build.preview_rebuild():
        return
    entries = sorted((alt["href"], alternates, x_default) for alternates, x_default in _pages for alt in alternates)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for loc, alternates, x_default in entries:
        lines.append(f"  <url><loc>{escape(loc)}</loc>")
        for alt in alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt["lang"]}" href={quoteattr(alt["href"])}/>')
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(x_default)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    site = Path(config.site_dir)
    (site / "sitemap.xml").write_bytes(data)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
