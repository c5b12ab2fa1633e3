"""Every equity pack entry reports exactly the marked words of its `fires` sentences and nothing in its
`passes` (the examples live next to the entries in rules/equity/*.toml, as the language packs' do)."""
import re

import pytest
from auditkit import assert_case

from auditor.cases import parse_marks
from auditor.equity.pack import BUILTIN_PACKS, CATEGORY_RULES, builtin_pack

ENTRIES = [entry for name in BUILTIN_PACKS for entry in builtin_pack(name)]
FIRES = [(e, s) for e in ENTRIES for s in e.fires]
PASSES = [(e, s) for e in ENTRIES for s in e.passes]


def test_every_entry_has_examples_both_ways_and_a_source():
    for entry in ENTRIES:
        assert entry.fires and entry.passes, entry.id
        assert entry.source and entry.reason and entry.suggest, entry.id
        assert entry.severity in ("warning", "info"), entry.id


def test_fires_sentences_are_marked_and_passes_are_not():
    for entry in ENTRIES:
        for sentence in entry.fires:
            assert parse_marks(sentence)[1], f"{entry.id}: fires sentence without a mark: {sentence!r}"
        for sentence in entry.passes:
            assert not parse_marks(sentence)[1], f"{entry.id}: passes sentence with a mark: {sentence!r}"


def test_every_built_in_pattern_compiles():
    """Built-in packs are compiled on first use, not when read (start-up time): every pattern is checked here."""
    for entry in ENTRIES:
        assert entry.pattern.search is not None, entry.id
        for pattern in (entry.unless, entry.unless_block, entry.requires, entry.not_within):
            assert pattern is None or pattern.flags & re.I, entry.id


def test_entry_ids_are_unique_and_every_category_has_a_pack():
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert {e.category for e in ENTRIES} == set(CATEGORY_RULES)


@pytest.mark.parametrize("entry,sentence", FIRES, ids=[f"{e.id}:{s[:40]}" for e, s in FIRES])
def test_fires(entry, sentence):
    found = assert_case(entry.rule, sentence, "text")
    assert any(dict(f.data).get("entry") == entry.id for f in found), \
        f"{entry.id} is not among the findings on {sentence!r}: {[(f.text, dict(f.data).get('entry')) for f in found]}"


@pytest.mark.parametrize("entry,sentence", PASSES, ids=[f"{e.id}:{s[:40]}" for e, s in PASSES])
def test_passes(entry, sentence):
    assert_case("equity", sentence, "text")
