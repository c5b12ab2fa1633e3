"""Inline suppression in HTML, Markdown and text: every form, every kind of target, and S001 for unused ones."""
import re

import pytest
from auditkit import assert_case, audit_text, rule_ids

from auditor.cases import parse_marks

HTML_HEAD = '<html lang="en"><head><title>T</title></head><body>\n'
HTML_TAIL = "</body></html>\n"


def html(*lines):
    return HTML_HEAD + "\n".join(lines) + "\n" + HTML_TAIL


def markdown(*lines):
    return "# Title\n\n" + "\n".join(lines) + "\n"


def text(*lines):
    return "Title\n\n" + "\n".join(lines) + "\n"


WRAP = {"html": html, "markdown": markdown, "text": text}
PARA = {"html": "<p>The history of mankind is long.</p>", "markdown": "The history of mankind is long.",
        "text": "The history of mankind is long."}
OTHER = {"html": "<p>Mankind again.</p>", "markdown": "Mankind again.", "text": "Mankind again."}
DIRECTIVE = {"html": "<!-- {} -->", "markdown": "<!-- {} -->", "text": "{}"}


def fires(line):
    """The line with its "mankind" marked: L101 must report it."""
    return re.sub("(?i)mankind", lambda m: "{{" + m.group() + "}}", line)


def only_marked_l101(case, fmt):
    """L101 reports exactly the marked words, and S001, run alongside, is quiet: every comment hid something."""
    assert_case("L101", case, fmt, also=("S001",))
    assert_case("S001", parse_marks(case)[0], fmt, also=("L101",))


def comment(fmt, body):
    return DIRECTIVE[fmt].format(body)


FORMATS = ("html", "markdown", "text")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("target", ["L101", "l101", "L1", "gendered-language", "language", "ALL", ""])
def test_next_line_by_id_prefix_name_category_or_all(fmt, target):
    source = WRAP[fmt](comment(fmt, f"ssec-audit-disable-next-line {target}".strip()), PARA[fmt], "",
                       fires(OTHER[fmt]))
    only_marked_l101(source, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_style_ignore_comment(fmt):
    only_marked_l101(WRAP[fmt](comment(fmt, "ssec-audit: ignore L101"), PARA[fmt], "", fires(OTHER[fmt])), fmt)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_same_line(fmt):
    source = WRAP[fmt](PARA[fmt] + " " + comment(fmt, "ssec-audit-disable-line L101"), "", fires(OTHER[fmt]))
    only_marked_l101(source, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_enable_range(fmt):
    source = WRAP[fmt](comment(fmt, "ssec-audit-disable language"), PARA[fmt], "", OTHER[fmt],
                       comment(fmt, "ssec-audit-enable language"), "", fires(PARA[fmt]))
    only_marked_l101(source, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_without_enable_runs_to_the_end(fmt):
    only_marked_l101(WRAP[fmt](fires(PARA[fmt]), "", comment(fmt, "ssec-audit-disable"), OTHER[fmt]), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", ["ssec-audit-disable-file L101", "ssec-audit: ignore-file gendered-language"])
def test_whole_file(fmt, form):
    only_marked_l101(WRAP[fmt](PARA[fmt], "", OTHER[fmt], "", comment(fmt, form)), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_rule_target_does_not_hide(fmt):
    assert_case("L101", WRAP[fmt](comment(fmt, "ssec-audit-disable-next-line readability"), fires(PARA[fmt])), fmt)


def test_several_targets_separated_by_commas_and_spaces():
    source = html("<!-- ssec-audit-disable-next-line A101, L101 R101 -->", '<p>Mankind.</p><img src="a.png">')
    assert "L101" not in rule_ids(audit_text(source, "html"))
    assert "A101" not in rule_ids(audit_text(source, "html"))


# unused suppressions (S001) ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_suppression_is_reported_where_the_comment_is(fmt):
    source = WRAP[fmt]("{{" + comment(fmt, "ssec-audit-disable-next-line L101") + "}}", "Plants need light.")
    (f,) = assert_case("S001", source, fmt, also=("L101",))
    assert f.category == "suppression" and f.severity == "info" and f.name == "unused-suppression"
    assert "L101" in f.message


@pytest.mark.parametrize("fmt", FORMATS)
def test_misspelt_target_is_reported(fmt):
    directive = comment(fmt, "ssec-audit-disable-next-line L1O1")
    (f,) = assert_case("S001", WRAP[fmt]("{{" + directive + "}}", PARA[fmt]), fmt, also=("L101",))
    assert "'L1O1'" in f.message
    assert_case("L101", WRAP[fmt](directive, fires(PARA[fmt])), fmt, also=("S001",))


def test_partly_used_comment_names_the_idle_target():
    source = html("<!-- ssec-audit-disable-next-line L101, A101 -->", "<p>Mankind.</p>")
    s001 = [f for f in audit_text(source, "html").findings if f.rule == "S001"]
    assert len(s001) == 1 and "of A101 hides" in s001[0].message


def test_used_suppressions_and_unselected_rules_are_not_reported():
    used = html("<!-- ssec-audit-disable-next-line L101 -->", "<p>Mankind.</p>")
    assert "S001" not in rule_ids(audit_text(used, "html"))
    not_run = html("<!-- ssec-audit-disable-next-line A101 -->", "<p>Plants.</p>")
    assert "S001" not in rule_ids(audit_text(not_run, "html", select=("L101", "S001")))  # A101 did not run
    assert "S001" in rule_ids(audit_text(not_run, "html", select=("A101", "S001")))


def test_unused_suppression_can_be_ignored_and_never_changes_scores():
    source = html("<!-- ssec-audit-disable-next-line L101 -->", "<p>Plants need light.</p>")
    with_s001 = audit_text(source, "html")
    without = audit_text(source, "html", ignore=("S001",))
    assert "S001" in rule_ids(with_s001) and "S001" not in rule_ids(without)
    assert with_s001.scores == without.scores
    assert "S001" in rule_ids(audit_text(source, "html", select=("suppression", "language")))


def test_malformed_and_unmatched_directives_are_warnings():
    report = audit_text(html("<!-- ssec-audit-disabel L101 -->", "<!-- ssec-audit-enable L101 -->", "<p>x</p>"),
                        "html")
    assert any("unrecognised ssec-audit comment" in w for w in report.warnings)
    assert any("no ssec-audit-disable comment above" in w for w in report.warnings)


def test_s001_documented_examples_hold_with_every_rule_running():
    from auditor.suppression import UnusedSuppression

    for example in UnusedSuppression.examples:
        assert_case("S001", example.text, example.format, also=("ALL",))
