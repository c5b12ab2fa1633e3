"""Document text and file names are untrusted (CI audits pull requests from forks). Before a reporter for
people or line-oriented tools writes them, control characters become visible symbols, so a document cannot
clear a terminal, retitle a window, forge a workflow command or break an XML report. Machine formats built
with ``json`` (json, sarif, gitlab) need nothing: JSON escapes control characters itself, and their text
stays exact."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from auditor.results import FileError, Finding, Result

# C0 controls other than tab and newline, DEL, C1 controls, and the Unicode line separators and
# bidirectional overrides that can make text display differently from what it is ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in (tab and newline are kept)."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def printable_data(value: Any) -> Any:
    """Every string inside dicts, lists and tuples made printable (a dimension's block, the run summary)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_data(v) for v in value)
    return value


def _finding(f: Finding) -> Finding:
    return replace(f, path=printable(f.path), text=printable(f.text), message=printable(f.message),
                   suggestion=None if f.suggestion is None else printable(f.suggestion),
                   fix=None if f.fix is None else printable(f.fix), context=printable_data(f.context))


def printable_results(results: list[Result]) -> list[Result]:
    """The results with every document-derived string made printable."""
    out: list[Result] = []
    for r in results:
        if isinstance(r, FileError):
            out.append(FileError(printable(r.path), printable(r.message)))
        else:
            out.append(replace(r, path=printable(r.path), findings=[_finding(f) for f in r.findings],
                               blocks=printable_data(r.blocks), warnings=[printable(w) for w in r.warnings]))
    return out
