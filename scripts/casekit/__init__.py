"""casekit: the case-study content model, shared by the build plugin and the contributor scripts.

It imports no MkDocs (only ``casekit.plugin``, the adapter, does), so a move to another site
generator ports the plugin, not the domain.

- ``project``: the project as the scripts see it; the language registry (mkdocs.yml's i18n entries)
- ``facets``: the facets cases are browsed by; ``urls``: where everything is published
- ``yamlines``: YAML loading that remembers the line of every key (for error messages)
- ``problems``: one ``path:line: error: message`` per problem found
- ``vocab``: the controlled tag vocabulary (docs/tags.yml)
- ``strings``: the UI strings of each language (overrides/i18n/<lang>.yml)
- ``model``: reading and checking the cases (docs/cases/<slug>/)
- ``views``: what a page in one language shows of a case (labels, dates, names)
- ``worldmap``: the map of cases per country, an inline SVG (outlines: data/world.json)
- ``issue_form``: the case proposal form made from the data, and reading an issue written with it
- ``html_policy``, ``layout``, ``textfile``, ``markdown_checks``, ``csp``: the rules for contributed files
- ``plugin``: the MkDocs plugin that builds the site
"""
