#!/usr/bin/env python3
"""Make a case from a case proposal: an issue written with the "Propose a case study" form.

Its help (--help), in the contributor's language, is DESCRIPTION below.

An issue is written by anyone, so its text is untrusted input, read as data only. No answer
reaches a shell, a path or YAML as it was written: the slug is taken only when it is a slug
(model.SLUG; a title's words become one in ASCII), and the case is written only to the new
folder docs/cases/<slug>/, never over an existing one or through a symbolic link; every text
goes into the case's YAML quoted by new_case.yaml_text, and the workflow
(.github/workflows/accept-proposal.yml) passes the body and the outputs through files and
environment variables, never into the script of a step. The case then meets the validator's
checks like any contributed case (its HTML allow-list included), before a pull request is opened.
"""
from __future__ import annotations

import datetime
import re
import sys
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from babel import Locale  # noqa: E402

import new_case  # noqa: E402
from casekit import cli, fact_forms, issue_form, messages, model, project, yamlines  # noqa: E402
from casekit.issue_form import Finding  # noqa: E402
from casekit.messages import _  # noqa: E402
from casekit.problems import visible  # noqa: E402

DESCRIPTION = _("""\
Make a case from a case proposal: an issue written with the "Propose a case study" form.

  python3 scripts/proposal.py issue-body.md [--lang es] [--slug name] [--comment answer.md]
  gh issue view 12 --json body --jq .body | python3 scripts/proposal.py -

Reads the issue body as GitHub writes it from the form, takes the case's facts and its text in
the proposer's language from it, writes docs/cases/<slug>/ (the site's other languages
pending), then runs the validator's checks on the new case. Prints what it did and every
problem, in the language the proposer chose in the form (or --lang); --comment writes the same
as Markdown, for an answer on the issue.

Exit status:
  0  the case is written and the checks found no problem;
  4  the case is written, with problems the checks found (to fix in the pull request);
  2  nothing is written: the issue must be corrected first (each problem names the question,
     what is wrong and how to fix it);
  3  could not run: the repository's own data cannot make the form (run
     python3 scripts/make_issue_form.py), or the case's folder cannot be written;
  1  could not run: the script failed (1 is also Python's own status for a script that stops
     on an error, so a failure before this script could start ends the same way).
Only 0 and 4 mean that a case was written (and its slug given to --outputs). When the script
could not run (1 or 3), --comment gets an answer that says so, in every language of the site.""")

BODY_LIMIT = 256 * 1024  # bytes; GitHub keeps an issue body under 65,536 characters
SLUG_LIMIT = 60  # characters of a slug made from the title
SHOWN_LIMIT = 80  # characters of a quoted answer in a message
# exit statuses (see the module's docstring)
WRITTEN, FAILED, NOT_WRITTEN, NO_FORM, WRITTEN_WITH_PROBLEMS = 0, 1, 2, 3, 4


@dataclass
class Proposal:
    """What an issue proposes, ready to write: the case's slug, the language its text is in,
    its facts (case.yml) and its text (title, summary, sections)."""

    slug: str | None = None
    lang: str | None = None
    facts: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)


def read_body(source: str) -> tuple[str | None, list]:
    """The issue body from the file ``source`` ("-": standard input), or the finding why not."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(BODY_LIMIT + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(BODY_LIMIT + 1)
    except OSError as error:
        return None, [Finding("unreadable", value=f"{source}: {error.strerror or error}")]
    if len(data) > BODY_LIMIT:
        return None, [Finding("too_long", value=str(BODY_LIMIT))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Finding("unreadable", value=f"{source}: not UTF-8 text")]


def _plain(text: str) -> str:
    """``text`` without accents, in lower case, its spaces single: for matching names."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(char for char in text if not unicodedata.combining(char)).casefold().split())


def make_slug(title: str) -> str:
    """A slug from a title: its words in ASCII lower case, joined by hyphens, at most SLUG_LIMIT
    characters ("Foro de ONG en Quito (2019)" -> "foro-de-ong-en-quito-2019")."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_LIMIT:
            break
        slug = longer
    return slug or (words[0][:SLUG_LIMIT] if words else "")


def _items(text: str | None) -> list:
    """The entries of a one-a-line answer, list bullets taken off, each once, in order."""
    out: list = []
    for line in (text or "").split("\n"):
        item = re.sub(r"^\s*(?:[-*+•]|\d+[.)])\s+", "", line).strip()
        if item and item not in out:
            out.append(item)
    return out


def _names(languages, kind: str) -> dict:
    """Plain name -> code of every country (kind "territories") or language ("languages") as
    the site's languages write them (CLDR)."""
    valid = model.country_codes() if kind == "territories" else model.language_codes()
    out: dict = {}
    for lang in languages:
        for code, name in getattr(Locale.parse(lang), kind).items():
            if code in valid:
                out.setdefault(_plain(name), code)
    return out


def countries(text: str, languages) -> tuple[list, list]:
    """The ISO codes of a list of countries, named or coded, separated by commas, semicolons or
    lines; and what could not be read as one."""
    names = _names(languages, "territories")
    codes, unknown = [], []
    for item in re.split(r"[,;\n]", text):
        item = item.strip()
        if not item:
            continue
        code = item.upper() if item.upper() in model.country_codes() else names.get(_plain(item))
        if code is None:
            unknown.append(item)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def language_code(text: str, languages) -> str | None:
    """The ISO 639 code of a language, named or coded; None when it is neither."""
    if text.lower() in model.language_codes():
        return text.lower()
    return _names(languages, "languages").get(_plain(text))


def count(text: str, languages=()):
    """A number of participants: "50" -> 50, ">12", "12+" or "more than 12" -> {"more_than": 12},
    "~3400", "c. 3400" or "about 3,400" -> {"about": 3400}; digits may be grouped by thousands
    ("10,000", "10 000", "10.000"), the words those of ``languages`` (casekit.fact_forms).
    ValueError when it is not one."""
    found = fact_forms.number(text, languages)
    if found is None or found[0] < 1:
        raise ValueError(text)
    number, bound = found
    return {bound: number} if bound else number


def _pattern(schema: dict, *path) -> re.Pattern:
    """The pattern the schema gives the value at ``path`` (properties, $refs and items followed)."""
    node = schema
    for key in path:
        node = issue_form._resolved(schema, node["properties"][key] if key != "items" else node["items"])
    return re.compile(node["pattern"])


def proposal_of(form: issue_form.Form, answers: dict, root: Path, slug: str | None = None) -> tuple[Proposal, list]:
    """The case an issue's ``answers`` propose, and the findings that keep it from being
    written (empty when it can be). ``slug`` replaces the one the issue gives or its title makes."""
    findings: list = []
    done: set = set()  # questions already found wanting: one finding each

    def wrong(key: str, qid: str | None, value: str | None = None, **more):
        findings.append(Finding(key, qid, value, tuple(more.items())))
        done.add(qid)

    facts_schema, text_schema = model._schema("case.schema.json"), model._schema("text.schema.json")
    languages = project.languages(root)
    for q in form.questions:
        if q.required and q.kind != "checkboxes" and answers.get(q.id) is None and q.id in answers:
            wrong("required", q.id)
    if "yes" not in answers.get("consent", ["yes"]):
        wrong("consent", "consent")
    proposal = Proposal(lang=answers.get("language"))

    for key in ("title", "summary"):
        value = answers.get(key)
        if value is None or key in done:
            continue
        value = " ".join(value.split())  # one line: a summary is one sentence
        limits = text_schema["properties"][key]
        if not limits.get("minLength", 0) <= len(value) <= limits.get("maxLength", len(value)):
            wrong("length", key, str(len(value)), min=limits.get("minLength", 0), max=limits.get("maxLength", ""))
        proposal.text[key] = value
    proposal.text["sections"] = {key: answers.get(f"section-{key}") for key in model.SECTIONS}

    given = slug if slug is not None else answers.get("slug")
    if given is not None:
        if model.SLUG.fullmatch(given):
            proposal.slug = given
        else:
            wrong("slug", "slug", given)
    elif proposal.text.get("title"):
        proposal.slug = make_slug(proposal.text["title"]) or None
        if proposal.slug is None:
            wrong("no_slug", "slug")
    if proposal.slug and ((root / "docs" / "cases" / proposal.slug).exists() or (root / "docs" / "cases" / proposal.slug).is_symlink()):
        wrong("exists", "slug", proposal.slug)

    facts = proposal.facts
    asked = {q.target[1:]: q.id for q in form.questions if q.target[0] == "facts"}  # (fact[, part]) -> question

    def given_for(*target):
        return answers.get(asked.get(target, ""))

    for key in ("implementing", "partners", "funders", "places"):
        facts[key] = _items(given_for(key))
    if given_for("countries") is not None:
        facts["countries"], unknown = countries(given_for("countries"), languages)
        for item in unknown:
            wrong("country", asked[("countries",)], item)
    if given_for("venue"):
        facts["venue"] = given_for("venue")
    month = _pattern(facts_schema, "start")
    for key in ("start", "end"):
        value = given_for(key)
        if value is not None and not month.fullmatch(value):
            wrong("date", asked[(key,)], value)
        facts[key] = value
    facts["participants"] = {}
    for part in facts_schema["properties"]["participants"]["properties"]:
        value = given_for("participants", part)
        if value is None:
            continue
        try:
            facts["participants"][part] = count(value, languages)
        except ValueError:
            wrong("count", asked[("participants", part)], value)
    facts["tags"] = [tag for q in form.questions if q.id.startswith("tags-") for tag in answers.get(q.id, [])]
    if not facts["tags"] and issue_form.needs_answer(facts_schema, "tags"):  # one at least, in any of the lists
        wrong("tags", None)
    facts["sources"] = _sources(answers, languages, facts_schema, wrong, done)
    order = {q.id: index for index, q in enumerate(form.questions)}
    first_tags = min((index for qid, index in order.items() if qid.startswith("tags-")), default=len(order))
    findings.sort(key=lambda f: order.get(f.question, first_tags if f.key == "tags" else -1))  # in the form's order
    return proposal, findings


def _sources(answers: dict, languages, facts_schema: dict, wrong, done: set) -> list:
    """The sources an issue names, each with its parts in the schema's order."""
    source_schema = facts_schema["properties"]["sources"]["items"]
    address = _pattern(facts_schema, "sources", "items", "url")
    sources = []
    for number in range(1, issue_form.SOURCES + 1):
        ids = {part: f"source-{number}-{part}" for part in source_schema["properties"]}
        given = {part: answers.get(qid) for part, qid in ids.items()}
        if all(value is None for value in given.values()):
            continue  # a source left out (the first is required question by question)
        missing = [part for part in source_schema["required"] if given.get(part) is None]
        if missing and not any(ids[part] in done for part in missing):
            wrong("source", ids[missing[0]])
        source = {}
        for part, value in given.items():
            if value is None:
                continue
            if part == "language":
                code = language_code(value, languages)
                if code is None:
                    wrong("language", ids[part], value)
                value = code
            elif part == "url" and not address.fullmatch(value):
                wrong("url", ids[part], value)
            source[part] = value
        sources.append(source)
    return sources


def check(root: Path, slug: str) -> list:
    """The validator's problems (errors, then warnings) with the case docs/cases/<slug>/, as
    scripts/validate.py docs/cases/<slug> reports them."""
    folder = root / "docs" / "cases" / slug
    collection = project.load(root, only={folder.resolve()})
    inside = f"docs/cases/{slug}/"
    return [p for p in sorted(collection.problems) + sorted(collection.warnings) if p.path.startswith(inside)]


def _shown(value, markdown: bool) -> str:
    """An answer quoted in a message: on one line, at most SHOWN_LIMIT characters; in Markdown
    as code, so that nothing in it is read as a link, a mention or markup."""
    text = visible(" ".join(str(value).split()))
    if len(text) > SHOWN_LIMIT:
        text = text[: SHOWN_LIMIT - 1] + "…"
    return f"`{text.replace('`', chr(39))}`" if markdown else f"'{text}'"


def message(finding: Finding, form: issue_form.Form, lang: str, t, markdown: bool = False) -> str:
    """A finding as one sentence in ``lang``: the question, what is wrong, how to fix it."""
    name = t("case.tags") if finding.key == "tags" else form.question(finding.question).names[lang] if finding.question else ""
    values = {"field": f"**{name}**" if markdown and name else name, "form": form.words["name"][lang], **dict(finding.more)}
    if finding.value is not None:
        values["value"] = _shown(finding.value, markdown) if finding.key not in ("invisible", "length", "too_long", "unreadable") else finding.value
    return t(f"proposal.errors.{finding.key}", **values)


def asked_by(form: issue_form.Form, problem, root: Path, t) -> issue_form.Question | None:
    """The question of the form whose answer a problem of the written case is about (found by
    its line: the key of case.yml or of the text's front matter there, or the section it is
    in), so that the proposer, who never saw the files, knows what to correct; else None."""
    path = root / problem.path
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    if path.name == "case.yml":
        where, kind = _key_at(raw, 1, problem.line), "facts"
    else:
        front, body, body_line = yamlines.split_front_matter(raw)
        where, kind = (_key_at(front, 2, problem.line), "text") if front is not None and problem.line < body_line else (None, None)
        if where is None:
            headings = {t(f"sections.{key}").lstrip("# ").strip(): key for key in model.SECTIONS}
            above = raw.split("\n")[:problem.line][::-1]
            heading = next((line[3:].strip() for line in above if line.startswith("## ")), None)
            where, kind = ((headings[heading],), "sections") if heading in headings else (None, None)
    if where is None:
        return None
    matching = [q for q in form.questions if q.target[:1] == (kind,) and tuple(where[:len(q.target) - 1]) == q.target[1:]]
    return max(matching, key=lambda q: len(q.target), default=None)


def _key_at(text: str, first_line: int, line: int):
    """The key path of YAML ``text`` (starting on ``first_line``) written on ``line``, else None."""
    try:
        doc = yamlines.load(text, first_line=first_line)
    except (ValueError, RecursionError):  # a file the checks already report as unreadable
        return None
    found = [path for path, at in doc.lines.items() if at == line]
    return max(found, key=len) if found else None


def answer(form: issue_form.Form, lang: str, t, slug: str | None, findings: list, problems: list, markdown: bool = False,
           root: Path | None = None) -> str:
    """What the proposer is told, in ``lang``: the case written or not, and every problem."""
    bullet = "- " if markdown else "  - "
    if findings:
        return "\n".join([t("proposal.answer.not_written"), "", *(bullet + message(f, form, lang, t, markdown) for f in findings)]) + "\n"
    folder = f"docs/cases/{slug}/"
    folder = f"`{folder}`" if markdown else folder
    if not problems:
        return t("proposal.answer.written", folder=folder) + "\n"
    language = messages.for_contributor(lang, project.languages(project.ROOT), {}, system=lambda: None)
    lines = []
    for p in problems:  # [the question to correct] file:line: what is wrong. Fix: how (the validator's words, in lang)
        question = asked_by(form, p, root, t) if root is not None else None
        lines.append((f"[{question.names[lang]}] " if question else "") + p.format(language))
    body = ["~~~text", *lines, "~~~"] if markdown else ["  " + line for line in lines]
    # warnings alone (a word that dates the text …): the case is fine as it is, the notes are to weigh
    heading = "proposal.answer.written_with_problems" if any(p.level == "error" for p in problems) else "proposal.answer.written_with_warnings"
    return "\n".join([t(heading, folder=folder), "", *body]) + "\n"


def run(form: issue_form.Form, source: str, root: Path, lang: str | None = None, slug: str | None = None,
        today: str | None = None) -> tuple:
    """Read the issue in ``source`` and write its case under ``root``: (exit status, language
    of the answer, slug or None, findings, problems of the written case)."""
    languages = project.languages(root)
    body, findings = read_body(source)
    answers: dict = {}
    if body is not None:
        answers, findings = issue_form.read_body(form, body)
    proposal = Proposal()
    if answers:
        proposal, more = proposal_of(form, answers, root, slug)
        findings = findings + more
    lang = lang or (proposal.lang if proposal.lang in languages else None)  # None: the proposer's is not known
    if findings:
        return NOT_WRITTEN, lang, None, findings, []
    # the case's comments in the language it is written in, as new_case.py --lang writes them
    written_in = messages.for_contributor(proposal.lang, languages, {}, system=lambda: None)
    new_case.scaffold(proposal.slug, proposal.lang, root, facts=proposal.facts, text=proposal.text, today=today, language=written_in)
    problems = check(root, proposal.slug)
    return (WRITTEN_WITH_PROBLEMS if any(p.level == "error" for p in problems) else WRITTEN), lang, proposal.slug, [], problems


def could_not_run(root: Path, comment: str | None) -> None:
    """Write to ``comment`` (if given) that the case could not be made, in every language of
    the site: the proposer's may not be known yet."""
    if not comment:
        return
    strings = project.strings_for(root)
    text = "\n\n".join(strings(lang)("proposal.answer.could_not_run") for lang in project.languages(root)) + "\n"
    Path(comment).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    root = project.ROOT
    languages = project.languages(root)
    parser = cli.Parser(cli.language(languages, argv), DESCRIPTION)
    parser.add_argument("body", nargs="?", default="-", metavar="BODY", help=_("a file with the issue body; - (the default) reads standard input"))
    parser.add_argument("--lang", choices=languages, help=_("the language to answer in (default: the one the proposer chose in the form)"))
    parser.add_argument("--slug", help=_("the case's name in its address, instead of the one the issue gives or its title makes"))
    parser.add_argument("--today", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD", help=_("the date the case is added (default: today)"))
    parser.add_argument("--comment", metavar="FILE", help=_("also write the answer as Markdown to FILE, for a comment on the issue"))
    parser.add_argument("--outputs", metavar="FILE", help=_("append lang=… and slug=… lines to FILE (a workflow's $GITHUB_OUTPUT)"))
    args = parser.parse_args(argv)
    try:
        return _answer(root, args)
    except issue_form.FormError as error:
        print(f"error: the proposal form cannot be made from the repository's data:\n{error}", file=sys.stderr)
        status = NO_FORM
    except OSError as error:
        print(f"error: the case could not be written: {error}. Fix: check that docs/cases/ exists and can be written.", file=sys.stderr)
        status = NO_FORM
    except Exception as error:  # noqa: BLE001 - any other failure is the script's, told as one, not as the issue's
        where = traceback.extract_tb(error.__traceback__)[-1]
        print(f"error: scripts/proposal.py could not run: {type(error).__name__}: {error} "
              f"(at {Path(where.filename).name}:{where.lineno}). This is not the proposer's fault: "
              "report it to the project's maintainers with this message.", file=sys.stderr)
        status = FAILED
    try:
        could_not_run(root, args.comment)
    except Exception as error:  # noqa: BLE001 - the workflow answers with its own words then
        print(f"error: the answer could not be written to {args.comment}: {error}", file=sys.stderr)
    return status


def _answer(root: Path, args) -> int:
    """Run the proposal of ``args`` and tell what happened (see main's options)."""
    form = issue_form.build(root)
    status, lang, slug, findings, problems = run(form, args.body, root, args.lang, args.slug, args.today.isoformat() if args.today else None)
    # the proposer's language not known (the form's question unanswered or its answer broken):
    # the answer in every language of the site, as when the script could not run
    spoken = [lang] if lang else project.languages(root)
    strings = project.strings_for(root)
    text = "\n".join(answer(form, code, strings(code), slug, findings, problems, root=root) for code in spoken)
    print(text, end="")
    if args.comment:
        comment = "\n".join(answer(form, code, strings(code), slug, findings, problems, markdown=True, root=root) for code in spoken)
        Path(args.comment).write_text(comment, encoding="utf-8")
    if args.outputs:
        with open(args.outputs, "a", encoding="utf-8") as handle:
            handle.write(f"lang={lang or spoken[0]}\n" + (f"slug={slug}\n" if slug else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
