"""Every rule's documented examples behave as documented, to the position: each example's marks (format:
auditor/cases.py) are exactly the findings of its rule, so the docs are tested and cannot drift."""
import pytest
from auditkit import assert_case

from auditor.registry import RULES

CASES = [(rule_id, i, example) for rule_id, rule in sorted(RULES.items()) for i, example in enumerate(rule.examples)]


def test_every_rule_has_examples_both_ways():
    for rule_id, rule in RULES.items():
        if rule.formats <= {"docx", "epub"} and not rule.examples:
            continue  # a .docx or a whole .epub cannot be written inline: tests/test_docx.py, test_epub.py build them
        assert any(e.fails for e in rule.examples), f"{rule_id} has no marked example (one that fires)"
        if rule.severity != "info":
            assert any(not e.fails for e in rule.examples), f"{rule_id} has no unmarked example (one that passes)"


@pytest.mark.parametrize("rule_id,index,example", CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_example(rule_id, index, example):
    assert_case(rule_id, example.text, example.format, options=example.options, also=example.also)
