"""Teacher-facing text: guidance, standards alignments and answer keys written for the teacher, not the student.

Curriculum pages mix the two (OpenStax's "Teacher Support" boxes hold about a quarter of the words of some
pages). Teacher text is not student reading, so the reading grade leaves it out and reports it apart. A block is
teacher-facing when:

- (HTML) it sits inside an element matching one of the selectors: the built-in ones (:data:`SELECTORS`:
  OpenStax's ``aside.os-teacher``, ``.teacher-note``, ``.answer-key``, ``[data-audience="teacher"]``...) and
  those of the configuration's ``teacher-selectors``;
- it sits in a box (HTML ``aside``/``blockquote``/``details``/``div``, a Markdown block quote) whose first block
  is a teacher label: "Teacher Support", "Teacher's Note", "Notes for Teachers", "Answer Key"... (in Spanish
  too: "Notas para el docente", "Guía del maestro", "Clave de respuestas"...);
- it sits under a heading that is such a label, down to the next heading of the same or a higher level.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from auditor.document import Document
from auditor.readability.measure import WORD

#: CSS selectors of teacher-only elements in published curriculum markup (matched with soupsieve, as
#: BeautifulSoup's ``select`` does; class names are matched as whole words).
SELECTORS = (
    ".os-teacher", ".teacher", ".teacher-note", ".teacher-notes", ".teacher-support", ".teacher-only",
    ".teacher-guide", ".teachers-guide", ".teacher-edition", ".teacher-content", ".for-teachers",
    ".answer-key", ".answerkey", ".answers-key",
    "[data-audience=teacher]", "[data-audience=teachers]", "[data-audience=instructor]",
    "[role=note][aria-label*=teacher i]", "[role=complementary][aria-label*=teacher i]",
)
#: a label (a heading, or the first block of a box) that says what follows is for the teacher
LABEL = re.compile(
    r"^\s*(?:(?:for\s+(?:the\s+)?|notes?\s+(?:for|to)\s+(?:the\s+)?)(?:teachers?|instructors?|educators?)\b"
    r"|teacher(?:['’]?s)?['’]?\s+(?:support|notes?|guide|guidance|edition|tips?|background|resources?|"
    r"demonstration|only|information|answers?|key|page|instructions?)\b"
    r"|teacher\s*:|answer\s+keys?\b|answers?\s+to\s+(?:the\s+)?(?:questions|exercises|activities)\b"
    r"|(?:instructor|educator)(?:['’]?s)?\s+(?:notes?|guide|resources?|support)\b)",
    re.IGNORECASE)
#: the same in Spanish: "Notas para el docente", "Guía del maestro", "Para la maestra", "Clave de respuestas"...
_TEACHER_ES = r"(?:docentes?|maestr[oa]s?|profesor(?:a|es|as)?|educador(?:a|es|as)?)\b"
LABEL_ES = re.compile(
    r"^\s*(?:(?:notas?|gu[ií]a|apoyo|orientaciones|sugerencias|informaci[oó]n|recursos)\s+"
    r"(?:para\s+(?:el|la|los|las)\s+|del?\s+|al\s+|de\s+(?:la|las|los)\s+)?" + _TEACHER_ES +
    r"|para\s+(?:el|la|los|las)\s+" + _TEACHER_ES +
    r"|(?:clave|hoja)\s+de\s+respuestas\b|respuestas\s+(?:a\s+|de\s+)?(?:las\s+|los\s+)?"
    r"(?:preguntas|actividades|ejercicios)\b|solucionario\b)",
    re.IGNORECASE)
LABEL_WORDS = 8  # a label is short


def is_label(text: str) -> bool:
    return bool(LABEL.match(text) or LABEL_ES.match(text)) and len(WORD.findall(text)) <= LABEL_WORDS


@lru_cache(maxsize=1)
def _builtin() -> Any:
    """The built-in selectors as one compiled list: every one of them needs an attribute (class, data-audience,
    role), so only elements with attributes are matched against it (19 passes over every element of the page
    made a page of 300,000 bare tags take most of a minute)."""
    import soupsieve  # (here: it imports BeautifulSoup, which a run served from the cache never needs)

    return soupsieve.compile(", ".join(SELECTORS))


#: the class names of :data:`SELECTORS`, and the other attributes they test (names as soupsieve compares them)
_CLASSES = frozenset(s[1:] for s in SELECTORS if s.startswith("."))
_ATTRIBUTES = frozenset({"data-audience", "role"})


def _may_match(attrs: dict[str, Any]) -> bool:
    """Whether an element's attributes could match a built-in selector: a cheap test that lets every other
    element (and most pages, which have no teacher markup at all) skip soupsieve, whose import and compiling of
    the selectors cost more than a tenth of a second of a one-page run. soupsieve still decides for the rest."""
    for key, value in attrs.items():
        name = key.lower()
        if name in _ATTRIBUTES:
            return True
        if name == "class":
            words = value.split() if isinstance(value, str) else value if isinstance(value, list) else None
            if words is None or not _CLASSES.isdisjoint(words):
                return True
    return False


def _selected_ranges(doc: Document, selectors: Iterable[str]) -> list[tuple[int, int]]:
    """Source ranges of the elements the selectors match (start tag to the next element outside them), in no
    particular order."""
    if doc.soup is None:
        return []
    ranges = []
    candidates = [e for e in doc.tags() if e.attrs and _may_match(e.attrs)]
    matched = [e for e in candidates if _builtin().match(e)] if candidates else []
    for selector in selectors:
        matched.extend(doc.soup.select(selector))
    for element in matched:
        if element.sourceline is None:
            continue
        start = doc.tag_range(element)[0]
        after = element.find_next_sibling()
        parent = element.parent
        while after is None and parent is not None:
            after = parent.find_next_sibling()
            parent = parent.parent
        end = doc.tag_range(after)[0] if after is not None and after.sourceline is not None else len(doc.source)
        ranges.append((start, end))
    return ranges


def teacher_blocks(doc: Document, selectors: Iterable[str] = ()) -> set[int]:
    """Indices of the document's teacher-facing blocks."""
    found: set[int] = set()
    ranges = _selected_ranges(doc, selectors)
    if ranges:
        starts, ends = _union(ranges)
        for block in doc.blocks:
            i = bisect_right(starts, block.origin) - 1  # the last stretch starting at or before the block
            if i >= 0 and block.origin < ends[i]:
                found.add(block.index)
    # boxes whose first block is a label, and sections under a label heading
    first_in_box: dict[int, int] = {}
    teacher_boxes: set[int] = set()
    heading_level: int | None = None  # inside a teacher section opened by a heading of this level
    for block in doc.blocks:
        if block.kind == "heading":
            level = block.level or 6
            if heading_level is not None and level <= heading_level:
                heading_level = None
            if heading_level is None and is_label(block.text):
                heading_level = level
        for box in block.boxes:
            if box not in first_in_box:
                first_in_box[box] = block.index
                if block.kind != "alt" and is_label(block.text):
                    teacher_boxes.add(box)
        if heading_level is not None or teacher_boxes.intersection(block.boxes):
            found.add(block.index)
    return found


def _union(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping ranges joined, as sorted starts and ends (one bisection per block instead of a pass over
    every range)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(r for r in ranges if r[0] < r[1]):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


__all__ = ["SELECTORS", "is_label", "teacher_blocks"]
