"""The inline marks of a rule case (auditor/cases.py): positions point at the marked text in the clean text,
fixes are read off, and malformed marks are errors rather than text."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.cases import highlight, parse_marks
from auditor.locations import LineIndex


def _plain_ok(s: str) -> bool:
    """No mark brackets, and none made with the marks around it ("{" + "{{", "}}" + "}")."""
    return "{{" not in s and "}}" not in s and not s.endswith("{") and not s.startswith("}")


def _marked_ok(s: str) -> bool:
    """No fix separator: "->" only as part of "-->", and no "-" that would join a following "->"."""
    return "->" not in s.replace("-->", "") and not s.endswith("-")


# plain text may hold anything but the mark brackets; "-", ">" and "<!--" may sit next to a mark
_PLAIN = st.text(st.sampled_from("ab -<>!\n\u00e9{}"), max_size=12).filter(_plain_ok)
_MARKED = st.text(st.sampled_from("ab <!-\n\u00e9"), max_size=8).filter(_marked_ok)
_FIX = st.none() | st.text(st.sampled_from("ab \u00e9"), max_size=6)


@given(st.lists(st.tuples(_PLAIN, _MARKED, _FIX), max_size=5), _PLAIN)
def test_marks_point_at_their_text_in_the_clean_text(pieces, tail):
    source = "".join(f"{plain}{{{{{marked}{'' if fix is None else '->' + fix}}}}}" for plain, marked, fix in pieces)
    clean, marks = parse_marks(source + tail)
    assert clean == "".join(plain + marked for plain, marked, _ in pieces) + tail
    lines = LineIndex(clean)
    assert [(m.text, m.fix) for m in marks] == [(marked, fix) for _, marked, fix in pieces]
    for mark in marks:
        start = lines.offset(mark.span.line, mark.span.column)
        end = lines.offset(mark.span.end_line, mark.span.end_column)
        assert clean[start:end] == mark.text
        assert clean.count("\n", 0, start) + 1 == mark.span.line


def test_a_case_reads_as_its_expectation():
    clean, marks = parse_marks("The first\n{{fireman->firefighter}} came, then <!-- {{-->x}} --> was {{}}.")
    assert clean == "The first\nfireman came, then <!-- -->x --> was ."
    assert [(m.text, m.fix, tuple(vars(m.span).values())) for m in marks] == [
        ("fireman", "firefighter", (2, 1, 2, 8)), ("-->x", None, (2, 25, 2, 29)), ("", None, (2, 38, 2, 38))]


@pytest.mark.parametrize("text", ["a {{b", "a }} b", "{{a {{b}} c}}", "{{a}} b}}", "a }}{{b}}"])
def test_malformed_marks_are_errors(text):
    with pytest.raises(ValueError):
        parse_marks(text)


def test_highlight_shows_marks_and_fixes():
    assert highlight("The {{firemen->firefighters}} and {{mankind}}.") == "The «firemen → firefighters» and «mankind»."
    assert highlight("No marks.") == "No marks."
