"""Who a sentence speaks to, and which blocks are not lessons for students at all.

The equity entries are about what a lesson asks of a *student*: an instruction that starts with a verb
("Print the table at home"), a sentence addressed to "you", or anything in a homework section. Teacher notes
(what the readability dimension finds teacher-facing: OpenStax's Teacher Support asides, ``.teacher-note``, the
``teacher-selectors`` setting, boxes and sections labelled for the teacher; here also a paragraph that starts
"Teacher note:" and a section headed Preparation or Educator) and
materials lists the school supplies are never reported: a teacher buying baking soda for the class is the
alternative these prompts suggest. Everything here reads word lists (rules/equity/words.toml [scope]); no
parse is requested.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from auditor.document import Block
from auditor.equity.pack import words
from auditor.language.context import SENTENCE_END, quotation_spans

_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
_CLAUSE = re.compile(r"(?:^|[,;:\u2014(]\s*|\b(?:then|and then|please)\s+)([A-Za-z][a-z'-]*)")


@dataclass(frozen=True)
class ScopeWords:
    second_person: frozenset[str]
    student_phrases: tuple[str, ...]
    imperative: frozenset[str]
    home_sections: tuple[str, ...]
    teacher_sections: tuple[str, ...]
    teacher_starts: tuple[str, ...]
    materials_sections: tuple[str, ...]
    from_home: tuple[str, ...]


@lru_cache(maxsize=1)
def scope_words() -> ScopeWords:
    s = words()["scope"]
    return ScopeWords(
        second_person=frozenset(s["second_person"]), student_phrases=tuple(s["student_phrases"]),
        imperative=frozenset(s["imperative"]),
        home_sections=tuple(s["home_sections"]), teacher_sections=tuple(s["teacher_sections"]),
        teacher_starts=tuple(s["teacher_starts"]), materials_sections=tuple(s["materials_sections"]),
        from_home=tuple(s["from_home"]),
    )


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a block, by punctuation (as the language rules split them)."""
    begin = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > begin:
            yield begin, m.start() + 1
        begin = m.end()
    if begin < len(text) and text[begin:].strip():
        yield begin, len(text)


def addressed_to_student(sentence: str) -> bool:
    """A sentence that speaks to the student: "you"/"your", or an instruction starting with a verb (at the start
    or after a comma: "Over the break, observe the Moon")."""
    sw = scope_words()
    lower = sentence.lower().replace("\u2019", "'")
    if any(w in sw.second_person for w in _WORD.findall(lower)) or any(p in lower for p in sw.student_phrases):
        return True
    return any(m.group(1).lower() in sw.imperative for m in _CLAUSE.finditer(sentence.lstrip(" \t*-\u2022\"'(")))


@lru_cache(maxsize=4096)
def _heading_has(section: tuple[str, ...], needles: tuple[str, ...]) -> bool:
    """Whether a heading of the section has one of the needles as a word (cached: every block of a section asks
    the same question)."""
    pattern = _needles(needles)
    return any(pattern.search(f" {heading.lower()} ") for heading in section)


@lru_cache(maxsize=64)
def _needles(needles: tuple[str, ...]) -> re.Pattern[str]:
    # the look-behind and look-ahead once around the alternation, not around each needle: the same needles are
    # tried in the same order at each position, with a third of the pattern to compile
    if not needles:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(n) for n in needles) + r")(?![a-z])")


class BlockScope:
    """What the equity checks need to know about one block: whether it is a teacher note or a school materials
    list (quiet), a homework section (student scope), and where its quotations are."""

    def __init__(self, block: Block, teacher_facing: bool = False) -> None:
        sw = scope_words()
        text = block.text.lower().lstrip(" \t*-\u2022#>")
        self.block = block
        self.teacher = (teacher_facing or _heading_has(block.section, sw.teacher_sections)
                        or text.startswith(sw.teacher_starts))
        # a homework section, or a section whose heading asks for things from home ("Materials to bring from
        # home"), speaks to students and their families throughout
        self.homework = _heading_has(block.section, sw.home_sections + sw.from_home)
        in_materials = _heading_has(block.section, sw.materials_sections) or text.startswith(
            tuple(f"{m}:" for m in sw.materials_sections) + tuple(f"{m} (" for m in sw.materials_sections))
        self.school_materials = in_materials and not any(p in text for p in sw.from_home) and not self.homework

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Where the block's quotations are: found only for a block with a match to check (most have none)."""
        return quotation_spans(self.block.text)

    @property
    def quiet(self) -> bool:
        return self.teacher or self.school_materials

    def quoted(self, start: int, end: int) -> bool:
        return self.block.quoted or any(a < start and end < b for a, b in self.quotes)

    def student(self, sentence: str) -> bool:
        return self.homework or addressed_to_student(sentence)

