"""SARIF 2.1.0, the format GitHub code scanning (and many other tools) read.

Choices that GitHub's ingestion relies on: every rule is described once in ``tool.driver.rules`` (id, name,
short and full description, help, default level) and results point at it by ``ruleId`` and ``ruleIndex``;
locations are relative to the repository root (``uriBaseId`` ``%SRCROOT%``) with 1-based regions; each result
carries ``partialFingerprints.primaryLocationLineHash`` from our line-independent fingerprint, so alerts
follow the text when lines move. No ``security-severity``: these are not security findings.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from auditor import __version__
from auditor.registry import RULES
from auditor.results import FileError, FileReport, split_member

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
BASE_ID = "%SRCROOT%"


def repo_root(start: Path | None = None) -> Path:
    """The enclosing git work tree (found without running git), else the working directory."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_relative(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with forward slashes, or None when it is outside ``root``."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def repo_uri(path: str, root: Path) -> str:
    """A URI for ``path`` relative to ``root`` (percent-encoding what a URI reference may not contain)."""
    from urllib.parse import quote

    rel = repo_relative(path, root)
    if rel is None:
        return Path(os.path.abspath(path)).as_uri()
    return quote(rel, safe="/-_.~!$&'()*+,;=@")


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].replace("\n", " ")


def rule_descriptor(rule, level: str) -> dict[str, Any]:
    docs = rule.docs()
    refs = "".join(f"\n- {r}" for r in rule.references)
    help_text = docs + (f"\n\nReferences:{refs}" if refs else "")
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(docs)},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"tags": [rule.category, "inclusion"]},
    }


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """``uriBaseId`` only for relative URIs (a file outside the repository gets an absolute ``file:`` URI)."""
    uri = repo_uri(path, root)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": BASE_ID}


def _result(f, index: int, root: Path) -> dict[str, Any]:
    message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    region: dict[str, Any] = {
        "startLine": f.span.line, "startColumn": f.span.column,
        "endLine": f.span.end_line,
        "endColumn": max(f.span.end_column, f.span.column + (f.span.end_line == f.span.line)),
    }
    if f.text:
        region["snippet"] = {"text": f.text}
    container, member = split_member(f.path)
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": artifact_location(container, root),
        "region": region,
    }}
    if member is not None:
        # A file inside an EPUB: the artifact is the container (the file in the repository), the region is in
        # the member, which a logical location and the message name.
        message += f" (in {member}, line {f.span.line})"
        shown = repo_relative(container, root) or container
        location["logicalLocations"] = [{"name": member, "kind": "resource",
                                         "fullyQualifiedName": f"{shown}!/{member}"}]
    if f.location_kind == "paragraph":
        # A Word file has no lines: the region's line is the paragraph number (as a viewer cannot open the
        # binary file at a line anyway), and a logical location names the paragraph and its heading.
        message += f" ({f.where})"
        location["logicalLocations"] = [{"name": f"paragraph {f.span.line}", "kind": "paragraph",
                                         "fullyQualifiedName": f.where}]
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": f.fingerprint},
        "properties": {"category": f.category},
    }
    if f.fix is not None:
        result["properties"]["fix"] = f.fix
    return result


def document(results: list[FileReport | FileError], summary: dict[str, Any], settings=None,
             root: Path | None = None) -> dict[str, Any]:
    root = root or repo_root()
    rules = [r for _, r in sorted(RULES.items())]
    overrides = getattr(settings, "severity", {}) or {}
    index = {r.id: i for i, r in enumerate(rules)}
    out_results = [_result(f, index[f.rule], root) for r in results if isinstance(r, FileReport) for f in r.findings]
    errors = [r for r in results if isinstance(r, FileError)]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [{
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(split_member(e.path)[0],
                                                                                        root)}}],
        } for e in errors]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ssec-audit",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(r, overrides.get(r.id, r.severity)) for r in rules],
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": out_results,
            "properties": {"scores": summary.get("scores", {})},
        }],
    }


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, *, settings=None,
          **_: Any) -> None:
    json.dump(document(results, summary, settings), out, indent=2, ensure_ascii=False)
    out.write("\n")
