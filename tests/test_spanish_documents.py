"""Spanish documents end to end: the Spanish pipeline, the configured language, passages and inline runs in the
other language, representation evidence in Spanish, and the CLI on the Spanish sample unit."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from auditkit import audit_text, load_text
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import ConfigError, effective, resolve
from auditor.nlp_es import pipeline_for, spanish

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "unidad-celulas-6-8.html"
PROSE = ("Las plantas fabrican su propio alimento con la luz del sol. Usan agua, aire y luz para crecer. En esta "
         "actividad observamos una hoja con una lupa y dibujamos lo que vemos en el cuaderno de ciencias. ")


def test_the_spanish_pipeline_splits_sentences_at_opening_marks():
    doc = spanish().nlp("Las plantas crecen. ¿Qué necesitan? ¡Luz! Ella plantó semillas.")
    assert [s.text for s in doc.sents] == ["Las plantas crecen.", "¿Qué necesitan?", "¡Luz!", "Ella plantó semillas."]
    assert not spanish().trained and pipeline_for("es") is spanish() and pipeline_for("en") is not spanish()


def test_a_spanish_page_is_audited_with_spanish_checks_and_one_note():
    report = audit_text(f'<html lang="es"><head><title>Las plantas</title></head><body><h1>Las plantas</h1><p>{PROSE}'
                        'Desde siempre, el hombre ha mirado las estrellas.</p><img src="hoja.png"></body></html>')
    assert {f.rule for f in report.findings} == {"A101", "L101"}
    (note,) = report.skipped
    assert note.startswith("this document is in Spanish (declared); checks with English data only were skipped (")
    assert "E101-E106" in note and "L102" in note and "R101" not in note and "L101" not in note
    assert note.endswith("; with no Spanish parser, R103 leaves out passive voice and nested clauses")
    assert report.scores["equity"] is None and report.scores["language"] is not None


def test_configured_language_beats_detection_not_the_documents_own(tmp_path):
    short = "El hombre llegó a la Luna en 1969."  # too short to detect: read as English without configuration
    assert not [f for f in audit_text(short, "text").findings if f.category == "language"]
    found = audit_text(short, "text", languages=(("", "es"),)).findings
    assert [f.text for f in found if f.category == "language"] == ["El hombre"]
    by_glob = audit_text(short, "text", languages=(("unidades/*", "es"),))
    assert not [f for f in by_glob.findings if f.category == "language"]
    english = '<html lang="en"><body><p>The history of mankind.</p></body></html>'
    assert [f.text for f in audit_text(english, languages=(("", "es"),)).findings if f.category == "language"] \
        == ["mankind"]


def test_language_key_in_configuration_files(tmp_path):
    (tmp_path / ".ssec-audit.toml").write_text('language = { "unidades/*" = "es", "lessons/*" = "en" }\n')
    settings = resolve({}, tmp_path).settings
    assert settings.language_for("unidades/celulas.html") == "es" and settings.language_for("x.html") is None
    (tmp_path / ".ssec-audit.toml").write_text('language = "es"\n')
    resolved = resolve({}, tmp_path)
    assert resolved.settings.language_for("any/where.md") == "es"
    assert ("language", "es") in [(name, value) for name, value, _ in effective(resolved)]  # `ssec-audit config`
    (tmp_path / ".ssec-audit.toml").write_text('language = "Spanish!"\n')
    with pytest.raises(ConfigError, match="language"):
        resolve({}, tmp_path)


def test_inline_english_in_a_spanish_page_is_left_out_of_the_spanish_checks():
    page = ('<html lang="es"><body><p>En <span lang="es-MX">inglés</span> se dice <span lang="en">the disabled'
            '</span>, pero aquí hablamos '
            'de los discapacitados.</p><p lang="en">Los minusválidos, in an English quotation.</p></body></html>')
    report = audit_text(page, select=("language",))
    assert [(f.rule, f.text) for f in report.findings] == [("L103", "los discapacitados")]
    assert report.skipped[-1] == "2 passage(s) marked as English (lang) were left out of the Spanish checks"
    (block,) = [b for b in load_text(page).blocks if b.foreign]
    assert [(block.text[a:b], lang) for a, b, lang in block.foreign] == [("inglés", "es-MX"), ("the disabled", "en")]


def test_inline_spanish_in_an_english_page_is_left_out_of_the_english_checks():
    page = ('<html lang="en"><body><p>In Spanish, <span lang="es">mankind</span> is <i>la humanidad</i>; '
            'mankind is an old word.</p></body></html>')
    report = audit_text(page, select=("L101",))
    assert [f.span.column for f in report.findings] == [page.index("mankind is an old") + 1]


@pytest.mark.parametrize("text,name,gender,region", [
    ("La ingeniera mexicana Ana Ramírez Soto diseñó un puente nuevo.", "Ana Ramírez Soto", "woman",
     "Latin America and the Caribbean"),
    ("Severo Ochoa fue un bioquímico español que estudió las enzimas.", "Severo Ochoa", "man", "Europe"),
    ("Mateo Quispe Huamán, un astrónomo peruano, observa las estrellas.", "Mateo Quispe Huamán", "man",
     "Latin America and the Caribbean"),
    ("La astronauta Lucía Pérez Gil viajó al espacio.", "Lucía Pérez Gil", "woman", "unknown"),
])
def test_spanish_role_words_give_gender_and_region_with_evidence(text, name, gender, region):
    (person,) = audit_text(f'<html lang="es"><body><p>{text}</p></body></html>').blocks["people"]
    assert (person["name"], person["gender"], person["region"], person["scientist"]) == (name, gender, region, True)
    assert person["gender_source"] == "text" and name in person["evidence"]["gender"]


def test_ella_gives_gender_only_for_the_one_person_just_named():
    one = audit_text('<html lang="es"><body><p>Ana Ramírez Soto es astronauta. Ella viajó al espacio.</p>'
                     '</body></html>').blocks["people"]
    two = audit_text('<html lang="es"><body><p>Ana Ramírez Soto es astronauta. Luis Pérez Gil es astronauta. Ella '
                     'viajó al espacio.</p></body></html>').blocks["people"]
    assert [(p["gender"], p["gender_source"]) for p in one] == [("woman", "text")]
    assert all(p["gender"] == "unknown" for p in two)


def test_no_gender_from_a_first_name_or_a_plural():
    people = audit_text('<html lang="es"><body><p>Los científicos María López y José Ruiz Díaz midieron el río.</p>'
                        '</body></html>').blocks.get("people", [])
    assert all(p["gender"] == "unknown" for p in people)


def test_cli_on_the_spanish_sample():
    result = CliRunner().invoke(main, [str(SAMPLE), "--format", "json", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    found = {(f["rule"], f["text"][:20]) for f in file["findings"]}
    assert ("A101", '<img src="imagenes/c') in found  # the image without alt
    assert ("L101", "el hombre") in found and ("L101", "los alumnos") in found  # gendered generics
    assert any(rule == "R103" for rule, _ in found)  # the hard sentence
    assert file["reading"]["language"] == "es" and 6 <= file["reading"]["grade"] <= 8.5
    assert {p["name"] for p in file["people"]} == {"Robert Hooke", "Sandra Díaz", "Wangari Maathai"}
    assert file["skipped"][0].startswith("this document is in Spanish (declared)")
    again = CliRunner().invoke(main, [str(SAMPLE), "--format", "json", "--no-cache"], catch_exceptions=False)
    assert again.stdout == result.stdout
