"""Generated cases (Hypothesis): every valid form the schema and CONTRIBUTING allow is accepted by
the validator and the strict build; every form people type by mistake is named by the validator
at its line, with the form to use.

Valid cases vary in every fact's forms (a year alone as a number or as text, year-month, a full
date, no date; counts as numbers, {more_than: N} or {about: N}), in the languages written (one to all, the
original any of them), pending ones, links to each other in the documented form, long names and
many tags. The example counts are modest: the validator runs in this process; the strict build
runs once, on one generated collection."""
from __future__ import annotations

import json
import shutil

import pytest
from collection import make_project, text_name
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from casekit import model, project, yamlines
from casekit import vocab as casekit_vocab
from conftest import LANGS, ROOT, build, prefix

STRINGS = project.strings_for(ROOT)
VOCAB, _problems = casekit_vocab.load(ROOT / "docs" / "tags.yml", LANGS)
REGIONS = VOCAB.ids("region")
TAGS = [tag for tag in VOCAB.ids() if tag not in REGIONS]
COUNTRIES = sorted(code for code in model.country_codes() if VOCAB.regions_of([code]))
SECTIONS = ("context", "what_was_done", "results", "lessons")

WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíñóúüABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=3, max_size=12)


def _name(min_words=1, max_words=12):
    return st.lists(WORDS, min_size=min_words, max_size=max_words).map(" ".join)


@st.composite
def dates(draw):
    """(start, end) as case.yml writes them: null, a year as a number or as text, YYYY-MM, YYYY-MM-DD."""
    year = draw(st.integers(1950, 2025))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    forms = [str(year), f'"{year}"', f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"]
    start = draw(st.sampled_from(["null", *forms]))
    later = year + draw(st.integers(0, 5))
    end = draw(st.sampled_from(["null", str(later + 1), f"{later + 1}-{month:02d}"]))
    return start, end


@st.composite
def participants(draw):
    count = st.integers(1, 250000)
    kind = draw(st.sampled_from(["none", "people", "organisations", "more_than", "about", "both"]))
    if kind == "none":
        return "{}"
    if kind in ("more_than", "about"):
        return f"{{people: {{{kind}: {draw(count)}}}}}"
    if kind == "both":
        return f"{{people: {draw(count)}, organisations: {draw(count)}}}"
    return f"{{{kind}: {draw(count)}}}"


@st.composite
def case_specs(draw, slug):
    original = draw(st.sampled_from(LANGS))
    others = [lang for lang in LANGS if lang != original]
    written = [original] + draw(st.lists(st.sampled_from(others), unique=True, max_size=len(others))) if others else [original]
    unwritten = [lang for lang in LANGS if lang not in written]
    pending = draw(st.lists(st.sampled_from(unwritten), unique=True, max_size=len(unwritten))) if unwritten else []
    start, end = draw(dates())
    return {
        "slug": slug, "original": original, "written": written, "pending": pending, "start": start, "end": end,
        "participants": draw(participants()),
        "countries": draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True)),
        "tags": draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=len(TAGS), unique=True)),
        "implementing": draw(st.lists(_name(1, 15), min_size=1, max_size=3, unique=True)),
        "title": draw(_name(1, 12).filter(lambda text: len(text) <= 110)),  # a translation adds " <lang>"
        "same_title": draw(st.booleans()),  # a proper name: the same in every language
    }


@st.composite
def collections(draw, min_size=1, max_size=4):
    count = draw(st.integers(min_size, max_size))
    specs = [draw(case_specs(f"generated-case-{number}")) for number in range(count)]
    for spec in specs:  # links to the other generated cases, in the form CONTRIBUTING gives
        spec["links"] = draw(st.lists(st.sampled_from([other["slug"] for other in specs]), max_size=3)) if count > 1 else []
    return specs


def _flow(items) -> str:
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"


def _facts(spec) -> str:
    text = (f"original_language: {spec['original']}\nimplementing: {_flow(spec['implementing'])}\npartners: []\nfunders: []\n"
            f"countries: {_flow(spec['countries'])}\nplaces: []\nstart: {spec['start']}\nend: {spec['end']}\n"
            f"participants: {spec['participants']}\ntags: {_flow(spec['tags'])}\n"
            "sources:\n  - title: A generated report\n    publisher: A publisher\n    language: en\n    published: 2019\n"
            "added: 2026-01-01\nreviewed: 2026-01-02\n")
    return text + (f"pending: {_flow(spec['pending'])}\n" if spec["pending"] else "")


def _text(spec, lang, translated_from=None) -> str:
    t = STRINGS(lang)
    title = spec["title"] if spec["same_title"] or lang == spec["original"] else f"{spec['title']} {lang}"
    front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsummary: A generated case in {lang}.\n"
    if translated_from:
        front += model.translated_from_line(translated_from) + "\n"  # as translations.py --mark writes it
    links = [f"See [another case](../{slug}/index.md)." for slug in spec["links"]]
    body = "".join(f"## {t('sections.' + key)}\n\nA paragraph of {key} in {lang}. {' '.join(links) if key == 'results' else ''}\n\n"
                   for key in SECTIONS)
    return front + "---\n\n" + body


def write(docs, specs) -> None:
    cases = docs / "cases"
    for folder in cases.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    for spec in specs:
        folder = cases / spec["slug"]
        folder.mkdir()
        (folder / "case.yml").write_text(_facts(spec), encoding="utf-8")
        original = folder / text_name(spec["original"])
        original.write_text(_text(spec, spec["original"]), encoding="utf-8")
        front, body, line = yamlines.split_front_matter(original.read_text(encoding="utf-8"))
        fingerprint = model.Text(spec["original"], original, yamlines.load(front).data, body, line).prose_hash
        for lang in spec["written"][1:]:
            (folder / text_name(lang)).write_text(_text(spec, lang, fingerprint), encoding="utf-8")


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("generated") / "p")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=collections())
def test_the_validator_accepts_every_valid_form(generated_project, specs):
    write(generated_project / "docs", specs)
    found = project.load(generated_project)
    assert found.problems == [], "\n".join(problem.format() for problem in found.problems)
    assert set(found.cases) == {spec["slug"] for spec in specs}


@settings(max_examples=1, deadline=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs=collections(min_size=6, max_size=6))
def test_the_strict_build_accepts_a_generated_collection(tmp_path_factory, specs):
    # whatever was drawn, the case proposals leave: its other languages pending, a link to a
    # case written in every language (and that one links back)
    first, second = specs[0], specs[1]
    first.update(written=[first["original"]], pending=[lang for lang in LANGS if lang != first["original"]], links=[second["slug"]])
    second.update(written=[second["original"], *(lang for lang in LANGS if lang != second["original"])], pending=[],
                  links=[first["slug"]])
    root = make_project(tmp_path_factory.mktemp("generated-build") / "p")
    write(root / "docs", specs)
    assert project.load(root).problems == []
    result = build(root, root / "site")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    for spec in specs:  # each case's page in every language, its original where it is not written
        for lang in LANGS:
            assert (root / "site" / prefix(lang) / "cases" / spec["slug"] / "index.html").is_file(), (spec["slug"], lang)


# --- mistakes: each named at its line, with the form to use ------------------------------------

@st.composite
def mistakes(draw):
    """(what replaces the first case's line 'start: …' or 'participants: …', the fix to suggest)."""
    kind = draw(st.sampled_from(["date", "number", "link"]))
    if kind == "date":
        year, month = draw(st.integers(1950, 2025)), draw(st.integers(1, 12))
        written = draw(st.sampled_from([f"{year}/{month:02d}", f"{month:02d}/{year}", f"{year}.{month:02d}"]))
        return "start", f"start: {written}", f"start: {year}-{month:02d}"
    if kind == "number":
        count = draw(st.integers(1000, 999999))
        separator = draw(st.sampled_from([",", " ", "\u00a0"]))
        grouped = f"{count:,}".replace(",", separator)
        return "participants", f"participants:\n  people: {grouped}", f"people: {count}"
    form = draw(st.sampled_from(["../{slug}/", "../{slug}", "/cases/{slug}/", "../{slug}/index.html"]
                                + ([f"../{{slug}}/index.{LANGS[-1]}.md"] if len(LANGS) > 1 else [])))
    return "link", form.format(slug="generated-case-1"), "../generated-case-1/index.md"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=collections(min_size=2, max_size=2), mistake=mistakes())
def test_the_validator_names_each_mistake_at_its_line(generated_project, specs, mistake):
    where, written, fix = mistake
    specs[0]["links"] = []
    write(generated_project / "docs", specs)
    folder = generated_project / "docs" / "cases" / specs[0]["slug"]
    path = folder / ("case.yml" if where != "link" else text_name(specs[0]["original"]))
    text = path.read_text(encoding="utf-8")
    if where == "link":
        text = text.replace("A paragraph of results", f"A paragraph of results with [a link]({written})", 1)
    else:
        lines = text.split("\n")
        lines = [written if line.startswith(f"{where}:") else line for line in lines]
        text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    last = written.split("\n")[-1]
    line = next(number for number, content in enumerate(text.split("\n"), 1) if last in content)
    found = [problem for problem in project.load(generated_project).problems if problem.path.endswith(path.name) and problem.line == line]
    assert found and any(fix in str(problem.hint) for problem in found), [problem.format() for problem in found] or (line, text)
