"""Baselines (fingerprints that survive moved lines) and --diff-against (only changed lines)."""
import json
import subprocess
from collections import Counter
from dataclasses import replace
from shutil import which

import pytest
from auditkit import audit_text
from click.testing import CliRunner

from auditor.baseline import changed_only, new_only, parse_diff
from auditor.cli import main
from auditor.results import FileError

UNIT = "# Forces\n\nThe history of mankind is long.\n\nMan-made machines help us.\n"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def prints(report):
    return {f.rule + " " + f.text: f.fingerprint for f in report.findings}


def test_fingerprints_ignore_line_numbers_but_not_text():
    before = audit_text(UNIT, "markdown")
    moved = audit_text("# Forces\n\nA new first paragraph.\n\nAnother one.\n\n" + UNIT[len("# Forces\n\n"):], "markdown")
    assert prints(before) and prints(before) == {k: v for k, v in prints(moved).items() if k in prints(before)}
    assert [f.span.line for f in before.findings] != [f.span.line for f in moved.findings]
    edited = audit_text(UNIT.replace("is long", "is very long and old"), "markdown")
    assert prints(edited)["L101 mankind"] != prints(before)["L101 mankind"]  # its context changed
    assert prints(edited)["L101 Man-made"] == prints(before)["L101 Man-made"]


def test_identical_findings_get_distinct_fingerprints():
    report = audit_text("mankind mankind\n\nmankind mankind\n", "text", select=("L101",))
    fps = [f.fingerprint for f in report.findings]
    assert len(fps) == 4 and len(set(fps)) == 4


def test_write_baseline_then_only_new_findings(tmp_path):
    unit = tmp_path / "unit.md"
    unit.write_text(UNIT)
    base = tmp_path / "baseline.json"
    written = run(str(unit), "--write-baseline", str(base))
    assert written.exit_code == 0 and "wrote" in written.stderr and written.stdout == ""
    data = json.loads(base.read_text())
    assert data["schema"] == "ssec-audit/baseline/v1" and len(data["findings"]) >= 2

    assert run(str(unit), "--baseline", str(base), "--format", "concise").stdout == ""
    assert run(str(unit), "--baseline", str(base), "--fail-on", "info").exit_code == 0

    unit.write_text("# Forces\n\nIntro.\n\n" + UNIT[len("# Forces\n\n"):] + "\nOur forefathers built it.\n")
    result = run(str(unit), "--baseline", str(base), "--format", "concise", "--fail-on", "warning")
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines()] == ["L101"]
    assert "forefathers" in result.stdout.lower() and "1 new" in result.stderr

    unit.write_text("# Forces\n\nThe history of humankind is long.\n\nMan-made machines help us.\n")
    result = run(str(unit), "--baseline", str(base), "--format", "json")
    assert json.loads(result.stdout)["summary"]["findings"]["warning"] == 0
    assert "1 baseline entry no longer found" in result.stderr


def test_filters_keep_file_errors_and_say_what_they_hid():
    report = audit_text(UNIT, "markdown")
    other = replace(report, path="other.md", findings=[replace(f, path="other.md") for f in report.findings])
    error = FileError("empty.md", "file is empty")
    first = report.findings[0]
    accepted = Counter({first.fingerprint: 1, "gone:1": 2})
    kept, line = new_only([report, error, other], accepted, "b.json")
    assert kept[1] is error and kept[2] == other
    assert kept[0].findings == report.findings[1:]
    assert line == (f"baseline b.json: 1 known finding hidden, {2 * len(report.findings) - 1} new; 2 baseline "
                    "entries no longer found (fixed or changed; refresh with --write-baseline b.json)")
    assert accepted == Counter({first.fingerprint: 1, "gone:1": 2})  # the caller's baseline is left as it was

    kept, line = changed_only([report, error, other], lambda f: f.path == "other.md", "main")
    assert kept[0].findings == [] and kept[1] is error and kept[2] == other
    assert line == f"--diff-against main: {len(report.findings)} of {2 * len(report.findings)} findings are on " \
                   "changed lines"


def test_baseline_errors(tmp_path):
    unit = tmp_path / "unit.md"
    unit.write_text(UNIT)
    missing = CliRunner().invoke(main, [str(unit), "--baseline", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "file not found" in missing.output
    (tmp_path / "bad.json").write_text("{}")
    bad = CliRunner().invoke(main, [str(unit), "--baseline", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "not an ssec-audit baseline" in bad.output


def test_parse_diff():
    diff = """diff --git a/a.md b/a.md
--- a/a.md
+++ b/a.md
@@ -3 +3 @@ title
-old
+new
@@ -10,0 +11,2 @@
+x
+y
@@ -20,2 +22,0 @@
-gone
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
"""
    assert parse_diff(diff) == {"a.md": {3, 11, 12}}


git = pytest.mark.skipif(which("git") is None, reason="git is not installed")


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@git
def test_diff_against_reports_only_changed_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "unit.md").write_text(UNIT)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "unit.md").write_text(UNIT + "\nOur forefathers built it.\n")
    (tmp_path / "new.md").write_text("# New\n\nMankind again.\n")  # untracked: every line is new
    result = run("unit.md", "new.md", "--diff-against", "HEAD", "--format", "concise", "--select", "L101")
    lines = result.stdout.splitlines()
    assert [line.split(":")[0:2] for line in lines] == [["unit.md", "7"], ["new.md", "3"]]  # in the order given
    assert "findings are on changed lines" in result.stderr


@git
def test_diff_against_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unit.md").write_text(UNIT)
    outside = CliRunner().invoke(main, ["unit.md", "--diff-against", "main"])
    assert outside.exit_code == 2 and "not inside a git repository" in outside.output
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    bad = CliRunner().invoke(main, ["unit.md", "--diff-against", "no-such-branch"])
    assert bad.exit_code == 2 and "no such commit, branch or tag" in bad.output
