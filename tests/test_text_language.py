"""The language of the text: a document declared or detected as a language without checks of its own (French
here; Spanish has its own, tests/test_spanish_*.py) is not audited with English checks (one note says so;
accessibility still runs), and passages marked with another ``lang`` are left out of the English checks."""
from __future__ import annotations

import io

import docx
import pytest
from auditkit import audit_text, load_text

from auditor.config import Settings
from auditor.engine import audit_document
from auditor.loaders import load
from auditor.loaders.languages import detect
from auditor.sources import from_bytes

SPANISH = ("Los científicos estudian las células con un microscopio. La historia de la humanidad está llena de "
           "descubrimientos sobre los seres vivos y sus partes más pequeñas. En esta actividad, los estudiantes "
           "observan una hoja de cebolla y dibujan lo que ven. Cada grupo tiene un microscopio para trabajar.")
FRENCH = ("Les scientifiques étudient les cellules avec un microscope. Dans cette activité, les élèves observent une "
          "feuille d'oignon et dessinent ce qu'ils voient. Chaque groupe a un microscope pour travailler, et il "
          "note sur une fiche ce que les cellules ont de commun avec celles de la peau.")
ENGLISH = ("Scientists study cells with a microscope. The history of people is full of discoveries about living "
           "things and their smallest parts. In this activity, students look at an onion skin and draw what they "
           "see. Each group has a microscope and a slide to work with.")
ENGLISH_ONLY = ("readability", "language", "representation")


def categories(report) -> set[str]:
    return {f.category for f in report.findings}


def test_detector_is_clear_or_silent():
    assert detect(SPANISH) == "es"
    assert detect(ENGLISH) == "en"
    assert detect(FRENCH) == "fr"
    assert detect("Los científicos estudian las células.") is None  # too short to tell
    assert detect("1 2 3 4 5 " * 20) is None


def test_french_page_declared_by_lang_skips_english_checks_and_says_so():
    page = (f'<html lang="fr"><head><title>Cellules</title></head><body><h1>Les cellules</h1><p>{FRENCH} '
            'Le mot anglais "mankind" ne sert pas ici.</p>'
            '<img src="cellule.png"></body></html>')
    report = audit_text(page)
    assert categories(report) == {"accessibility"}
    assert [f.rule for f in report.findings] == ["A101"]
    assert all(report.scores[c] is None for c in ENGLISH_ONLY)
    (note,) = report.skipped
    assert "this document is in French (declared); English checks were skipped" in note
    assert "reading" not in report.blocks and "people" not in report.blocks


@pytest.mark.parametrize("fmt,text,how", [
    ("markdown", f"# Les cellules\n\n{FRENCH} Le mot \"mankind\" paraît dans de vieux textes.\n", "detected"),
    ("text", f"Les cellules\n\n{FRENCH} Le mot \"mankind\" paraît dans de vieux textes.\n", "detected"),
    ("markdown", "---\nlang: fr\n---\n# Cellules\n\nLe mot \"mankind\".\n", "declared"),
])
def test_french_markdown_and_text_by_detection_or_front_matter(fmt, text, how):
    report = audit_text(text, fmt)
    assert not categories(report) & set(ENGLISH_ONLY)
    assert report.skipped and f"in French ({'declared' if how == 'declared' else 'detected'}" in report.skipped[0]


def test_english_documents_are_unchanged():
    report = audit_text(f"# Cells\n\n{ENGLISH} The history of mankind is long.\n", "markdown")
    assert "L101" in [f.rule for f in report.findings] and report.skipped == []
    assert load_text(f"<p>{ENGLISH}</p>").language == "en"


def test_passage_marked_as_spanish_is_left_out_of_english_checks():
    page = ('<html lang="en"><head><title>Words</title></head><body><h1>Words</h1>'
            '<p>The history of mankind is long.</p>'
            '<blockquote lang="es"><p>La palabra inglesa "mankind" significa humanidad.</p></blockquote>'
            '<p lang="es-MX">Otra vez "mankind", en español.</p></body></html>')
    report = audit_text(page, select=("L101",))
    assert [(f.rule, f.text) for f in report.findings] == [("L101", "mankind")]
    assert report.findings[0].span.line == 1 and page.index("mankind") + 1 == report.findings[0].span.column
    assert report.skipped == ["2 passage(s) marked as Spanish (lang) were left out of the English checks"]


def test_spanish_word_document_detected_over_the_template_language():
    word = docx.Document()
    word.core_properties.title = "Unidad 2"
    word.add_heading("Las células", 1)
    word.add_paragraph(SPANISH + ' La palabra "mankind" es inglesa.')
    out = io.BytesIO()
    word.save(out)
    doc = load(from_bytes(out.getvalue(), "unidad.docx", "docx"))
    assert doc.meta["lang"].startswith("en") and (doc.language, doc.language_source) == ("es", "detected")
    report = audit_document(doc, Settings())
    assert "in Spanish (detected" in report.skipped[0]
    assert all(dict(f.data)["term"].startswith("es-") for f in report.findings if f.category == "language")
