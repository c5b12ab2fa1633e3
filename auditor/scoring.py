"""The scoring table (``rules/scoring.toml`` with the configuration's overrides) and the overall inclusion
score. Scores are pure functions of analyses and findings: nothing here, and no dimension's ``score()``,
changes what it is given."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.data import load_toml
from auditor.results import CATEGORIES

if TYPE_CHECKING:
    from auditor.config import Settings


def scoring_table(settings: Settings) -> dict[str, Any]:
    """The shipped table, with each configured section merged key by key over it."""
    table = {k: (dict(v) if isinstance(v, dict) else v) for k, v in load_toml("scoring.toml").items()}
    for key, value in settings.scoring.items():
        if isinstance(value, dict) and isinstance(table.get(key), dict):
            table[key].update(value)
        else:
            table[key] = value
    return table


def clamp(value: float | None) -> float | None:
    """A category score as reported: within 0-100, one decimal."""
    return None if value is None else round(max(0.0, min(100.0, value)), 1)


def overall(scores: dict[str, float | None], table: dict[str, Any]) -> float | None:
    """The inclusion score: the weighted mean (``[weights]``) of the category scores that exist."""
    weights = table.get("weights", {})
    pairs = [(float(weights.get(c, 1.0)), s) for c, s in scores.items() if s is not None and c in CATEGORIES]
    total = sum(w for w, _ in pairs)
    if not pairs or total <= 0:
        return None
    return round(sum(w * s for w, s in pairs) / total, 1)
