"""The site's MkDocs plugin: the case studies, built in every language.

One class; its event methods below read in the order MkDocs calls them, and each delegates to
a module of this package named for its job. The build's state lives on the instance (MkDocs
keeps one instance for the life of `mkdocs serve`, since the class has on_startup): nothing is
kept at module level.

mkdocs-static-i18n builds the languages: in one process it builds the default language, then
(inside the default language's on_post_build, its priority -100) each other language with a
nested build; scripts/build.py instead runs one process per language with its documented
`build_only_locale`. Our events that need the language being built run after the plugin's
(AFTER_I18N); a stack of LanguageBuild records which language each (nested) build is.
The content model and views (casekit) do not import MkDocs; this package is the adapter.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base, config_options
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from .. import csp, messages, opendata, project, script_order, urls, views
from . import (
    boundary,
    disk_links,
    feeds,
    first_paint,
    generated,
    head,
    html_fixes,
    inline_scripts,
    languages,
    not_found,
    offline,
    page_data,
    private_api,
    repository,
    search_index,
    sitemap,
    templates,
)
from .content import Content, TemplateCache, from_build
from .first_paint import FirstPaint
from .state import LanguageBuild

log = get_plugin_logger("casestudies")

FIRST = 100  # before any other plugin sees the files and pages: the trust boundary
BEFORE_I18N = -50  # mkdocs-static-i18n's events run at -100 (its documentation: "we are last")
AFTER_I18N = -110


class Options(base.Config):
    # "-": the collection as scripts/build.py read it once for every language's process
    # (Content.save), in the file it names on standard input; the process waits for that line
    # in a blocking read (no polling) while build.py reads the cases
    collection_cache = config_options.Optional(config_options.Choice(["-"]))


class CaseStudiesPlugin(BasePlugin[Options]):
    def __init__(self):
        super().__init__()
        self.command, self.dirty, self.builds = None, False, 0
        self.content: Content | None = None
        self.templates = TemplateCache()
        self.inline_scripts = inline_scripts.InlineScripts()  # the templates' own, read once
        self.first_paint = FirstPaint()  # each page's critical CSS, from the stylesheets read once
        self.stack: list[LanguageBuild] = []  # the builds in progress: the default language's, then a nested one
        self.root_pages: dict = {}  # the default language's 404 and offline pages, for the site's root
        self.restore = None  # ends private_api's reuse of Markdown converters
        self.shown_problems: dict = {}  # language -> the problems the live preview showed on its last build

    @property
    def build(self) -> LanguageBuild:
        return self.stack[-1]

    def preview_rebuild(self) -> bool:
        """A rebuild of the live preview after an edit (`mkdocs serve --dirty`, not the first build):
        what no one previews (feeds, sitemap, data files, search index) keeps its first version."""
        return self.command == "serve" and self.dirty and self.builds > 0

    # 1. once per `mkdocs build` or `mkdocs serve`
    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    # 2. each language's build starts: read (or reuse) the collection; stop on a malformed case
    @event_priority(AFTER_I18N)  # mkdocs-static-i18n has set the language being built
    def on_config(self, config):
        registry = project.registry(project.read_config(config.config_file_path))
        codes = tuple(lang["locale"] for lang in registry)
        if not self.stack:
            languages.check_writable(config.site_dir)
        lang = config.theme["language"]
        if self.content is None:
            self.content = content_of(config, codes)
            if self.config.collection_cache:  # scripts/build.py read the cases once for every language
                from_build(self.content)
        collection = self.content.collection()
        if collection.problems and self.command != "serve":
            boundary.fail(collection.problems, "in the case studies")
        self.content.related()  # once for every language
        t = self.content.strings_for(lang)
        config.theme.static_templates.add(offline.TEMPLATE)  # rendered once per language, like 404.html
        config.site_name = boundary.plain_words(t("site.name"))  # Material prints it unescaped (the preview shows a site with problems)
        config.site_description = t("site.description")
        # Material shows the language selector (overrides/partials/alternate.html) when this is
        # set; the selector's entries are the page's own (templates.language_links)
        config.extra["alternate"] = [{"name": entry.get("name", entry["locale"]), "lang": entry["locale"],
                                      "link": urls.prefix(entry["locale"], codes[0]) or "./"} for entry in registry]
        alone = config.plugins["i18n"].config.build_only_locale is not None
        self.stack.append(LanguageBuild(lang=lang, default=codes[0], languages=codes,
                                        names={entry["locale"]: entry.get("name", entry["locale"]) for entry in registry},
                                        t=t, strings_for=self.content.strings_for, collection=collection, alone=alone))
        self._stop_or_show(collection.problems, "in the case studies")
        return config

    def on_pre_build(self, config):
        build = self.build
        if self.restore is None:  # the outermost build: for all its languages (see private_api.py)
            self.restore = private_api.reuse_markdown_converters()
        build.show_cases(self.content.case_views(build.lang),
                         views.tag_index(build.collection.cases, build.collection.vocab, build.lang, build.t, build.default))

    # 3. the files: checked, then only this language's given to mkdocs-static-i18n, then ours added
    @event_priority(FIRST)
    def _check_files(self, files, config):
        self._stop_or_show(boundary.check_files(files, config.docs_dir, self.content.root, self.build.languages))
        suspects = frozenset(problem.path for problem in self.build.collection.problems)
        problems, withheld = boundary.check_front_matter(files, self.content.root, suspects)
        self._stop_or_show(problems)
        for file in withheld:  # the live preview shows the problems; MkDocs never parses the file
            files.remove(file)
        return files

    @event_priority(BEFORE_I18N)
    def _language_files(self, files, config):
        build = self.build
        return languages.only_language(files, config.docs_dir, build.lang, build.languages, build.default)

    @event_priority(AFTER_I18N)
    def _add_pages(self, files, config):
        build = self.build
        if build.alone and not build.is_default:
            languages.under_folder(files, config.docs_dir, config.site_dir, build.prefix)
        generated.add_pages(files, config, build.collection, build.lang, build.prefix,
                            preview=self.command == "serve" and self.dirty)
        build.stylesheets = first_paint.stylesheets(files)
        if self._problems_changed():  # the live preview shows them on every page, or stops showing them
            generated.rebuild_every_page(files)
        return files

    on_files = CombinedEvent(_check_files, _language_files, _add_pages)

    # 3b. the navigation: a rebuild of the live preview reads only the pages that changed
    def on_nav(self, nav, config, files):
        if self.preview_rebuild():  # the others would be named None in the navigation
            page_data.read_nav_titles(nav, config)
        return nav

    # 4. the templates: ours autoescaped, given the strings, addresses and cards of this language
    def on_env(self, env, config, files):
        env.autoescape = boundary.autoescape_for(Path(config.theme.custom_dir))
        env.bytecode_cache = self.templates
        templates.set_globals(env, self.build, config, preview=self.command == "serve")
        self.build.scripts = self.inline_scripts.for_build(env)  # for each page's CSP
        return env

    # 5. each page
    def on_page_markdown(self, markdown, page, config, files):
        self._stop_or_show(boundary.check_meta(page, lambda: self._source(page, config)), page=page)
        page_data.attach(page, self.build)
        shape = boundary.check_markdown(markdown, page, lambda: self._source(page, config))
        self._stop_or_show(shape, page=page)
        return "" if shape else markdown  # the live preview shows the problems, not a renderer stalled

    def on_page_content(self, html, page, config, files):
        html, problems = boundary.clean_content(html, page, lambda: self._source(page, config))
        problems += boundary.raw_link_problems(html, page, lambda: self._source(page, config), config.docs_dir)
        if not problems and not page.meta.get("_problems"):
            # the title as the templates will print it, now that MkDocs has derived it (from the
            # first heading, when no front matter gave one)
            problems = boundary.check_title(page, lambda: self._source(page, config))
        self._stop_or_show(problems, page=page)
        if page.meta.get("_problems"):  # the live preview: the page shows its problems, not its markup
            boundary.safe_title(page)
        page_data.case_contents(page, self.build.t)
        return page_data.translate_permalinks(html, config, self.build.t)

    def on_page_context(self, context, page, config, nav):
        build = self.build
        context["head"] = head.head(page, config, build)
        if build.is_default:
            build.sitemap.append((context["head"]["alternates"], context["head"]["x_default"]))
        if page.meta.get("case"):
            context["cite"] = views.citation(page.meta["case"], build.lang, build.t, config.site_name, context["head"]["canonical"])
            context["repository"] = repository.case_links(page, config, build, context["head"]["canonical"])
        context["language_links"] = templates.language_links(page.url, build)
        # in the page's language, like the rest of the banner (English where it has no catalogue)
        spoken = messages.for_contributor(build.lang, build.languages, {}, system=lambda: None)
        context["preview_problems"] = [problem.format(spoken) for problem in self.build.problems + page.meta.get("_problems", [])]
        key = page_data.sidebar_key(page, nav, context["base_url"])
        if key:
            context["sidebar_key"] = key
        build.script_hashes = build.scripts.hashes(context)  # what the templates write, not what the page holds
        return context

    def on_post_page(self, output, page, config):
        output = self.first_paint.inline(html_fixes.page(output), self.build.stylesheets)
        output = script_order.defer_in_head(output)
        if not config.use_directory_urls:  # a preview to open from disk
            output = disk_links.rewrite(output)
        output = csp.add(output, self.build.script_hashes, wasm=bool(page.meta.get("search_page")))
        return private_api.keep_reload_script_inert(output) if self.command == "serve" else output

    def on_template_context(self, context, template_name, config):
        if template_name == offline.TEMPLATE:  # written to its language's folder: links from there
            context["base_url"] = offline.base_url(self.build)
            context["language_links"] = templates.language_links(self.build.prefix, self.build)  # each language's home
        self.build.script_hashes = self.build.scripts.hashes(context)
        return context

    def on_post_template(self, output, template_name, config):
        if template_name not in (urls.NOT_FOUND, offline.TEMPLATE):
            return output
        output = self.first_paint.inline(html_fixes.template(output), self.build.stylesheets)
        output = script_order.defer_in_head(output)
        output = csp.add(output, self.build.script_hashes)
        if self.command == "serve":
            output = private_api.keep_reload_script_inert(output)
        if self.build.is_default:
            self.root_pages[template_name] = output
        else:
            not_found.write(config.site_dir, self.build, output, template_name)
        return output

    # 6. each language's build ends: its feed and search index (before mkdocs-static-i18n builds
    #    the other languages inside the default language's build) ...
    def _language_outputs(self, config):
        if not self.preview_rebuild():
            feeds.write(config, self.build)
            log.info(search_index.write(config.site_dir, self.build))

    # ... then, once every language is built, what the whole site has once
    @event_priority(AFTER_I18N)
    def _site_outputs(self, config):
        build = self.stack.pop()
        if build.is_default and not self.preview_rebuild():
            sitemap.write(config.site_dir, build.sitemap)
            site = Path(config.site_dir)
            (site / urls.CASES_JSON).write_text(opendata.to_json(build.collection, config.site_url, config.extra.get("licence")), encoding="utf-8")
            (site / urls.CASES_CSV).write_text(opendata.to_csv(build.collection, config.site_url), encoding="utf-8")
        if build.is_default:
            for name, html in self.root_pages.items():  # the other languages' builds wrote theirs there too
                not_found.write(config.site_dir, build, html, name)
            if self.command != "serve" and offline.TEMPLATE in self.root_pages:
                identity = offline.build_id(Path(config.site_dir), Path(config.theme.custom_dir))
                offline.write_worker(config.site_dir, offline.worker_settings(build, identity, self.root_pages[offline.TEMPLATE], config.site_dir))
        if not self.stack:
            self.builds += 1
            self._end()

    on_post_build = CombinedEvent(_language_outputs, _site_outputs)

    def on_build_error(self, *, error):
        self.stack.clear()
        self._end()

    def _end(self):
        if self.restore is not None:
            self.restore()
            self.restore = None

    def _stop_or_show(self, problems: list, what: str = "in contributed files", page=None) -> None:
        """A problem stops the build; the live preview shows it instead, on the page it concerns
        (or on every page), in the reader's language, and reloads once it is fixed."""
        if not problems:
            return
        if self.command != "serve":
            boundary.fail(problems, what)
        if page is not None:
            page.meta.setdefault("_problems", []).extend(problems)
        else:
            self.build.problems.extend(problems)

    def _problems_changed(self) -> bool:
        shown = tuple(self.build.problems)
        changed = shown != self.shown_problems.get(self.build.lang, ())
        self.shown_problems[self.build.lang] = shown
        return changed and self.command == "serve"

    def _source(self, page, config) -> tuple:
        """(the file to name in messages, its text) of a page."""
        if page.file.abs_src_path:
            return boundary.read_source(Path(page.file.abs_src_path), self.content.root)
        # a generated page: a case shown in its original language, or a tag page
        case = page.meta.get("case")
        original = self.build.collection.cases[case["slug"]].original if case else None
        path = original.path if original else Path(config.docs_dir) / "tags.yml"
        return boundary.read_source(path, self.content.root)[0], page.file.content_string


def content_of(config, codes: tuple) -> Content:
    """The collection of the site that ``config`` (MkDocs' configuration) describes."""
    return Content(Path(config.config_file_path).parent, Path(config.docs_dir), Path(config.theme.custom_dir) / "i18n", codes)

