"""The pages no file is kept for, made for the language being built: a case not yet written in
that language (its original text, shown with a notice) and one page per tag (/tags/<id>/),
made from docs/tags.yml; and which pages the live preview's partial rebuilds build again."""
from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|")


def add_pages(files, config, collection, lang: str, own_prefix: str, preview: bool) -> None:
    """Add the untranslated cases' and the tags' pages of ``lang`` to ``files``; drop the texts
    of pending translations (they are not published)."""
    docs = Path(config.docs_dir)
    by_source = {file.src_uri: file for file in files.documentation_pages()}
    for slug, case in collection.cases.items():
        if lang in case.drafts:
            draft = by_source.get(case.drafts[lang].path.relative_to(docs).as_posix())
            if draft is not None:
                files.remove(draft)
        if lang not in case.texts and case.original is not None:
            files.append(GeneratedPage.made(config, f"{own_prefix}cases/{slug}/index.md",
                                            case.original.path.read_text(encoding="utf-8"),
                                            source=case.original.path, preview=preview))
    for tag in collection.vocab.tags.values():
        label = tag.label.get(lang, tag.id)
        content = f"---\ntitle: {_yaml_text(label)}\n---\n\n# {_markdown_text(label)}\n\n{_markdown_text(tag.description.get(lang, ''))}\n"
        files.append(GeneratedPage.made(config, f"{own_prefix}tags/{tag.id}/index.md", content, source=None, preview=preview))


class GeneratedPage(File):
    """A page made in memory (MkDocs' File.generated), not in the navigation. MkDocs rebuilds
    every such page on each change of the live preview; in the preview's partial rebuilds
    (``preview``) this one is rebuilt only when it has no output yet or (a case shown
    untranslated) its ``source`` text changed since."""

    source: Path | None = None
    preview: bool = False

    @classmethod
    def made(cls, config, src_uri: str, content: str, source: Path | None, preview: bool) -> GeneratedPage:
        page = cls.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        page.source, page.preview = source, preview
        return page

    def is_modified(self) -> bool:
        if not self.preview:
            return super().is_modified()
        dest = Path(self.abs_dest_path)
        if not dest.exists():
            return True
        return self.source is not None and dest.stat().st_mtime < self.source.stat().st_mtime


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that renders as that text: the vocabulary's labels and descriptions
    are plain words, never markup or links."""
    text = escape(" ".join(text.split()), quote=False)
    return "".join("\\" + char if char in MARKDOWN_PUNCTUATION else char for char in text)


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rebuild_every_page(files) -> None:
    """Make the live preview's next partial build (`mkdocs serve --dirty`) rebuild every page:
    MkDocs rebuilds a page whose output is older than its source or missing (File.is_modified),
    so the pages' outputs are removed."""
    for file in files.documentation_pages():
        Path(file.abs_dest_path).unlink(missing_ok=True)
