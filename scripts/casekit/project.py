"""The project as the contributor scripts see it: where things are, which languages are built."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from . import model, render, strings

ROOT = Path(__file__).resolve().parents[2]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags (!ENV, !relative, …)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    """mkdocs.yml as written (MkDocs' own tags read as nothing)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


@cache
def _config(root: Path) -> dict:
    return read_config(Path(root) / "mkdocs.yml")


def markdown_renderer(root: Path = ROOT):
    """Markdown to HTML with the extensions mkdocs.yml gives the build."""
    return render.renderer(_config(Path(root)).get("markdown_extensions") or [])


def _registry(root: Path) -> list:
    return registry(_config(Path(root)))


def registry(config: dict) -> list:
    """The language registry: the languages mkdocs-static-i18n builds (its entries in
    mkdocs.yml: locale, name, default), the default first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = [lang for lang in plugin["i18n"]["languages"] if lang.get("build", True)]
            return sorted(langs, key=lambda lang: not lang.get("default", False))
    raise SystemExit("error: mkdocs.yml configures no i18n plugin languages")


@cache
def languages(root: Path = ROOT) -> tuple:
    """The codes of the languages mkdocs-static-i18n builds, the default first."""
    return tuple(lang["locale"] for lang in _registry(root))


def language_names(root: Path = ROOT) -> dict:
    """Each built language's name in that language, as the language selector shows it."""
    return {lang["locale"]: lang.get("name", lang["locale"]) for lang in _registry(root)}


def strings_for(root: Path = ROOT):
    table: dict = {}

    def get(lang: str) -> strings.Strings:
        if lang not in table:
            table[lang] = strings.load(Path(root) / "overrides" / "i18n", lang)
        return table[lang]

    return get


def load(root: Path = ROOT, only=None) -> model.Collection:
    root = Path(root)
    return model.load_collection(root / "docs", languages(root), strings_for(root), root=root, only=only,
                                 strings_dir=root / "overrides" / "i18n", render=markdown_renderer(root))
