"""A way in without git: the case proposal form is made from the data, and scripts/proposal.py
turns an issue written with it into a case that validates, or says in the proposer's language
what to correct, and writes nothing outside the case's folder whatever the issue holds.

The issue bodies (tests/proposals/*.md) are written as GitHub renders a form's answers: a
"### label" heading, a blank line, the answer ("_No response_" for none, "- [X] option" and
"- [ ] option" lines for checkboxes). What comes from the data is written as a placeholder, so
that no body names the site's languages or today's tags: {{label:ID}} is the label of question
ID (in every language, as the form shows it), {{option:ID:N}} its option N (an index, or a
value such as a language code), {{checkboxes:ID:N,M}} every option of a checkbox question,
N and M ticked. Everything runs in a copy of the project (tests/collection.py)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from collection import make_project

from casekit import issue_form, model, yamlines
from casekit import project as casekit_project
from conftest import DEFAULT, LANGS, ROOT, copy_project

BODIES = Path(__file__).parent / "proposals"
PLACEHOLDER = re.compile(r"\{\{(label|option|checkboxes):([A-Za-z0-9_-]+)(?::([^}]*))?\}\}")
FORM = issue_form.build(ROOT)
STRINGS = casekit_project.strings_for(ROOT)
sys.path.insert(0, str(ROOT / "scripts"))
import new_case  # noqa: E402


def _option(question: issue_form.Question, token: str) -> issue_form.Option:
    return next((o for o in question.options if o.value == token), None) or question.options[int(token)]


def body(name: str, form: issue_form.Form = FORM) -> str:
    """The fixture issue body ``name`` as GitHub writes it for ``form``."""
    def fill(match):
        kind, qid, arg = match.groups()
        question = form.question(qid)
        if kind == "label":
            return question.label
        if kind == "option":
            return _option(question, arg).label
        ticked = {_option(question, token).value for token in (arg or "").split(",") if token}
        return "\n".join(f"- [{'X' if o.value in ticked else ' '}] {o.label}" for o in question.options)

    return PLACEHOLDER.sub(fill, (BODIES / f"{name}.md").read_text(encoding="utf-8"))


def answer_of(text: str, qid: str, value: str) -> str:
    """``text`` with the answer to question ``qid`` replaced by ``value``."""
    heading = f"### {FORM.question(qid).label}\n\n"
    start = text.index(heading) + len(heading)
    end = text.index("\n\n### ", start)
    return text[:start] + value + text[end:]


def snapshot(root: Path) -> dict:
    """Every file under ``root`` (compiled Python aside) with a digest of its bytes."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file() and "__pycache__" not in path.parts}


def propose(project: Path, text: str | bytes | None, *args: str, stdin: bool = False) -> subprocess.CompletedProcess:
    """Run scripts/proposal.py of ``project`` on an issue body kept outside the project."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"PYTHONDONTWRITEBYTECODE": "1"}
    issue = project.parent / "issue.md"
    if isinstance(text, str):
        issue.write_text(text, encoding="utf-8")
    elif isinstance(text, bytes):
        issue.write_bytes(text)
    command = [sys.executable, str(project / "scripts" / "proposal.py"), "-" if stdin else str(issue), *args]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300,
                            input=text if stdin else None)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def written(before: dict, after: dict) -> set:
    assert all(after.get(path) == digest for path, digest in before.items()), "a file of the project was changed or removed"
    return set(after) - set(before)


def facts_of(folder: Path) -> dict:
    return yamlines.load((folder / "case.yml").read_text(encoding="utf-8")).data


def front_of(path: Path) -> dict:
    front, _body, _line = yamlines.split_front_matter(path.read_text(encoding="utf-8"))
    return yamlines.load(front).data


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p")


# --- the form --------------------------------------------------------------------------------

def test_the_form_is_made_from_the_data():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_issue_form.py"), "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (ROOT / issue_form.PATH).read_text(encoding="utf-8") == issue_form.render(FORM)


def test_the_form_asks_for_every_fact_in_every_language():
    schema = model._schema("case.schema.json")
    asked = {q.target[1] for q in FORM.questions if q.target[0] == "facts"}
    assert set(schema["properties"]) == asked | set(issue_form.AUTOMATIC)
    for q in FORM.questions:  # required exactly where the schema needs a value
        if q.target[0] == "facts" and len(q.target) == 2 and q.kind != "checkboxes":  # tags: proposal.py needs one in all
            assert q.required == issue_form.needs_answer(schema, q.target[1]), q.id
    source_parts = {q.target[3] for q in FORM.questions if q.target[:2] == ("facts", "sources")}
    assert source_parts == set(schema["properties"]["sources"]["items"]["properties"])
    assert {q.target[1] for q in FORM.questions if q.target[0] == "text"} == {"title", "summary"}
    assert [q.target[1] for q in FORM.questions if q.target[0] == "sections"] == list(model.SECTIONS)
    for q in FORM.questions:
        assert list(q.names) == list(LANGS), q.id
        for lang in LANGS:
            assert q.names[lang] in q.label, (q.id, lang)
    assert FORM.question("title").names == {lang: STRINGS(lang)("proposal.fields.title.label") for lang in LANGS}
    assert [o.value for o in FORM.question("language").options] == list(LANGS)
    # the regions come from the countries: the form asks for no region, and offers the schema's venue values
    assert [o.value for o in FORM.question("venue").options] == schema["properties"]["venue"]["enum"]
    offered = {o.value for q in FORM.questions if q.id.startswith("tags-") for o in q.options}
    from casekit import vocab as casekit_vocab
    tags, _ = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
    assert offered == set(tags.ids()) - set(tags.ids("region"))


def test_the_form_check_fails_when_the_data_changes(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", project / ".github" / "ISSUE_TEMPLATE")
    script = [sys.executable, str(project / "scripts" / "make_issue_form.py")]
    tags = project / "docs" / "tags.yml"
    labels = ", ".join(f"{lang}: A new tag ({lang})" for lang in LANGS)
    tags.write_text(tags.read_text(encoding="utf-8") + f"  a-new-tag:\n    facet: theme\n    label: {{{labels}}}\n"
                    f"    description: {{{labels}}}\n", encoding="utf-8")
    stale = subprocess.run([*script, "--check"], cwd=project, capture_output=True, text=True)
    assert stale.returncode == 1 and "make_issue_form.py" in stale.stderr, stale.stdout + stale.stderr
    assert subprocess.run(script, cwd=project, capture_output=True, text=True).returncode == 0
    assert "(a-new-tag)" in (project / issue_form.PATH).read_text(encoding="utf-8")
    assert subprocess.run([*script, "--check"], cwd=project, capture_output=True, text=True).returncode == 0
    # a fact the form does not ask for: named, with how to fix it
    schema = project / "scripts" / "casekit" / "case.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"properties": {\n    "original_language"',
                                                                  '"properties": {\n    "budget": {"type": "integer"},\n    "original_language"'), encoding="utf-8")
    missing = subprocess.run([*script, "--check"], cwd=project, capture_output=True, text=True)
    assert missing.returncode == 2 and "'budget'" in missing.stderr and "Fix:" in missing.stderr, missing.stderr


# --- proposals that become cases --------------------------------------------------------------

def test_a_complete_proposal_becomes_a_case_that_validates(project, tmp_path):
    before = snapshot(project)
    outputs, comment = tmp_path / "outputs", tmp_path / "answer.md"
    result = propose(project, body("complete"), "--today", "2026-02-03", "--outputs", str(outputs), "--comment", str(comment))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    slug, lang = lines["slug"], lines["lang"]
    assert lang == DEFAULT and model.SLUG.fullmatch(slug)
    folder = project / "docs" / "cases" / slug
    names = [model.text_filename(other, DEFAULT) for other in LANGS]
    assert written(before, snapshot(project)) == {f"docs/cases/{slug}/{name}" for name in ["case.yml", *names]}
    checked = subprocess.run([sys.executable, str(project / "scripts" / "validate.py"), f"docs/cases/{slug}"], cwd=project,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    facts = facts_of(folder)
    theme = FORM.question("tags-theme").options
    assert facts["original_language"] == DEFAULT and facts["pending"] == list(LANGS[1:])
    assert facts["implementing"] == ["Fundación Fixture", "Red de Organizaciones Fixture"]
    assert facts["partners"] == ["Municipality of Fixture"] and facts["funders"] == [] and facts["places"] == ["Quito"]
    assert facts["countries"] == ["EC"] and "region" not in facts and "venue" not in facts
    assert (facts["start"], facts["end"], facts["participants"]) == ("2021-03", "2021-09", {"organisations": 8})
    assert facts["tags"] == [theme[0].value, theme[1].value, FORM.question("tags-approach").options[0].value]
    assert facts["sources"] == [{"title": "Report of the fixture forum", "publisher": "Fundación Fixture", "language": "es",
                                 "url": "https://example.org/fixture-forum-report"}]
    assert facts["added"] == facts["reviewed"] == "2026-02-03"
    text = (folder / model.text_filename(DEFAULT, DEFAULT)).read_text(encoding="utf-8")
    assert front_of(folder / model.text_filename(DEFAULT, DEFAULT))["summary"] == (
        "Eight civil society organisations in Quito met for six months to learn how to plan and report together as partners.")
    assert "- to write one joint plan, see the [report](https://example.org/fixture-forum-report)." in text
    t = STRINGS(lang)
    assert result.stdout.strip() == t("proposal.answer.written", folder=f"docs/cases/{slug}/")
    assert comment.read_text(encoding="utf-8").strip() == t("proposal.answer.written", folder=f"`docs/cases/{slug}/`")


@pytest.mark.skipif("es" not in LANGS, reason="the fixture proposal in Spanish needs Spanish among the site's languages")
def test_a_proposal_in_spanish_is_answered_in_spanish(project):
    result = propose(project, body("spanish"))
    assert result.returncode == 0, result.stdout + result.stderr
    folder = project / "docs" / "cases" / "foro-ong-medellin"
    facts = facts_of(folder)
    assert facts["original_language"] == "es" and facts["pending"] == [lang for lang in LANGS if lang != "es"]
    assert facts["countries"] == ["CO", "PE"]  # "Colombia, perú": names, in any case and accent
    assert facts["participants"] == {"people": {"more_than": 40}, "organisations": 13}
    assert [source["language"] for source in facts["sources"]] == ["es", "es"]  # "Español" and "es"
    assert "url" not in facts["sources"][1]
    text = (folder / model.text_filename("es", DEFAULT)).read_text(encoding="utf-8")
    for key in model.SECTIONS:
        assert f"## {STRINGS('es')(f'sections.{key}')}\n" in text
    assert front_of(folder / model.text_filename("es", DEFAULT))["title"] == "Foro de ONG en Medellín: aprender a trabajar en alianza"
    for lang in LANGS:  # the languages not written are drafts with their placeholders, as new_case.py makes them
        if lang != "es":
            assert STRINGS(lang)("scaffold.context") in (folder / model.text_filename(lang, DEFAULT)).read_text(encoding="utf-8")
    assert result.stdout.strip() == STRINGS("es")("proposal.answer.written", folder="docs/cases/foro-ong-medellin/")


def test_windows_line_ends_and_standard_input(project):
    result = propose(project, body("complete").replace("\n", "\r\n"), stdin=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- proposals that must be corrected first ---------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_missing_and_wrong_answers_are_named_in_the_chosen_language(project, tmp_path, lang):
    before = snapshot(project)
    comment = tmp_path / "answer.md"
    result = propose(project, body("missing"), "--lang", lang, "--comment", str(comment))
    assert result.returncode == 2, result.stdout + result.stderr
    assert snapshot(project) == before  # nothing written
    t = STRINGS(lang)

    def name(qid: str) -> str:
        return FORM.question(qid).names[lang]

    expected = [t("proposal.answer.not_written")]
    expected += [t("proposal.errors.required", field=name(qid)) for qid in
                 ("title", "implementing", "source-1-publisher", "section-what_was_done", "section-results", "section-lessons")]
    limits = model._schema("text.schema.json")["properties"]["summary"]
    expected += [t("proposal.errors.length", field=name("summary"), min=limits["minLength"], max=limits["maxLength"], value=len("Too short.")),
                 t("proposal.errors.country", field=name("countries"), value="'Atlantis'"),
                 t("proposal.errors.date", field=name("start"), value="'March 2019'"),
                 t("proposal.errors.count", field=name("people"), value="'many'"),
                 t("proposal.errors.tags", field=t("case.tags")),
                 t("proposal.errors.url", field=name("source-1-url"), value="'http://example.org/report'"),
                 t("proposal.errors.consent", field=name("consent"))]
    for line in expected:
        assert line in result.stdout, (line, result.stdout)
    assert len(result.stdout.strip().splitlines()) == len(expected) + 1  # those, and a blank line: nothing else
    markdown = comment.read_text(encoding="utf-8")
    assert t("proposal.errors.country", field=f"**{name('countries')}**", value="`Atlantis`") in markdown


def test_the_answer_is_in_the_language_the_proposer_chose(project):
    for lang in LANGS:
        text = answer_of(body("missing"), "language", _option(FORM.question("language"), lang).label)
        result = propose(project, text)
        assert result.returncode == 2 and result.stdout.startswith(STRINGS(lang)("proposal.answer.not_written")), result.stdout


def test_an_option_whose_label_changed_since_the_issue_is_found_by_its_id(project):
    """A proposal written before a tag's label changed in docs/tags.yml: the ticked line names
    the old label and, in brackets, the tag's id, which still chooses the tag."""
    question = next(q for q in FORM.questions if q.kind == "checkboxes"
                    and any(o.label.endswith(f" ({o.value})") for o in q.options))
    option = next(o for o in question.options if o.label.endswith(f" ({o.value})"))
    old = f"An older label ({option.value})"
    text = body("complete")
    assert f"- [X] {option.label}" in text or f"- [ ] {option.label}" in text, "the fixture lists the option"
    text = text.replace(f"- [ ] {option.label}", f"- [X] {old}").replace(f"- [X] {option.label}", f"- [X] {old}")
    answers, findings = issue_form.read_body(FORM, text)
    assert not findings, findings
    assert option.value in answers[question.id]
    result = propose(project, text)
    assert result.returncode in (0, 4), result.stdout + result.stderr


def test_without_a_known_language_the_answer_is_in_every_language(project, tmp_path):
    """The form's language question left empty (or its line broken while editing the issue):
    the proposer is answered in every language of the site, each with the problems named."""
    comment = tmp_path / "answer.md"
    text = answer_of(body("missing"), "language", "_No response_")
    result = propose(project, text, "--comment", str(comment))
    assert result.returncode == 2, result.stdout + result.stderr
    markdown = comment.read_text(encoding="utf-8")
    for lang in LANGS:
        t = STRINGS(lang)
        required = t("proposal.errors.required", field=FORM.question("title").names[lang])
        assert t("proposal.answer.not_written") in result.stdout and required in result.stdout, (lang, result.stdout)
        assert t("proposal.answer.not_written") in markdown, (lang, markdown)


@pytest.mark.parametrize("text, key", [
    ("Please add my case about a forum in Quito.", "not_a_form"),
    ("", "not_a_form"),
    (None, "unreadable"),  # no such file
    (b"### \xff\xfe not UTF-8", "unreadable"),
    ("x" * (300 * 1024), "too_long"),
])
def test_what_is_not_a_proposal_is_refused_with_a_reason(project, text, key):
    if text is None:
        (project.parent / "issue.md").unlink(missing_ok=True)
    before = snapshot(project)
    result = propose(project, text)
    assert result.returncode == 2, result.stdout + result.stderr
    assert snapshot(project) == before
    assert result.stdout.startswith(STRINGS(DEFAULT)("proposal.answer.not_written"))
    assert STRINGS(DEFAULT).get(f"proposal.errors.{key}").split("{")[0] in result.stdout, result.stdout


def test_a_question_answered_twice_or_a_case_that_exists_is_refused(project, tmp_path):
    twice = body("complete") + f"\n\n### {FORM.question('title').label}\n\nAnother title\n"
    result = propose(project, twice)
    assert result.returncode == 2 and STRINGS(DEFAULT)("proposal.errors.duplicate", field=FORM.question("title").names[DEFAULT]) in result.stdout
    outputs = tmp_path / "outputs"
    assert propose(project, body("complete"), "--outputs", str(outputs)).returncode == 0
    slug = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())["slug"]
    before = snapshot(project)
    again = propose(project, body("complete"))
    assert again.returncode == 2 and snapshot(project) == before
    assert STRINGS(DEFAULT)("proposal.errors.exists", field=FORM.question("slug").names[DEFAULT], value=f"'{slug}'") in again.stdout


# --- when the script itself fails ------------------------------------------------------------

def test_a_script_that_could_not_run_is_told_apart_from_a_case_written_with_problems(project, tmp_path):
    """A failure of the script (here: a UI string of the answer with a lone brace, which Python
    cannot format) ends with its own status, never the one of a case written with problems,
    gives no case's name to the workflow, and leaves an answer for the proposer in every language."""
    import yaml
    strings = project / "overrides" / "i18n" / f"{DEFAULT}.yml"
    data = yaml.safe_load(strings.read_text(encoding="utf-8"))
    data["proposal"]["answer"]["written"] += " {"
    strings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    comment, outputs = tmp_path / "answer.md", tmp_path / "outputs"
    result = propose(project, body("complete"), "--comment", str(comment), "--outputs", str(outputs))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "could not run" in result.stderr and "ValueError" in result.stderr and "proposal.py" in result.stderr
    assert "slug=" not in (outputs.read_text(encoding="utf-8") if outputs.exists() else "")
    said = comment.read_text(encoding="utf-8")
    for lang in LANGS:
        assert STRINGS(lang)("proposal.answer.could_not_run") in said


def test_help_names_every_exit_status():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "proposal.py"), "--help"], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})  # in English (test_cli_language.py: the others)
    assert result.returncode == 0
    statuses = dict(re.findall(r"^  (\d)  (.+)$", result.stdout, re.M))
    assert set(statuses) == {"0", "1", "2", "3", "4"}, result.stdout
    assert statuses["1"].startswith("could not run") and statuses["3"].startswith("could not run")
    assert "problems" in statuses["4"] and "problems" not in statuses["1"]


# --- hostile proposals ------------------------------------------------------------------------

def test_a_hostile_proposal_is_written_as_text_in_its_own_folder_only(project, tmp_path):
    before = snapshot(project)
    comment, outputs = tmp_path / "answer.md", tmp_path / "outputs"
    result = propose(project, body("hostile"), "--comment", str(comment), "--outputs", str(outputs))
    assert result.returncode == 4, result.stdout + result.stderr  # written, and the checks object
    slug = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())["slug"]
    assert model.SLUG.fullmatch(slug) and slug.startswith("etc-passwd")  # "../../../etc/passwd <script>…" made a plain name
    assert {path.rsplit("/", 1)[0] for path in written(before, snapshot(project))} == {f"docs/cases/{slug}"}
    folder = project / "docs" / "cases" / slug
    facts = facts_of(folder)  # every answer is one text value: no key, alias or list was injected
    assert set(facts) == set(model._schema("case.schema.json")["required"]) | {"pending"}
    assert facts["implementing"] == ['Evil "Org"]', 'title: "x"', "foo: bar", "&anchor [*anchor, {a: b}] # comment"]
    assert facts["sources"] == [{"title": 'x", url: "javascript:alert(1)", y: "', "publisher": "publisher: {{7*7}}", "language": "en"}]
    front = front_of(folder / model.text_filename(DEFAULT, DEFAULT))
    assert set(front) == {"title", "summary"}
    assert front["title"] == "../../../etc/passwd <script>alert(1)</script> `x` @everyone"
    assert front["summary"].startswith('title: "x" foo: bar ---')
    # the validator's checks name what the build would refuse, file by file
    for needle in (f"docs/cases/{slug}/case.yml:", "'title' contains < or >", "<script>", "<iframe>", "javascript:", "event-handler"):
        assert needle in result.stdout, (needle, result.stdout)
    # on the issue, the proposer's words appear only inside a fenced block of the checks' lines
    markdown = comment.read_text(encoding="utf-8")
    fences = [index for index, line in enumerate(markdown.splitlines()) if line.startswith("~~~")]
    assert len(fences) == 2
    outside = markdown.splitlines()[: fences[0]] + markdown.splitlines()[fences[1] + 1:]
    assert not any(needle in line for line in outside for needle in ("<", "@everyone", "javascript"))


@pytest.mark.parametrize("slug", ["../outside", "..", "a/../../b", "/tmp/x", "Case-Name", "a--b", "caso\u202eevil", "ca\u0301so", "x" * 3 + "\nfoo"])
def test_a_slug_that_is_not_a_plain_name_writes_nothing(project, slug):
    before = snapshot(project)
    result = propose(project, answer_of(body("complete"), "slug", slug))
    assert result.returncode == 2, result.stdout
    assert snapshot(project) == before
    assert not (project.parent / "outside").exists() and not (project.parent / "b").exists()
    assert FORM.question("slug").names[DEFAULT] in result.stdout, result.stdout


def test_a_slug_given_on_the_command_line_is_checked_too(project):
    before = snapshot(project)
    result = propose(project, body("complete"), "--slug", "../../escape")
    assert result.returncode == 2 and snapshot(project) == before
    assert not (project.parent.parent / "escape").exists()


# --- the scaffold's writing of values ---------------------------------------------------------

@pytest.mark.parametrize("value", ["NO", "yes", "Null", "2019", "2019-03", "1:20", "a: b", "#x", "x # y", "'", '"', "\\", "{a: b}",
                                   "[x]", "*alias", "&anchor", "!tag", "%x", "@x", "`x`", "- x", "? x", "|", ">", "~", "",
                                   " x ", "x\ny", "tab\there", "\u2028", "\x85", "\u00a0", "Fundación", "emoji 🙂"])
def test_a_value_is_read_back_as_the_same_text(value):
    assert yamlines.load(f"key: {new_case.yaml_text(value)}\n").data == {"key": value}
    assert yamlines.load(f"key: {new_case.yaml_flow([value, {'more_than': 3}])}\n").data == {"key": [value, {"more_than": 3}]}


@pytest.mark.skipif("es" not in LANGS, reason="the fixture proposal in Spanish needs Spanish among the site's languages")
def test_a_spanish_proposal_gets_its_problems_and_its_case_comments_in_spanish(project):
    """The validator's problems in the answer, and the comments of the case.yml it writes, are in
    the proposal's language, as new_case.py --lang writes them."""
    import proposal  # scripts/proposal.py

    from casekit import messages
    from casekit.problems import Problem
    problems = [Problem("docs/cases/x/case.yml", 3, messages._("unknown fact '{key}'.", key="funder"), messages._("did you mean {choices}?", choices="'funders'"))]
    language = messages.for_contributor("es", LANGS, {}, system=lambda: None)
    said = proposal.answer(FORM, "es", STRINGS("es"), "x", [], problems)
    assert problems[0].format(language) in said and problems[0].format() not in said
    result = propose(project, body("spanish"))
    assert result.returncode == 0, result.stdout + result.stderr
    scaffolded = subprocess.run([sys.executable, str(project / "scripts" / "new_case.py"), "--lang", "es", "otro-caso"], cwd=project,
                                capture_output=True, text=True)
    assert scaffolded.returncode == 0, scaffolded.stderr

    def comments(slug):
        text = (project / "docs" / "cases" / slug / "case.yml").read_text(encoding="utf-8")
        return {line.strip().replace(slug, "SLUG") for line in text.splitlines() if line.strip().startswith("#")}
    assert comments("foro-ong-medellin") and comments("foro-ong-medellin") <= comments("otro-caso")


def test_a_problem_of_the_written_case_names_the_question_to_correct(project, tmp_path):
    """The proposer never saw the case's files: each problem the checks find in what was written
    names the form's question its answer came from, before the file and line (for reviewers)."""
    question = FORM.question("section-results")
    text = answer_of(body("complete"), question.id, "What changed.\n\n<script>alert(1)</script>")
    comment = tmp_path / "answer.md"
    result = propose(project, text, "--comment", str(comment))
    assert result.returncode == 4, result.stdout + result.stderr
    lang = FORM.question("language").options[0].value  # the fixture is answered in this language
    rows = [row.strip() for row in result.stdout.splitlines() if "<script>" in row]
    assert rows and all(row.startswith(f"[{question.names[lang]}] docs/cases/") for row in rows), result.stdout
    assert f"[{question.names[lang]}] docs/cases/" in comment.read_text(encoding="utf-8")


def test_warnings_alone_are_not_called_problems(project):
    """A case written with warnings only (a word that dates its text): exit 0, and the answer
    says that nothing must be corrected, then lists the warnings."""
    from casekit import project as project_mod
    lang = FORM.question("language").options[0].value  # the fixture is answered in this language
    word = project_mod.strings_for(ROOT)(lang).get("checks.relative_time")[0]
    text = answer_of(body("complete"), "section-results", f"{word.capitalize()} the committee meets every month.")
    result = propose(project, text)
    assert result.returncode == 0, result.stdout + result.stderr
    t = STRINGS(lang)
    first = result.stdout.splitlines()[0]
    def after_the_folder(key: str) -> str:
        return t(key, folder="\0").split("\0")[1]
    assert first.endswith(after_the_folder("proposal.answer.written_with_warnings")), result.stdout
    assert not first.endswith(after_the_folder("proposal.answer.written_with_problems"))
    assert word.lower() in result.stdout.lower()


@pytest.mark.parametrize("typed,expected", [
    ("50", 50), ("10,000", 10000), ("3 400", 3400), ("3.400", 3400), ("40 people", 40),
    (">12", {"more_than": 12}), ("12+", {"more_than": 12}), ("more than 40", {"more_than": 40}),
    ("about 3,400", {"about": 3400}), ("~3400", {"about": 3400}), ("c. 3.400 households", {"about": 3400}),
])
def test_a_count_is_read_as_people_type_it(typed, expected):
    """A number of participants, grouped or not, a lower bound, an approximate figure."""
    import proposal  # scripts/proposal.py
    assert proposal.count(typed, LANGS) == expected


@pytest.mark.parametrize("typed", ["many", "0", "12 or 13", ""])
def test_what_is_not_a_count_is_refused(typed):
    import proposal  # scripts/proposal.py
    with pytest.raises(ValueError):
        proposal.count(typed, LANGS)
