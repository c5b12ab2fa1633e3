"""The issue's quality bar on lesson sentences the packs were not written from (tests/data/equity/heldout.toml,
committed before the packs): at least 85% of the sentences that assume a student's home, money, family,
holidays or country get an equity finding, and at most 1 in 20 ordinary classroom sentences, school materials
lists and teacher notes do. Real excerpts from the corpus beside the project, with their sources, are in
tests/data/equity/corpus-excerpts.toml and held to the same bar."""
from pathlib import Path

import pytest
from auditkit import audit_text

from auditor.data import load_toml_file

DATA = Path(__file__).parent / "data" / "equity"


def _flagged(case: dict) -> list[str]:
    report = audit_text(case["text"], case.get("format", "text"), select=("E101", "E102", "E103", "E104", "E105"))
    return [f"{f.rule} {f.text!r}" for f in report.findings]


@pytest.mark.parametrize("name", ["heldout.toml", "heldout-b.toml", "corpus-excerpts.toml"])
def test_quality_bar(name):
    data = load_toml_file(DATA / name)
    flag, quiet = data["flag"], data["quiet"]
    missed = [c["text"] for c in flag if not _flagged(c)]
    alarms = [(c["text"], found) for c in quiet if (found := _flagged(c))]
    recall = 1 - len(missed) / len(flag)
    false_alarms = len(alarms) / len(quiet)
    assert recall >= 0.85, f"recall {recall:.0%}; missed: {missed}"
    assert false_alarms <= 0.05, f"false alarms {false_alarms:.0%}: {alarms}"


def test_every_corpus_excerpt_names_its_source_and_why():
    data = load_toml_file(DATA / "corpus-excerpts.toml")
    for case in (*data["flag"], *data["quiet"]):
        assert case.get("source") and case.get("why"), case["text"]
