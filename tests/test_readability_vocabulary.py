"""Defined science vocabulary: how it is recognised, and how it lowers the adjusted grade."""
import pytest
from auditkit import audit_text, load_text, rule_ids

from auditor.config import Settings
from auditor.readability import measure, vocabulary
from auditor.readability.analysis import analyze_document


def terms(text, fmt="html", configured=()):
    return vocabulary.find(load_text(text, fmt), configured).terms


@pytest.mark.parametrize("text,fmt,expected", [
    ("<h2>Glossary</h2><dl><dt>Photosynthesis</dt><dd>How plants make food.</dd></dl>", "html", ["Photosynthesis"]),
    ("## Key terms\n\n- **evaporation**: water turning into a gas\n- condensation - gas turning into water\n",
     "markdown", ["evaporation", "condensation"]),
    ("## Vocabulary\n\nPredator: an animal that hunts other animals.\n", "markdown", ["Predator"]),
    ("<p>Plants use <dfn>chlorophyll</dfn> to catch light.</p>", "html", ["chlorophyll"]),
    ("<p><b>Mitosis</b>: the way one cell splits into two.</p>", "html", ["Mitosis"]),
    ("**Photosynthesis** is how plants make food.\n", "markdown", ["Photosynthesis"]),
    ("<p>A process called <strong>osmosis</strong> moves water.</p>", "html", ["osmosis"]),
    ("<p>People who study weather are called meteorologists.</p>", "html", ["meteorologists"]),
    ("Plants need **chlorophyll** and **carbon dioxide** to grow.\n", "markdown", ["chlorophyll", "carbon dioxide"]),
])
def test_defined_terms_are_recognised(text, fmt, expected):
    assert terms(text, fmt) == expected


@pytest.mark.parametrize("text,fmt", [
    ("Do **not** touch the hot plate.\n", "markdown"),  # everyday words are not terms
    ("**Figure 1** A leaf under a microscope.\n", "markdown"),  # digits: a label
    ("**Visual Connection**\n\nLook at the picture.\n", "markdown"),  # a whole-block label
    ("Plants need chlorophyll to grow. Without **chlorophyll**, plants die.\n", "markdown"),  # not its first use
    ("<p>Never touch the <strong>centrifuge</strong> while it spins.</p>", "html"),  # HTML bold without a definition
    ("<p>A dog called Rex barked.</p>", "html"),  # a name, not a term
])
def test_not_terms(text, fmt):
    assert terms(text, fmt) == []


def test_configured_vocabulary_and_forms():
    vocab = vocabulary.find(load_text("<p>Nothing defined here.</p>"), ("bacterium", "food web"))
    words = "Many bacteria live in a food webs and one bacterium eats".split()
    marked = vocab.mark(words)
    assert [w for w, m in zip(words, marked, strict=True) if m] == ["bacteria", "food", "webs", "bacterium"]


DEFINED = ("<p><dfn>Photosynthesis</dfn> is how plants make food. " +
           "Photosynthesis requires chlorophyll. " * 4 + "</p>")


def test_adjusted_counts_each_defined_word_as_a_short_familiar_word():
    r = analyze_document(load_text(DEFINED), Settings(grade_band="6-8"))
    s = r.all_sentences[1]  # "Photosynthesis requires chlorophyll."
    assert (s.raw.syllables, s.raw.letters, s.raw.unfamiliar) == (11, 33, 3)
    # photosynthesis -> 1 syllable, 4 letters, familiar; requires (3, 8) and chlorophyll (3, 11) unchanged
    assert (s.adjusted.syllables, s.adjusted.letters, s.adjusted.unfamiliar) == (7, 23, 2)
    assert (s.adjusted.words, s.adjusted.polysyllables) == (3, 2)
    assert r.defined_terms == ["Photosynthesis"]
    assert r.grade < r.raw_grade
    for name, values in r.formulas.items():
        assert values["adjusted"] <= values["raw"], name


def test_band_is_judged_with_the_adjusted_grade():
    lesson = ("<meta name='grade-band' content='3-5'><h2>Key terms</h2><dl>"
              "<dt>photosynthesis</dt><dd>How plants make food from light.</dd>"
              "<dt>chlorophyll</dt><dd>The green stuff in leaves.</dd>"
              "<dt>carbohydrate</dt><dd>A sugar or starch.</dd></dl><h2>Plants</h2><p>"
              + "Plants use photosynthesis to make carbohydrate. Chlorophyll helps them do photosynthesis. "
              "The leaves hold the chlorophyll. " * 8 + "</p>")
    bare = lesson.split("<h2>Plants</h2>")[1]
    raw = audit_text("<meta name='grade-band' content='3-5'>" + bare, select=("R101",))
    adjusted = audit_text(lesson, select=("R101",))
    assert rule_ids(raw) == ["R101"]  # without definitions the terms push it over the band
    assert rule_ids(adjusted) == []
    reading = adjusted.blocks["reading"]
    assert reading["defined_terms"] == ["photosynthesis", "chlorophyll", "carbohydrate"]
    assert reading["grade"] <= 5.5 < reading["raw_grade"]


def test_configured_terms_are_reported_only_when_used():
    report = audit_text("<p>" + "Plants use chlorophyll to catch light. " * 20 + "</p>",
                        vocabulary=("chlorophyll", "mitochondria"))
    assert report.blocks["reading"]["defined_terms"] == ["chlorophyll"]


def test_defined_term_rules_out_rare_word_naming():
    r = analyze_document(load_text(DEFINED), Settings(grade_band="3-5"))
    s = r.all_sentences[1]
    named = [s.block.text[a:b] for a, b in s.hard_words]
    assert named == ["requires", "chlorophyll"]
    assert measure.word_syllables("photosynthesis") == 5


@pytest.mark.parametrize("text,fmt", [
    ("In 1951, Henrietta **Lacks**, a young woman, was treated for cancer.\n", "markdown"),  # a name
    ("> **Forensic Scientist** Forensic science is the use of science in law.\n", "markdown"),  # run-in heading
    ("<p><strong>For addition and subtraction</strong>: The answer has as many places.</p>", "html"),
    ("<p>In this format <dfn>x</dfn> is the value.</p>", "html"),  # too short to be a term
])
def test_lead_ins_names_and_symbols_are_not_terms(text, fmt):
    assert terms(text, fmt) == []


def test_band_word_lists_only_change_which_words_are_named():
    sentence = ("During the experiment the scientists usually measured the temperature of the water "
                "and the atmosphere above the bubbling thermometer display.")
    for band, named in (("3-5", ["usually", "atmosphere"]), ("6-8", [])):
        r = analyze_document(load_text(f"<p>{sentence}</p>"), Settings(grade_band=band))
        (s,) = r.all_sentences
        assert [s.block.text[a:b] for a, b in s.hard_words] == named, band
    assert not measure.is_familiar("experiment")  # formulas still use the standard Dale-Chall list
    assert measure.known_in_band("usually", 8.0) and not measure.known_in_band("usually", 5.0)
