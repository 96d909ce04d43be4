"""The facts of a case (case.yml) and where each one shows: the one list that the facts box
(views.case_view), the open data and its codebook (opendata) derive from. The schema
(case.schema.json) says what a fact may hold; this says how it is shown. A test checks that
both name the same facts, so a fact added to the schema without a place here fails loudly.

A facts box row may show several facts (period: start and end) or a fact derived from
another (region: from the countries); an open-data column may be per language (its name
gets _<lang>) or derived likewise.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # the codebook's type: code, text, url, list, period, number, date, flag (true or false)
    per_language: bool = False  # one column per language: name_<lang>


@dataclass(frozen=True)
class Fact:
    name: str  # its key in case.yml
    row: str | None  # the facts box row that shows it (None: shown elsewhere on the page, or not at all)
    columns: tuple  # of Column: its columns in cases.json and cases.csv, in order
    sourced: bool = True  # taken from the sources: changing it means the case was checked again (reviewed:)


# In the order of the facts box and of the open data's columns.
FACTS = (
    Fact("original_language", "original_language", (Column("original_language", "code"),), sourced=False),
    Fact("implementing", "implementing", (Column("implementing", "list"),)),
    Fact("partners", "partners", (Column("partners", "list"),)),
    Fact("funders", "funders", (Column("funders", "list"),)),
    Fact("countries", "countries", (Column("countries", "list"), Column("regions", "list"), Column("region_labels", "list", True))),
    Fact("venue", None, (Column("venue", "code"),)),  # a note under the facts box
    Fact("places", "places", (Column("places", "list"),)),
    Fact("start", "period", (Column("start", "period"),)),
    Fact("end", "period", (Column("end", "period"),)),
    Fact("participants", "participants", (Column("participants_people", "number"), Column("participants_organisations", "number"),
                                          Column("participants_more_than", "flag"), Column("participants_approximate", "flag"))),
    Fact("tags", None, (Column("tags", "list"), Column("tag_labels", "list", True)), sourced=False),  # the tags under the facts box
    Fact("sources", None, (Column("sources", "list"),)),  # the sources section
    Fact("added", None, (Column("added", "date"),), sourced=False),
    Fact("reviewed", "reviewed", (Column("reviewed", "date"),), sourced=False),
    Fact("pending", None, (), sourced=False),  # the translations still to write: a contributor's note, not shown
)

# the facts box's rows, in the order it shows them; region comes from the countries
ROWS = ("implementing", "partners", "funders", "countries", "places", "region", "period", "participants", "original_language", "reviewed")

# what each case's record holds besides its facts: its address and texts, per language
RECORD = (Column("slug", "code"), Column("title", "text", True), Column("summary", "text", True), Column("url", "url", True))


def open_data_columns() -> tuple:
    """Every column of cases.json and cases.csv (before per-language expansion), in order:
    the case's slug and original language, its texts, then its facts."""
    facts = [column for fact in FACTS for column in fact.columns]
    return (RECORD[0], facts[0], *RECORD[1:], *facts[1:])


def names() -> tuple:
    return tuple(fact.name for fact in FACTS)


def sourced() -> tuple:
    """The facts taken from the sources: a change to one means the case was checked against
    them again, and its reviewed: date changes with it (pull_request.unreviewed_changes)."""
    return tuple(fact.name for fact in FACTS if fact.sourced)
