"""Inline suppression of reviewed findings, and the report of suppressions that no longer hide anything.

HTML and Markdown comments::

    <!-- ssec-audit-disable-next-line L101 -->     the next line that has text
    <!-- ssec-audit-disable-line L101 -->          the line the comment is on
    <!-- ssec-audit-disable L101, readability -->  ...until <!-- ssec-audit-enable L101, readability -->
    <!-- ssec-audit-disable-file A101 -->          the whole file

Plain text: a line ``ssec-audit: ignore L101`` (the next line with text), ``ssec-audit: ignore-file L101``;
the dashed forms (``ssec-audit-disable L101`` ... ``ssec-audit-enable L101``) work on their own line too.
Targets are rule ids, id prefixes (``A1``), rule names or categories, separated by commas or spaces; none
means every rule.

A suppression that hid nothing is reported as ``S001 unused-suppression`` (info): a stale comment would
silently hide the next real problem on that line. Its category is ``suppression``, which is deliberately not
one of the four scored categories (:data:`auditor.results.CATEGORIES`), so it never changes a score; it is
selected, ignored and suppressed like any rule (``--ignore S001``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.document import Document
from auditor.results import Finding
from auditor.rule import Example, MarkupRule, Problem, Rule

CATEGORY = "suppression"
_FORM = re.compile(
    r"^ssec-audit(?:-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"|:\s*(?P<text>ignore-file|ignore-line|ignore-next-line|ignore))(?![\w-])(?P<targets>.*)$",
    re.IGNORECASE | re.DOTALL,
)


class UnusedSuppression(MarkupRule):
    """A suppression comment that hides no finding.

    ssec-audit reports an ``ssec-audit-disable...`` (or ``ssec-audit: ignore``) comment when none of the rules
    it names found anything where it applies, or when a name in it is not a rule, rule name or category
    (often a typo such as ``L1O1``). A stale suppression is risky: it will silently hide the next real
    problem written on that line.

    It does not fire for a rule that did not run (not selected, or not for this file format), since ssec-audit
    cannot know whether that rule would have found something. The finding is ``info`` and its category is
    ``suppression``, which is never scored. Switch it off with ``--ignore S001``.
    """

    id = "S001"
    name = "unused-suppression"
    category = CATEGORY
    severity = "info"
    summary = "A suppression comment that hides no finding."
    references = ("ssec-audit documentation: docs/configuration.md, Inline suppression",)
    examples = (
        Example('<html lang="en"><title>Light</title><p>Plants need light.</p>'
                "{{<!-- ssec-audit-disable-line L101 -->}}</html>", also=("L101",),
                note="L101 ran and found nothing to hide on this line"),
        Example("{{<!-- ssec-audit-disable-next-line languag -->}}\nPlants need light.\n", format="markdown",
                note="a misspelt category"),
        Example("ssec-audit: ignore L101\nThe history of mankind is long.\n", format="text", also=("L101",),
                note="the comment hides a real finding"),
    )

    def check(self, doc, ctx):  # findings come from the engine, which knows what was suppressed
        return iter(())


@dataclass
class Suppression:
    kind: str  # next-line | line | file | range
    targets: tuple[str, ...]  # empty: all rules
    start_line: int
    end_line: int  # inclusive
    directive_line: int
    directive_column: int
    text: str
    start: int = 0  # source offsets of the comment
    end: int = 0
    used: bool = field(default=False)
    used_targets: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        return self.start_line <= finding.span.line <= self.end_line

    def matching_targets(self, finding: Finding) -> list[str]:
        return [t for t in self.targets if target_matches(t, finding.rule, finding.name, finding.category)]

    def matches(self, finding: Finding) -> bool:
        if not self.covers(finding):
            return False
        return not self.targets or bool(self.matching_targets(finding))


def target_matches(target: str, rule_id: str, name: str, category: str) -> bool:
    """The same vocabulary as ``--select``: id, id prefix, name, category or ALL."""
    t = target.strip()
    return (t.upper() == rule_id or (t.isalnum() and rule_id.startswith(t.upper()))
            or t.lower() in (name, category) or t.upper() == "ALL")


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
        sup = Suppression(kind, targets, line, line, line, column, directive.text, directive.start, directive.end)
        if kind in ("disable-next-line", "ignore", "ignore-next-line"):
            sup.kind = "next-line"
            sup.start_line = sup.end_line = _next_text_line(doc, directive.end)
            found.append(sup)
        elif kind in ("disable-line", "ignore-line"):
            sup.kind = "line"
            found.append(sup)
        elif kind in ("disable-file", "ignore-file"):
            sup.kind, sup.start_line, sup.end_line = "file", 1, last_line
            found.append(sup)
        elif kind == "disable":
            sup.kind, sup.end_line = "range", last_line
            found.append(sup)
            for target in targets or ("*",):
                open_ranges[target.lower()] = sup
        elif kind == "enable":
            closing = [t.lower() for t in targets] if targets else list(open_ranges)
            if not any(t in open_ranges for t in closing):
                problems.append(f"{doc.path}:{line}:{column}: {directive.text.strip()!r} enables rules that "
                                "no ssec-audit-disable comment above switched off")
            for target in closing:
                if target in open_ranges:
                    open_ranges.pop(target).end_line = line
    return found, problems


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    """The findings no suppression covers; marks every suppression (and target) that hid something."""
    kept = []
    for finding in findings:
        hit = False
        for sup in suppressions:
            if not sup.covers(finding):
                continue
            if not sup.targets:
                sup.used = hit = True
                continue
            targets = sup.matching_targets(finding)
            if targets:
                sup.used = hit = True
                sup.used_targets.update(targets)
        if not hit:
            kept.append(finding)
    return kept


def unused(doc: Document, suppressions: list[Suppression], ran: list[type[Rule]],
           known: list[type[Rule]]) -> list[tuple[type[Rule], Problem]]:
    """S001's problems: suppressions (or names in them) that hid nothing although the rules they name ran.

    ``ran``: the rules selected for this document (a rule that does not apply to its format counts as having
    run and found nothing); ``known``: every rule, to recognise typos. A name whose rules were not all
    selected is not judged: ssec-audit cannot know what they would have found. Nothing when S001 itself
    is not selected.
    """
    if UnusedSuppression not in ran:
        return []
    problems: list[Problem] = []
    for sup in suppressions:
        span = doc.span(sup.start, sup.end)
        text = doc.source[sup.start:sup.end]
        if not sup.targets:
            if not sup.used and ran:
                problems.append(Problem(span, text, "This suppression comment hides no finding, so it can go. "
                                        "Left in place, it would hide the next problem written here.",
                                        suggestion="Delete the comment."))
            continue
        unknown = [t for t in sup.targets if not any(target_matches(t, r.id, r.name, r.category) for r in known)]
        for target in unknown:
            problems.append(Problem(span, text, f"{target!r} in this suppression comment is not a rule id, "
                                    "rule name or category, so it hides nothing.",
                                    suggestion="Check the spelling against `ssec-audit rules`."))
        idle = [t for t in sup.targets if t not in unknown and t not in sup.used_targets
                and all(r in ran for r in known if target_matches(t, r.id, r.name, r.category))]
        if idle:
            names = ", ".join(idle)
            problems.append(Problem(span, text, f"This suppression of {names} hides no finding, so it can go. "
                                    "Left in place, it would hide the next problem written here.",
                                    suggestion=f"Remove {names} from the comment, or delete the comment."))
    return [(UnusedSuppression, p) for p in problems]


RULES = (UnusedSuppression,)
