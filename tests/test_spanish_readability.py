"""Spanish readability: Spanish syllables, the Spanish formulas (checked against textstat 0.7.13's own), their
grade tables, and the reading grade and findings of Spanish documents against the same grade bands."""
from __future__ import annotations

import pytest
import textstat
from auditkit import assert_case, audit_text

from auditor.readability import spanish
from auditor.readability.measure import Counts

EASY = ("El sol sale por la mañana. Las plantas usan la luz. Mi perro come pan. Vamos al parque con mamá. "
        "El agua está fría. ")
MID = ("Las plantas fabrican su propio alimento a partir de la luz del sol, el agua y el aire. Este proceso ocurre "
       "sobre todo en las hojas. Gracias a él, casi todos los seres vivos del planeta obtienen energía. ")
HARD = ("La fotosíntesis constituye el mecanismo bioquímico fundamental mediante el cual los organismos autótrofos "
        "sintetizan carbohidratos utilizando radiación electromagnética, necesitando clorofila, dióxido de carbono "
        "y agua, liberando consecuentemente oxígeno molecular como subproducto de considerable significación "
        "ecológica. ")


def page(text: str, band: str = "6-8", extra: str = "") -> str:
    return f'<html lang="es"><head><meta name="grade-band" content="{band}"></head><body><p>{text}</p>{extra}</body></html>'


@pytest.mark.parametrize("word,count", [
    ("sol", 1), ("agua", 2), ("hoja", 2), ("ciudad", 2), ("planta", 2), ("científicos", 4), ("guitarra", 3),
    ("que", 1), ("hoy", 1), ("muy", 1), ("y", 1), ("pingüino", 3), ("Uruguay", 3), ("construir", 2),
    # hiatus: two strong vowels, or a weak one with an accent, are two syllables
    ("día", 2), ("energía", 4), ("teoría", 4), ("océano", 4), ("aéreo", 4), ("oído", 3), ("leer", 2), ("país", 2),
])
def test_spanish_syllables(word, count):
    assert spanish.syllables(word) == count


def test_syllables_agree_with_textstat_except_on_hiatus():
    """textstat counts Spanish syllables with Pyphen's hyphenation patterns, which never split a run of vowels:
    equal to ours without a hiatus, fewer with one."""
    textstat.set_lang("es")
    try:
        for word in ("sol", "planta", "científicos", "fotosíntesis", "mitocondria", "guitarra", "ciudad",
                     "estudiaron", "microorganismos", "hoja"):
            assert textstat.syllable_count(word) == spanish.syllables(word), word
        for word, theirs in (("energía", 2), ("teoría", 2), ("océano", 1), ("día", 1)):
            assert textstat.syllable_count(word) == theirs < spanish.syllables(word)
    finally:
        textstat.set_lang("en_US")


def _counts(words: int, sentences: int, syllables: int, letters: int = 0) -> Counts:
    return Counts(words=words, sentences=sentences, syllables=syllables, letters=letters)


@pytest.mark.parametrize("text", [MID * 2, EASY * 3, HARD])
def test_formulas_are_textstats_on_the_same_counts(text):
    """Fed textstat's own counts, our formulas give textstat's values (Szigriszt-Pazos: the published base
    206.835, textstat's 206.84)."""
    textstat.set_lang("es")
    try:
        words, sentences = textstat.lexicon_count(text), textstat.sentence_count(text)
        c = _counts(words, sentences, textstat.syllable_count(text), textstat.letter_count(text))
        assert spanish.fernandez_huerta(c) == pytest.approx(textstat.fernandez_huerta(text), abs=0.01)
        assert spanish.szigriszt_pazos(c) == pytest.approx(textstat.szigriszt_pazos(text) - 0.005, abs=0.01)
        assert spanish.crawford(c) == pytest.approx(textstat.crawford(text), abs=0.01)
        assert spanish.gutierrez_polini(c) == pytest.approx(textstat.gutierrez_polini(text), abs=0.01)
    finally:
        textstat.set_lang("en_US")


def test_grade_tables_follow_their_authors_rows():
    fh, sp = spanish.FERNANDEZ_HUERTA_TABLE, spanish.SZIGRISZT_TABLE
    assert spanish.table_grade(95, fh) == pytest.approx(4.5)  # 90-100: "4º grado"
    assert spanish.table_grade(65, fh) == pytest.approx(8.0)  # 60-70: "7º u 8º grado"
    assert spanish.table_grade(110, fh) == pytest.approx(3.0)  # past the easy end: the first row's slope
    assert spanish.table_grade(80, sp) == pytest.approx(6.6)  # 76-85: "fácil", 11 years
    assert spanish.table_grade(-20, sp) == 18.0
    scores = range(-20, 121, 5)
    for table in (fh, sp):  # an easier text never reads at a higher grade
        grades = [spanish.table_grade(s, table) for s in scores]
        assert grades == sorted(grades, reverse=True)


def test_crawford_joins_for_the_primary_bands_only():
    assert "crawford" in spanish.applicable(3, 5, 10) and "crawford" not in spanish.applicable(6, 8, 10)


def test_spanish_document_is_graded_with_the_spanish_formulas():
    reading = audit_text(page(MID * 4)).blocks["reading"]
    assert reading["language"] == "es" and set(reading["formulas"]) == {"fernandez_huerta", "szigriszt_pazos"}
    assert 5 <= reading["grade"] <= 8.5
    assert "language" not in audit_text("<p>" + "Plants make food from light. " * 20 + "</p>").blocks["reading"]


def test_reading_level_findings_in_spanish():
    assert "R101" in [f.rule for f in audit_text(page(HARD * 4, "3-5")).findings]
    assert "R101" not in [f.rule for f in audit_text(page(EASY * 10, "3-5")).findings]
    assert "R104" in [f.rule for f in audit_text(page(EASY * 10, "9-12")).findings]


def test_hard_sentence_names_rare_spanish_words():
    (finding,) = assert_case("R103", page(EASY + "{{" + HARD.strip() + "}} ", "3-5"))
    hard = dict(finding.data)["hard_words"]
    assert "carbohidratos" in hard and "agua" not in hard and "fotosíntesis" in hard


def test_spanish_teacher_notes_are_kept_apart():
    note = "<aside><p>Notas para el docente</p><p>" + HARD + "</p></aside>"
    reading = audit_text(page(EASY * 10, "3-5", note)).blocks["reading"]
    assert reading["teacher_text"]["sentences"] == 1 and reading["grade"] < 3


def test_a_term_the_spanish_text_defines_counts_as_everyday():
    text = "Este proceso se llama <b>fotosíntesis</b>. " + MID * 4
    assert audit_text(page(text)).blocks["reading"]["defined_terms"] == ["fotosíntesis"]
