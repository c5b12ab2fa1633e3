"""Every rule's documented examples behave as documented, to the position: each example's marks (format:
auditor/cases.py) are exactly the findings of its rule, so the docs are tested and cannot drift."""
import pytest

from auditor.registry import RULES
from auditor.cases import parse_marks
from auditkit import assert_case, audit_text, rule_ids

CASES = [(rule_id, i, example) for rule_id, rule in sorted(RULES.items()) for i, example in enumerate(rule.examples)]


def test_every_rule_has_examples_both_ways():
    for rule_id, rule in RULES.items():
        assert any(e.fails for e in rule.examples), f"{rule_id} has no marked example (one that fires)"
        if rule.severity != "info":
            assert any(not e.fails for e in rule.examples), f"{rule_id} has no unmarked example (one that passes)"


@pytest.mark.parametrize("rule_id,index,example", CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_example(rule_id, index, example):
    if example.fails and not parse_marks(example.text)[1]:  # transitional: not yet marked, so only "it fires"
        select = ("ALL",) if RULES[rule_id].category == "suppression" else (rule_id,)
        assert rule_id in rule_ids(audit_text(example.text, example.format, select=select))
        return
    assert_case(rule_id, example.text, example.format, options=example.options, also=example.also)
