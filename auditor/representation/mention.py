"""A mention: a stretch of text that names a person, and the patterns a written name matches.

Shared by every step of finding people (candidates, aliases, grouping) and by the attributes read around each
mention, so it depends on none of them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from auditor.representation.kb import PARTICLES, Entry
from auditor.representation.lexicon import longest_first

if TYPE_CHECKING:
    from auditor.document import Block

#: Upper-case letters that can start a name (Latin script with the accents names use).
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#: One name word: "Maathai", "Chien-Shiung", "O'Keeffe", "McClintock", an initial "J." or initials written
#: together "H.C." (not "A" alone).
NAME_WORD = rf"(?:(?:[{_UPPER}]\.){{1,3}}(?![\w'’])|[{_UPPER}][\w'’]*(?:-[\w'’]+)*)"
_PARTICLE = "|".join(longest_first(PARTICLES))
#: A name: up to five name words, with lower-case particles inside ("Ynes Mexía", "Ibn al-Haytham").
NAME = rf"{NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)*{NAME_WORD}){{0,4}}"


def lazy(pattern: str) -> Callable[[], re.Pattern[str]]:
    """``re.compile(pattern)``, compiled the first time it is called, not at import: for a pattern with name
    words that a page may never need (each ``[{_UPPER}]`` costs re's compiler a table over all of Unicode,
    0.2 ms, for the letters beyond Latin-1)."""
    return cache(partial(re.compile, pattern))


#: A possessive right after a name: "Darwin's", "Descartes' notes".
POSSESSIVE = re.compile(r"^(?:['’]s\b|['’](?=\s))")


def cached(doc: Any, key: str, compute: Callable[[Any], Any]) -> Any:
    """A value computed once per spaCy Doc (kept in its user_data): looking things up by offset in a list
    built once, instead of walking every sentence or token for each mention, keeps long paragraphs linear."""
    if key not in doc.user_data:
        doc.user_data[key] = compute(doc)
    return doc.user_data[key]


def sentence_spans(block: Block) -> list[tuple[int, int]]:
    """The block's sentences as character spans (found once per Doc): the whole block without a parse."""
    if block.nlp is None:
        return [(0, len(block.text))]
    return cached(block.nlp, SENTENCES, _sentences) or [(0, len(block.text))]


#: The key of a Doc's sentence spans in its user_data (read by several steps, for every block: found once).
SENTENCES = "ssec_sents"


def _sentences(doc: Any) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def tokens_in(doc: Any, start: int, end: int) -> Any:
    """The tokens that start inside ``[start, end)``, in order."""
    starts = cached(doc, "ssec_token_starts", lambda d: [t.idx for t in d])
    first = bisect_left(starts, start)
    return doc[first:max(first, bisect_left(starts, end))]


def tail_start(text: str, end: int, words: int = 1) -> int:
    """Where the last ``words`` words before ``end`` start, with the blank before them: a pattern anchored at
    ``end`` that reads no further back ("the\\s+$") can only match from there, so searching ``text`` from this
    offset to ``end`` gives what searching ``text[:end]`` would, without reading (and copying) everything
    before each mention, which made a paragraph of many names quadratic."""
    i = end
    for _ in range(words):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return max(0, i - 1)


@dataclass
class Mention:
    """One place the text names a person: where, on what evidence, and what else the text says there."""

    block: Block
    start: int  # the name itself: no title, no possessive
    end: int
    sources: set[str]
    title: str | None = None
    entry: Entry | None = None
    possessive: bool = False
    sentence: int = 0  # document-wide sentence number
    subject: bool = False
    full: str | None = None  # the full name when the text shares a surname ("Marie and Pierre Curie")

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def words(self) -> list[str]:
        return (self.full or self.text).split()

