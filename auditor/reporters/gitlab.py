"""GitLab Code Quality report (a JSON array; ``artifacts: reports: codequality``), shown in merge requests.

Each issue needs a ``fingerprint`` unique in the report and stable across runs: ours ignores line numbers
(see :mod:`auditor.baseline`), so an issue that only moved is not shown as fixed and new. GitLab matches
``location.path`` against the repository's files, so paths are relative to the repository root even when
ssec-audit runs in a subfolder (as in SARIF); a file outside the repository keeps the path it was given.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TextIO

from auditor.reporters.sarif import repo_relative, repo_root
from auditor.results import FileError, FileReport, split_member

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issue(f, root: Path | None = None) -> dict[str, Any]:
    description = f"{f.rule} {f.message}" + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    path, member = split_member(f.path)  # a file inside an EPUB: GitLab can only point at the container
    if member is not None:
        description += f" (in {member}, line {f.span.line})"
    return {
        "type": "issue",
        "check_name": f"{f.rule} {f.name}",
        "description": description,
        "categories": ["Style"],
        "fingerprint": hashlib.md5(f"{f.path}\0{f.fingerprint}".encode(), usedforsecurity=False).hexdigest(),
        "severity": SEVERITY[f.severity],
        "location": {"path": (repo_relative(path, root) if root else None) or path,
                     "lines": {"begin": f.span.line, "end": f.span.end_line}},
    }


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    root = repo_root()
    issues = [issue(f, root) for r in results if isinstance(r, FileReport) for f in r.findings]
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")
