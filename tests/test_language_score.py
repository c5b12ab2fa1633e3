"""The language score: severity points per 1,000 words (at least one unit), from rules/scoring.toml."""
import pytest
from auditkit import audit_text

FILLER = "Plants take in water through their roots and release oxygen. "  # 10 words


def score(text, fmt="text", **settings):
    return audit_text(text, fmt, select=("language",), **settings).scores["language"]


def test_clean_text_scores_100():
    assert score(FILLER * 5) == 100.0


def test_short_text_counts_as_one_unit():
    # 2 warnings (5 points each) in 52 words: one unit of 1,000 words
    assert score("Mankind and firemen. " + FILLER * 5) == 90.0


def test_long_text_is_not_punished_for_length():
    # the same 2 warnings in 4,003 words: 10 points over 4.003 units
    assert score("Mankind and firemen. " + FILLER * 400 + "End.") == pytest.approx(100 - 10 / 4.003, abs=0.05)


def test_error_costs_more_than_warning_and_quotation_costs_little():
    assert score("The school taught deaf and dumb children. " + FILLER) == 85.0
    assert score('She wrote: "Mankind is old." ' + FILLER) == 99.0


def test_weights_can_be_overridden():
    assert score("Mankind. " + FILLER, scoring={"language": {"penalty": {"warning": 20.0}}}) == 80.0


def test_empty_document_has_no_language_score():
    assert score("<div><img src='a.png' alt=''></div>", "html") is None
