"""The content model does not depend on MkDocs: only the plugin package (the adapter) imports
it, so a move to another site generator ports the adapter, not the domain."""
from __future__ import annotations

import ast

from conftest import ROOT

CASEKIT = ROOT / "scripts" / "casekit"
GENERATOR = ("mkdocs", "material", "mkdocs_static_i18n")


def _imports(path) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_content_model_imports_no_site_generator():
    domain = [path for path in CASEKIT.rglob("*.py") if "plugin" not in path.relative_to(CASEKIT).parts]
    assert domain, "the content model's modules are found"
    found = {str(path.relative_to(ROOT)): sorted(_imports(path) & set(GENERATOR)) for path in domain}
    assert {name: mods for name, mods in found.items() if mods} == {}


def test_the_plugin_is_registered_and_keeps_no_state_at_module_level():
    from importlib.metadata import entry_points

    (entry,) = [entry for entry in entry_points(group="mkdocs.plugins") if entry.name == "casestudies"]
    assert entry.value == "casekit.plugin:CaseStudiesPlugin"
    # no module-level dict, list or set in the plugin package: its state lives on the instance
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    for path in (CASEKIT / "plugin").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                value = node.value
                made = isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("dict", "list", "set", "defaultdict")
                assert not (isinstance(value, mutable) or made), f"{path.name}:{node.lineno} keeps mutable state at module level"
