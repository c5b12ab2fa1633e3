"""Every output format on the samples: structure, escaping, determinism, and SARIF against the official schema."""
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.reporters import FORMATS, statistics
from auditor.reporters.github import annotation, escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


def run(*args, env=None):
    return CliRunner().invoke(main, [*args], catch_exceptions=False, env=env)


@pytest.fixture(scope="module")
def reports():
    """Every format of the same run on the samples (and the JSON to compare with)."""
    return {fmt: run(str(SAMPLES), "--format", fmt, "--no-progress") for fmt in FORMATS}


@pytest.fixture(scope="module")
def findings(reports):
    return [(file["path"], f) for file in json.loads(reports["json"].stdout)["files"] for f in file["findings"]]


def test_cli_offers_every_registered_format():
    option = next(p for p in main.commands["check"].params if p.name == "output_format")
    assert option.opts == ["--format", "--output-format"]
    assert tuple(option.type.choices) == tuple(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exits_like_json_and_is_deterministic(reports, fmt):
    assert reports[fmt].exit_code == reports["json"].exit_code == 1
    again = run(str(SAMPLES), "--format", fmt, "--jobs", "1")
    assert again.stdout == reports[fmt].stdout


def test_concise(reports, findings):
    lines = reports["concise"].stdout.splitlines()
    assert len(lines) == len(findings)
    for line, (path, f) in zip(lines, findings, strict=True):
        assert line == f"{path}:{f['line']}:{f['column']}: {f['rule']} {' '.join(f['message'].split())}"


def test_github_annotations(reports, findings):
    lines = reports["github"].stdout.splitlines()
    assert len(lines) == len(findings)
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, (path, f) in zip(lines, findings, strict=True):
        match = re.match(r"^::(error|warning|notice) (.*?)::(.*)$", line)
        assert match, line
        assert match.group(1) == level[f["severity"]]
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        assert props["file"] == path and props["line"] == str(f["line"]) and props["col"] == str(f["column"])
        assert props["endLine"] == str(f["end_line"]) and props["title"] == f"{f['rule']} {f['name']}"
        assert "\n" not in match.group(3)


def test_github_is_chosen_automatically_in_actions_only_without_a_format():
    sample = str(SAMPLES / "weather-3-5.html")
    assert run(sample, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::")
    assert run(sample, "--format", "json", env={"GITHUB_ACTIONS": "true"}).stdout.startswith("{")
    assert not run(sample, env={"GITHUB_ACTIONS": "false"}).stdout.startswith("::")


@pytest.mark.parametrize("raw,data,prop", [
    ("100%", "100%25", "100%25"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),
])
def test_github_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotation_with_hostile_path_and_message():
    line = annotation("error", "50% done:\nnext, please", file="a,b:c.md", line=3, title="L101 x")
    assert line == "::error file=a%2Cb%3Ac.md,line=3,title=L101 x::50%25 done:%0Anext, please"


def test_gitlab_code_quality(reports, findings):
    issues = json.loads(reports["gitlab"].stdout)
    assert len(issues) == len(findings)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue, (path, f) in zip(issues, findings, strict=True):
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == path and issue["location"]["lines"]["begin"] == f["line"]
        assert issue["check_name"].startswith(f["rule"])


def test_junit(reports, findings):
    root = ET.fromstring(reports["junit"].stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted({p for p, _ in findings})
    failing = {(s.get("name"), c.get("name").split()[0]) for s in suites for c in s.findall("testcase")
               if c.find("failure") is not None}
    expected = {(p, f["rule"]) for p, f in findings if f["severity"] != "info"}
    assert failing == expected
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == len(failing)


def test_junit_clean_file_passes(tmp_path):
    f = tmp_path / "ok.html"
    f.write_text('<html lang="en"><title>Light</title><p>Plants need light.</p></html>')
    root = ET.fromstring(run(str(f), "--format", "junit").stdout)
    case = root.find("testsuite/testcase")
    assert case is not None and case.find("failure") is None and root.get("failures") == "0"


def test_markdown_summary(reports, findings):
    text = reports["markdown"].stdout
    assert text.startswith("## ssec-audit inclusion report")
    assert "| File | Inclusion | Accessibility | Readability | Language | Representation | Equity | Findings |" in text
    assert "### Top findings" in text and "### Images and text alternatives" in text
    assert "### Reading level" in text and "### People featured" in text
    for path, f in findings[:5]:
        assert f"{path}:{f['line']}:{f['column']}" in text
    table: list[int] = []
    for line in [*text.splitlines(), ""]:  # every row of a table has as many cells as its header
        if line.startswith("|"):
            table.append(len(re.findall(r"(?<!\\)\|", line)))
        elif table:
            assert len(set(table)) == 1, table
            table = []


def test_markdown_renders_unknown_blocks_generically():
    from auditor.reporters.markdown import _block, cell

    lines = _block("newthing", [("a.md", {"count": 2, "mean": 0.5, "nested": {"x": 1}})], {"count": 2})
    assert lines[0] == "### Newthing" and "| File | count | mean |" in lines
    assert "| a.md | 2 | 0.5 |" in lines
    assert cell("a|b\nc") == "a\\|b c" and cell(None) == "–" and cell(True) == "yes"
    images = _block("images", [("a.md", {"total": 3, "coverage": 0.6667})], {"coverage": 0.5})
    assert "| a.md | 3 | 67% |" in images and images[-2] == "**All files:** coverage 50%"


def _sarif(reports):
    return json.loads(reports["sarif"].stdout)


def test_sarif_matches_what_github_code_scanning_reads(reports, findings):
    log = _sarif(reports)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and "S001" in ids
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == len(findings)
    for result, (path, f) in zip(results, findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f["rule"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": path, "uriBaseId": "%SRCROOT%"}  # repository-relative
        region = location["region"]
        assert region["startLine"] == f["line"] >= 1 and region["startColumn"] == f["column"] >= 1
        assert region["endLine"] == f["end_line"] and region["endColumn"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}:\d+", result["partialFingerprints"]["primaryLocationLineHash"])
    assert "security-severity" not in reports["sarif"].stdout


def test_sarif_validates_against_the_official_schema(reports):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_sarif(reports)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    broken = _sarif(reports)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(broken)  # the check really checks


def test_sarif_reports_unreadable_files(tmp_path):
    (tmp_path / "ok.md").write_text("# Light\n\nPlants need light.\n")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02PNG\x00")
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "sarif"])
    assert result.exit_code == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("looks like a binary file")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_and_clean_stdout(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run(str(SAMPLES / "weather-3-5.html"), "--format", fmt, "-o", str(out))
    assert result.stdout == "" and out.read_text(encoding="utf-8")


def test_statistics(findings):
    text = run(str(SAMPLES), "--statistics").stdout
    counts = {}
    for _, f in findings:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    listed: dict[str, int] = {}  # a rule whose findings differ in severity has a line per severity
    for n, rule in re.findall(r"^\s*(\d+)  (\S+)  ", text, re.MULTILINE):
        listed[rule] = listed.get(rule, 0) + int(n)
    assert listed == counts, text
    assert text.strip().endswith(f"Found {len(findings)} findings.")
    data = json.loads(run(str(SAMPLES), "--statistics", "--format", "json").stdout)
    summed: dict[str, int] = {}
    for d in data:
        summed[d["rule"]] = summed.get(d["rule"], 0) + d["count"]
    assert summed == counts


def test_statistics_of_nothing():
    text, data = io.StringIO(), io.StringIO()
    statistics.write([], {}, text)
    statistics.write_json([], {}, data)
    assert text.getvalue() == "Found 0 findings.\n" and data.getvalue() == "[]\n"


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path):
    from auditor.reporters.sarif import artifact_location, repo_root

    (tmp_path / ".git").mkdir()
    (tmp_path / "unit one").mkdir()
    nested = tmp_path / "unit one" / "lesson.md"
    nested.write_text("x")
    assert repo_root(tmp_path / "unit one") == tmp_path
    assert artifact_location(str(nested), tmp_path) == {"uri": "unit%20one/lesson.md", "uriBaseId": "%SRCROOT%"}
    outside = artifact_location("/elsewhere/a.md", tmp_path)
    assert outside == {"uri": "file:///elsewhere/a.md"}


def test_gitlab_paths_are_relative_to_the_repository_root_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "units" / "one").mkdir(parents=True)
    (tmp_path / "units" / "one" / "lesson.txt").write_text("Every fireman helped. " * 3, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "units")
    issues = json.loads(run("one", "--format", "gitlab").stdout)
    assert issues and {i["location"]["path"] for i in issues} == {"units/one/lesson.txt"}
