"""Markdown to HTML as the build renders it, for the checks that read the rendered result."""
from __future__ import annotations

import markdown

# What MkDocs 1.6 always adds to the extensions of mkdocs.yml (mkdocs.config.defaults).
BUILTIN = ("toc", "tables", "fenced_code")


def renderer(extensions=(), configs=None):
    """A function from Markdown text to HTML, with MkDocs' built-in extensions and ``extensions``
    (as mkdocs.yml's markdown_extensions lists them: names, or {name: settings})."""
    names, settings = list(BUILTIN), {}
    for entry in extensions:
        if isinstance(entry, dict):
            for name, value in entry.items():
                names.append(name)
                settings[name] = value or {}
        else:
            names.append(entry)
    settings.update(configs or {})
    converter = markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=settings)

    def render(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return render
