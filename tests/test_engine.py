"""Engine: rule selection, severities, scores and the run summary."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from auditkit import audit_text, rule_ids

from auditor.config import Settings
from auditor.engine import summarize
from auditor.errors import UsageError
from auditor.grades import normalize_band
from auditor.registry import DIMENSIONS, RULES
from auditor.results import CATEGORIES, SEVERITIES
from auditor.scoring import overall, scoring_table
from auditor.selection import select_rules

DOC = '<html lang="en"><title>T</title><body><p>The history of mankind.</p><img src="a.png"></body></html>'


def test_registry_is_complete_and_self_describing():
    assert set(DIMENSIONS) == set(CATEGORIES)
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule.category in (*CATEGORIES, "suppression") and rule.severity in SEVERITIES
        assert rule.name and rule.summary and rule.docs() and rule.references
        assert rule.id[0] == {"accessibility": "A", "readability": "R", "language": "L",
                              "representation": "P"}.get(rule.category, rule.id[0])


def test_select_and_ignore_by_id_prefix_name_and_category():
    assert {r.id for r in select_rules(Settings(select=("A101",)))} == {"A101"}
    assert all(r.category == "language" for r in select_rules(Settings(select=("language",))))
    assert "A101" not in {r.id for r in select_rules(Settings(ignore=("image-alt-missing",)))}
    assert {r.id for r in select_rules(Settings(select=("A1",)))} >= {"A101"}
    with pytest.raises(UsageError, match="unknown rule"):
        select_rules(Settings(select=("Z999",)))


def test_findings_and_severity_override():
    report = audit_text(DOC)
    assert "A101" in rule_ids(report) and "L101" in rule_ids(report)
    report = audit_text(DOC, severity={"L101": "error"})
    assert next(f for f in report.findings if f.rule == "L101").severity == "error"


def test_unselected_category_has_no_score():
    report = audit_text(DOC, select=("accessibility",))
    assert report.scores["language"] is None and report.scores["accessibility"] is not None
    assert report.scores["inclusion"] == report.scores["accessibility"]
    assert "A101" in rule_ids(report) and all(r.startswith("A") for r in rule_ids(report))


def test_category_with_nothing_to_judge_is_null_not_perfect():
    report = audit_text("Plants need light to grow.", "text")
    assert report.scores["accessibility"] is None
    assert report.scores["readability"] is None  # far too short to judge


def test_overall_is_weighted_mean_of_existing_scores():
    table = scoring_table(Settings())
    assert overall({"accessibility": 80.0, "readability": None, "language": 100.0, "representation": None},
                   table) == 90.0
    assert overall({c: None for c in CATEGORIES}, table) is None
    table["weights"]["language"] = 3.0
    assert overall({"accessibility": 80.0, "language": 100.0}, table) == 95.0


def test_findings_sorted_and_summary_counts():
    report = audit_text(DOC)
    keys = [f.sort_key for f in report.findings]
    assert keys == sorted(keys)
    summary = summarize([report], Settings())
    assert summary["files"] == 1
    assert sum(summary["findings"].values()) == len(report.findings)


@pytest.mark.parametrize("band,expected", [("K-2", (0, 2)), ("6-8", (6, 8)), ("7", (7, 7)), ("9–12", (9, 12))])
def test_grade_bands(band, expected):
    assert normalize_band(band) == expected


@pytest.mark.parametrize("band", ["", "8-6", "grade six", "K-20"])
def test_bad_grade_band(band):
    with pytest.raises(UsageError):
        normalize_band(band)


def test_scores_do_not_depend_on_call_order_or_repeated_scoring():
    """Scoring is a pure function of the analysis and the findings: the shared analysis is never changed."""
    from auditor.context import Context
    from auditor.loaders import load
    from auditor.sources import from_bytes

    first = audit_text(DOC)
    again = audit_text(DOC)
    assert (first.scores, first.blocks) == (again.scores, again.blocks)
    settings = Settings()
    doc = load(from_bytes(DOC.encode(), "t.html", "html"))
    table = scoring_table(settings)
    for category, dim_cls in DIMENSIONS.items():
        dim = dim_cls()
        ctx = Context(doc, settings, {category: dim}, None, table)
        result = ctx.analysis(category)
        findings = [f for f in first.findings if f.category == category]
        before = json.dumps(dim.to_json(result, findings), sort_keys=True, default=str)
        scores = {dim.score(doc, result, findings, table) for _ in range(3)}
        assert len(scores) == 1, category
        assert json.dumps(dim.to_json(result, findings), sort_keys=True, default=str) == before, category


def test_a_documents_invalid_grade_band_is_a_warning_not_silence():
    report = audit_text('<html lang="en"><head><meta name="grade-band" content="grade six"></head>'
                        "<body><p>Plants need light.</p></body></html>")
    assert any("'grade six' is not a grade band" in w for w in report.warnings)
    assert report.blocks["reading"]["band_source"] != "document"


ACCESSIBILITY_ONLY = """
import sys
from auditor.cli import main
try:
    main([sys.argv[1], "--format", "json", "--no-progress", "--no-cache", *sys.argv[2:]])
except SystemExit:
    pass
print("spacy imported:", "spacy" in sys.modules, file=sys.stderr)
"""


def test_accessibility_checks_alone_need_no_language_model(tmp_path):
    """Accessibility rules read markup, never tokens: a run of them alone skips spaCy (a second of start-up),
    and finds exactly what the same rules find in a full run."""
    page = tmp_path / "a.html"
    page.write_text('<html lang="en"><title>Cells</title><h1>Cells</h1><img src="cell.png">'
                    '<p>Every fireman knows the cell is the unit of life.</p><a href="x">click here</a></html>',
                    encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}

    def run(*args: str) -> tuple[dict, str]:
        done = subprocess.run([sys.executable, "-c", ACCESSIBILITY_ONLY, str(page), *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, check=False)
        return json.loads(done.stdout), done.stderr

    alone, err = run("--select", "accessibility")
    assert "spacy imported: False" in err
    full, err = run()
    assert "spacy imported: True" in err
    found = [f for f in full["files"][0]["findings"] if f["category"] == "accessibility"]
    assert alone["files"][0]["findings"] == found and found
    assert alone["files"][0]["scores"]["accessibility"] == full["files"][0]["scores"]["accessibility"]
