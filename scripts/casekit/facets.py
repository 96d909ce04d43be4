"""The facets a reader browses the cases by: the one list that the vocabulary's check
(docs/tags.yml), the catalogue's filters (views.catalogue_filters, partials/case-list.html) and
the catalogue's script (catalogue.js, through each fieldset's data-source and data-mode) derive
from. Adding a facet here adds it everywhere."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    id: str
    source: str  # the case card's data attribute that holds a case's values: "tags", "region" or "country"
    match: str  # "all": a case must have every option ticked; "any": one of them is enough
    in_vocabulary: bool  # its options are tags of docs/tags.yml (else: ISO country codes)


FACETS = (
    Facet("theme", "tags", "all", True),
    Facet("approach", "tags", "all", True),
    Facet("region", "region", "any", True),
    Facet("country", "country", "any", False),
    Facet("organisation", "tags", "any", True),
)

VOCABULARY_FACETS = tuple(facet.id for facet in FACETS if facet.in_vocabulary)
