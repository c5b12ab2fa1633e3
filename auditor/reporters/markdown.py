"""A Markdown summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment: scores per file, the most
important findings, and the dimensions' own blocks (images, reading level, people).

The dimension blocks are rendered generically from the JSON report's data (scalars become columns, lists of
records become tables), so a block that gains fields shows them without a change here.
"""
from __future__ import annotations

import re
from typing import Any, TextIO

from auditor.reporters.safe import printable_data, printable_results
from auditor.results import CATEGORIES, SEVERITY_RANK, FileError, FileReport

LABELS = {"inclusion": "Inclusion", "accessibility": "Accessibility", "readability": "Readability",
          "language": "Language", "representation": "Representation", "equity": "Equity"}
BLOCK_TITLES = {"images": "Images and text alternatives", "reading": "Reading level", "people": "People featured",
                "places": "Where the examples happen"}
SEVERITY_ICON = {"error": "🔴 error", "warning": "🟡 warning", "info": "🔵 info"}
TOP = 25  # findings listed; the rest are counted
MAX_ROWS = 30  # rows of a generic table


#: Markdown syntax in document text would become links, images, emphasis or code in the rendered summary.
_MARKUP = re.compile(r"[\\`*_\[\]|!#~]")


class Markdown(str):
    """Text that is our own Markdown (not from a document), written into a cell as it is."""


def cell(value: Any) -> str:
    """A value as a table cell: one line, Markdown syntax and HTML escaped, numbers trimmed, None as a dash."""
    text = _plain(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _plain(value: Any) -> str:
    if isinstance(value, Markdown):
        return str(value)
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "–"
    return _MARKUP.sub(r"\\\g<0>", " ".join(str(value).split())).replace("<", "&lt;")


def _shown(key: str, value: Any) -> Any:
    """Fractions named like one (``coverage``, ``share``, ``ratio``) read better as percentages."""
    if isinstance(value, float) and 0 <= value <= 1 and any(w in key for w in ("coverage", "share", "ratio")):
        return f"{value:.0%}"
    return value


def _score(value: float | None) -> str:
    if value is None:
        return "–"
    mark = "🟢" if value >= 85 else "🟡" if value >= 60 else "🔴"
    return f"{mark} {value:g}"


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _scalars(block: dict[str, Any]) -> list[str]:
    return [k for k, v in block.items() if not isinstance(v, (dict, list))]


def _block(key: str, per_file: list[tuple[str, Any]], aggregate: Any) -> list[str]:
    """One dimension block: a row per file for a record, a row per entry for a list of records."""
    lines = [f"### {BLOCK_TITLES.get(key, key.replace('_', ' ').capitalize())}", ""]
    records = [(p, b) for p, b in per_file if isinstance(b, dict)]
    lists = [(p, b) for p, b in per_file if isinstance(b, list)]
    if records:
        columns: list[str] = []
        for _, block in records:
            columns += [c for c in _scalars(block) if c not in columns]
        lines += _table(["File", *(c.replace("_", " ") for c in columns)],
                        [[p, *(_shown(c, b.get(c)) for c in columns)] for p, b in records[:MAX_ROWS]])
    if lists:
        entries = [(p, e) for p, b in lists for e in b if isinstance(e, dict)]
        columns = []
        for _, entry in entries:
            columns += [c for c in _scalars(entry) if c not in columns]
        if entries:
            lines += _table(["File", *(c.replace("_", " ") for c in columns)],
                            [[p, *(_shown(c, e.get(c)) for c in columns)] for p, e in entries[:MAX_ROWS]])
            if len(entries) > MAX_ROWS:
                lines += ["", f"_…and {len(entries) - MAX_ROWS} more._"]
        else:
            lines.append("_None found._")
    if isinstance(aggregate, dict) and aggregate:
        totals = "; ".join(f"{k.replace('_', ' ')} {cell(_shown(k, v))}" for k, v in aggregate.items())
        lines += ["", f"**All files:** {totals}"]
    return lines + [""]


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, *,
          notes: list[str] | None = None, **_: Any) -> None:
    results, summary = printable_results(results), printable_data(summary)
    reports = [r for r in results if isinstance(r, FileReport)]
    counts = summary["findings"]
    lines = ["## ssec-audit inclusion report", ""]
    lines.append(f"**{summary['files']} file{'s' if summary['files'] != 1 else ''}** audited · "
                 f"{counts['error']} error{'s' if counts['error'] != 1 else ''} · "
                 f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''} · {counts['info']} info · "
                 f"inclusion score **{_score(summary['scores'].get('inclusion'))}**")
    lines += [f"> {note}" for note in notes or []]
    lines.append("")
    keys = ["inclusion", *CATEGORIES]
    rows = [[r.path, *(_score(r.scores.get(k)) for k in keys), len(r.findings)] for r in reports]
    if len(reports) > 1:
        total = [_score(summary["scores"].get(k)) for k in keys]
        rows.append([Markdown("**All files**"), *total, sum(counts.values())])
    lines += ["### Scores", ""]
    lines += _table(["File", *(LABELS[k] for k in keys), "Findings"], rows)
    lines.append("")
    findings = [f for r in reports for f in r.findings]
    if findings:
        top = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.path, f.span.line, f.span.column, f.rule))
        lines += [f"### Top findings ({min(TOP, len(top))} of {len(top)})", ""]
        lines += _table(["Severity", "Rule", "Where", "Text", "Message"],
                        [[SEVERITY_ICON[f.severity], f"{f.rule} {f.name}", _where(f),
                          f.text, f.message + (f" → {f.suggestion}" if f.suggestion else "")] for f in top[:TOP]])
        lines.append("")
    else:
        lines += ["No findings. Nice work.", ""]
    for key in dict.fromkeys(k for r in reports for k in r.blocks):  # the engine's order
        per_file = [(r.path, r.blocks[key]) for r in reports if key in r.blocks]
        lines += _block(key, per_file, summary.get(key))
    errors = [r for r in results if isinstance(r, FileError)]
    if errors:
        lines += ["### Files that could not be audited", ""]
        lines += [f"- {cell(e.path)}: {cell(e.message)}" for e in errors] + [""]
    lines.append("<sub>Generated by ssec-audit. Run `ssec-audit rule ID` for any rule's documentation.</sub>")
    out.write("\n".join(lines) + "\n")


def _where(f) -> str:
    if f.location_kind == "paragraph":
        return f"{f.path}, {f.where}"
    return f"{f.path}:{f.span.line}:{f.span.column}"
