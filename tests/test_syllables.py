"""The syllable lookups that replace reading whole files on first use give what the whole files give: the CMU
table looked up by prefix, and the hyphenation patterns parsed when a word meets them (Pyphen's counts)."""
from __future__ import annotations

import pytest

from auditor.readability import syllables


def test_prefix_lookup_is_the_whole_table() -> None:
    table = syllables.table()
    assert len(table) > 100_000
    by_prefix: dict[str, dict[str, int]] = {}
    for word, n in table.items():
        by_prefix.setdefault(word[:syllables._PREFIX], {})[word] = n
    assert all(syllables._section(prefix) == words for prefix, words in by_prefix.items())
    assert all(syllables.lookup(word) == n for word, n in table.items())  # by prefix, then the whole table
    assert syllables.lookup("q") == table["q"]
    for missing in ("", "zzzzq", "été", "photosynthesisx", "'", "\U0010ffff"):
        assert syllables.lookup(missing) is None


def test_patterns_are_pyphens() -> None:
    pyphen = pytest.importorskip("pyphen")
    hd = pyphen.Pyphen(lang="en_US").hd
    patterns, maxlen = syllables._patterns()
    assert maxlen == hd.maxlen
    assert {letters: syllables._pattern(written) for letters, written in patterns.items()} == {
        letters: (offset, tuple(values)) for letters, (offset, values) in hd.patterns.items()}


def test_hyphenation_counts_are_pyphens() -> None:
    pyphen = pytest.importorskip("pyphen")
    dic = pyphen.Pyphen(lang="en_US")
    words = sorted(syllables.table())[::25] + ["Photosynthesis", "chlorophyll", "x", "", "naïve", "can't",
                                                "İstanbul", "antidisestablishmentarianism", "ﬁsh"]
    assert [syllables.hyphenation_points(w) for w in words] == [len(dic.positions(w)) for w in words]
