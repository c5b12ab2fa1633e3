"""The readability score: 100 within the band, falling steadily with each grade above it, null when too short."""
from auditkit import audit_text
from hypothesis import given
from hypothesis import strategies as st

from auditor.grades import normalize_band
from auditor.readability.analysis import Reading, grade_score, score

grades = st.floats(min_value=0, max_value=25, allow_nan=False)
bands = st.sampled_from(["K-2", "3-5", "6-8", "9-12", "7"])
TABLE = {"points_per_grade": 15.0, "min_words": 100}


def reading(grade, band, words=500, reliable=True):
    low, high = normalize_band(band)
    return Reading(grade, grade, band, low, high, "document", words, 30, reliable=reliable)


@given(grades, grades, bands)
def test_monotonic_in_distance_above_band(a, b, band):
    low, high = normalize_band(band)
    lo, hi = sorted((a, b))
    assert grade_score(lo, high) >= grade_score(hi, high)
    assert score(reading(lo, band), TABLE) >= score(reading(hi, band), TABLE)


@given(grades, bands)
def test_full_marks_within_band_and_bounded(g, band):
    _, high = normalize_band(band)
    value = grade_score(g, high)
    assert 0.0 <= value <= 100.0
    if g <= high:
        assert value == 100.0
    else:
        assert value < 100.0 or g - high < 1e-9


@given(grades, bands, st.integers(min_value=0, max_value=99))
def test_short_texts_are_not_scored(g, band, words):
    assert score(reading(g, band, words=words, reliable=False), TABLE) is None


@given(st.floats(min_value=0.01, max_value=6.0), bands)
def test_each_grade_above_costs_points_per_grade(d, band):
    _, high = normalize_band(band)
    assert abs(grade_score(high + d, high) - (100 - 15 * d)) < 1e-9


def test_score_end_to_end():
    easy = "Plants make food from light. They use water and air. They give off the oxygen we breathe. "
    hard = ("Photosynthesis, the fundamental biochemical mechanism whereby autotrophic organisms synthesize "
            "carbohydrates utilizing electromagnetic radiation, necessitates chlorophyll. ")
    good = audit_text("<meta name='grade-band' content='3-5'><p>" + easy * 12 + "</p>")
    bad = audit_text("<meta name='grade-band' content='3-5'><p>" + hard * 12 + "</p>")
    assert good.scores["readability"] == 100.0
    assert bad.scores["readability"] == 0.0
    short = audit_text("<meta name='grade-band' content='3-5'><p>" + hard + "</p>")
    assert short.scores["readability"] is None
