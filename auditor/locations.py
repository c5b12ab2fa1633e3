"""Positions in source files.

Every finding points at a 1-based line and column in the file the user wrote, so editors can jump to it. Text
that rules read has been decoded (entities), stripped of tags and whitespace-collapsed; ``TextMap`` keeps the
exact way back from each character of that text to its offset in the source.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, end-exclusive range in a source file."""

    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Turns character offsets into 1-based (line, column) pairs."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (1-based line and column)."""
        line = max(1, min(line, len(self._starts)))
        return min(self._starts[line - 1] + column - 1, self._length)

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)

    @property
    def starts(self) -> list[int]:
        """Offset of the first character of each line (read-only)."""
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._starts)


class TextMap:
    """Maps offsets in extracted text back to source offsets.

    Stored as runs ``(text_start, text_length, source_start, source_end)``. A verbatim run maps character by
    character; any other run (an entity such as ``&amp;``, or collapsed whitespace) maps as a whole, so a span
    that touches it covers all of its source.
    """

    __slots__ = ("_text_starts", "_runs", "_source_starts")

    def __init__(self) -> None:
        self._text_starts: list[int] = []
        self._runs: list[tuple[int, int, int, int]] = []
        self._source_starts: list[int] | None = None

    def add(self, text_start: int, text_length: int, source_start: int, source_end: int) -> None:
        # A character-for-character run that continues the previous one in both text and source extends it:
        # the offsets it maps are the same, and a paragraph of words and single spaces is one run, not two per
        # word (a 10 MB paragraph held 3.4 million tuples).
        if self._runs and source_end - source_start == text_length:
            last_start, last_length, last_source_start, last_source_end = self._runs[-1]
            if (last_source_end - last_source_start == last_length and last_start + last_length == text_start
                    and last_source_end == source_start):
                self._runs[-1] = (last_start, last_length + text_length, last_source_start, source_end)
                self._source_starts = None
                return
        self._text_starts.append(text_start)
        self._runs.append((text_start, text_length, source_start, source_end))
        self._source_starts = None

    def __bool__(self) -> bool:
        return bool(self._runs)

    def _run(self, offset: int) -> tuple[int, int, int, int]:
        return self._runs[max(bisect_right(self._text_starts, offset) - 1, 0)]

    def start(self, offset: int) -> int:
        """Source offset where the text character at ``offset`` begins."""
        text_start, length, source_start, source_end = self._run(offset)
        delta = min(max(offset - text_start, 0), length)
        if source_end - source_start == length:
            return source_start + delta
        return source_start if delta < length else source_end

    def end(self, offset: int) -> int:
        """Source offset just after the text character at ``offset - 1`` (spans are end-exclusive)."""
        if offset <= 0:
            return self.start(0)
        text_start, length, source_start, source_end = self._run(offset - 1)
        delta = min(max(offset - text_start, 0), length)
        if source_end - source_start == length:
            return source_start + delta
        return source_end

    @property
    def source_range(self) -> tuple[int, int]:
        """The source offsets the whole text came from (``(0, 0)`` when there is none)."""
        if not self._runs:
            return 0, 0
        return self._runs[0][2], self._runs[-1][3]

    def text_offset(self, source_offset: int) -> int:
        """The inverse of :meth:`start`: the text offset of the character at (or just after) ``source_offset``.
        Source offsets inside a run that does not map character by character land on the run's start."""
        if not self._runs:
            return 0
        if self._source_starts is None:
            self._source_starts = [run[2] for run in self._runs]
        index = bisect_right(self._source_starts, source_offset) - 1
        if index < 0:
            return 0
        text_start, length, source_start, source_end = self._runs[index]
        if source_offset >= source_end:
            return text_start + length
        if source_end - source_start == length:
            return text_start + source_offset - source_start
        return text_start
