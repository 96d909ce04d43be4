"""Links into the project's repository (mkdocs.yml: repo_url, edit_uri; the deploy workflow
sets REPO_URL from GitHub): on a case page "suggest a correction" (a new issue, prefilled in
the page's language) and "edit this page" (the text of the page's language in GitHub's
editor) or, for a case not yet written in the page's language, "translate this case" (a new
file of that language in the case's folder); on the contribute page the proposal form."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from .. import layout


def _base(config) -> str | None:
    return config.repo_url.rstrip("/") if config.repo_url else None


def case_links(page, config, build, canonical: str) -> dict | None:
    base, case = _base(config), page.meta.get("case")
    if not base or not case:
        return None
    t = build.t
    body = t("repository.correction_body", url=canonical)
    links = {"correction": f"{base}/issues/new?" + urlencode({"title": t("repository.correction_title", title=case["title"]), "body": body},
                                                            quote_via=quote)}
    if page.edit_url:
        links["edit"] = page.edit_url
    elif case["fallback"] and config.edit_uri:
        # edit_uri is "edit/<branch>/<docs folder>/": the same place, a new file
        folder = config.edit_uri.strip("/").replace("edit/", "new/", 1) if config.edit_uri.startswith("edit/") else None
        if folder:
            filename = layout.text_filename(build.lang, build.default)
            links["translate"] = f"{base}/{folder}/cases/{quote(case['slug'])}?" + urlencode({"filename": filename})
    return links


def proposal_form(config) -> str | None:
    base = _base(config)
    return f"{base}/issues/new?template=propose-case.yml" if base else None
