"""Every rule's documented examples behave as documented (the docs are tested, so they cannot drift)."""
import pytest

from auditor.registry import RULES
from auditkit import audit_text

CASES = [(rule_id, i, example) for rule_id, rule in sorted(RULES.items()) for i, example in enumerate(rule.examples)]


def test_every_rule_has_examples_both_ways():
    for rule_id, rule in RULES.items():
        assert any(e.fails for e in rule.examples), f"{rule_id} has no example that fires"
        if rule.severity != "info":
            assert any(not e.fails for e in rule.examples), f"{rule_id} has no example that must not fire"


@pytest.mark.parametrize("rule_id,index,example", CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_example(rule_id, index, example):
    # S001 judges the suppressions of the other rules, so they run too
    select = ("ALL",) if RULES[rule_id].category == "suppression" else (rule_id,)
    report = audit_text(example.text, example.format, select=select)
    fired = [f for f in report.findings if f.rule == rule_id]
    assert bool(fired) == example.fails, f"{rule_id} example {index}: {example.text[:80]!r} -> {fired}"
