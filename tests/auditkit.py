"""Small helpers shared by the tests: audit an inline document without touching the file system, and run a
marked case (format: auditor/cases.py) against the findings of one rule."""
from __future__ import annotations

from typing import Any

from auditor.cases import parse_marks
from auditor.config import Settings
from auditor.engine import audit_document
from auditor.loaders import load
from auditor.locations import LineIndex
from auditor.registry import RULES
from auditor.results import FileReport, Finding
from auditor.selection import matches
from auditor.sources import from_bytes


def load_text(text: str, fmt: str = "html", name: str | None = None):
    suffix = {"html": "html", "markdown": "md", "text": "txt", "epub": "opf"}[fmt]
    return load(from_bytes(text.encode("utf-8"), name or f"doc.{suffix}", fmt))


def audit_text(text: str, fmt: str = "html", **settings) -> FileReport:
    return audit_document(load_text(text, fmt), Settings(**settings))


def rule_ids(report: FileReport) -> list[str]:
    return [f.rule for f in report.findings]


def assert_case(rule: str, marked: str, fmt: str = "html", *, options: dict[str, Any] | None = None,
                also: tuple[str, ...] = (), **settings: Any) -> list[Finding]:
    """Audit the clean text of a marked case with ``rule`` (and the ``also`` rules) selected and check that
    the findings of ``rule`` are exactly the marks: the same spans and, where a mark pins one, the same fix.
    ``rule`` is a rule id, or any selector (a category, say) to hold every rule it selects to the marks.
    ``options`` are the rule's options; other keyword arguments are settings. Returns the findings."""
    clean, marks = parse_marks(marked)
    if options:
        settings["options"] = {**settings.get("options", {}), rule: options}
    report = audit_text(clean, fmt, select=(rule, *also), **settings)
    found = [f for f in report.findings if matches(RULES[f.rule], rule)]
    spans = {m.span for m in marks}
    wrong = ([f"no finding at {m.span} ({m.text!r})" for m in marks if m.span not in {f.span for f in found}]
             + [f"unmarked finding at {f.span} ({f.text!r})" for f in found if f.span not in spans]
             + [f"fix {f.fix!r} at {f.span}, expected {m.fix!r}" for m in marks if m.fix is not None
                for f in found if f.span == m.span and f.fix != m.fix])
    assert not wrong, (f"{rule} on {marked!r}:\n  " + "\n  ".join(wrong)
                       + f"\n  found: {render_marks(clean, found)!r}")
    return found


def render_marks(clean: str, findings: list[Finding]) -> str:
    """The clean text with each finding marked as a case would mark it (fixes included), for messages."""
    lines = LineIndex(clean)
    edges = []
    for f in findings:
        start = lines.offset(f.span.line, f.span.column)
        end = lines.offset(f.span.end_line, f.span.end_column)
        edges += [(start, 1, "{{"), (end, 0, f"->{f.fix}}}}}" if f.fix is not None else "}}")]
    out, last = [], 0
    for offset, _, mark in sorted(edges):
        out += [clean[last:offset], mark]
        last = offset
    return "".join(out) + clean[last:]
