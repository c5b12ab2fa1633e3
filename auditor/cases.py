"""Expected findings marked inline in a case's text: the one format for every rule case.

A rule example, a language pack's ``fires`` sentence and a test table row all read as their own expectation,
as markdownlint's fixtures do: ``{{…}}`` wraps the exact text that each expected finding reports, and
``{{firemen->firefighters}}`` also pins the finding's fix. A case without marks is one the rule must stay
quiet on. :func:`parse_marks` strips the marks and says where each stood in the clean text, as the 1-based,
end-exclusive line and column that findings carry, so a test compares positions, not merely "it fired".

``->`` separates a fix only when no hyphen comes before it, so an HTML comment's ``-->`` stays text. ``{{`` and
``}}`` are reserved in case text: an unclosed, stray or nested mark is an error, never silently text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.locations import LineIndex, Span

OPEN, CLOSE = "{{", "}}"
_FIX = re.compile(r"(?<!-)->")
_MARK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass(frozen=True)
class Mark:
    """One expected finding: where its text stands in the clean case text, the text, and the fix if pinned."""

    span: Span
    text: str
    fix: str | None = None


def _split(inner: str) -> tuple[str, str | None]:
    found = _FIX.search(inner)
    if found is None:
        return inner, None
    return inner[:found.start()], inner[found.end():]


def parse_marks(text: str) -> tuple[str, list[Mark]]:
    """The case text without its marks, and the marks in order.

    Raises ``ValueError`` for an unclosed ``{{``, a stray ``}}`` or a mark inside a mark.
    """
    clean: list[str] = []
    offsets: list[tuple[int, int, str, str | None]] = []
    length = 0
    last = 0
    for match in _MARK.finditer(text):
        before = text[last:match.start()]
        if CLOSE in before:
            raise ValueError(f"'}}}}' without '{{{{' at offset {last + before.index(CLOSE)} of {text!r}")
        if OPEN in match.group(1):
            raise ValueError(f"a mark inside a mark at offset {match.start()} of {text!r}")
        marked, fix = _split(match.group(1))
        clean.append(before)
        length += len(before)
        offsets.append((length, length + len(marked), marked, fix))
        clean.append(marked)
        length += len(marked)
        last = match.end()
    rest = text[last:]
    if OPEN in rest or CLOSE in rest:
        raise ValueError(f"an unclosed '{{{{' or a stray '}}}}' after offset {last} of {text!r}")
    clean.append(rest)
    result = "".join(clean)
    lines = LineIndex(result)
    return result, [Mark(lines.span(start, end), marked, fix) for start, end, marked, fix in offsets]


def highlight(text: str) -> str:
    """The case text for people to read: each mark as «text», or «text → fix» when the fix is pinned."""

    def show(match: re.Match[str]) -> str:
        marked, fix = _split(match.group(1))
        return f"«{marked}»" if fix is None else f"«{marked} → {fix}»"

    parse_marks(text)  # the same errors as the tests see
    return _MARK.sub(show, text)
