"""The one use of a private part of MkDocs (scripts/casekit/plugin/private_api.py) still holds:
these fail loudly when an upgrade changes what it relies on. Nothing else in the project
assigns to an attribute of a MkDocs, Material or mkdocs-static-i18n module."""
from __future__ import annotations

import ast
import inspect
from importlib import metadata

from mkdocs.structure import pages

from casekit.plugin import private_api
from conftest import ROOT


def test_the_versions_it_was_checked_against_are_installed():
    for package, version in private_api.RELIES_ON.items():
        assert metadata.version(package) == version, (
            f"{package} is now {metadata.version(package)}: check that scripts/casekit/plugin/private_api.py still holds, "
            "then update RELIES_ON")


def test_mkdocs_makes_each_page_s_converter_through_the_name_it_replaces():
    import markdown
    assert pages.markdown is markdown
    source = inspect.getsource(pages.Page.render)
    assert "markdown.Markdown(" in source and "extensions=config['markdown_extensions']" in source


def test_the_name_is_put_back():
    original = pages.markdown
    restore = private_api.reuse_markdown_converters()
    assert isinstance(pages.markdown, private_api.ReusedConverters)
    converter = pages.markdown.Markdown(extensions=["toc"], extension_configs={})
    assert pages.markdown.Markdown(extensions=["toc"], extension_configs={}) is converter
    restore()
    assert pages.markdown is original


def test_the_preview_server_puts_its_reload_script_into_the_last_body_end_tag():
    """The live preview's reload (private_api.keep_reload_script_inert, assets/javascripts/preview.js):
    MkDocs' server writes its script, with the numbers preview.js reads, into the comment."""
    import re

    from mkdocs import livereload
    page = private_api.keep_reload_script_inert("<!doctype html><html><head></head><body><p>x</p></body></html>")
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(ROOT))
    try:
        served = server._inject_js_into_html(page.encode("utf-8"), 1234).decode("utf-8")
    finally:
        server.server_close()
    head, comment = served.split("<!--", 1)
    assert "<script" not in head and head.rstrip().endswith("</html>")
    assert re.search(r"livereload\(1234, \d+\);", comment) and comment.rstrip().endswith("-->")
    # and its reload protocol, which preview.js follows
    assert '"/livereload/" + epoch + "/" + requestId' in livereload._SCRIPT_TEMPLATE_STR
    assert 'parseFloat(this.responseText) > epoch' in livereload._SCRIPT_TEMPLATE_STR


def _assignments_to_modules(path) -> list:
    """`x.y = …` where x is a module imported from mkdocs, material or mkdocs_static_i18n."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n"):
            modules |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name.split(".")[0] for alias in node.names
                        if alias.name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")}
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in modules:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_other_module_assigns_to_their_modules():
    files = [path for path in (ROOT / "scripts").rglob("*.py") if path.name != "private_api.py"]
    found = [hit for path in files for hit in _assignments_to_modules(path)]
    assert found == []
    assert _assignments_to_modules(ROOT / "scripts" / "casekit" / "plugin" / "private_api.py"), "the check finds the one known use"
