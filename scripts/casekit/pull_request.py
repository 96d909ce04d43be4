"""What a pull request's checks tell its author and reviewers, in GitHub's own formats:
workflow annotations (each problem on its line of the diff) and a job summary in Markdown
(the cases the pull request touches, their translation state in every language, the problems).
"""
from __future__ import annotations

from pathlib import Path

from .layout import text_filename
from .problems import Problem, display_path, visible

STATE_LABELS = {"original": "original", "current": "up to date", "outdated": "outdated", "missing": "missing"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str | None = None) -> str:
    """``::error file=…,line=…::message`` (GitHub shows it on that line of the diff)."""
    message = problem.message + (f" Fix: {problem.hint}" if problem.hint else "")
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
            state = case.translation_state(lang)
            path = display_path(case.folder / text_filename(lang, collection.default_language), root)
            if state == "outdated":
                out.append(Problem(path, 1, f"this translation was made from an older version of the {case.original_language} text.",
                                   f"update it to match, then write translated_from: {case.original.prose_hash} in its front matter "
                                   f"(or run python3 scripts/translations.py --mark {slug} {lang})."))
            elif state == "missing" and lang not in case.drafts:
                out.append(Problem(path, 1, f"the case has no {lang} text yet; readers of that language see the original with a notice.",
                                   "a translator can add it later; the pull request can be merged without it."))
    return out


def summary(collection, slugs, problems, warnings) -> str:
    """The job summary: the cases touched, their translation state per language, the problems."""
    lines = ["## Case studies", ""]
    if slugs:
        languages = collection.languages
        lines += ["| case | " + " | ".join(languages) + " |", "| --- |" + " --- |" * len(languages)]
        for slug in slugs:
            case = collection.cases.get(slug)
            states = [STATE_LABELS[case.translation_state(lang)] if case else "—" for lang in languages]
            lines.append(f"| `{slug}` | " + " | ".join(states) + " |")
        lines.append("")
    else:
        lines += ["No case is added or changed.", ""]
    if problems:
        lines += [f"### {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix", ""]
        lines += [f"- `{p.path}:{p.line}`: {visible(p.message)}" + (f" **Fix:** {visible(p.hint)}" if p.hint else "") for p in sorted(problems)]
        lines.append("")
    else:
        lines += ["No problems found.", ""]
    if warnings:
        lines += ["### Translations", ""]
        lines += [f"- `{p.path}`: {visible(p.message)} {visible(p.hint)}" for p in warnings]
        lines.append("")
    return "\n".join(lines)
