"""casekit: the case-study content model, shared by the build hooks and the contributor scripts.

- ``yamlines``: YAML loading that remembers the line of every key (for error messages)
- ``problems``: one ``path:line: error: message`` per problem found
- ``vocab``: the controlled tag vocabulary (docs/tags.yml)
- ``strings``: the UI strings of each language (overrides/i18n/<lang>.yml)
- ``model``: reading and checking the cases (docs/cases/<slug>/)
- ``views``: what a page in one language shows of a case (labels, dates, names)
- ``issue_form``: the case proposal form made from the data, and reading an issue written with it
"""
