"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message``. GitHub reads ``%``, carriage
returns and newlines in the message as escapes (``%25``, ``%0D``, ``%0A``), and also ``:`` and ``,`` in the
properties (``%3A``, ``%2C``); unescaped they would cut the annotation short or break it.
"""
from __future__ import annotations

from typing import Any, TextIO

from auditor.reporters.safe import printable_results
from auditor.results import FileError, FileReport, split_member

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **props: Any) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {fields}::{escape_data(message)}" if fields else f"::{level}::{escape_data(message)}"


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    for result in printable_results(results):
        if isinstance(result, FileError):
            out.write(annotation("error", result.message, file=split_member(result.path)[0],
                                 title="ssec-audit: cannot audit") + "\n")
            continue
        for f in result.findings:
            message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
            container, member = split_member(f.path)
            if member is not None:  # inside an EPUB: GitHub can only point at the container
                out.write(annotation(LEVELS[f.severity], message, file=container,
                                     title=f"{f.rule} {f.name} in {member} line {f.span.line}") + "\n")
                continue
            same_line = f.span.end_line == f.span.line
            out.write(annotation(
                LEVELS[f.severity], message, file=f.path, line=f.span.line, col=f.span.column,
                endLine=f.span.end_line,
                # GitHub only honours columns on a single line; its endColumn is inclusive
                endColumn=max(f.span.column, f.span.end_column - 1) if same_line else None,
                title=f"{f.rule} {f.name}",
            ) + "\n")
