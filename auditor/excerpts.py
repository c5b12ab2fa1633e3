"""Excerpts: each finding's words in their context, for reports people read.

A finding's ``text`` is what it is about (a word, a sentence, an element). A writer finds it faster in its
sentence, so the engine attaches ``context = (before, text, after)``: the reader-visible text around it, taken
from the block the finding is in (a paragraph, a heading, alt text), or else from its source line (an element
such as ``<img src=...>``). Whitespace is collapsed and each side is cut at a word, with "…" where cut.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from auditor.document import Block, Document
from auditor.results import Finding

AROUND = 90  # characters of context on each side
LONGEST = 300  # characters of the highlighted part itself

Context = tuple[str, str, str]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _before(text: str) -> str:
    if len(text) <= AROUND:
        return text
    cut = text[-AROUND:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < AROUND // 2 else cut)


def _after(text: str) -> str:
    if len(text) <= AROUND:
        return text
    cut = text[:AROUND]
    space = cut.rfind(" ")
    return (cut[:space] if space > AROUND // 2 else cut) + "…"


def _shape(before: str, match: str, after: str) -> Context:
    before, match, after = before.replace("\n", " "), match.replace("\n", " "), after.replace("\n", " ")
    lead = " " if before[-1:].isspace() and before.strip() else ""
    trail = " " if after[:1].isspace() and after.strip() else ""
    match = _squash(match)
    if len(match) > LONGEST:
        match = match[:LONGEST - 1] + "…"
        after = trail = ""
    return _before(_squash(before)) + lead, match, trail + _after(_squash(after))


class _Blocks:
    """The document's blocks by source position, smallest enclosing block first."""

    def __init__(self, doc: Document) -> None:
        ranges = sorted((b.map.source_range + (i,)) for i, b in enumerate(doc.blocks) if b.text and b.map)
        self._ranges = ranges
        self._starts = [r[0] for r in ranges]
        self._blocks = doc.blocks

    def around(self, start: int, end: int) -> Block | None:
        best = None
        for s, e, i in reversed(self._ranges[:bisect_right(self._starts, start)]):
            if e >= end and s <= start and (best is None or e - s < best[1] - best[0]):
                best = (s, e, i)
            if start - s > 20_000:  # blocks are short; stop scanning far back
                break
        return None if best is None else self._blocks[best[2]]


def context(doc: Document, blocks: _Blocks, f: Finding) -> Context | None:
    start = doc.lines.offset(f.span.line, f.span.column)
    end = max(start, doc.lines.offset(f.span.end_line, f.span.end_column))
    if end == start:
        return None
    block = blocks.around(start, end)
    if block is not None:
        ts, te = block.map.text_offset(start), block.map.text_offset(end)
        if te > ts:
            return _shape(block.text[:ts], block.text[ts:te], block.text[te:])
    source = doc.source
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end == -1 else line_end
    return _shape(source[line_start:start], source[start:end], source[end:line_end])


def with_context(findings: list[Finding], doc: Document) -> list[Finding]:
    """``findings`` with their ``context`` set (findings without a source range keep none)."""
    blocks = _Blocks(doc)
    out = []
    for f in findings:
        found = context(doc, blocks, f)
        out.append(replace(f, context=found) if found else f)
    return out
