"""Small helpers shared by the tests: audit an inline document without touching the file system."""
from __future__ import annotations

from auditor.config import Settings
from auditor.engine import audit_document
from auditor.results import FileReport
from auditor.loaders import load
from auditor.sources import from_bytes


def load_text(text: str, fmt: str = "html", name: str | None = None):
    suffix = {"html": "html", "markdown": "md", "text": "txt"}[fmt]
    return load(from_bytes(text.encode("utf-8"), name or f"doc.{suffix}", fmt))


def audit_text(text: str, fmt: str = "html", **settings) -> FileReport:
    return audit_document(load_text(text, fmt), Settings(**settings))


def rule_ids(report: FileReport) -> list[str]:
    return [f.rule for f in report.findings]
