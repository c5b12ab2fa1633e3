"""Reading grade of Spanish text: Spanish syllables, the formulas made for Spanish, and a Spanish familiar-word
list, with the same interface as :mod:`auditor.readability.measure` (``word_facts``, ``word_syllables``,
``known_in_band``, ``applicable``, ``grades``), so the analysis picks one module or the other by language.

Formulas (docs/readability.md#spanish): Fernández Huerta (1959) and Szigriszt-Pazos (1993, the INFLESZ scale's
formula) give a reading-ease score from 0 to 100; each is turned into a U.S. grade through its author's own table
of scores and school levels (:data:`FERNANDEZ_HUERTA_TABLE`, :data:`SZIGRISZT_TABLE`), interpolated as the
Dale-Chall table is. Crawford (1984), made for primary-school texts, gives years of schooling directly and joins
them for the K-2 and 3-5 bands. The grade is the median, as in English.

Syllables: Spanish spelling says where syllables are, so they are counted by rule (:func:`syllables`): one per
vowel group, plus one for each two "strong" vowels side by side (a hiatus: *o-cé-a-no*, *te-o-rí-a*; a weak vowel
with an accent is strong: *dí-a*, *o-í-do*), "y" is a vowel only at the end of a word (*hoy*, *muy*) or alone,
and the "u" of *que*, *qui*, *gue*, *gui* is silent (RAE, *Ortografía de la lengua española*, 2010, ch. I §4 on
diphthongs, triphthongs and hiatus). textstat counts Spanish syllables with Pyphen's hyphenation dictionary,
whose patterns never break a run of vowels (a typesetting rule, not a phonetic one), so it counts *energía* and
*teoría* as 2 syllables, *océano* and *día* as 1; tests/test_spanish_readability.py compares the two.
"""
from __future__ import annotations

import re
from functools import lru_cache

from auditor.data import data_path
from auditor.readability.measure import Counts, consensus, letters

__all__ = ["Counts", "consensus", "word_facts", "word_syllables", "known_in_band", "applicable", "grades",
           "syllables", "fernandez_huerta", "szigriszt_pazos", "crawford", "gutierrez_polini"]

_STRONG = frozenset("aeoáéóíú")  # an accented i or u is pronounced apart: a strong vowel
_VOWEL_GROUP = re.compile(r"[aeiouáéíóúü]+")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_FINAL_Y = re.compile(r"(?<=[aeiouáéíóúü])y$")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one Spanish word, by the spelling rules (at least 1)."""
    w = word.lower()
    if w == "y":
        return 1
    w = _FINAL_Y.sub("i", _SILENT_U.sub("", w))
    count = 0
    for group in _VOWEL_GROUP.findall(w):
        count += 1 + sum(1 for a, b in zip(group, group[1:], strict=False) if a in _STRONG and b in _STRONG)
    return max(1, count)


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> int:
    """As :func:`syllables`, with hyphenated parts summed and a number as one syllable (as in English)."""
    if "-" in word:
        return sum(word_syllables(part) for part in word.split("-") if part) or 1
    if not any(ch.isalpha() for ch in word):
        return 1
    return syllables(word.replace(".", ""))


@lru_cache(maxsize=1)
def familiar_words() -> frozenset[str]:
    """Every common form of the 5,000 most frequent Spanish lemmas (rules/readability/es-familiar-words.txt,
    derived from spacy-lookups-data by tools/build_spanish_words.py)."""
    text = data_path("readability", "es-familiar-words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


@lru_cache(maxsize=65536)
def is_familiar(word: str) -> bool:
    w = word.lower()
    if not any(ch.isalpha() for ch in w):
        return True
    if "-" in w:
        return all(is_familiar(part) for part in w.split("-") if part)
    return w in familiar_words()


def known_in_band(word: str, band_high: float) -> bool:
    """Familiar at any band: the list has no per-band layers (rules/readability/familiar-words.toml is English)."""
    return is_familiar(word)


@lru_cache(maxsize=131072)
def word_facts(word: str) -> tuple[int, int, bool]:
    """(syllables, letters, on the familiar list) for one word."""
    return word_syllables(word), letters(word), is_familiar(word)


# formulas --------------------------------------------------------------------------------------------------

def fernandez_huerta(c: Counts) -> float:
    """Fernández Huerta 1959: 206.84 - 0.60 P - 1.02 F (P syllables per 100 words, F words per sentence)."""
    return 206.84 - 60 * c.syllables / c.words - 1.02 * c.words / c.sentences


def szigriszt_pazos(c: Counts) -> float:
    """Szigriszt-Pazos 1993 (perspicuity; the INFLESZ scale's formula): 206.835 - 62.3 S/P - P/F (S syllables,
    P words, F sentences). textstat's base is 206.84, Fernández Huerta's."""
    return 206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences


def crawford(c: Counts) -> float:
    """Crawford 1984: years of schooling = -0.205 OP + 0.049 SP - 3.407 (OP sentences and SP syllables per 100
    words); made for primary-school texts."""
    return -0.205 * 100 * c.sentences / c.words + 0.049 * 100 * c.syllables / c.words - 3.407


def gutierrez_polini(c: Counts) -> float:
    """Gutiérrez de Polini 1972: 95.2 - 9.7 letters/words - 0.35 words/sentences, a 0-100 score for sixth-grade
    texts with no table of grades; reported by the tests against textstat, not used in the grade."""
    return 95.2 - 9.7 * c.letters / c.words - 0.35 * c.words / c.sentences


#: Fernández Huerta's table (1959, after Flesch 1948), as (score, grade) knots read like the Dale-Chall table (a
#: row spans the start of its first grade to the end of its last): 90-100 "4º grado"; 80-90 "5º grado";
#: 70-80 "6º grado"; 60-70 "7º u 8º grado"; 50-60 "preuniversitario" (grades 9-12); 30-50 "cursos selectivos"
#: (first years of university, 13-14); 0-30 "universitario" (15-16).
FERNANDEZ_HUERTA_TABLE = ((100.0, 4.0), (90.0, 5.0), (80.0, 6.0), (70.0, 7.0), (60.0, 9.0), (50.0, 13.0),
                          (30.0, 15.0), (0.0, 17.0))
#: Szigriszt-Pazos's scale (1993), by the age of the readers it names, as U.S. grades (age minus 6): 86-100 "muy
#: fácil", 6 to 10 years (grades 1-5); 76-85 "fácil", 11 years (6); 66-75 "bastante fácil", 12 years (7); 51-65
#: "normal", "popular" (we read it as ages 13-15, grades 8-10, between the rows around it); 36-50 "bastante
#: difícil", "cursos secundarios" (upper secondary, 11-12); 16-35 "árido", "selectividad y estudios
#: universitarios" (13-16); 0-15 "muy difícil", "titulados universitarios" (17+).
SZIGRISZT_TABLE = ((100.0, 1.0), (86.0, 6.0), (76.0, 7.0), (66.0, 8.0), (51.0, 11.0), (36.0, 13.0),
                   (16.0, 17.0), (0.0, 18.0))


def table_grade(score: float, table: tuple[tuple[float, float], ...]) -> float:
    """A reading-ease score as a continuous grade, through a table of (score, grade) knots, highest score first
    (a score above the first knot continues the first row's slope; below the last, the last grade)."""
    for (s0, g0), (s1, g1) in zip(table, table[1:], strict=False):
        if score >= s1:  # (rows are tried in order, so score < s0 except in the first row)
            return g0 + (s0 - score) * (g1 - g0) / (s0 - s1)
    return table[-1][1]


def _fh_grade(c: Counts) -> float:
    return table_grade(fernandez_huerta(c), FERNANDEZ_HUERTA_TABLE)


def _sp_grade(c: Counts) -> float:
    return table_grade(szigriszt_pazos(c), SZIGRISZT_TABLE)


_GRADE = {"fernandez_huerta": _fh_grade, "szigriszt_pazos": _sp_grade, "crawford": crawford}


def applicable(band_low: float, band_high: float, sentences: int) -> tuple[str, ...]:
    """Fernández Huerta and Szigriszt-Pazos always; Crawford for the primary bands (K-2, 3-5)."""
    return ("fernandez_huerta", "szigriszt_pazos", *(("crawford",) if band_high <= 6 else ()))


def grades(c: Counts, names: tuple[str, ...]) -> dict[str, float]:
    """Grade estimates of the named formulas (rounded to 0.01 so JSON is stable)."""
    if c.words == 0 or c.sentences == 0:
        return {}
    return {name: round(_GRADE[name](c), 2) for name in names}
