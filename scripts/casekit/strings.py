"""UI strings of each language: overrides/i18n/<lang>.yml."""
from __future__ import annotations

from pathlib import Path

import yaml
from babel import Locale


class Strings:
    """Look up ``section.key`` strings of one language, with {placeholders} and plural forms."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.data = data
        self._locale = Locale.parse(lang)

    def get(self, key: str):
        node = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no UI string '{key}' for language '{self.lang}' in overrides/i18n/{self.lang}.yml")
            node = node[part]
        return node

    def __call__(self, key: str, **values) -> str:
        text = self.get(key)
        if isinstance(text, dict):  # plural forms, chosen by the CLDR rule of the language
            count = values.get("count", 0)
            form = self._locale.plural_form(count)
            text = text.get(form, text.get("other"))
        return str(text).format(**values) if values else str(text)


def load(directory: Path, lang: str) -> Strings:
    path = Path(directory) / f"{lang}.yml"
    with open(path, encoding="utf-8") as handle:
        return Strings(lang, yaml.safe_load(handle) or {})


def flat_keys(data: dict, prefix: str = "") -> set:
    keys = set()
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= {"zero", "one", "two", "few", "many", "other"}:
            keys |= flat_keys(value, name + ".")
        else:
            keys.add(name)
    return keys
