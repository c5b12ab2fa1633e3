"""Who a sentence speaks to, and which blocks are not lessons for students at all.

The equity entries are about what a lesson asks of a *student*: an instruction that starts with a verb
("Print the table at home"), a sentence addressed to "you", or anything in a homework section. Teacher notes
(a "Teacher note:" paragraph, a Teacher or Preparation section, an element with a teacher class) and
materials lists the school supplies are never reported: a teacher buying baking soda for the class is the
alternative these prompts suggest. Everything here reads word lists (rules/equity/words.toml [scope]); no
parse is requested.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from auditor.document import Block, Document
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
    teacher_classes: tuple[str, ...]
    materials_sections: tuple[str, ...]
    from_home: tuple[str, ...]


@lru_cache(maxsize=1)
def scope_words() -> ScopeWords:
    s = words()["scope"]
    return ScopeWords(
        second_person=frozenset(s["second_person"]), student_phrases=tuple(s["student_phrases"]),
        imperative=frozenset(s["imperative"]),
        home_sections=tuple(s["home_sections"]), teacher_sections=tuple(s["teacher_sections"]),
        teacher_starts=tuple(s["teacher_starts"]), teacher_classes=tuple(s["teacher_classes"]),
        materials_sections=tuple(s["materials_sections"]), from_home=tuple(s["from_home"]),
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


def _heading_has(section: tuple[str, ...], needles: tuple[str, ...]) -> bool:
    for heading in section:
        lower = f" {heading.lower()} "
        if any(re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", lower) for n in needles):
            return True
    return False


def teacher_markup(doc: Document) -> bool:
    """Whether an HTML document has any teacher class at all (so most documents skip the tree walk)."""
    lower = doc.source.lower()
    return doc.format == "html" and any(w in lower for w in ("teacher", "educator", "facilitator", "instructor",
                                                             "answer-key"))


class BlockScope:
    """What the equity checks need to know about one block: whether it is a teacher note or a school materials
    list (quiet), a homework section (student scope), and where its quotations are."""

    def __init__(self, block: Block, doc: Document, teacher_markup: bool = False) -> None:
        sw = scope_words()
        text = block.text.lower().lstrip(" \t*-\u2022#>")
        self.block = block
        self.teacher = (_heading_has(block.section, sw.teacher_sections) or text.startswith(sw.teacher_starts)
                        or (teacher_markup and _teacher_element(block, doc, sw.teacher_classes)))
        # a homework section, or a section whose heading asks for things from home ("Materials to bring from
        # home"), speaks to students and their families throughout
        self.homework = _heading_has(block.section, sw.home_sections + sw.from_home)
        in_materials = _heading_has(block.section, sw.materials_sections) or text.startswith(
            tuple(f"{m}:" for m in sw.materials_sections) + tuple(f"{m} (" for m in sw.materials_sections))
        self.school_materials = in_materials and not any(p in text for p in sw.from_home) and not self.homework
        self.quotes = quotation_spans(block.text)

    @property
    def quiet(self) -> bool:
        return self.teacher or self.school_materials

    def quoted(self, start: int, end: int) -> bool:
        return self.block.quoted or any(a < start and end < b for a, b in self.quotes)

    def student(self, sentence: str) -> bool:
        return self.homework or addressed_to_student(sentence)


def _teacher_element(block: Block, doc: Document, classes: tuple[str, ...]) -> bool:
    """The block's HTML element, or an ancestor, has a teacher class (class="teacher-note")."""
    if doc.soup is None:
        return False
    element = doc.element_at(block.origin)
    while element is not None and getattr(element, "name", None) not in (None, "[document]"):
        names = " ".join(str(c) for c in element.get_attribute_list("class") if c).lower()
        audience = str(element.get("data-audience") or "").lower()
        if any(k in names for k in classes) or audience == "teacher":
            return True
        element = element.parent
    return False
