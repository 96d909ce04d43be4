"""The pages no file is kept for, made for the language being built: a case not yet written in
that language (its original text, shown with a notice) and one page per tag (/tags/<id>/),
made from docs/tags.yml."""
from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from .languages import move_under

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
            # at the source path of the language's own text, so that its links lead where the
            # translation's would (../other-case/index.md: the other case in this language,
            # written or shown untranslated); published under the language's folder
            file = File.generated(config, f"cases/{slug}/index.md",
                                  content=case.original.path.read_text(encoding="utf-8"),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            if own_prefix:
                move_under(file, config.site_dir, own_prefix)
            if preview:
                file.is_modified = _unchanged_since(case.original.path).__get__(file)
            files.append(file)
    for tag in collection.vocab.tags.values():
        label = tag.label.get(lang, tag.id)
        content = f"---\ntitle: {_yaml_text(label)}\n---\n\n# {_markdown_text(label)}\n\n{_markdown_text(tag.description.get(lang, ''))}\n"
        file = File.generated(config, f"{own_prefix}tags/{tag.id}/index.md", content=content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
        if preview:
            file.is_modified = _unchanged_since(None).__get__(file)
        files.append(file)


def _unchanged_since(source: Path | None):
    """For the preview's partial rebuilds: a generated page is rebuilt only when it has no
    output yet or (for a case shown untranslated) its source text changed since."""
    def is_modified(file) -> bool:
        dest = Path(file.abs_dest_path)
        if not dest.exists():
            return True
        return source is not None and dest.stat().st_mtime < source.stat().st_mtime
    return is_modified


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that renders as that text: the vocabulary's labels and descriptions
    are plain words, never markup or links."""
    text = escape(" ".join(text.split()), quote=False)
    return "".join("\\" + char if char in MARKDOWN_PUNCTUATION else char for char in text)


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
