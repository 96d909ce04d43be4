"""sitemap.xml for every language, with absolute hreflang alternates.

Every page has the same path in every language, so the default language's build knows them
all: for each of its pages it records the alternates that search engines should index (not
the untranslated copies of a case, which are noindex). One sitemap lists each of those
addresses with its alternates and x-default. It replaces mkdocs-static-i18n's template, which
renders again for every language.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import urls


def write(site_dir: str, pages: list) -> None:
    """``pages``: (alternates, x-default) of each page of the default language."""
    entries = sorted((alt["href"], alternates, x_default) for alternates, x_default in pages for alt in alternates)
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
    site = Path(site_dir)
    (site / urls.SITEMAP).write_bytes(data)
    (site / (urls.SITEMAP + ".gz")).write_bytes(gzip.compress(data, mtime=0))
