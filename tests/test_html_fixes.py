"""Material's markup that the Nu HTML Checker rejects, corrected in every page
(casekit/plugin/html_fixes.py); the whole site is checked in test_html_validity.py."""
from __future__ import annotations

from casekit.plugin import html_fixes

LABEL = '<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>Contents</label>'
DRAWER = '<label class="md-nav__title" for="__drawer">Site</label>'


def test_the_contents_label_without_its_checkbox_becomes_a_heading_and_nothing_else_changes():
    page = f"<nav>{DRAWER}</nav><nav>{LABEL}<ul><li><label for='x'>a</label></li></ul></nav>"
    fixed = html_fixes.page(page)
    assert fixed == (f"<nav>{DRAWER}</nav><nav><div class=\"md-nav__title\"><span class=\"md-nav__icon md-icon\"></span>"
                     "Contents</div><ul><li><label for='x'>a</label></li></ul></nav>")


def test_the_contents_label_stays_a_label_where_its_checkbox_is():
    page = f'<input class="md-toggle" type="checkbox" id="__toc"><nav>{LABEL}</nav>'
    assert html_fixes.page(page) == page


def test_a_page_without_the_label_is_left_as_it_is():
    page = '<nav><div class="md-nav__title">Site</div></nav><p><label for="y">b</label></p>'
    assert html_fixes.page(page) == page


def test_the_toggles_lose_autocomplete_and_other_inputs_keep_it():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    assert html_fixes.page(page) == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
                                     '<input type="text" class="md-search__input" autocomplete="off">')
