"""Every rule and dimension, registered in one place. Add a rule by adding it to its family's ``RULES``."""
from __future__ import annotations

from auditor import accessibility, equity, language, readability, representation, suppression
from auditor.dimension import Dimension
from auditor.rule import Rule

_FAMILIES = (accessibility, readability, language, representation, equity)

RULES: dict[str, type[Rule]] = {}
for _rule in (*(r for family in _FAMILIES for r in family.RULES), *suppression.RULES):
    if _rule.id in RULES:
        raise RuntimeError(f"duplicate rule id {_rule.id}")
    RULES[_rule.id] = _rule

DIMENSIONS: dict[str, type[Dimension]] = {f.DIMENSION.category: f.DIMENSION for f in _FAMILIES}
