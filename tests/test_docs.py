"""The rules reference in docs/ is generated from the rule classes; it must be current."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "rules_doc.py"), "--check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr


def test_every_rule_is_documented():
    from auditor.registry import RULES

    for rule in RULES.values():
        assert rule.summary and rule.__doc__ and rule.references, rule.id
