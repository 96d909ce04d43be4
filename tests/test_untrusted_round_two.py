"""What a hostile pass over the merged trust boundary found (issue 20, second round): each of
these stalled, crashed or read a file of the build machine before its fix."""
from __future__ import annotations

import shutil
import time

import pytest

from casekit import markdown_shape, strings
from casekit.plugin import boundary
from conftest import LANGS, ROOT


def test_tags_opened_and_never_closed_are_refused_at_their_line_at_once():
    """`<a/` thousands of times (each one made Python-Markdown read on to the end of the text:
    minutes for 67 KB, which passed every check)."""
    for opener in ("<a/", "<a ", "<a\t", "<a b=", "<http:"):
        source = "Intro.\n\n" + "\n\n".join("x " + opener * 2000 for _ in range(4)) + "\n"
        start = time.process_time()
        found = markdown_shape.problems(source, 5, "docs/cases/x/index.md")
        assert time.process_time() - start < 1, opener  # one pass, not the renderer
        assert [problem.line for problem in found] == [7], (opener, found)
        assert "never closes" in found[0].message


def test_prose_with_tags_and_the_sign_is_not_refused():
    source = ("A <abbr title='non-governmental organisation'>NGO</abbr> with 3 < 4 members and <b>bold</b> words.\n\n" * 200
              + "Fewer than fifty signs: " + "a<b, " * 40 + "\n")
    assert markdown_shape.unclosed_tag(source) is None


@pytest.fixture
def strings_dir(tmp_path):
    folder = tmp_path / "i18n"
    shutil.copytree(ROOT / "overrides" / "i18n", folder)
    return folder


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_list_where_the_site_name_belongs_is_refused(strings_dir):
    default = strings_dir / f"{LANGS[0]}.yml"
    name = strings.load(strings_dir, LANGS[0])("site.name")
    _replace(default, f"name: {name}", "name: ['<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">', '<b id=x>']")
    found = strings.check(strings_dir, LANGS)
    assert any(problem.message == "the UI string 'site.name' must be text." for problem in found), found


def test_plural_forms_without_other_are_refused(strings_dir):
    default = strings_dir / f"{LANGS[0]}.yml"
    text = default.read_text(encoding="utf-8")
    start = text.index("  count:\n", text.index("catalogue:"))
    block_end = text.index("\n", text.index("other:", start))
    default.write_text(text[:start] + '  count:\n    one: "{count} case study"' + text[block_end:], encoding="utf-8")
    found = strings.check(strings_dir, LANGS)
    assert any("has no 'other' form" in problem.message for problem in found), found


def test_a_ui_string_file_that_is_a_link_is_not_read(strings_dir, tmp_path):
    secret = tmp_path / "machine.yml"
    secret.write_text("api:\n  token: s3cr3t-value\n", encoding="utf-8")
    linked = strings_dir / f"{LANGS[0]}.yml"
    linked.unlink()
    linked.symlink_to(secret)
    found = strings.check(strings_dir, LANGS)
    assert any("symbolic link" in problem.message and problem.path.endswith(linked.name) for problem in found), found
    assert "s3cr3t" not in "\n".join(problem.format() for problem in found)
    assert strings.load(strings_dir, LANGS[0]).data == {}


def test_a_placeholder_the_site_does_not_fill_stays_as_written():
    t = strings.Strings(LANGS[0], {"facts": {"since": "Since {start} {secret}"}})
    assert t("facts.since", start="2019") == "Since 2019 {secret}"


def test_the_preview_shows_a_title_with_markup_as_plain_words():
    assert boundary.plain_words("Contribute <b>x</b> &lt;script&gt;") == "Contribute x script"
    assert boundary.plain_words(["<b>a</b>", "b"]) == "a b"
    assert boundary.plain_words("Plain words") == "Plain words"
