"""``--statistics``: how many findings each rule has, most first, instead of the findings themselves; the way to
see what a first run on a large curriculum is mostly about. ``write_json`` is the same for ``--format json``."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from auditor.results import FileReport, Result


def _rows(results: list[Result]) -> list[tuple[tuple[str, str, str], int]]:
    """((rule, name, severity), count), most findings first, then by rule."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (f.rule, f.name, f.severity) for r in results if isinstance(r, FileReport) for f in r.findings)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def write(results: list[Result], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    rows = _rows(results)
    width = max((len(str(n)) for _, n in rows), default=1)
    out.writelines(f"{n:>{width}}  {rule}  {name}  [{severity}]\n" for (rule, name, severity), n in rows)
    total = sum(n for _, n in rows)
    out.write(f"Found {total} finding{'s' if total != 1 else ''}.\n")


def write_json(results: list[Result], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    data = [{"rule": rule, "name": name, "severity": sev, "count": n} for (rule, name, sev), n in _rows(results)]
    out.write(json.dumps(data, indent=2) + "\n")
