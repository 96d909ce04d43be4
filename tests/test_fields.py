"""The facts' registry (casekit/fields.py) and the schema of case.yml name the same facts, and
everything that shows facts derives from the registry: a fact added to the schema without a
place in the registry fails here, with what to do."""
from __future__ import annotations

import json

from casekit import fields, opendata
from conftest import ROOT


def test_the_registry_and_the_schema_name_the_same_facts():
    schema = json.loads((ROOT / "scripts" / "casekit" / "case.schema.json").read_text(encoding="utf-8"))
    missing = set(schema["properties"]) - set(fields.names())
    extra = set(fields.names()) - set(schema["properties"])
    assert not missing, f"facts of case.schema.json with no place in scripts/casekit/fields.py: {sorted(missing)}; add them there"
    assert not extra, f"facts of scripts/casekit/fields.py that case.schema.json does not have: {sorted(extra)}"


def test_the_facts_box_and_the_open_data_derive_from_the_registry():
    rows = {fact.row for fact in fields.FACTS if fact.row}
    assert rows <= set(fields.ROWS)  # every fact's row is shown
    assert [name for name, _kind in opendata.FIELDS] == [column.name for column in fields.open_data_columns()]
    names = [name for name, _kind in opendata.FIELDS]
    assert len(names) == len(set(names))
    assert opendata.PER_LANGUAGE == {column.name for column in fields.open_data_columns() if column.per_language}


def test_every_column_is_explained_in_every_language(site):
    """The codebook explains each column of the registry, in each language (UI strings data.fields.*)."""
    from casekit import project
    from conftest import LANGS
    strings = project.strings_for(ROOT)
    for lang in LANGS:
        for column in fields.open_data_columns():
            assert strings(lang).get(f"data.fields.{column.name}"), (lang, column.name)


def test_the_scaffold_names_every_fact():
    """scripts/new_case.py writes a line (or a commented line, for an optional fact) for every fact."""
    import re

    import new_case
    from conftest import LANGS
    text = new_case.facts_text("fixture-case", LANGS[0], LANGS, "2026-01-01")
    written = set(re.findall(r"^#? ?(\w+):", text, flags=re.M)) | set(re.findall(r"^  - (\w+):|^    (?:# )?(\w+):", text, flags=re.M)[0])
    assert set(fields.names()) <= written, sorted(set(fields.names()) - written)
