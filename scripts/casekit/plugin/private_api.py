"""The one place where the build uses a private part of MkDocs, and why.

MkDocs makes a new Python-Markdown converter for every page (`Page.render` calls
`markdown.Markdown(...)` through the name `markdown` of `mkdocs.structure.pages`), loading and
configuring every extension again: a quarter of the time a case page's Markdown takes
(measured: 1,000 pages in 2.0 s with a new converter each, 1.5 s with one reused). No option
or plugin event lets a plugin give MkDocs a converter, so for the length of one build that
name is pointed at a stand-in whose Markdown() gives the converter made for the same
extensions and settings, reset (Python-Markdown's reset() clears its state and every
extension's; MkDocs registers its per-page processors on it again, replacing the previous
page's). The name is put back when the build ends.

The live preview relies on one more private part, of MkDocs' development server: it inserts
its reload script, inline and different on every response (so no policy can hash it), before
the last `</body>` of each page it serves, and the script asks `/livereload/<epoch>/<id>`
for a build newer than the page's. With a Content-Security-Policy that allows no inline
script the templates do not write, that script would be refused; so each preview page ends
with a comment that holds `</body>` (keep_reload_script_inert): the script lands in it as
text, and overrides/assets/javascripts/preview.js, a file, reads its two numbers and asks the
server the same question.

The plugin also relies on one undocumented behaviour of mkdocs-static-i18n: in one `mkdocs build`
it builds the other languages inside its own on_post_build (priority -100), each a nested
MkDocs build of the same configuration, after the default language's pages are written. The
plugin's stack of LanguageBuild records (which language each nested build is) and its
`_site_outputs` (what the whole site has once, written when the outermost build ends) work only
because of that order.

tests/test_private_api.py fails loudly when an upgrade of MkDocs, Python-Markdown or
mkdocs-static-i18n changes what this relies on. (The theme has one such dependency too, in the browser: overrides/main.html
cancels the sitemap requests Material's script makes for every <link rel="alternate">;
tests/test_browser.py fails when a page requests a sitemap.)
"""
from __future__ import annotations

import json
from types import MappingProxyType

import markdown
from mkdocs.structure import pages

# ends every page of the live preview: MkDocs' server puts its reload script into it (see above)
RELOAD_SCRIPT_HOLDER = "\n<!-- the live preview's reload script, as text (assets/javascripts/preview.js): </body> -->\n"

RELIES_ON = MappingProxyType({"mkdocs": "1.6.1", "markdown": "3.11.3", "mkdocs-static-i18n": "1.3.1"})


class ReusedConverters:
    """Stands for the `markdown` module in mkdocs.structure.pages."""

    def __init__(self):
        self.converters: dict = {}

    def Markdown(self, *, extensions, extension_configs):  # noqa: N802 - the name MkDocs calls
        key = json.dumps([[str(ext) for ext in extensions], extension_configs], sort_keys=True, default=repr)
        converter = self.converters.get(key)
        if converter is None:
            converter = self.converters[key] = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        converter.reset()
        return converter

    def __getattr__(self, name):
        return getattr(markdown, name)


def reuse_markdown_converters():
    """Make MkDocs reuse one converter per set of extensions until the returned function is called."""
    original = pages.markdown
    pages.markdown = ReusedConverters()

    def restore():
        pages.markdown = original
    return restore


def keep_reload_script_inert(html: str) -> str:
    """``html`` (a page of the live preview) ending with the comment MkDocs' server puts its
    inline reload script into (see above)."""
    return html + RELOAD_SCRIPT_HOLDER
