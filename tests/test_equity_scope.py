"""Who an equity finding may be about: instructions to students, not teacher notes, school materials lists,
quotations or text about science."""
import re

from auditkit import assert_case, audit_text
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.equity.scope import _needles, scope_words


def test_teacher_notes_stay_quiet_by_heading_by_prefix_and_by_class():
    assert_case("equity", "<h2>Teacher notes</h2><p>Purchase a bag of potting soil for each group.</p>")
    assert_case("equity", "<p>Teacher tip: print the data table at home and bring copies to class.</p>")
    assert_case("equity", '<div class="teacher-note"><p>Buy enough seeds for every group.</p></div>')
    assert_case("equity", '<aside class="note os-teacher"><p>Ask your parents to buy seeds.</p></aside>')
    assert_case("equity", "## Preparation\n\nBuy a bag of potting soil and print the data sheets.\n", "markdown")


def test_the_same_words_addressed_to_students_are_reported():
    assert_case("equity", "<h2>Student pages</h2><p>{{Purchase}} a bag of potting soil for your plant.</p>")
    assert_case("equity", '<div class="student"><p>{{Ask your parents to buy}} seeds.</p></div>')


def test_materials_lists_from_the_school_stay_quiet_but_lists_from_home_do_not():
    assert_case("equity", "## Materials\n\n- a $4 hand lens\n- potting soil\n- a Ziploc bag\n", "markdown")
    assert_case("equity", "## Materials to bring from home\n\n- a {{$4}} hand lens\n", "markdown")


def test_homework_sections_are_addressed_to_students():
    assert_case("equity", "## Homework\n\n{{A family vacation}} is a good time to collect shells.\n", "markdown")
    assert_case("equity", "A family vacation is a good time to collect shells.", "text")


def test_quotations_stay_quiet():
    assert_case("equity", 'A letter from 1910 says: "Ask your mother to bake the bread and your father to chop wood."')


def test_one_finding_per_entry_per_paragraph():
    found = audit_text("The tank holds 20 gallons. It loses 2 gallons a day, so after 3 days it holds 14 gallons.",
                       "text", select=("E105",)).findings
    assert [f.text for f in found] == ["20 gallons"]


def test_the_readability_dimensions_teacher_selectors_apply_too():
    html = '<div class="staff-guide"><p>Ask your parents to buy seeds.</p></div>'
    assert_case("equity", html.replace("Ask your parents to buy", "{{Ask your parents to buy}}"))
    assert_case("equity", html, teacher_selectors=(".staff-guide",))


_SCOPE = scope_words()
_NEEDLES = (_SCOPE.teacher_sections, _SCOPE.home_sections + _SCOPE.from_home, _SCOPE.materials_sections)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_NEEDLES).flatmap(lambda needles: st.tuples(st.just(needles), st.lists(st.one_of(
    st.sampled_from(needles), st.sampled_from(needles).map(lambda n: n[1:]),
    st.sampled_from([" ", "s", "a", "-", "'", ":", "é", "1"])), max_size=12))))
def test_needles_match_where_each_needle_in_its_own_lookarounds_matched(case):
    needles, pieces = case
    text = "".join(pieces)
    old = re.compile("|".join(rf"(?<![a-z]){re.escape(n)}(?![a-z])" for n in needles))
    assert [m.span() for m in _needles(needles).finditer(text)] == [m.span() for m in old.finditer(text)]
