"""Build hook: the case studies.

Once per build (and again only when a case, the vocabulary or a UI string file changes) it
reads every case under docs/cases/ and fails the build with one line per problem when a case
is malformed. For each language it then gives the templates what they print: the facts box,
tags and sources of a case page, and the cards of the home page, the catalogue and the tag
pages, every label, name and date in that language.
The tag pages (/tags/<id>/ in every language) are generated here from docs/tags.yml: no file is
kept by hand for them.
"""
from __future__ import annotations

import sys
from html import escape
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import AnchorLink

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from casekit import build, opendata, views  # noqa: E402
from casekit.problems import report  # noqa: E402

_state = build.state
HOME_CARDS = 12
MATERIAL_VERSION = metadata.version("mkdocs-material")  # for the generator tag (main.html)
CARD_ROOT = "\x00root/"  # in a card rendered once: replaced by each page's way to the site root


def on_startup(command, dirty):
    build.run.update(command=command, dirty=dirty, builds=0)


@event_priority(-1000)  # the very end of a build
def on_post_build(config):
    if not config.plugins["i18n"].building:
        build.run["builds"] += 1


def _unchanged_since(source: Path | None):
    """For the preview's partial rebuilds: a generated page is rebuilt only when it has no
    output yet or (for a case shown untranslated) its source text changed since."""
    def is_modified(file) -> bool:
        dest = Path(file.abs_dest_path)
        if not dest.exists():
            return True
        return source is not None and dest.stat().st_mtime < source.stat().st_mtime
    return is_modified


@event_priority(-150)  # after mkdocs-static-i18n (-100) has switched to the language being built
def on_config(config):
    lang = build.current_language(config)
    collection = build.collection(config)
    if collection.problems:
        count = len(collection.problems)
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the case studies; the site was not built.\n"
            + report(collection.problems)
        )
    build.related()  # once, before parallel_build.py starts the other languages' processes
    t = build.strings_for(lang)
    config.site_name = t("site.name")
    config.site_description = t("site.description")
    _state.update(lang=lang, t=t, collection=collection)
    return config


@event_priority(-160)  # after parallel_build.py (-150) has started the other languages' builds
def on_pre_build(config):
    """What the pages of this language show of the cases (in each language's own process)."""
    lang, collection = _state["lang"], _state["collection"]
    case_views = build.case_views(lang)
    cards = sorted(case_views.values(), key=lambda view: views.sort_key(view["title"]))
    by_tag: dict = {}
    for view in cards:
        for tag_id in {tag["id"] for tag in view["tags"]} | {view["region"]["id"]}:
            by_tag.setdefault(tag_id, []).append(view)
    _state.update(views=case_views, cards=cards, by_tag=by_tag,
                  tag_index=views.tag_index(collection.cases, collection.vocab, lang, _state["t"], collection.default_language))


class _Cards(dict):
    """Each case's card, rendered the first time a page lists it, then reused."""

    def __init__(self, template, case_views, t):
        super().__init__()
        self.template, self.case_views, self.t = template, case_views, t

    def __missing__(self, slug):
        html = self[slug] = Markup(self.template.render(case=self.case_views[slug], t=self.t, root=CARD_ROOT))  # autoescaped
        return html


def _localise(file, lang, languages, url_of):
    """Give ``file`` what mkdocs-static-i18n gives its own files, so that the language
    selector leads to the same page in every language."""
    file.locale = lang
    file.locale_alternate_of = lang
    file.alternates = {other: SimpleNamespace(url=url_of(other), page=None) for other in languages}


@event_priority(-150)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    """Add the pages no file is kept for, in the language being built: a case not yet written
    in this language (it shows the original, with a notice) and one page per tag."""
    collection = _state["collection"]
    lang, default = _state["lang"], collection.default_language
    prefix = build.prefix(lang, default)
    by_source = {file.src_uri: file for file in files.documentation_pages()}
    for slug, case in collection.cases.items():
        url_of = lambda other, slug=slug: views.page_url(slug, other, default)  # noqa: E731
        if lang in case.drafts:  # a pending translation is not published
            draft = by_source.get(case.drafts[lang].path.relative_to(config.docs_dir).as_posix())
            if draft is not None:
                files.remove(draft)
        if lang not in case.texts and case.original is not None:
            file = File.generated(config, f"{prefix}cases/{slug}/index.md",
                                  content=case.original.path.read_text(encoding="utf-8"),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            _localise(file, lang, collection.languages, url_of)
            if build.run["command"] == "serve" and build.run["dirty"]:
                file.is_modified = _unchanged_since(case.original.path).__get__(file)
            files.append(file)
    for file in files.documentation_pages():
        # every page has the same path in every language: the selector leads to it
        own = build.prefix(lang, default)
        rest = file.url[len(own):] if own and file.url.startswith(own) else file.url
        _localise(file, lang, collection.languages, lambda other, rest=rest: build.prefix(other, default) + rest)
    for tag in collection.vocab.tags.values():
        label = tag.label.get(lang, tag.id)
        content = f"---\ntitle: {_yaml_text(label)}\n---\n\n# {_markdown_text(label)}\n\n{_markdown_text(tag.description.get(lang, ''))}\n"
        file = File.generated(config, f"{prefix}tags/{tag.id}/index.md", content=content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
        _localise(file, lang, collection.languages, lambda other, tag_id=tag.id: views.tag_url(tag_id, other, default))
        if build.run["command"] == "serve" and build.run["dirty"]:
            file.is_modified = _unchanged_since(None).__get__(file)
        files.append(file)
    return files


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that renders as that text: the vocabulary's labels and descriptions
    are plain words, never markup or links."""
    text = escape(" ".join(text.split()), quote=False)
    return "".join("\\" + char if char in MARKDOWN_PUNCTUATION else char for char in text)


MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|")


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _parts(src_uri: str) -> list:
    """The parts of a page's path, without the language folder of generated pages."""
    parts = src_uri.split("/")
    if parts[0] == _state["lang"] and len(parts) > 1:
        parts = parts[1:]
    return parts


def _case_slug_of(src_uri: str) -> str | None:
    parts = _parts(src_uri)
    if len(parts) == 3 and parts[0] == "cases" and parts[2].startswith("index."):
        return parts[1]
    return None


def _case_slug(page) -> str | None:
    return _case_slug_of(page.file.src_uri)


def _kind(page) -> tuple:
    """What a page is: ("home"|"catalogue"|"tags"|"tag"|"search"|"translations", tag id or None)."""
    parts = _parts(page.file.src_uri)
    if len(parts) == 1 and parts[0].startswith("index."):
        return "home", None
    if len(parts) == 2 and parts[1].startswith("index.") and parts[0] in ("cases", "tags", "search", "translations", "data"):
        return parts[0].replace("cases", "catalogue"), None
    if len(parts) == 3 and parts[0] == "tags" and parts[2] == "index.md":
        return "tag", parts[1]
    return None, None


def on_page_markdown(markdown, page, config, files):
    slug = _case_slug(page)
    if slug and slug in _state["views"]:
        page.meta["case"] = _state["views"][slug]
        return markdown
    kind, tag_id = _kind(page)
    cards = _state["cards"]
    if kind == "home":  # the newest cases; the catalogue has them all
        page.meta["cards"] = sorted(cards, key=lambda view: (view["added"] or "", view["slug"]), reverse=True)[:HOME_CARDS]
        if len(cards) > HOME_CARDS:
            own = build.prefix(_state["lang"], _state["collection"].default_language)
            page.meta["more_cards"] = {"count": len(cards), "url": own + "cases/", "text": _state["t"]("catalogue.all", count=len(cards))}
    elif kind == "catalogue":
        page.meta["cards"] = cards
        page.meta["filters"] = views.catalogue_filters(cards, _state["collection"].vocab, _state["lang"], _state["t"])
    elif kind == "data":
        page.meta["codebook"] = opendata.codebook(_state["collection"].languages, _state["t"])
    elif kind == "search":
        page.meta["search_page"] = True
    elif kind == "translations":
        collection = _state["collection"]
        page.meta["translation_table"] = views.translation_table(cards, collection.cases, collection.languages, _state["lang"], _state["t"])
    elif kind == "tags":
        page.meta["tag_index"] = _state["tag_index"]
    elif kind == "tag":
        page.meta["cards"] = _state["by_tag"].get(tag_id, [])
        page.meta["tag"] = tag_id
    return markdown


def on_page_content(html, page, config, files):
    """Add the facts box and the sources to the page's table of contents; the title of the
    links after headings in the page's language (Markdown writes the one of mkdocs.yml)."""
    permalink = config.mdx_configs.get("toc", {}).get("permalink_title")
    if permalink:
        html = html.replace(f'title="{escape(permalink)}"', f'title="{escape(_state["t"]("site.permalink"))}"')
    if page.meta.get("case"):
        t = _state["t"]
        # a table of contents title is HTML (Material prints it as it is): UI strings are text
        page.toc.items.insert(0, AnchorLink(escape(t("facts.heading")), "case-facts", 2))
        page.toc.items.append(AnchorLink(escape(t("case.sources")), "case-sources", 2))
    return html


def on_page_context(context, page, config, nav):
    """The sidebars of a case page (the site's navigation and the page's contents) are the same
    on every case page of this language with the same headings: main.html renders them once
    per key and reuses them."""
    if page.meta.get("case") and page not in nav.pages:
        context["sidebar_key"] = ("sidebars", context["base_url"], _toc_key(page.toc))
    return context


def _toc_key(items) -> tuple:
    return tuple((item.title, item.url, _toc_key(item.children)) for item in items)


def on_env(env, config, files):
    lang, default = _state["lang"], _state["collection"].default_language
    env.bytecode_cache = build.templates
    env.globals["t"] = _state["t"]
    env.globals["material_version"] = MATERIAL_VERSION
    env.globals["dirs"] = views.Directions()  # dirs[lang]: "ltr" or "rtl", beside each lang attribute
    env.globals["card_html"] = _Cards(env.get_template("partials/case-card.html"), _state["views"], _state["t"])
    env.globals["card_root"] = CARD_ROOT
    env.globals["fragments"] = fragments = {}  # parts of pages rendered once per build of a language (main.html)

    def keep_fragment(key, html):
        fragments[key] = html
        return html
    env.globals["keep_fragment"] = keep_fragment
    own = build.prefix(lang, default)
    env.globals["search_url"] = own + "search/"
    env.globals["search_bundle"] = own + "pagefind/"  # this language's search index (search_index.py)
    env.globals["links"] = {"feed": own + "feed.xml", "json": "cases.json", "csv": "cases.csv", "codebook": own + "data/"}
    return env
