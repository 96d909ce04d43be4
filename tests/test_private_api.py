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


def test_static_i18n_builds_the_other_languages_inside_its_on_post_build():
    """The plugin's LanguageBuild stack and _site_outputs rely on it (private_api.py says why)."""
    from mkdocs.commands.build import build
    from mkdocs_static_i18n import plugin as i18n

    source = inspect.getsource(i18n.I18n.on_post_build)
    assert "for locale in self.build_languages" in source and "build(config, dirty=dirty)" in source, (
        "mkdocs-static-i18n no longer builds each other language in its on_post_build: "
        "CaseStudiesPlugin's stack and _site_outputs must change")
    assert i18n.build is build
    assert i18n.I18n.on_post_build.mkdocs_priority == -100


def test_the_name_is_put_back():
    original = pages.markdown
    restore = private_api.reuse_markdown_converters()
    assert isinstance(pages.markdown, private_api.ReusedConverters)
    converter = pages.markdown.Markdown(extensions=["toc"], extension_configs={})
    assert pages.markdown.Markdown(extensions=["toc"], extension_configs={}) is converter
    restore()
    assert pages.markdown is original


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


def _their_method_names() -> frozenset:
    """The names of the methods of MkDocs', Material's and mkdocs-static-i18n's classes that a
    plugin meets (files, pages, navigation, configuration, plugins, themes)."""
    import importlib
    import pkgutil

    names = set()
    for package in ("mkdocs.structure", "mkdocs.config", "mkdocs.plugins", "mkdocs.theme", "mkdocs_static_i18n", "material.plugins"):
        module = importlib.import_module(package)
        modules = [module] + [importlib.import_module(info.name) for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + ".")
                              if not info.name.split(".")[-1].startswith("_")]
        for mod in modules:
            for cls in vars(mod).values():
                if inspect.isclass(cls) and cls.__module__.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n"):
                    names |= {name for name, value in vars(cls).items() if inspect.isfunction(value) and not name.startswith("__")}
    return frozenset(names)


def _patches_of_instances(source: str, name: str, methods: frozenset) -> list:
    """`obj.method = …` (a method of one of their classes replaced on an object) and any
    `function.__get__(obj)` (a function bound to an object by hand) in ``source``: patches,
    whatever the object."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if (isinstance(target, ast.Attribute) and target.attr in methods
                    and not (isinstance(target.value, ast.Name) and target.value.id in ("self", "cls"))):
                found.append(f"{name}:{node.lineno}: {target.attr} replaced")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__get__":
            found.append(f"{name}:{node.lineno}: a function bound by hand")
    return found


def test_no_module_replaces_a_method_on_one_of_their_objects():
    methods = _their_method_names()
    assert {"is_modified", "render", "on_files"} <= methods
    sample = "file.is_modified = always.__get__(file)\npage.render = lambda *a: None\nself.render = 1\n"
    assert len(_patches_of_instances(sample, "sample.py", methods)) == 3, "the check finds patches"
    found = [hit for path in (ROOT / "scripts").rglob("*.py")
             for hit in _patches_of_instances(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), methods)]
    assert found == [], "subclass the class (as plugin/generated.py's GeneratedPage does) instead"
