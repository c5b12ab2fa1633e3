"""One line per finding, ``path:line:col: RULE message``: for editors' problem matchers, grep and eyeballs."""
from __future__ import annotations

from typing import Any, TextIO

from auditor.reporters.safe import printable_results
from auditor.results import FileError, FileReport


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    for result in printable_results(results):
        if isinstance(result, FileReport):
            for f in result.findings:
                out.write(f"{f.path}:{f.span.line}:{f.span.column}: {f.rule} {_one_line(f.message)}\n")
