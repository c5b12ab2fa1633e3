"""The JSON report: the machine contract (schema ``ssec-audit/report/v1``). Key order is fixed and findings
are sorted, so the same input and configuration give byte-identical output."""
from __future__ import annotations

import json
from typing import Any, TextIO

from auditor import __version__
from auditor.results import FileError, FileReport, Finding

SCHEMA = "ssec-audit/report/v1"

def finding_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
        "line": f.span.line, "column": f.span.column, "end_line": f.span.end_line, "end_column": f.span.end_column,
        "text": f.text, "message": f.message, "suggestion": f.suggestion, "references": list(f.references),
        "fix": f.fix,
    }
    if f.location_kind == "paragraph":  # a Word file: line is the paragraph number, column the character in it
        out["paragraph"] = f.span.line
        out["heading"] = f.heading
    if f.data:
        out["data"] = dict(f.data)
    return out


def file_json(report: FileReport) -> dict[str, Any]:
    out: dict[str, Any] = {"path": report.path, "format": report.format, "scores": report.scores,
                           "location_kind": report.location_kind}
    if report.skipped:
        out["skipped"] = list(report.skipped)
    out.update(report.blocks)
    out["findings"] = [finding_json(f) for f in report.findings]
    if report.warnings:
        out["warnings"] = list(report.warnings)
    return out


def document(results: list[FileReport | FileError], summary: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "ssec-audit", "version": __version__},
        "files": [file_json(r) for r in results if isinstance(r, FileReport)],
        "summary": summary,
    }
    errors = [{"path": r.path, "message": r.message} for r in results if isinstance(r, FileError)]
    if errors:
        out["errors"] = errors
    return out


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    json.dump(document(results, summary), out, indent=2, ensure_ascii=False)
    out.write("\n")
