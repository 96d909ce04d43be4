"""Build hook: the collection as open data, cases.json and cases.csv at the site's root.

One record per case with every structured fact and its titles and summaries in every
language (scripts/casekit/opendata.py); the codebook page of each language explains the fields.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from casekit import build, opendata


@event_priority(-200)  # once, after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building or build.preview_rebuild():
        return
    collection = build.state["collection"]
    site = Path(config.site_dir)
    (site / "cases.json").write_text(opendata.to_json(collection, config.site_url, config.extra.get("licence")), encoding="utf-8")
    (site / "cases.csv").write_text(opendata.to_csv(collection, config.site_url), encoding="utf-8")
