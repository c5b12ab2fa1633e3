"""Every pack entry reports exactly the marked words of its `fires` sentences and nothing in its `passes`.

The examples live next to the entries in rules/language/*.toml, so the documentation a writer reads is the
test that runs (the proselint / pylint pattern). Every entry must have at least one of each, and every `fires`
sentence marks what it expects (format: auditor/cases.py), so the tests pin positions and fixes.
"""
from dataclasses import fields

import pytest
from auditkit import assert_case

from auditor.cases import parse_marks
from auditor.data import data_path, load_toml
from auditor.language import termpack
from auditor.language.termpack import BUILTIN_PACKS, CATEGORY_RULES, builtin_pack

ENTRIES = [entry for name in BUILTIN_PACKS for entry in builtin_pack(name)]
FIRES = [(e, s) for e in ENTRIES for s in e.fires]
PASSES = [(e, s) for e in ENTRIES for s in e.passes]


def test_every_entry_has_examples_both_ways():
    for entry in ENTRIES:
        assert entry.fires, f"{entry.id} has no sentence that must fire"
        assert entry.passes, f"{entry.id} has no sentence that must not fire"


def test_fires_sentences_are_marked_and_passes_are_not():
    for entry in ENTRIES:
        for sentence in entry.fires:
            assert parse_marks(sentence)[1], f"{entry.id}: fires sentence without a {{{{mark}}}}: {sentence!r}"
        for sentence in entry.passes:
            assert not parse_marks(sentence)[1], f"{entry.id}: passes sentence with a mark: {sentence!r}"


def test_entry_ids_are_unique_across_packs():
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))


def test_every_category_has_a_pack():
    assert {e.category for e in ENTRIES} == set(CATEGORY_RULES)


@pytest.mark.parametrize("entry,sentence", FIRES, ids=[f"{e.id}:{s[:40]}" for e, s in FIRES])
def test_fires(entry, sentence):
    found = assert_case(entry.rule, sentence, "text")
    assert any(dict(f.data).get("term") == entry.id for f in found), \
        f"{entry.id} is not among the findings on {sentence!r}: {[(f.text, dict(f.data).get('term')) for f in found]}"


@pytest.mark.parametrize("entry,sentence", PASSES, ids=[f"{e.id}:{s[:40]}" for e, s in PASSES])
def test_passes(entry, sentence):
    assert_case(entry.rule, sentence, "text")


def test_prebuilt_packs_are_up_to_date():
    """rules/language/packs.json is what the packs build to now; rebuild it with tools/build_language_packs.py."""
    assert data_path(*termpack.PREBUILT).read_text(encoding="utf-8") == termpack.prebuilt_json(), \
        "rules/language/packs.json is out of date: run python tools/build_language_packs.py"


def test_prebuilt_entries_equal_the_toml_entries_field_by_field():
    assert termpack._prebuilt(), "packs.json is not used"
    for name in termpack.prebuilt_names():
        built = termpack.parse_pack(load_toml("language", f"{name}.toml"), f"rules/language/{name}.toml")
        prebuilt = tuple(termpack.entry_from_json(raw) for raw in termpack._prebuilt()[name])
        assert [[getattr(e, f.name) for f in fields(e)] for e in prebuilt] == \
            [[getattr(e, f.name) for f in fields(e)] for e in built]


def test_a_stale_prebuilt_file_is_not_used(monkeypatch):
    monkeypatch.setattr(termpack, "source_digests", lambda: {"gender.toml": "edited since"})
    termpack._prebuilt.cache_clear()
    try:
        assert termpack._prebuilt() == {}
    finally:
        monkeypatch.undo()
        termpack._prebuilt.cache_clear()
