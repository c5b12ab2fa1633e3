"""Inclusive language in Spanish: the packs of rules/language/es/ run on documents in Spanish (and only there),
every entry reports exactly the marked words of its `fires` sentences and nothing in its `passes`, and the
English packs stay off Spanish text (and the Spanish ones off English text)."""
from __future__ import annotations

import pytest
from auditkit import assert_case, audit_text

from auditor.cases import parse_marks
from auditor.language.termpack import LANGUAGE_PACKS, builtin_pack, packset

SPANISH = (("", "es"),)  # the configuration's `language = "es"`
ENTRIES = [entry for name in LANGUAGE_PACKS["es"] for entry in builtin_pack(name)]
FIRES = [(e, s) for e in ENTRIES for s in e.fires]
PASSES = [(e, s) for e in ENTRIES for s in e.passes]


def test_every_entry_has_examples_both_ways_and_a_source():
    for entry in ENTRIES:
        assert entry.fires and entry.passes, entry.id
        assert entry.source, entry.id
        assert all(parse_marks(s)[1] for s in entry.fires) and not any(parse_marks(s)[1] for s in entry.passes)


def test_spanish_ids_do_not_clash_with_english_ones():
    english = {e.id for e in packset().entries}
    assert not english & {e.id for e in ENTRIES}
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry,sentence", FIRES, ids=[f"{e.id}:{s[:40]}" for e, s in FIRES])
def test_fires(entry, sentence):
    found = assert_case(entry.rule, sentence, "text", languages=SPANISH)
    assert any(dict(f.data).get("term") == entry.id for f in found)


@pytest.mark.parametrize("entry,sentence", PASSES, ids=[f"{e.id}:{s[:40]}" for e, s in PASSES])
def test_passes(entry, sentence):
    assert_case(entry.rule, sentence, "text", languages=SPANISH)


def test_packs_are_chosen_by_the_documents_language():
    spanish = '<html lang="es"><body><p>Desde siempre, el hombre ha mirado las estrellas. Mankind too.</p></body></html>'
    english = '<html lang="en"><body><p>The history of mankind. Los minusválidos.</p></body></html>'
    assert [f.text for f in audit_text(spanish, select=("language",)).findings] == ["el hombre"]
    assert [f.text for f in audit_text(english, select=("language",)).findings] == ["mankind"]


def test_the_english_grammar_detectors_do_not_run_on_spanish():
    page = '<html lang="es"><body><p>Un científico debe anotar sus datos. Colón descubrió Cuba.</p></body></html>'
    assert audit_text(page, select=("L102", "L105")).findings == []


def test_a_user_pack_for_spanish_declares_its_language(tmp_path):
    pack = tmp_path / "propio.toml"
    pack.write_text('[pack]\ncategory = "gender"\nlanguage = "es"\nsource = "Guía propia"\n\n[[entry]]\n'
                    'id = "es-hombres-de-ciencia"\nmatch = ["hombres de ciencia"]\ninflect = "none"\n'
                    'suggest = ["personas de ciencia"]\nreason = "Masculino genérico."\n', encoding="utf-8")
    text = "Fueron grandes hombres de ciencia."
    assert [f.text for f in audit_text(text, "text", languages=SPANISH, packs=(str(pack),)).findings
            if f.rule == "L101"] == ["hombres de ciencia"]
    assert not [f for f in audit_text("They were great hombres de ciencia.", "text", packs=(str(pack),)).findings
                if f.rule == "L101"]
