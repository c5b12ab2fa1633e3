"""Which rules run: every rule by id, lookup by id or name, and the ``select`` / ``ignore`` /
``extend-select`` / ``per-file-ignores`` vocabulary (ids, id prefixes, names, categories, ALL)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.errors import UsageError
from auditor.registry import RULES
from auditor.rule import Rule
from auditor.suppression import target_matches

if TYPE_CHECKING:
    from auditor.config import Settings


def matches(rule: type[Rule], selector: str) -> bool:
    return target_matches(selector, rule.id, rule.name, rule.category)


def rule_by_key(key: str) -> type[Rule] | None:
    """A rule by id or name (case-insensitive)."""
    return RULES.get(key.strip().upper()) or next((r for r in RULES.values() if r.name == key.strip().lower()), None)


def selector_known(selector: str) -> bool:
    return any(matches(rule, selector) for rule in RULES.values())


def known_selectors() -> list[str]:
    rules = RULES.values()
    return sorted({r.id for r in rules} | {r.name for r in rules} | {r.category for r in rules} | {"ALL"})


def select_rules(settings: Settings, path: str | None = None) -> list[type[Rule]]:
    """Rules to run, in id order: ``select`` (default all), plus ``extend_select``, minus ``ignore`` (and,
    given a path, minus the ``per-file-ignores`` that match it)."""
    ignore = tuple(settings.ignore) + (settings.ignored_for(path) if path else ())
    for selector in (*settings.select, *settings.extend_select, *ignore):
        if not selector_known(selector):
            raise UsageError(f"unknown rule or category {selector!r} (see `ssec-audit rules`)")
    chosen = []
    for rule_id in sorted(RULES):
        rule = RULES[rule_id]
        selected = any(matches(rule, s) for s in settings.select) if settings.select else True
        selected = selected or any(matches(rule, s) for s in settings.extend_select)
        if selected and not any(matches(rule, s) for s in ignore):
            chosen.append(rule)
    return chosen


def without_ignored(rules: list[type[Rule]], settings: Settings, path: str) -> list[type[Rule]]:
    """``rules`` minus the ``per-file-ignores`` that match ``path``."""
    ignored = settings.ignored_for(path)
    return [r for r in rules if not any(matches(r, s) for s in ignored)] if ignored else rules
