"""The case proposal form: the GitHub issue form (.github/ISSUE_TEMPLATE/propose-case.yml) that
asks a contributor without git for every fact of a case and its text in one language, and how
to read back the issue body GitHub makes of it.

The form is made from data, never by hand (scripts/make_issue_form.py writes it; its
``--check`` fails when the file has drifted from the data):
- which facts it asks for, and which are required, from case.schema.json and text.schema.json;
- the regions and tags to choose from, from docs/tags.yml;
- the languages to write in, from the registry (mkdocs.yml);
- every word from the UI strings (overrides/i18n/<lang>.yml, section ``proposal``), in every
  language of the registry at once: "Countries / Países / Landen".

GitHub writes the answers into the issue body as Markdown: each question's label as a
``### label`` heading, the answer under it (``_No response_`` when there is none), a dropdown
as the chosen option, checkboxes as ``- [X] option`` and ``- [ ] option`` lines. ``read_body``
reads them back by label, as answers keyed by question id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import model, project, textfile
from . import vocab as vocab_mod
from .messages import _
from .problems import Problem

PATH = Path(".github") / "ISSUE_TEMPLATE" / "propose-case.yml"
LABEL = "case proposal"  # the issue label the form sets; the accept workflow acts on such issues only
SOURCES = 3  # sources the form asks for; more can be added in the pull request
SEPARATOR = " / "  # between the languages of one label
NO_RESPONSE = "_No response_"  # what GitHub writes under a question left empty
# Facts the form does not ask for, because scripts/proposal.py fills them: the day the case is
# added (and its facts reviewed, by the maintainer who accepts it) and the languages not written yet.
AUTOMATIC = ("added", "reviewed", "pending")
# Front matter of a text that a first text has no use for: both are for translations.
TRANSLATION_ONLY = ("places", "translated_from")
# The questions about facts, in the form's order: (id, kind of element, where the answer goes).
# Their words are the UI strings proposal.fields.<id>; tags, sources, sections and the
# confirmation follow, made from the vocabulary, the schema and the strings.
FACT_QUESTIONS = (
    ("language", "dropdown", ("facts", "original_language")),
    ("title", "input", ("text", "title")),
    ("summary", "textarea", ("text", "summary")),
    ("slug", "input", ("slug",)),
    ("implementing", "textarea", ("facts", "implementing")),
    ("partners", "textarea", ("facts", "partners")),
    ("funders", "textarea", ("facts", "funders")),
    ("countries", "input", ("facts", "countries")),
    ("venue", "dropdown", ("facts", "venue")),
    ("places", "textarea", ("facts", "places")),
    ("start", "input", ("facts", "start")),
    ("end", "input", ("facts", "end")),
    ("people", "input", ("facts", "participants", "people")),
    ("organisations", "input", ("facts", "participants", "organisations")),
)
_ID = re.compile(r"[A-Za-z0-9_-]+")


class FormError(ValueError):
    """The data cannot make a valid form (a fact the form does not ask for, a missing UI
    string, a label GitHub would refuse): what is wrong and how to fix it."""


@dataclass(frozen=True)
class Option:
    label: str  # as the form shows it and the issue body repeats it
    value: str  # what it stands for: a language code, a region or tag id, "yes"


@dataclass(frozen=True, eq=False)
class Question:
    id: str  # the element's id in the form
    kind: str  # input, textarea, dropdown or checkboxes
    names: dict  # language -> its label in that language
    descriptions: dict  # language -> its description in that language ("" for none)
    target: tuple  # where its answer goes: ("facts", key[, part]), ("text", key), ("sections", key), ("slug",), ("consent",)
    required: bool
    options: tuple = ()  # of Option, for a dropdown or checkboxes

    @property
    def label(self) -> str:
        """The label in every language, as the form shows it: "Countries / Países / Landen"."""
        return joined(self.names.values())


@dataclass(frozen=True, eq=False)
class Form:
    languages: tuple  # codes, the default first
    words: dict  # key (name, description, issue_title, intro) -> {language: text}
    questions: tuple = field(default_factory=tuple)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


@dataclass(frozen=True)
class Finding:
    """A problem with an issue's answers, in no language yet: the key of its message
    (proposal.errors.<key> in the UI strings), the question it concerns and the value it quotes."""

    key: str
    question: str | None = None
    value: str | None = None
    more: tuple = ()  # further (name, value) pairs for the message, e.g. (("min", 3), ("max", 120))


def joined(texts, separator: str = SEPARATOR) -> str:
    """The texts of every language, each once, in the registry's order."""
    out: list = []
    for text in texts:
        if text and text not in out:
            out.append(text)
    return separator.join(out)


def _resolved(schema: dict, prop: dict) -> dict:
    """A property of ``schema`` with its $ref written out (the property's own keys win)."""
    if "$ref" not in prop:
        return prop
    name = prop["$ref"].rsplit("/", 1)[-1]
    return {**schema["$defs"][name], **{key: value for key, value in prop.items() if key != "$ref"}}


def needs_answer(schema: dict, key: str) -> bool:
    """Whether ``schema`` requires ``key`` with a value that cannot be empty: text, or a list
    of at least one item; not a fact that may be null, [] or {}."""
    if key not in schema.get("required", []):
        return False
    prop = _resolved(schema, schema["properties"][key])
    kind = prop.get("type")
    if isinstance(kind, list):
        return "null" not in kind
    if kind == "array":
        return prop.get("minItems", 0) >= 1
    if kind == "object":
        return bool(prop.get("required"))
    return True


def _strings(root: Path, languages) -> dict:
    """The UI strings of each of ``languages``."""
    get = project.strings_for(root)
    return {lang: get(lang) for lang in languages}


def _words(strings: dict, key: str, **values) -> dict:
    """The UI string ``key`` in every language (language -> text); FormError when one lacks it."""
    out = {}
    for lang, t in strings.items():
        try:
            out[lang] = t(key, **values)
        except KeyError:
            raise FormError(f"overrides/i18n/{lang}.yml has no UI string '{key}'. Fix: add it (the English text is in "
                            f"overrides/i18n/{next(iter(strings))}.yml), then run python3 scripts/make_issue_form.py.") from None
    return out


def _named_options(names_by_value: dict, languages) -> tuple:
    """Options labelled with their names in every language and their value: "Partnership / Alianzas (partnership)"."""
    return tuple(Option(f"{joined(names.get(lang) for lang in languages)} ({value})", value) for value, names in names_by_value.items())


def build(root: Path = project.ROOT, registry: dict | None = None) -> Form:
    """The proposal form of the project at ``root``. ``registry`` (language code -> name, the
    default first) replaces the registry of mkdocs.yml, for a language being added."""
    root = Path(root)
    registry = dict(registry or project.language_names(root))
    languages = tuple(registry)
    strings = _strings(root, languages)
    vocab, problems = vocab_mod.load(root / "docs" / "tags.yml", languages)
    if problems:
        raise FormError(f"docs/tags.yml has problems; the form lists its tags. Fix: run python3 scripts/validate.py. First: {problems[0].format()}")
    facts_schema, text_schema = model._schema("case.schema.json"), model._schema("text.schema.json")

    def required(target: tuple) -> bool:
        if target[0] == "facts" and len(target) == 2:
            return needs_answer(facts_schema, target[1])
        if target[0] == "text":
            return needs_answer(text_schema, target[1])
        return False

    questions = []
    for qid, kind, target in FACT_QUESTIONS:
        options: tuple = ()
        if qid == "language":
            options = tuple(Option(f"{name} ({code})", code) for code, name in registry.items())
        elif qid == "venue":  # a choice among the schema's named values, its words in the UI strings
            options = tuple(Option(joined(_words(strings, f"proposal.fields.venue.options.{value}").values()), value)
                            for value in facts_schema["properties"]["venue"]["enum"])
        questions.append(Question(qid, kind, _words(strings, f"proposal.fields.{qid}.label"),
                                  _words(strings, f"proposal.fields.{qid}.description"), target, required(target), options))
    for facet in vocab_mod.FACETS:
        tags = vocab.ids(facet)
        if facet == "region" or not tags:  # a case's region is its own fact
            continue
        questions.append(Question(f"tags-{facet}", "checkboxes", {lang: vocab.facets[facet][lang] for lang in languages}, _words(strings, "proposal.fields.tags.description"),
                                  ("facts", "tags"), False, _named_options({tag: vocab.tags[tag].label for tag in tags}, languages)))
    source_schema = facts_schema["properties"]["sources"]["items"]
    for number in range(1, SOURCES + 1):
        for part, part_schema in source_schema["properties"].items():
            # a choice among named values (title_from: address) is a dropdown, its options' words in the UI strings
            choices = tuple(Option(joined(_words(strings, f"proposal.fields.source_{part}.options.{value}").values()), value)
                            for value in part_schema.get("enum", ()))
            questions.append(Question(f"source-{number}-{part}", "dropdown" if choices else "input",
                                      _words(strings, f"proposal.fields.source_{part}.label", number=number),
                                      _words(strings, f"proposal.fields.source_{part}.description"), ("facts", "sources", number - 1, part),
                                      number == 1 and needs_answer(source_schema, part), choices))
    general = _words(strings, "proposal.fields.sections.description")
    for key in model.SECTIONS:
        hints = _words(strings, f"scaffold.{key}")
        questions.append(Question(f"section-{key}", "textarea", _words(strings, f"sections.{key}"),
                                  {lang: f"{hints[lang]} {general[lang]}" for lang in languages}, ("sections", key), True))
    questions.append(Question("consent", "checkboxes", _words(strings, "proposal.fields.consent.label"), {lang: "" for lang in languages},
                              ("consent",), True, (Option(joined(_words(strings, "proposal.fields.consent.option").values()), "yes"),)))
    words = {key: _words(strings, f"proposal.form.{key}") for key in ("name", "description", "issue_title", "intro")}
    form = Form(languages, words, tuple(questions))
    problems = uncovered(form, facts_schema, text_schema) + github_problems(form)
    if problems:
        raise FormError("\n".join(problems))
    return form


def uncovered(form: Form, facts_schema: dict, text_schema: dict) -> list:
    """What the schemas hold that the form neither asks for nor has filled in: one line each,
    with how to fix it."""
    targets = {q.target[1:] for q in form.questions if q.target[0] == "facts"}
    fix = "Fix: add a question for it to scripts/casekit/issue_form.py (and its words to overrides/i18n/*.yml), or list it in AUTOMATIC."
    out = []
    for key, prop in facts_schema["properties"].items():
        if key in AUTOMATIC or (key,) in targets:
            continue
        if key == "sources" or any(target[:1] == (key,) for target in targets):
            parts = _resolved(facts_schema, prop).get("properties") or _resolved(facts_schema, prop).get("items", {}).get("properties", {})
            missing = [part for part in parts if not any(t[0] == key and t[-1] == part for t in targets)]
            out += [f"the form does not ask for the fact '{key}.{part}' (scripts/casekit/case.schema.json). {fix}" for part in missing]
            continue
        out.append(f"the form does not ask for the fact '{key}' (scripts/casekit/case.schema.json). {fix}")
    asked = {q.target[1] for q in form.questions if q.target[0] == "text"}
    for key in text_schema["properties"]:
        if key not in asked and key not in TRANSLATION_ONLY:
            out.append(f"the form does not ask for '{key}' of a text (scripts/casekit/text.schema.json). {fix}")
    return out


def github_problems(form: Form) -> list:
    """What GitHub would refuse in the form, or what would make its issues unreadable: ids
    other than letters, digits, - and _, labels or options written twice (also between a
    label and a checkbox), the reserved option "None", a label on more than one line."""
    out = []
    ids = [q.id for q in form.questions]
    out += [f"question id '{i}' has characters other than letters, digits, - and _." for i in ids if not _ID.fullmatch(i)]
    out += [f"question id '{i}' is used twice." for i in sorted({i for i in ids if ids.count(i) > 1})]
    labels = [q.label for q in form.questions] + [o.label for q in form.questions if q.kind == "checkboxes" for o in q.options]
    out += [f"the label '{label}' is used twice; GitHub needs every label and checkbox to differ." for label in sorted({x for x in labels if labels.count(x) > 1})]
    for q in form.questions:
        if not q.label.strip() or "\n" in q.label or q.label != q.label.strip():
            out.append(f"question '{q.id}' has an empty label or one on more than one line.")
        values = [o.label for o in q.options]
        if len(set(values)) != len(values):
            out.append(f"question '{q.id}' offers the same option twice.")
        if any(v.strip().lower() == "none" for v in values):
            out.append(f"question '{q.id}' offers 'None', which GitHub keeps for no choice.")
    return [f"{line} Fix: correct the UI strings (overrides/i18n/*.yml) or docs/tags.yml." for line in out]


def document(form: Form) -> dict:
    """The form as GitHub's issue-form YAML reads it."""
    words = {key: joined(values.values()) for key, values in form.words.items() if key != "intro"}
    body: list = [{"type": "markdown", "attributes": {"value": joined(form.words["intro"].values(), "\n\n")}}]
    for q in form.questions:
        attributes: dict = {"label": q.label}
        description = joined(q.descriptions.values(), "\n\n")
        if description:
            attributes["description"] = description
        if q.kind == "dropdown":
            attributes["options"] = [o.label for o in q.options]
        elif q.kind == "checkboxes":
            attributes["options"] = [{"label": o.label, **({"required": True} if q.required else {})} for o in q.options]
        element = {"type": q.kind, "id": q.id, "attributes": attributes}
        if q.required and q.kind != "checkboxes":
            element["validations"] = {"required": True}
        body.append(element)
    return {"name": words["name"], "description": words["description"], "title": f"{words['issue_title']}: ",
            "labels": [LABEL], "body": body}


HEADER = """\
# The case proposal form. Made by scripts/make_issue_form.py from the facts' schema
# (scripts/casekit/case.schema.json), the tags (docs/tags.yml), the languages (mkdocs.yml) and
# the UI strings (overrides/i18n/*.yml, section proposal): do not edit it by hand; change those
# and run python3 scripts/make_issue_form.py. An issue written with it becomes a pull request
# when a maintainer labels it `accepted` (.github/workflows/accept-proposal.yml).
"""


class _Dumper(yaml.SafeDumper):
    """Safe YAML with texts of several lines as literal blocks (one language a paragraph)."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def render(form: Form) -> str:
    """The text of .github/ISSUE_TEMPLATE/propose-case.yml."""
    return HEADER + yaml.dump(document(form), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))


def stale(root: Path = project.ROOT) -> list:
    """The problem of a proposal form that is not what the data now makes (a tag added to
    docs/tags.yml, a label changed): the validator reports it, so that a pull request that
    changes the vocabulary also brings the form. Empty when the form is up to date, when the
    project has no form, or when the data cannot make one (the vocabulary's own problems say why)."""
    path = root / PATH
    if not path.is_file():
        return []
    try:
        text = render(build(root))
    except FormError:
        return []
    if path.read_text(encoding="utf-8") == text:
        return []
    return [Problem(PATH.as_posix(), 1, _("the proposal form is out of date with docs/tags.yml (or the site's UI strings, mkdocs.yml or the case schema)."),
                    _("run python3 scripts/make_issue_form.py and commit {path} with your change.", path=PATH.as_posix()))]


def _answer(lines: list) -> str | None:
    """The answer under a heading, stripped; None when there is none."""
    text = "\n".join(lines).strip()
    return None if not text or text == NO_RESPONSE else text


def _option(question: Question, text: str) -> Option | None:
    """The option ``text`` names: its label, or its value (an issue edited by hand), or, for a
    label that ends with its value in brackets ("Public health / … (public-health)"), that
    value: an issue written before the label changed in docs/tags.yml still names it."""
    found = next((o for o in question.options if text in (o.label, o.value)), None)
    if found is None and text.endswith(")") and " (" in text:
        value = text[text.rindex(" (") + 2:-1]
        found = next((o for o in question.options if o.value == value and o.label.endswith(f" ({value})")), None)
    return found


# The issue body is anyone's text: its lines are read with string operations, in time linear in
# their length (a pattern such as "###[ \t]+(.+?)[ \t]*" backtracks on a long run of spaces).
_BLANKS = " \t"


def _heading(line: str) -> str | None:
    """The label of a line '### label' (spaces or tabs after the hashes), else None."""
    if not line.startswith("###") or line[3:4] not in tuple(_BLANKS) or not line[3:].strip(_BLANKS):
        return None
    return line[3:].strip(_BLANKS)


def _checkbox(line: str) -> tuple | None:
    """(mark, option) of a line '- [X] option' ('*' for '-'; ' ', 'x' or 'X' for the mark), else None."""
    rest = line[1:].lstrip(_BLANKS)
    if line[:1] not in ("-", "*") or len(rest) == len(line) - 1 or rest[:1] != "[" or rest[2:3] != "]" or rest[1:2] not in (" ", "x", "X"):
        return None
    return rest[1], rest[3:].strip(_BLANKS)


def read_body(form: Form, body: str) -> tuple[dict, list]:
    """The answers of an issue body written with ``form``, and the findings that keep them
    from being used. Answers are keyed by question id: the text (stripped; None when empty)
    of an input or textarea, the chosen option's value of a dropdown, the ticked options'
    values of checkboxes. The body is anyone's text, so nothing in it is taken for more than
    text: a heading counts only when it is a question's exact label."""
    by_label = {q.label: q for q in form.questions}
    blocks: dict = {}
    findings: list = []
    current = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        label = _heading(line)
        question = by_label.get(label) if label else None
        if question is None:
            if current is not None:
                current.append(line)
            continue
        if question.id in blocks:
            findings.append(Finding("duplicate", question.id))
            current = None
            continue
        current = blocks[question.id] = []
    if not blocks:
        return {}, [Finding("not_a_form")]
    answers: dict = {}
    for q in form.questions:
        lines = blocks.get(q.id, [])
        char = textfile.bad_character("\n".join(lines))
        if char:
            findings.append(Finding("invisible", q.id, textfile.describe(char)))
            continue
        if q.kind == "checkboxes":
            answers[q.id] = []
            for line in lines:
                line = line.strip()
                if not line or line == NO_RESPONSE:
                    continue
                box = _checkbox(line)
                option = _option(q, box[1]) if box else None
                if option is None:
                    findings.append(Finding("choice", q.id, line))
                elif box[0] != " " and option.value not in answers[q.id]:
                    answers[q.id].append(option.value)
            continue
        text = _answer(lines)
        if text is not None and q.kind == "input" and "\n" in text:
            findings.append(Finding("one_line", q.id))
            continue
        if text is not None and q.kind == "dropdown":
            option = _option(q, text)
            if option is None:
                findings.append(Finding("choice", q.id, text))
                continue
            text = option.value
        answers[q.id] = text
    return answers, findings
