"""What a person reads first, the same in every report people read (terminal and HTML): a score's level in
words, and the rules to fix first.

Pure functions of the findings and scores; the reporters only lay them out.
"""
from __future__ import annotations

from collections.abc import Iterable

from auditor.registry import RULES
from auditor.results import SEVERITY_RANK, Finding

FIX_FIRST = 3  # rules in "what to fix first"
LEVEL_WORDS = {"good": "good", "fair": "fair", "low": "needs work", "none": "not scored"}


def level(value: float | None) -> str:
    """A score's level: good (85 or more), fair (60 to 85), low (under 60) or none (not scored)."""
    if value is None:
        return "none"
    return "good" if value >= 85 else "fair" if value >= 60 else "low"


def by_rule(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by rule, most serious first: the worst severity in the group, then the most places,
    then the rule id. Each group keeps the findings' own order."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    return sorted(groups.items(), key=lambda kv: (-SEVERITY_RANK[most_severe(kv[1])], -len(kv[1]), kv[0]))


def most_severe(findings: Iterable[Finding]) -> str:
    """The most serious severity among ``findings`` (which must not be empty)."""
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)


def fix_first(findings: Iterable[Finding], limit: int = FIX_FIRST) -> list[tuple[str, list[Finding]]]:
    """The rules to fix first, by impact: :func:`by_rule` without the rules that only inform (info)."""
    return [kv for kv in by_rule(findings) if most_severe(kv[1]) != "info"][:limit]


def rule_summary(rule_id: str) -> str:
    """What a rule finds, in a few words ("Image has no text alternative"), or its id for an unknown rule."""
    rule = RULES.get(rule_id)
    return rule.summary.rstrip(".") if rule else rule_id
