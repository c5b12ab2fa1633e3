"""R101-R104: bands, boundaries, severities, sections, hard sentences and their exact locations."""
import pytest
from auditkit import assert_case, audit_text, load_text, rule_ids

from auditor.config import Settings
from auditor.grades import normalize_band
from auditor.readability.analysis import Reading, band_for
from auditor.readability.measure import known_in_band
from auditor.readability.rules import HardSentence, ReadingLevelAboveBand, TextFarBelowBand, severity_for

BANDS = ["K-2", "3-5", "6-8", "9-12"]
HARD = ("Photosynthesis, the fundamental biochemical mechanism whereby autotrophic organisms synthesize "
        "carbohydrates utilizing electromagnetic radiation, necessitates chlorophyll, carbon dioxide, and water, "
        "consequently liberating molecular oxygen as a byproduct of considerable ecological significance. ")
EASY = "Plants make food from light. They use water and air. They give off the oxygen we breathe. "


class FakeContext:
    def __init__(self, reading, **options):
        self.reading = reading
        self.settings = Settings(options={"R103": options}) if options else Settings()
        self.trained_nlp = False
        self.pipeline = None

    def analysis(self, category):
        return self.reading

    def option(self, rule, name):
        return self.settings.options.get(rule.id, {}).get(name, rule.options[name])


def reading_at(grade, band, words=500):
    low, high = normalize_band(band)
    doc = load_text("<h1>Unit</h1><p>Text.</p>")
    return Reading(grade, grade, band, low, high, "document", words, 40, first_block=doc.blocks[0]), doc


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("above,expected", [
    (-2.0, None), (0.0, None), (0.5, None), (0.6, "info"), (1.0, "info"), (1.1, "warning"), (3.0, "warning"),
    (3.1, "error"), (9.0, "error"),
])
def test_document_above_band_boundaries(band, above, expected):
    low, high = normalize_band(band)
    reading, doc = reading_at(high + above, band)
    problems = list(ReadingLevelAboveBand().check(doc, FakeContext(reading)))
    assert [p.severity for p in problems] == ([expected] if expected else [])
    if problems:
        assert problems[0].span.line == 1 and band in problems[0].message


@pytest.mark.parametrize("band,far", [("3-5", 3), ("6-8", 3), ("9-12", 4)])
def test_far_below_band_boundaries(band, far):
    low, _ = normalize_band(band)
    at, doc = reading_at(low - far, band)
    below, _ = reading_at(low - far - 0.1, band)
    assert list(TextFarBelowBand().check(doc, FakeContext(at))) == []
    assert len(list(TextFarBelowBand().check(doc, FakeContext(below)))) == 1


def test_never_far_below_kindergarten():
    reading, doc = reading_at(0.0, "K-2")
    assert list(TextFarBelowBand().check(doc, FakeContext(reading))) == []


def test_unreliable_estimates_are_not_judged():
    reading, doc = reading_at(15.0, "3-5", words=60)
    reading.reliable = False
    assert list(ReadingLevelAboveBand().check(doc, FakeContext(reading))) == []


def test_severity_distances():
    assert [severity_for(d) for d in (0.5, 0.51, 1.01, 3.01)] == [None, "info", "warning", "error"]


@pytest.mark.parametrize("band", BANDS + ["7"])
def test_band_sources(band):
    html = f"<meta name='grade-band' content='{band}'><p>Hi.</p>"
    assert band_for(load_text(html), Settings(grade_band="9-12")) == (band, "document")
    md = f"---\ngrade_band: {band}\n---\nHi.\n"
    assert band_for(load_text(md, "markdown"), Settings()) == (band, "document")


def test_document_beats_configuration_beats_command_line():
    settings = Settings(grade_band="9-12", grade_band_source="command line", grade_bands=(("*.html", "3-5"),))
    assert band_for(load_text("<p>Hi.</p>"), settings) == ("3-5", "configuration (*.html)")
    assert band_for(load_text("<meta name='grade-band' content='K-2'><p>Hi.</p>"), settings)[0] == "K-2"
    assert band_for(load_text("Hi.\n", "text"), settings) == ("9-12", "command line")
    # a declaration that is not a band is ignored
    assert band_for(load_text("<meta name='grade-band' content='purple'><p>Hi.</p>"), settings)[0] == "3-5"


def test_end_to_end_severity_grows_with_distance():
    hard = audit_text("<meta name='grade-band' content='3-5'><p>" + HARD * 6 + "</p>", select=("R101",))
    assert [f.severity for f in hard.findings] == ["error"]
    assert "reads at about grade" in hard.findings[0].message
    ok = audit_text("<meta name='grade-band' content='3-5'><p>" + EASY * 12 + "</p>", select=("R101",))
    assert ok.findings == [] and ok.scores["readability"] == 100.0


def test_section_above_band():
    html = ("<meta name='grade-band' content='3-5'><h2>Light</h2><p>" + EASY * 10 + "</p>\n<h2>{{Energy}}</h2><p>"
            + HARD * 4 + "</p>")
    (finding,) = assert_case("R102", html)
    assert "“Energy”" in finding.message


def test_one_section_documents_leave_it_to_r101():
    report = audit_text("<meta name='grade-band' content='3-5'><h2>Energy</h2><p>" + HARD * 4 + "</p>")
    assert "R102" not in rule_ids(report) and "R101" in rule_ids(report)


LONG = ("When the warm air that rises from the sea in summer, which carries water that the sun has lifted from the "
        "waves, meets the cold air that sits above the tall hills, the water in it turns into tiny drops that we "
        "see as clouds and, later, as rain.")


def test_hard_sentence_has_exact_span_and_a_concrete_message():
    html = "<meta name='grade-band' content='3-5'>\n<p>Clouds are fun.\n  {{" + LONG + "}} Rain helps plants.</p>"
    (f,) = assert_case("R103", html)
    assert f.text == LONG
    words = len(LONG.split())
    assert f.message.startswith(f"Split this {words}-word sentence into shorter ones.")
    assert "3-5" in f.message


def test_hard_sentence_names_rare_words():
    sentence = "Vegetation predominantly accumulates atmospheric moisture during the cold and quiet night."
    report = audit_text(f"<meta name='grade-band' content='3-5'><p>{sentence}</p>", select=("R103",))
    (f,) = report.findings
    assert f.message.startswith(
        "Replace ‘predominantly’, ‘accumulates’ and ‘atmospheric’ with everyday words")
    # "Vegetation" starts the sentence (it could be a name) and "moisture" has two syllables: not named
    assert dict(f.data)["hard_words"] == ["predominantly", "accumulates", "atmospheric"]


def test_hard_sentences_are_limited_to_top_n_and_ordered():
    distinct = [LONG.replace("tall hills", f"tall hills of place {n}") for n in range(8)]
    html = "<meta name='grade-band' content='3-5'><p>" + " ".join(distinct) + "</p>"
    assert len(audit_text(html, select=("R103",)).findings) == 5
    assert len(audit_text(html, select=("R103",), options={"R103": {"top": 2}}).findings) == 2


def test_hard_sentence_reported_once_however_often_it_appears():
    """A standards line repeated in two lists, a reused instruction: one finding, at its first place."""
    html = "<meta name='grade-band' content='3-5'><p>{{" + LONG + "}}</p><ul><li>" + LONG + "</li></ul><p>" + LONG
    assert_case("R103", html + "</p>")


@pytest.mark.parametrize("marked,fmt", [
    # a paragraph inside a table cell is table data, not running prose
    ("<table><tr><td><p>" + LONG + "</p></td><td>Rain</td></tr></table>", "html"),
    # a list item that continues a lead-in ("The student is expected to:") is a fragment
    ("<p>The student is expected to:</p><ul><li>(A) in all fields of science, analyze, evaluate, and critique "
     "scientific explanations by using empirical evidence, logical reasoning, and experimental and observational "
     "testing, including examining all sides of scientific evidence.</li></ul>", "html"),
    # teacher-facing boxes are not student reading
    ("<aside class='note os-teacher'><p>" + LONG + "</p></aside>", "html"),
    ("<div><p><strong>Teacher's Note</strong></p><p>" + LONG + "</p></div>", "html"),
    ("# Rain\n\n> **Teacher Support**\n>\n> " + LONG + "\n", "markdown"),
    ("## Answer Key\n\n" + LONG + "\n\n", "markdown"),
])
def test_hard_sentence_skips_what_is_not_student_prose(marked, fmt):
    assert_case("R103", ("<meta name='grade-band' content='3-5'>" if fmt == "html" else "") + marked, fmt,
                grade_band="3-5")


def test_links_are_not_rare_words():
    sentence = ("Find the periodic table at https://www.ptable.com/periodictable/index.html and compare the "
                "atmospheric masses of the elements listed there with those in the chapter.")
    f, = audit_text(f"<meta name='grade-band' content='3-5'><p>{sentence}</p>", select=("R103",)).findings
    hard = dict(f.data)["hard_words"]
    assert "atmospheric" in hard and not {"https", "http", "ptable", "periodictable", "index", "html"} & set(hard)


def test_subject_terms_are_to_be_defined_not_replaced():
    sentence = ("The astronomical observatory on the mountain collects faint starlight through an enormous mirror "
                "every clear night of the year.")
    html = f"<meta name='grade-band' content='3-5'><h1>Astronomy</h1><p>{sentence}</p>"
    f, = audit_text(html, select=("R103",)).findings
    assert "define ‘astronomical’ where it first appears (the unit’s subject term)" in f.message
    assert "Replace ‘astronomical’" not in f.message
    assert dict(f.data)["subject_terms"] == ["astronomical"]


def test_parts_of_a_defined_multi_word_term_are_not_rare():
    html = ("<meta name='grade-band' content='6-8'><p><b>Special relativity</b> is a theory about motion.</p>"
            "<p>Scientists have tested the predictions of relativity and of quantum mechanics with atomic clocks "
            "carried on airplanes flying in opposite directions around the world many times.</p>")
    for f in audit_text(html, select=("R103",)).findings:
        assert "relativity" not in dict(f.data)["hard_words"]


def test_derived_forms_of_familiar_words_are_not_rare():
    for word in ("easily", "area", "investigation", "investigative", "biological", "unexpectedly", "stability"):
        assert known_in_band(word, 8.0), word
    for word in ("phenomenon", "empirical", "topography", "ultracentrifuge", "antimatter"):
        assert not known_in_band(word, 8.0), word
    assert known_in_band("area", 7.0)  # a single-grade band gets the list of the band that holds it


@pytest.mark.parametrize("text,band", [
    ("Vegetation accumulates moisture.", "3-5"),  # under 10 words: a vocabulary matter, not a sentence one
    (LONG, "9-12"),  # long for grade 3, fine for high school
    (EASY, "K-2"),
    ("Marie Curie, Pierre Curie and Henri Becquerel shared the Nobel Prize in Physics in Stockholm.", "3-5"),
])
def test_hard_sentence_does_not_fire(text, band):
    assert_case("R103", f"<meta name='grade-band' content='{band}'><p>{text}</p>")


def test_hard_sentence_degrades_without_a_trained_parser():
    html = "<meta name='grade-band' content='3-5'><p>" + LONG + "</p>"
    report = audit_text(html, select=("R103",), model="blank")
    (f,) = report.findings
    assert dict(f.data)["passive"] is False and dict(f.data)["clause_depth"] == 0


def test_hard_sentence_reports_passive_and_nested_clauses_with_the_parser():
    import spacy.util

    from auditor.nlp import MODELS

    model = next((m for m in MODELS if spacy.util.is_package(m)), None)
    if model is None:
        pytest.skip("no trained spaCy pipeline installed")
    passive = ("The samples that the students had collected from the pond where the frogs lived were examined "
               "by the scientists in the laboratory for many weeks.")
    report = audit_text(f"<meta name='grade-band' content='K-2'><p>{passive}</p>", select=("R103",), model=model)
    (f,) = report.findings
    data = dict(f.data)
    assert data["passive"] is True and data["clause_depth"] >= 2
    assert "passive voice" in f.message and "clause inside another clause" in f.message


def test_only_reported_sentences_are_parsed():
    """R103 asks the engine for no parse: blocks keep sentence splitting only."""
    assert HardSentence.needs == frozenset()
    report_doc = load_text("<p>" + LONG + "</p>")
    from auditor.engine import audit_document

    audit_document(report_doc, Settings(select=("R1",)))
    assert report_doc.blocks[0].nlp.user_data["ssec_components"] == ("sentencizer",)


def test_json_reading_block():
    html = "<meta name='grade-band' content='6-8'><h1>Plants</h1><p>" + EASY * 12 + "</p>"
    r = audit_text(html).blocks["reading"]
    assert set(r) >= {"grade", "raw_grade", "band", "band_source", "formulas", "words", "sentences",
                      "defined_terms", "sections", "reliable"}
    assert r["band"] == "6-8" and r["band_source"] == "document"
    assert set(r["formulas"]) == {"flesch_kincaid", "coleman_liau", "automated_readability", "dale_chall", "smog"}
    assert r["sections"][0]["heading"] == "Plants"


def test_teacher_prefilter_passes_every_element_a_builtin_selector_matches() -> None:
    """The cheap attribute test may let extra elements through to soupsieve, never hold back a match."""
    import soupsieve
    from bs4 import BeautifulSoup

    from auditor.readability.teacher import SELECTORS, _may_match

    html = ('<div class="x os-teacher"></div><div CLASS="answer-key"></div><div data-audience="teacher"></div>'
            '<div DATA-AUDIENCE="instructor"></div><div role="note" aria-label="For the Teacher"></div>'
            '<div Role="complementary" aria-label="teacher notes"></div><p class="note">x</p><p id="a">y</p>'
            '<div class="teacher-support\tlead"></div><span class="for-teachers"></span>')
    soup = BeautifulSoup(html, "html.parser")
    builtin = soupsieve.compile(", ".join(SELECTORS))
    for element in soup.find_all(True):
        if builtin.match(element):
            assert _may_match(element.attrs), element
    assert not _may_match({"class": ["note"]}) and not _may_match({"id": "a"})
    assert sum(builtin.match(e) for e in soup.find_all(True)) == 8


def test_hard_sentences_parsed_together_parse_as_they_would_alone():
    """R103 parses the sentences it reports in one spaCy call: each must come out as it would alone."""
    import spacy.util

    from auditor.nlp import MODELS, pipeline

    model = next((m for m in MODELS if spacy.util.is_package(m)), None)
    if model is None:
        pytest.skip("no trained spaCy pipeline installed")
    texts = [LONG, HARD.strip(), "The samples that the students had collected from the pond where the frogs lived "
             "were examined by the scientists in the laboratory for many weeks.", "Light bends.",
             "Although the cell, which the class had stained, was small, its nucleus, visible under the lens, "
             "showed the chromosomes that had been copied before the division began."]
    nlp = pipeline(model).nlp
    with nlp.select_pipes(enable=pipeline(model).components_for({"parser"})):
        together = [[(t.tag_, t.dep_, t.head.i) for t in doc] for doc in nlp.pipe(texts)]
        alone = [[(t.tag_, t.dep_, t.head.i) for t in nlp(text)] for text in texts]
    assert together == alone
