"""Counting words, syllables, letters and familiar words, and the classic readability formulas on those counts.

Why our own arithmetic instead of calling ``textstat.flesch_kincaid_grade(text)`` on a string: textstat
re-tokenises the whole text for every formula, splits sentences at every full stop (``e.g.``, ``3.5``) and
drops "sentences" of two words or fewer from the count while keeping their words, which biases short, simple
texts upward. We split sentences once (spaCy), count each sentence once, and sum counts for sections and the
document. The *ingredients* are textstat's: syllables come from the same CMU-then-Pyphen lookup that
``auditor.readability.syllables`` installs into textstat, and familiar words come from the Dale-Chall easy-word
list that ships inside the textstat package (no download). The formulas and coefficients are the published
ones, which textstat also uses; ``tests/test_readability_formulas.py`` checks that our values equal
textstat's on text where the two tokenisers agree. Two documented differences: Coleman-Liau uses the published
0.0588 (textstat rounds it to 0.058), and regular inflections of easy words (plants, bigger, running) count as
familiar, as the Dale-Chall rules say (textstat counts them as hard).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.data import load_toml
from auditor.grades import normalize_band
from auditor.readability.syllables import syllables as _cmu_syllables

#: A word: letters or digits, joined by apostrophes or hyphens ("don't", "well-known" are one word each); a
#: number with a decimal point or thousands separator ("3.5", "1,000") and an initialism ("e.g.", "U.S.") too.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)+|[^\W_]+(?:['’\-][^\W_]+)*")

#: How a defined science term is counted in the vocabulary-adjusted grade: as a short familiar word.
DEFINED_SYLLABLES = 1
DEFINED_LETTERS = 4


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 familiar words, as shipped inside textstat (offline).

    Read from textstat's package folder without importing textstat, which would import NLTK (half a second of
    start-up); the same file textstat's ``get_lang_easy_words("en")`` reads.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed (it ships the Dale-Chall word list)")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(w for w in (line.strip() for line in f) if w)


_INFLECTIONS = (
    ("iest", ("y",)), ("ier", ("y",)), ("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")),
    ("est", ("", "e")), ("es", ("", "e")), ("ed", ("", "e")), ("er", ("", "e")), ("s", ("",)),
    ("d", ("",)), ("r", ("",)),
)


@lru_cache(maxsize=65536)
def is_familiar(word: str) -> bool:
    """On the Dale-Chall list, or a regular inflection of a word on it (-s, -es, -ies, -ed, -ing, -er, -est)."""
    w = word.lower().replace("’", "'")
    if not any(ch.isalpha() for ch in w) or re.fullmatch(r"(?:[a-z]\.)+", w):
        return True
    return in_list(w, easy_words())


def in_list(w: str, easy: frozenset[str]) -> bool:
    """Whether a lower-case word, or the stem of a regular inflection of it, is in ``easy``."""
    if w in easy:
        return True
    if "-" in w:
        return all(in_list(part, easy) for part in w.split("-") if part)
    for suffix, replacements in _INFLECTIONS:
        if len(w) > len(suffix) + 1 and w.endswith(suffix):
            stem = w[: -len(suffix)]
            for rep in replacements:
                if stem + rep in easy:
                    return True
            # doubled final consonant: running -> run, bigger -> big
            if suffix in ("ing", "ed", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in easy:
                return True
    return False


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> int:
    """Syllables as textstat counts them (CMU dictionary, else Pyphen); hyphenated parts are summed."""
    w = word.lower().replace("’", "'")
    if "-" in w:
        return sum(word_syllables(part) for part in w.split("-") if part) or 1
    if not w.isalpha() and not any(ch.isalpha() for ch in w):
        return 1  # a number
    return max(1, _cmu_syllables(w.replace(".", "")))


def letters(word: str) -> int:
    return sum(1 for ch in word if ch.isalnum())


@lru_cache(maxsize=8)
def band_words(band_high: float) -> frozenset[str]:
    """Words known by readers of a band (``rules/readability/familiar-words.toml``): the lists of every band that
    starts at or below the band's top grade (a grade-7 unit gets the 6-8 list too)."""
    words: set[str] = set()
    for band, table in load_toml("readability", "familiar-words.toml").items():
        if normalize_band(band)[0] <= band_high:
            words.update(w.strip().lower() for w in table.get("words", ()))
    return frozenset(words)


#: Derivational endings, longest first, with what may stand in their place to give the base word:
#: easily -> easy, investigation -> investigate, biological -> biology, movement -> move, stability -> stable.
_DERIVATIONS = (
    ("ically", ("ic", "y", "")), ("ability", ("able",)), ("ibility", ("ible",)), ("iation", ("y",)),
    ("uction", ("uce",)), ("ification", ("ify",)), ("ation", ("ate", "e", "", "y")), ("ition", ("e", "")),
    ("ative", ("e", "ate", "")),
    ("ified", ("e", "", "y")), ("ular", ("ule", "le")), ("atic", ("", "e")), ("ical", ("y", "ic", "ics", "")),
    ("acy", ("ate",)), ("ary", ("",)),
    ("ness", ("", "y")), ("ment", ("",)), ("ally", ("al", "")), ("ily", ("y",)), ("ly", ("", "le", "e")),
    ("ful", ("",)), ("less", ("",)), ("ity", ("", "e")), ("ion", ("e", "")), ("ive", ("e", "")),
    ("al", ("", "e", "y")), ("ic", ("y", "ics", "e", "")), ("ous", ("", "e", "y")), ("able", ("", "e")),
    ("ible", ("", "e")), ("ence", ("ent", "")), ("ance", ("ant", "")), ("ist", ("y", "")), ("ism", ("",)),
    ("ize", ("", "y")), ("ise", ("", "y")), ("or", ("", "e")), ("er", ("", "e")),
)
_PREFIXES = ("un", "in", "im", "dis", "non", "re", "pre", "mis", "over", "under", "extra", "self-", "non-",
             "re-")


def uninflected(w: str) -> set[str]:
    """The word and the stems its regular inflection may come from (plants -> plant, studies -> study)."""
    out = {w}
    for suffix, replacements in _INFLECTIONS:
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            stem = w[: -len(suffix)]
            out.update(stem + rep for rep in replacements)
            if suffix in ("ing", "ed", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])
    return out


def derived_bases(w: str, depth: int = 3) -> set[str]:
    """Base words a lower-case word may be derived from (after its regular inflection is undone by
    :func:`in_list`): suffixes and common prefixes stripped, up to ``depth`` steps (unintentionally ->
    intentional -> intention...). Candidates only: a caller checks them against a word list."""
    out: set[str] = set()
    frontier = {w}
    for _ in range(depth):
        found: set[str] = set()
        for word in frontier:
            for prefix in _PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                    found.add(word[len(prefix):])
            for suffix, replacements in _DERIVATIONS:
                if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                    stem = word[: -len(suffix)]
                    found.update(stem + r for r in replacements)
        found -= out
        out |= found
        frontier = found
    return out


@lru_cache(maxsize=65536)
def known_in_band(word: str, band_high: float) -> bool:
    """Familiar to readers of the band: on the Dale-Chall list or the band's list, as an inflection (plants) or a
    derived form (easily, investigation, biological) of a word on them."""
    w = word.lower().replace("’", "'")
    if is_familiar(w):
        return True
    words = band_words(band_high)
    if in_list(w, words):
        return True
    if "-" in w:
        return all(known_in_band(part, band_high) for part in w.split("-") if part)
    easy = easy_words()
    # a base that is itself a participle (surprisingly -> surprising) is undone once more: surprise
    return any(b in easy or b in words for stem in uninflected(w) for base in derived_bases(stem)
               for b in (uninflected(base) if len(base) >= 7 and base.endswith(("ing", "ed")) else (base,))
               if len(b) >= 4)


@lru_cache(maxsize=131072)
def word_facts(word: str) -> tuple[int, int, bool]:
    """(syllables, letters, on the familiar list) for one word, cached: the analysis's inner loop."""
    return word_syllables(word), letters(word), is_familiar(word)


@dataclass
class Counts:
    """The raw material of every formula. Counts add up, so sections and documents are sums of sentences."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0  # words of 3+ syllables (SMOG)
    unfamiliar: int = 0  # not on the Dale-Chall list (Dale-Chall)
    unfamiliar_long: int = 0  # not on the list and 2+ syllables (Spache, as textstat counts it)

    def add(self, other: Counts) -> None:
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.letters += other.letters
        self.polysyllables += other.polysyllables
        self.unfamiliar += other.unfamiliar
        self.unfamiliar_long += other.unfamiliar_long

    def add_word(self, syllables: int, n_letters: int, familiar: bool) -> None:
        self.words += 1
        self.syllables += syllables
        self.letters += n_letters
        self.polysyllables += syllables >= 3
        self.unfamiliar += not familiar
        self.unfamiliar_long += (not familiar) and syllables >= 2


# formulas --------------------------------------------------------------------------------------------------
# Each takes Counts with words > 0 and sentences > 0 and returns a U.S. grade (Dale-Chall: its raw score).

def flesch_kincaid(c: Counts) -> float:
    """Kincaid et al. 1975: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def coleman_liau(c: Counts) -> float:
    """Coleman & Liau 1975: 0.0588 L - 0.296 S - 15.8 (L letters and S sentences per 100 words)."""
    return 0.0588 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8


def automated_readability(c: Counts) -> float:
    """Smith & Senter 1967: 4.71 characters/word + 0.5 words/sentence - 21.43 (characters = letters, digits)."""
    return 4.71 * c.letters / c.words + 0.5 * c.words / c.sentences - 21.43


def smog(c: Counts) -> float:
    """McLaughlin 1969 (as regressed by textstat): 1.043 sqrt(30 polysyllables/sentences) + 3.1291."""
    return 1.043 * math.sqrt(30 * c.polysyllables / c.sentences) + 3.1291


def dale_chall_score(c: Counts) -> float:
    """New Dale-Chall 1995 raw score: 0.1579 %unfamiliar + 0.0496 words/sentence (+3.6365 if %unfamiliar > 5)."""
    pdw = 100 * c.unfamiliar / c.words
    score = 0.1579 * pdw + 0.0496 * c.words / c.sentences
    return score + 3.6365 if pdw > 5 else score


#: The standard Dale-Chall table, as (score, grade) knots: 4.9 and below = grade 4 and below; 5.0-5.9 = 5-6;
#: 6.0-6.9 = 7-8; 7.0-7.9 = 9-10; 8.0-8.9 = 11-12; 9.0-9.9 = 13-15; 10+ = 16+. A row "5-6" spans the start of
#: grade 5 to the end of grade 6, so we interpolate linearly between row starts (score 5.0 -> 5, 6.0 -> 7).
DALE_CHALL_TABLE = ((0.0, 0.0), (5.0, 5.0), (6.0, 7.0), (7.0, 9.0), (8.0, 11.0), (9.0, 13.0), (10.0, 16.0))


def dale_chall_grade(score: float) -> float:
    """A Dale-Chall raw score as a continuous grade, through the standard table."""
    table = DALE_CHALL_TABLE
    if score <= table[0][0]:
        return 0.0
    for (s0, g0), (s1, g1) in zip(table, table[1:], strict=False):
        if score < s1:
            return g0 + (score - s0) * (g1 - g0) / (s1 - s0)
    return table[-1][1] + (score - table[-1][0])


def spache(c: Counts) -> float:
    """Revised Spache 1974: 0.141 words/sentence + 0.086 %unfamiliar + 0.839 (unfamiliar: off the easy list, 2+
    syllables, as textstat counts it; Spache's own list is not freely available)."""
    return 0.141 * c.words / c.sentences + 0.086 * 100 * c.unfamiliar_long / c.words + 0.839


#: SMOG needs a 30-sentence sample to mean anything.
SMOG_MIN_SENTENCES = 30


def applicable(band_low: float, band_high: float, sentences: int) -> tuple[str, ...]:
    """Which formulas fit this band and sample: Spache is for grades 1-4 (bands K-2, 3-5), Dale-Chall for grade
    4 up (bands 3-5 and above), SMOG only with 30+ sentences. FK, Coleman-Liau and ARI always."""
    names = ["flesch_kincaid", "coleman_liau", "automated_readability"]
    if band_high >= 4:
        names.append("dale_chall")
    if band_high <= 5:
        names.append("spache")
    if sentences >= SMOG_MIN_SENTENCES:
        names.append("smog")
    return tuple(names)


_GRADE = {
    "flesch_kincaid": flesch_kincaid,
    "coleman_liau": coleman_liau,
    "automated_readability": automated_readability,
    "smog": smog,
    "dale_chall": lambda c: dale_chall_grade(dale_chall_score(c)),
    "spache": spache,
}


def grades(c: Counts, names: tuple[str, ...]) -> dict[str, float]:
    """Grade estimates of the named formulas (rounded to 0.01 so JSON is stable)."""
    if c.words == 0 or c.sentences == 0:
        return {}
    return {name: round(_GRADE[name](c), 2) for name in names}


def consensus(values: dict[str, float]) -> float | None:
    """The median of the applicable formulas, never below 0 (kindergarten), rounded to 0.1.

    Why the median: each formula errs in its own direction (syllable formulas overrate science terms, letter
    formulas overrate long names, word-list formulas overrate proper names); the median ignores the one that
    is furthest off, needs no weights fitted to data we do not have, and is deterministic.
    """
    if not values:
        return None
    xs = sorted(values.values())
    n = len(xs)
    mid = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    return round(max(0.0, mid) + 0.0, 1)
