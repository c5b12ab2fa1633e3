"""Every pack entry fires on its `fires` sentences and stays quiet on its `passes` sentences.

The examples live next to the entries in rules/language/*.toml, so the documentation a writer reads is the
test that runs (the proselint / pylint pattern). Every entry must have at least one of each.
"""
import pytest

from auditor.language.termpack import BUILTIN_PACKS, CATEGORY_RULES, builtin_pack
from auditkit import audit_text

ENTRIES = [entry for name in BUILTIN_PACKS for entry in builtin_pack(name)]
FIRES = [(e, s) for e in ENTRIES for s in e.fires]
PASSES = [(e, s) for e in ENTRIES for s in e.passes]


def findings(sentence: str, rule: str):
    return [f for f in audit_text(sentence, "text", select=(rule,)).findings if f.rule == rule]


def test_every_entry_has_examples_both_ways():
    for entry in ENTRIES:
        assert entry.fires, f"{entry.id} has no sentence that must fire"
        assert entry.passes, f"{entry.id} has no sentence that must not fire"


def test_entry_ids_are_unique_across_packs():
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))


def test_every_category_has_a_pack():
    assert {e.category for e in ENTRIES} == set(CATEGORY_RULES)


@pytest.mark.parametrize("entry,sentence", FIRES, ids=[f"{e.id}:{s[:40]}" for e, s in FIRES])
def test_fires(entry, sentence):
    found = findings(sentence, entry.rule)
    assert any(dict(f.data).get("term") == entry.id for f in found), \
        f"{entry.id} did not fire on {sentence!r}: {[(f.text, dict(f.data).get('term')) for f in found]}"


@pytest.mark.parametrize("entry,sentence", PASSES, ids=[f"{e.id}:{s[:40]}" for e, s in PASSES])
def test_passes(entry, sentence):
    found = findings(sentence, entry.rule)
    assert not found, f"{entry.rule} fired on {sentence!r}: {[(f.text, dict(f.data).get('term')) for f in found]}"
