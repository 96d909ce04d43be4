"""What the build of one language knows: its language, strings and views of the cases."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls, views


@dataclass
class LanguageBuild:
    lang: str
    default: str  # the default language (the registry's, whichever language this build is)
    languages: tuple  # every language, default first
    names: dict  # each language's name, in that language
    t: object  # this language's UI strings
    strings_for: object  # any language's UI strings
    collection: object
    alone: bool  # built by itself (scripts/build.py), not with every language in one process
    case_views: dict = field(default_factory=dict)
    cards: list = field(default_factory=list)
    by_tag: dict = field(default_factory=dict)
    tag_index: list = field(default_factory=list)
    sitemap: list = field(default_factory=list)
    stylesheets: dict = field(default_factory=dict)  # the CSS files this build publishes (first_paint)
    scripts: object = None  # the inline scripts its templates write (inline_scripts.InlineScripts)
    script_hashes: tuple = ()  # the CSP hashes of the page or template being rendered
    problems: list = field(default_factory=list)  # shown by the live preview on every page  # (alternates, x-default) of each page, default language only

    @property
    def prefix(self) -> str:
        return urls.prefix(self.lang, self.default)

    @property
    def is_default(self) -> bool:
        return self.lang == self.default

    def show_cases(self, case_views: dict, tag_index: list) -> None:
        """The cards of this language's lists: by title (the catalogue's first order, views.SORTS;
        ties by slug, as catalogue.js breaks them), and by tag."""
        self.case_views = case_views
        self.cards = sorted(case_views.values(), key=lambda view: (views.sort_key(view["title"]), view["slug"]))
        self.by_tag = {}
        for view in self.cards:
            for tag_id in {tag["id"] for tag in view["tags"]} | {region["id"] for region in view["regions"]}:
                self.by_tag.setdefault(tag_id, []).append(view)
        self.tag_index = tag_index
