"""The result model: what a run produces. Findings, file reports and file errors are plain data, made by the
engine and read by reporters, baselines and the command line; this module imports nothing above it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.locations import Span

#: The scored categories (one per dimension), in report order.
CATEGORIES = ("accessibility", "readability", "language", "representation", "equity")
SEVERITIES = ("error", "warning", "info")  # most to least severe
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
#: The path of a finding about the whole run rather than one file.
RUN_PATH = "(all files)"
#: Between a container and a file inside it, in report paths: "book.epub!/OEBPS/ch1.xhtml" (as Java's jar: URLs)
MEMBER = "!/"


def split_member(path: str) -> tuple[str, str | None]:
    """A report path as (the file on disk, the member inside it or None): "book.epub!/OEBPS/ch1.xhtml" ->
    ("book.epub", "OEBPS/ch1.xhtml"). Formats that point at files on disk (SARIF, GitHub) use the container."""
    container, sep, member = path.partition(MEMBER)
    return (container, member) if sep and member else (path, None)


@dataclass(frozen=True)
class Finding:
    """One problem in one file, as reported: a rule's problem plus the rule's identity and configured severity."""

    rule: str
    name: str
    category: str
    severity: str
    path: str
    span: Span
    text: str
    message: str
    suggestion: str | None
    references: tuple[str, ...]
    fix: str | None = None
    data: tuple[tuple[str, Any], ...] = ()
    # identity that survives edits elsewhere in the file (set by the engine; see auditor/baseline.py)
    fingerprint: str = field(default="", compare=False)
    # (before, text, after): the finding in the text around it, for reports people read (auditor/excerpts.py)
    context: tuple[str, str, str] | tuple[()] = field(default=(), compare=False)
    #: "line" (span is line:column) or "paragraph" (a Word file: span.line is the paragraph number, span.column
    #: the character in it), and for paragraphs the heading the finding sits under
    location_kind: str = field(default="line", compare=False)
    heading: str | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        """The position for people: "line 12, column 3", or "paragraph 12 (under “Materials”)"."""
        if self.location_kind == "paragraph":
            under = f" (under “{self.heading}”)" if self.heading else ""
            return f"paragraph {self.span.line}{under}"
        return f"line {self.span.line}, column {self.span.column}"

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule, self.span.end_line,
                self.span.end_column, self.message)


@dataclass
class FileReport:
    """Everything the run learned about one file: scores per category, the dimensions' JSON blocks (by block
    name: "images", "reading", "people", "people_metrics"), the findings and notes about the input."""

    path: str
    format: str
    scores: dict[str, float | None]
    blocks: dict[str, Any]
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)
    location_kind: str = "line"  # see Finding.location_kind
    #: notes on checks that did not run for this file and why (e.g. English checks on a Spanish document)
    skipped: list[str] = field(default_factory=list)


@dataclass
class FileError:
    """A file that could not be audited, and why (one line for the user)."""

    path: str
    message: str


Result = FileReport | FileError
