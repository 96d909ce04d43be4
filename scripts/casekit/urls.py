"""Where everything is published: the one place that knows the site's addresses.

Every address is relative to the site's root; a language other than the default has its
pages under its own folder ("es/"). Each page exists at the same path in every language, so
the language selector and the hreflang alternates lead to the same page.
"""
from __future__ import annotations

CATALOGUE = "cases/"
TAGS = "tags/"
SEARCH = "search/"
SEARCH_BUNDLE = "pagefind/"  # each language's Pagefind index, under its folder
SEARCH_FILES = "site-search.json"  # in each bundle: what a first search needs (plugin/search_index.py)
SEARCH_WORDS = "site-words.txt"  # in each bundle: the words of its index, to correct a misspelt one
DATA = "data/"  # the codebook page of open data
TRANSLATIONS = "translations/"
FEED = "feed.xml"  # each language's Atom feed, under its folder
NOT_FOUND = "404.html"  # each language's, under its folder; the default language's at the root
SITEMAP = "sitemap.xml"  # one, at the root
CASES_JSON = "cases.json"  # open data, at the root (every language in one file)
CASES_CSV = "cases.csv"
SOCIAL_CARD = "assets/images/social-card.png"


def prefix(lang: str, default_language: str) -> str:
    """The folder of a language's pages: none for the default language, "es/" for Spanish."""
    return "" if lang == default_language else f"{lang}/"


def page_url(slug: str, lang: str, default_language: str) -> str:
    return f"{prefix(lang, default_language)}{CATALOGUE}{slug}/"


def tag_url(tag_id: str, lang: str, default_language: str) -> str:
    return f"{prefix(lang, default_language)}{TAGS}{tag_id}/"


def in_language(url: str, lang: str, other: str, default_language: str) -> str:
    """The address of the page at ``url`` (a page of ``lang``) in the language ``other``."""
    own = prefix(lang, default_language)
    rest = url[len(own):] if own and url.startswith(own) else url
    return prefix(other, default_language) + rest


def absolute(site_url: str, url: str) -> str:
    """``url`` (relative to the site root) as an absolute address."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")
