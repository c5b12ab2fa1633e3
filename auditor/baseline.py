"""Fingerprints, baselines and ``--diff-against``: report only what is new.

A fingerprint identifies a finding without its line number, so it survives edits elsewhere in the file: it
hashes the rule, the file path, the offending text and a little of the text around it (up to 40 characters
each side, from the finding's own line only), all with whitespace normalised. Identical findings in one file
(the same word twice in the same sentence) are told apart by an occurrence number. A baseline file is the
list of fingerprints of the findings that were accepted.

The run's results are filtered here too (:func:`changed_only`, :func:`new_only`), as pure functions of the
results, so the command line only chooses which filters apply and prints their notes.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from auditor import __version__
from auditor.errors import UsageError
from auditor.outputs import write_atomically
from auditor.results import FileReport, Finding, Result, split_member

BASELINE_SCHEMA = "ssec-audit/baseline/v1"
MAX_BASELINE_BYTES = 100_000_000
CONTEXT_CHARS = 40  # characters of surrounding text (each side) that go into a fingerprint
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def fingerprint_findings(findings: list[Finding], source: str, offset_of) -> list[Finding]:
    """``findings`` (sorted) with their ``fingerprint`` set. ``offset_of(line, column)`` maps a 1-based
    position to a source offset."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        start = offset_of(f.span.line, f.span.column)
        end = offset_of(f.span.end_line, f.span.end_column)
        line_start = source.rfind("\n", 0, start) + 1
        line_end = source.find("\n", end)
        line_end = len(source) if line_end == -1 else line_end
        # context stays on the finding's own line(s), so edits to neighbouring lines do not change it
        before = _norm(source[max(line_start, start - CONTEXT_CHARS * 2):start])[-CONTEXT_CHARS:]
        after = _norm(source[end:min(line_end, end + CONTEXT_CHARS * 2)])[:CONTEXT_CHARS]
        key = "\0".join((f.rule, f.path, _norm(f.text), before, after))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        out.append(replace(f, fingerprint=f"{digest}:{seen[digest]}"))
    return out


def write_baseline(path: str, findings: list[Finding]) -> int:
    """Write the fingerprints of ``findings``; returns how many were recorded."""
    entries = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "text": f.text[:80]} for f in findings),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    data = {"schema": BASELINE_SCHEMA, "tool": {"name": "ssec-audit", "version": __version__},
            "findings": entries}
    def write(out: TextIO) -> None:
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    write_atomically(path, "--write-baseline", write)
    return len(entries)


def read_baseline(path: str) -> Counter[str]:
    """The fingerprints a baseline file accepts (a multiset)."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BASELINE_BYTES + 1)
        if len(raw) > MAX_BASELINE_BYTES:
            raise ValueError(f"larger than {MAX_BASELINE_BYTES // 1_000_000} MB")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--baseline {path}: file not found (create it with --write-baseline {path})") from None
    except RecursionError:
        raise UsageError(f"--baseline {path}: not a baseline file (JSON nested too deeply)") from None
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise UsageError(f"--baseline {path}: not a baseline file ({exc})") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(findings, list):
        raise UsageError(f"--baseline {path}: not an ssec-audit baseline (expected schema {BASELINE_SCHEMA})")
    return Counter(e["fingerprint"] for e in findings if isinstance(e, dict) and isinstance(e.get("fingerprint"), str))


def filter_baseline(findings: list[Finding], accepted: Counter[str]) -> tuple[list[Finding], Counter[str]]:
    """The findings the baseline does not accept, and the baseline entries nothing matched any more."""
    left = Counter(accepted)
    new = []
    for f in findings:
        if left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
        else:
            new.append(f)
    return new, +left


def new_only(results: list[Result], accepted: Counter[str], path: str) -> tuple[list[Result], str]:
    """``results`` without the findings the baseline at ``path`` accepts, and the note that says how many were
    hidden (and how many baseline entries matched nothing)."""
    left = accepted
    total = kept = 0
    out: list[Result] = []
    for result in results:
        if isinstance(result, FileReport):
            new, left = filter_baseline(result.findings, left)
            total, kept = total + len(result.findings), kept + len(new)
            result = replace(result, findings=new)
        out.append(result)
    return out, summary_line(kept, total, sum(left.values()), path)


# --diff-against ----------------------------------------------------------------------------------------------


def changed_only(results: list[Result], keep: Callable[[Finding], bool], ref: str) -> tuple[list[Result], str]:
    """``results`` with only the findings ``keep`` accepts (``ChangedLines.keep``: on lines changed since
    ``ref``), and the note that says how many those are."""
    before = sum(len(r.findings) for r in results if isinstance(r, FileReport))
    out = [replace(r, findings=[f for f in r.findings if keep(f)]) if isinstance(r, FileReport) else r
           for r in results]
    after = sum(len(r.findings) for r in out if isinstance(r, FileReport))
    return out, f"--diff-against {ref}: {after} of {before} findings are on changed lines"


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_BINARY = re.compile(r"^Binary files .* and b/(.+) differ$")


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--diff-against needs git, which is not installed") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise UsageError(f"--diff-against: {message}")
    return done.stdout


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Lines added or changed per file (repository-relative path) in ``git diff -U0`` output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].strip()
            if target == "/dev/null":
                current = None
            else:
                if target.startswith('"'):
                    target = target[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape") \
                        .encode("latin-1").decode("utf-8", "replace")
                current = changed.setdefault(target[2:] if target.startswith("b/") else target, set())
        elif match := _BINARY.match(line):  # an EPUB or Word file: changed as a whole, no lines
            changed.setdefault(match.group(1), set())
            current = None
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    return changed


class ChangedLines:
    """Which lines changed since a git ref; files git does not track yet count as wholly changed."""

    def __init__(self, ref: str, cwd: str | None = None) -> None:
        self.ref = ref
        cwd = cwd or os.getcwd()
        inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True,
                                check=False) if _has_git() else None
        if inside is None:
            raise UsageError("--diff-against needs git, which is not installed")
        if inside.returncode != 0:
            raise UsageError(f"--diff-against {ref}: {cwd} is not inside a git repository")
        self.top = inside.stdout.strip()
        if not _verify(ref, self.top):
            raise UsageError(f"--diff-against {ref}: no such commit, branch or tag in this repository")
        self.lines = parse_diff(_git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff",
                                      "--no-renames", "-U0", ref, "--"], self.top))
        untracked = _git(["-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard"], self.top)
        self.untracked = set(untracked.splitlines())

    def _key(self, path: str) -> str:
        try:
            return Path(os.path.relpath(os.path.abspath(path), self.top)).as_posix()
        except ValueError:
            return path

    def keep(self, finding: Finding) -> bool:
        container, member = split_member(finding.path)
        key = self._key(container)
        if key in self.untracked:
            return True
        lines = self.lines.get(key)
        if member is not None:  # inside an EPUB, which git diffs as one binary file: keep it all if it changed
            return lines is not None
        return lines is not None and any(n in lines for n in range(finding.span.line, finding.span.end_line + 1))


def _has_git() -> bool:
    from shutil import which

    return which("git") is not None


def _verify(ref: str, top: str) -> bool:
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=top,
                          capture_output=True, text=True, check=False)
    return done.returncode == 0


def summary_line(kept: int, total: int, gone: int, path: str) -> str:
    hidden = total - kept
    text = f"baseline {path}: {hidden} known finding{'s' if hidden != 1 else ''} hidden, {kept} new"
    if gone:
        text += (f"; {gone} baseline entr{'ies' if gone != 1 else 'y'} no longer found "
                 f"(fixed or changed; refresh with --write-baseline {path})")
    return text

