"""The terminal report, writer-first: the summary leads, repeated findings of a rule are grouped, --quiet,
wrapping to the width, --color with NO_COLOR and FORCE_COLOR, failed gates named on stderr, did-you-mean."""
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.locations import Span
from auditor.reporters.digest import by_rule, fix_first, level
from auditor.results import Finding

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CELLS = str(SAMPLES / "cells-6-8.html")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
IMAGES = ('<html lang="en"><head><title>Cells</title></head><body><h1>Cells</h1><p>Look at the pictures.</p>'
          + "".join(f'\n<img src="cell-{i}.png">' for i in range(5)) + "</body></html>")


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, [*args], env=env, input=input, catch_exceptions=False)


def _finding(rule, severity, line=1):
    return Finding(rule, rule.lower(), "language", severity, "a.md", Span(line, 1, line, 2), "x", "m", None, ())


def test_ranking_is_worst_severity_then_most_places_then_id():
    findings = [_finding("L101", "warning", 1), _finding("L101", "warning", 2), _finding("A101", "error"),
                _finding("P101", "info"), _finding("P101", "info"), _finding("P101", "info"),
                _finding("L102", "warning"), _finding("A103", "warning", 3), _finding("A103", "warning", 4)]
    assert [rule for rule, _ in by_rule(findings)] == ["A101", "A103", "L101", "L102", "P101"]
    assert [rule for rule, _ in fix_first(findings)] == ["A101", "A103", "L101"]  # info never comes first
    assert [level(v) for v in (None, 59.9, 60, 84.9, 85)] == ["none", "low", "fair", "fair", "good"]


def test_summary_leads_then_details_then_a_recap():
    out = run(CELLS).stdout
    assert out.startswith("Inclusion score 80.6 (fair)\n")
    fix = out.index("What to fix first")
    details = out.index("samples/cells-6-8.html")
    assert fix < details < out.index("Accessibility (4)") < out.rindex("Summary: 1 file audited")
    first = out[fix:details].splitlines()[1:4]
    assert [re.search(r"\((\w\d{3}) ", line).group(1) for line in first] == ["A101", "L101", "R103"]
    assert "1 place (A101 image-alt-missing)" in first[0]


def test_repeated_findings_of_a_rule_are_one_line_with_count_and_places(tmp_path):
    page = tmp_path / "cells.html"
    page.write_text(IMAGES)
    out = run(str(page), "--select", "A101", env={"COLUMNS": "300"}).stdout
    assert out.count("A101") == 2  # fix first, the group, nothing else
    places = ", ".join(f'{i + 2} “<img src="cell-{i}.png">”' for i in range(5))
    assert f"\n    error   A101  Image has no text alternative: 5 places, on lines {places}\n" in out
    assert out.count("→ Describe what the image shows") == 1  # the same suggestion, once


def test_different_suggestions_in_a_group_are_each_shown_with_their_words():
    out = run(CELLS, "--select", "L101").stdout
    assert "2 places, on lines 19 “mankind”, 29 “man-made”" in " ".join(out.split())
    assert "→ “mankind”: Try \"humankind\"" in out and "→ “man-made”: Try \"human-made\"" in out
    hard = " ".join(run(CELLS, "--select", "R103").stdout.split())
    assert "Sentence far above the grade band: 2 places, on lines 29, 58 → line 29: Replace ‘microorganisms’" in hard
    assert "→ line 58: Replace ‘mitochondria’ with everyday words" in hard  # no suggestion: its message is the advice


def test_quiet_is_the_summary_and_errors_only(tmp_path):
    (tmp_path / "bin.html").write_bytes(b"\x00\x01PNG\x00")
    full = run(CELLS, str(tmp_path / "bin.html")).stdout
    quiet = run(CELLS, str(tmp_path / "bin.html"), "-q").stdout
    assert full.startswith(quiet.split("\nerror: ")[0])  # the same summary
    assert "What to fix first" in quiet and "error: " in quiet and "bin.html" in quiet
    assert "Accessibility (4)" not in quiet and "line 42" not in quiet and "Summary:" not in quiet
    assert len(quiet.splitlines()) < 15


def test_wraps_to_the_terminal_width():
    for columns in (60, 100):
        lines = run(CELLS, env={"COLUMNS": str(columns)}).stdout.splitlines()
        assert max(len(line) for line in lines) <= columns
        assert max(len(line) for line in lines) > columns - 15  # it uses the room it has
        assert all(line == line.rstrip() for line in lines)
    wrapped = run(CELLS, env={"COLUMNS": "60"}).stdout
    assert "\n             reader" in wrapped or "\n             students" in wrapped  # continuation lines hang


@pytest.mark.parametrize("args,env,coloured", [
    ((), {}, False),  # not a terminal
    (("--color", "always"), {}, True),
    (("--color", "always"), {"NO_COLOR": "1"}, True),  # the option is final
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ((), {"FORCE_COLOR": "1"}, True),
    ((), {"FORCE_COLOR": ""}, False),  # set but empty: not set
    ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
    (("--colour", "auto"), {"FORCE_COLOR": "1"}, True),
])
def test_color(args, env, coloured):
    out = run(CELLS, *args, env={"NO_COLOR": None, "FORCE_COLOR": None, **env}).stdout
    assert bool(ANSI.search(out)) is coloured
    assert ANSI.sub("", out) == run(CELLS, "--color", "never").stdout  # colour changes nothing else


def test_color_never_reaches_files_or_machine_formats(tmp_path):
    report = tmp_path / "report.txt"
    run(CELLS, "--color", "always", "-o", str(report))
    assert not ANSI.search(report.read_text())
    assert not ANSI.search(run(CELLS, "--color", "always", "--format", "json").stdout)


def test_every_failing_gate_is_named_on_stderr(tmp_path):
    result = run(CELLS, "--fail-on", "never", "--fail-under", "85")
    assert result.exit_code == 1
    assert result.stderr == "ssec-audit: check failed: inclusion score 80.6 is below --fail-under 85\n"
    result = run(CELLS, "--fail-on", "warning", "--fail-under", "readability=99", "--fail-under", "70")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ssec-audit: check failed: 11 findings at or above --fail-on warning",
        "ssec-audit: check failed: readability score 95.5 is below --fail-under readability=99"]
    default = run(CELLS)
    assert default.exit_code == 1
    assert default.stderr == "ssec-audit: check failed: 1 finding at or above --fail-on error (the default)\n"
    config = tmp_path / "strict.toml"
    config.write_text('fail-on = "never"\nfail-under = { language = 90 }\n')
    result = run(CELLS, "--config", str(config))
    assert result.exit_code == 1
    assert result.stderr.startswith("ssec-audit: check failed: language score 85 is below --fail-under "
                                    "language=90 (set in ")
    assert result.stderr.endswith("strict.toml)\n")
    passing = run(CELLS, "--fail-on", "never", "--fail-under", "70")
    assert passing.exit_code == 0 and passing.stderr == ""
    assert run(CELLS, "--exit-zero").stderr == ""  # nothing fails, so nothing to explain


@pytest.mark.parametrize("typo,meant", [("chek", "check"), ("rulse", "rule"), ("confg", "config")])
def test_a_mistyped_command_gets_a_did_you_mean(tmp_path, monkeypatch, typo, meant):
    monkeypatch.chdir(tmp_path)
    result = run(typo)
    assert result.exit_code == 2
    assert result.stderr == (f"ssec-audit: error: '{typo}' is not a command, file or folder (did you mean "
                             f"`ssec-audit {meant}`?)\n")


def test_a_folder_with_a_command_like_name_is_still_audited(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chek").mkdir()
    (tmp_path / "chek" / "a.md").write_text("# Light\n\nPlants need light.\n")
    assert run("chek").exit_code == 0
    assert "no such file" in run("missing.md").stderr  # a path is never taken for a command


@pytest.mark.parametrize("typo,meant", [("L1O1", "L101"), ("l1o2", "L102"), ("image-alt-mising", "image-alt-missing")])
def test_a_mistyped_rule_gets_a_did_you_mean(typo, meant):
    result = run("rule", typo)
    assert result.exit_code == 2
    assert f"unknown rule '{typo}' (did you mean `ssec-audit rule {meant}`?)" in result.stderr


def test_an_empty_file_is_shown_with_its_note_and_no_praise(tmp_path):
    (tmp_path / "empty.md").write_text("")
    result = run(str(tmp_path / "empty.md"))
    assert result.exit_code == 0 and result.stderr == ""
    assert "empty.md  (markdown)\n  note: file is empty: nothing to audit\n" in result.stdout
    assert "No findings" not in result.stdout  # nothing was audited, so nothing to praise
    assert result.stdout.startswith("Inclusion score not scored\n")
