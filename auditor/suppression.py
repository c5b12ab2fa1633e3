"""Inline suppression of reviewed findings.

HTML and Markdown comments::

    <!-- ssec-audit-disable-next-line L101 -->     the next line that has text
    <!-- ssec-audit-disable-line L101 -->          the line the comment is on
    <!-- ssec-audit-disable L101, readability -->  ...until <!-- ssec-audit-enable L101, readability -->
    <!-- ssec-audit-disable-file A101 -->          the whole file

Plain text: a line ``ssec-audit: ignore L101`` (the next line with text), ``ssec-audit: ignore-file L101``.
Targets are rule ids, rule names or categories, separated by commas or spaces; none means every rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.document import Document
from auditor.rule import Finding

_FORM = re.compile(
    r"^ssec-audit(?:-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)|:\s*(?P<text>ignore-file|ignore))\b(?P<targets>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Suppression:
    kind: str  # next-line | line | file | range
    targets: tuple[str, ...]  # empty: all rules
    start_line: int
    end_line: int  # inclusive
    directive_line: int
    directive_column: int
    text: str
    used: bool = field(default=False)

    def matches(self, finding: Finding) -> bool:
        if not self.start_line <= finding.span.line <= self.end_line:
            return False
        if not self.targets:
            return True
        keys = {finding.rule.lower(), finding.name.lower(), finding.category.lower()}
        return any(t.lower() in keys for t in self.targets)


def _next_text_line(doc: Document, offset: int) -> int:
    line, _ = doc.lines.position(offset)
    source_lines = doc.source.split("\n")
    for number in range(line + 1, len(source_lines) + 1):
        if source_lines[number - 1].strip():
            return number
    return line + 1


def parse(doc: Document) -> tuple[list[Suppression], list[str]]:
    """Suppressions declared in ``doc`` and problems with malformed directives."""
    found: list[Suppression] = []
    problems: list[str] = []
    open_ranges: dict[str, Suppression] = {}
    last_line = doc.lines.line_count
    for directive in doc.directives:
        match = _FORM.match(directive.text.strip())
        line, column = doc.lines.position(directive.start)
        if not match:
            problems.append(f"{doc.path}:{line}:{column}: unrecognised ssec-audit comment {directive.text!r}")
            continue
        kind = (match.group("kind") or match.group("text")).lower()
        targets = tuple(t for t in re.split(r"[\s,]+", match.group("targets").strip()) if t)
        common = dict(directive_line=line, directive_column=column, text=directive.text)
        if kind in ("disable-next-line", "ignore"):
            target_line = _next_text_line(doc, directive.end)
            found.append(Suppression("next-line", targets, target_line, target_line, **common))
        elif kind == "disable-line":
            found.append(Suppression("line", targets, line, line, **common))
        elif kind in ("disable-file", "ignore-file"):
            found.append(Suppression("file", targets, 1, last_line, **common))
        elif kind == "disable":
            sup = Suppression("range", targets, line, last_line, **common)
            found.append(sup)
            for target in targets or ("*",):
                open_ranges[target.lower()] = sup
        elif kind == "enable":
            for target in targets or tuple(open_ranges):
                sup = open_ranges.pop(target.lower(), None)
                if sup is not None:
                    sup.end_line = line
    return found, problems


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    kept = []
    for finding in findings:
        hit = False
        for sup in suppressions:
            if sup.matches(finding):
                sup.used = True
                hit = True
        if not hit:
            kept.append(finding)
    return kept
