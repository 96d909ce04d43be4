"""What a pull request's checks tell its author and reviewers, in GitHub's own formats:
workflow annotations (each problem on its line of the diff) and a job summary in Markdown
(the cases the pull request touches, their translation state in every language, the problems).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from . import fields, urls, yamlines
from .layout import text_filename
from .messages import ENGLISH, Language, LanguageName, _, _n, for_contributor
from .model import translated_from_line
from .problems import Problem, display_path, visible


def state_label(state: str):
    """The words for a translation state ("original", "current", "outdated", "missing", "pending")."""
    return {"original": _("original"), "current": _("up to date"), "outdated": _("outdated"), "missing": _("missing"),
            "pending": _("pending")}[state]


def state_of(case, lang: str) -> str:
    """The translation state of ``case`` in ``lang``, a language its case.yml lists as pending
    (left for later on purpose) told from one simply missing."""
    state = case.translation_state(lang)
    return "pending" if state == "missing" and lang in (case.facts.get("pending") or []) else state


def language_of(collection, slugs, languages, otherwise: Language) -> Language:
    """The language to speak to the author of a pull request that changes the cases ``slugs``:
    the language they were first written in, when it is one for all of them; else ``otherwise``."""
    originals = {collection.cases[slug].original_language for slug in slugs if slug in collection.cases}
    if len(originals) != 1:
        return otherwise
    return for_contributor(originals.pop(), languages, {}, system=lambda: None)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str | None = None, language: Language = ENGLISH) -> str:
    """``::error file=…,line=…::message`` (GitHub shows it on that line of the diff), the
    message in ``language``."""
    message = language.say(problem.message)
    if problem.hint:
        message = language.say(_("{problem} Fix: {hint}", problem=message, hint=language.say(problem.hint)))
    level = level or problem.level
    return f"::{level} file={_escape_property(problem.path)},line={problem.line}::{_escape_data(visible(message))}"


def translation_warnings(collection, slugs, root: Path) -> list:
    """Stale and missing translations of the cases ``slugs``, as problems to warn about: a stale
    one says the exact translated_from value to paste once the translation matches again."""
    out = []
    for slug in slugs:
        case = collection.cases.get(slug)
        if case is None or case.original is None:
            continue
        for lang in collection.languages:
            state = state_of(case, lang)
            path = display_path(case.folder / text_filename(lang, collection.default_language), root)
            if state == "outdated":
                out.append(Problem(path, 1, _("this translation was made from an older version of the {lang} text.", lang=LanguageName(case.original_language)),
                                   _("update it to match, then write {line} in its front matter (or run {command}).",
                                     line=translated_from_line(case.original.prose_hash),
                                     command=f"python3 scripts/translations.py --mark {slug} {lang}")))
            elif state == "missing":
                out.append(Problem(path, 1, _("the case has no {lang} text yet; readers of that language see the original with a notice.", lang=LanguageName(lang)),
                                   _("a translator can add it later; the pull request can be merged without it.")))
    return out


def _git(root: Path, *args: str) -> str | None:
    """What ``git args`` prints in ``root``, or None when git fails (no such commit or file)."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def unreviewed_changes(collection, slugs, root: Path, base: str) -> list:
    """Warnings for the cases ``slugs`` whose facts from the sources (casekit/fields.py) differ
    from those at the merge base of ``base`` and HEAD while their reviewed: date does not: a
    changed fact means the case was checked against its sources again, on a date to record."""
    merge_base = (_git(root, "merge-base", base, "HEAD") or "").strip()
    out = []
    for slug in slugs:
        case = collection.cases.get(slug)
        if case is None or not merge_base:
            continue
        path = case.folder / "case.yml"
        rel = path.resolve().relative_to(Path(root).resolve()).as_posix()
        before_text = _git(root, "show", f"{merge_base}:{rel}")
        if before_text is None:  # a new case: its reviewed: date is the one it is written with
            continue
        try:
            before = yamlines.load(before_text).data
            after = yamlines.load(path.read_text(encoding="utf-8"))
        except yamlines.YamlSyntaxError:  # the validator reports the file itself
            continue
        if not isinstance(before, dict) or not isinstance(after.data, dict):
            continue
        changed = [name for name in fields.sourced() if before.get(name) != after.data.get(name)]
        if changed and before.get("reviewed") == after.data.get("reviewed"):
            out.append(Problem(display_path(path, root), after.line(("reviewed",)),
                               _("the facts {names} changed but reviewed: did not.", names=", ".join(changed)),
                               _("check the case against its sources again, then write the date you did so in reviewed: (YYYY-MM-DD)."), "warning"))
    return out


def summary(collection, slugs, problems, warnings, language: Language = ENGLISH) -> str:
    """The job summary: the cases touched, their translation state per language, the problems,
    in ``language``."""
    say = language.say
    lines = ["## " + say(_("Case studies")), ""]
    if slugs:
        languages = collection.languages
        lines += [f"| {say(_('case'))} | " + " | ".join(languages) + " |", "| --- |" + " --- |" * len(languages)]
        for slug in slugs:
            case = collection.cases.get(slug)
            states = [say(state_label(state_of(case, lang))) if case else "—" for lang in languages]
            lines.append(f"| `{slug}` | " + " | ".join(states) + " |")
        lines.append("")
        # where a reviewer finds the changed pages in the preview (the artifact "site-preview-…")
        lines += [say(_("Pages to look at in the preview (unzip it and open the file):")), ""]
        for slug in slugs:
            pages = [f"`{urls.page_url(slug, lang, languages[0])}index.html`" for lang in languages]
            lines.append(f"- `{slug}`: " + ", ".join(pages))
        lines.append("")
    else:
        lines += [say(_("No case is added or changed.")), ""]
    if problems:
        lines += ["### " + say(_n("{count} problem to fix", "{count} problems to fix", len(problems))), ""]
        fix = say(_("Fix:"))
        lines += [f"- `{p.path}:{p.line}`: {visible(say(p.message))}" + (f" **{fix}** {visible(say(p.hint))}" if p.hint else "") for p in sorted(problems)]
        lines.append("")
    else:
        lines += [say(_("No problems found.")), ""]
    if warnings:  # translations to update, facts changed without a new review date, words that date a text
        lines += ["### " + say(_n("{count} warning (the case can be published)", "{count} warnings (the case can be published)", len(warnings))), ""]
        fix = say(_("Fix:"))
        lines += [f"- `{p.path}:{p.line}`: {visible(say(p.message))}" + (f" **{fix}** {visible(say(p.hint))}" if p.hint else "") for p in warnings]
        lines.append("")
    return "\n".join(lines)
