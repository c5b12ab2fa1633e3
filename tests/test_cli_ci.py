"""The command line in CI: exit codes everywhere, clean stdout, pipes, rule documentation."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import command
from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CLEAN = '<html lang="en"><title>Light</title><p>Plants need light to grow.</p></html>'


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_exit_codes_zero_one_two(tmp_path):
    clean = tmp_path / "clean.html"
    clean.write_text(CLEAN)
    assert invoke(str(clean), "--fail-on", "warning").exit_code == 0
    assert invoke(str(SAMPLES)).exit_code == 1
    assert invoke(str(SAMPLES), "--exit-zero").exit_code == 0
    assert invoke(str(SAMPLES), "--format", "nope").exit_code == 2
    assert invoke(str(SAMPLES), "--no-such-option").exit_code == 2
    assert invoke(str(tmp_path / "missing.md"), "--exit-zero").exit_code == 2  # --exit-zero never hides errors
    assert invoke(str(SAMPLES), "--baseline", "a", "--write-baseline", "b").exit_code == 2
    assert invoke(str(SAMPLES), "--config", str(tmp_path / "none.toml")).exit_code == 2
    assert invoke(str(SAMPLES), "--config", "x.toml", "--isolated").exit_code == 2
    assert invoke("config", "--config", str(tmp_path / "none.toml")).exit_code == 2


def test_select_ignore_extend_select_on_the_command_line():
    out = json.loads(invoke(str(SAMPLES), "--format", "json", "--select", "language,A101").stdout)
    rules = {f["rule"] for file in out["files"] for f in file["findings"]}
    assert rules and rules <= {"A101"} | {r for r in rules if r.startswith("L")}
    out = json.loads(invoke(str(SAMPLES), "--format", "json", "--select", "A101", "--extend-select", "L101",
                            "--ignore", "A101").output)
    assert {f["rule"] for file in out["files"] for f in file["findings"]} == {"L101"}
    bad = invoke(str(SAMPLES), "--ignore", "languag")
    assert bad.exit_code == 2 and "did you mean 'language'" in bad.output


def test_status_goes_to_stderr_never_stdout(tmp_path):
    base = tmp_path / "b.json"
    result = invoke(str(SAMPLES), "--format", "json", "--write-baseline", str(base))
    assert result.stdout == "" and "wrote" in result.stderr
    result = invoke(str(SAMPLES), "--format", "json", "--baseline", str(base))
    json.loads(result.stdout)  # nothing but the report
    assert "baseline" in result.stderr


def test_broken_pipe_is_quiet(tmp_path):
    """A real pipe whose reader has gone (`ssec-audit ... | head`): no traceback, and the real exit status.
    The reader here leaves at once, so the report is always written into a closed pipe. One short file and the
    blank pipeline keep the run to the start-up time."""
    (tmp_path / "unit.txt").write_text("The history of mankind is long.\n")
    shell = (f'"{sys.executable}" -m auditor unit.txt --format concise --fail-on warning --model blank --isolated '
             "--no-progress | true")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 1, done.stderr  # the finding's status, not a crash's
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_the_command_ends_with_its_output_complete_and_its_status(tmp_path):
    """``ssec-audit`` ends the process without tearing the interpreter down (``run``): what it printed must
    still all arrive, with the status a normal exit would give."""
    (tmp_path / "unit.txt").write_text("The history of mankind is long.\n" * 50)
    args = [sys.executable, "-m", "auditor", "unit.txt", "--format", "json", "--model", "blank", "--isolated"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["findings"]  # every byte of the report, parsed whole
    done = subprocess.run([*args, "--fail-on", "warning"], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 1 and "check failed" in done.stderr
    done = subprocess.run([*args[:3], "missing.txt"], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 2 and done.stderr.count("\n") == 1


class _Ended(Exception):
    pass


def test_run_ends_at_once_only_when_nothing_is_left_to_do(monkeypatch):
    ended = []

    def os_exit(code):
        ended.append(code)
        raise _Ended

    def main_exiting(code):
        def fake():
            raise SystemExit(code)
        return fake

    saved = []
    monkeypatch.setattr("auditor.command.os._exit", os_exit)
    monkeypatch.setattr("auditor.regex_cache.install", lambda: False)  # (it is for whole processes, not a test's)
    monkeypatch.setattr("auditor.regex_cache.save", lambda: saved.append(True))
    monkeypatch.setattr("auditor.command._nothing_left_to_do", lambda: True)
    monkeypatch.setattr("auditor.cli.main", main_exiting(1))
    with pytest.raises(_Ended):
        command.run()
    assert ended == [1]
    monkeypatch.setattr("auditor.cli.main", main_exiting(None))
    with pytest.raises(_Ended):
        command.run()
    assert ended == [1, 0]
    monkeypatch.setattr("auditor.cli.main", main_exiting("a message"))  # Python prints it: the normal exit
    with pytest.raises(SystemExit, match="a message"):
        command.run()
    monkeypatch.setattr("auditor.command._nothing_left_to_do", lambda: False)  # a worker or a thread still running
    monkeypatch.setattr("auditor.cli.main", main_exiting(2))
    with pytest.raises(SystemExit) as raised:
        command.run()
    assert raised.value.code == 2 and ended == [1, 0]
    assert len(saved) == 4  # compiled patterns are kept however the run ends


def test_nothing_is_left_to_do_unless_a_thread_or_a_worker_still_runs():
    code = """if True:
        import multiprocessing, threading, time
        from auditor.command import _nothing_left_to_do
        print(_nothing_left_to_do())
        ticking = threading.Thread(target=time.sleep, args=(0.5,))
        ticking.start()
        print(_nothing_left_to_do())
        ticking.join()
        worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(0.5,))
        worker.start()
        print(_nothing_left_to_do())
        worker.join()
        print(_nothing_left_to_do())
    """
    done = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split() == ["True", "False", "False", "True"], done.stderr


def test_progress_only_on_a_terminal(tmp_path, monkeypatch):
    for name in "abcd":  # progress is shown for more than three inputs
        (tmp_path / f"{name}.txt").write_text("The history of mankind is long.\n")
    args = [str(tmp_path), "--format", "json", "--fail-on", "warning", "--jobs", "1"]
    result = invoke(*args)
    assert result.exit_code == 1
    json.loads(result.stdout)
    assert "\r" not in result.stderr and "audited" not in result.stderr
    monkeypatch.setattr("auditor.cli._stderr_is_terminal", lambda: True)
    assert "audited 4/4" in invoke(*args).stderr  # the check above can fail
    assert "audited" not in invoke(*args, "--no-progress").stderr


def test_rules_list_includes_the_engine_rule_and_rule_shows_examples():
    rules = json.loads(invoke("rules", "--format", "json").stdout)
    assert "S001" in {r["id"] for r in rules}
    text = invoke("rule", "unused-suppression").output
    assert text.startswith("S001 unused-suppression (suppression, info)")
    assert "Fires on:" in text and "Does not fire on:" in text
    text = invoke("rule", "l101").output
    assert "gendered" in text and "Fires on:" in text and "[html]" in text or "[text]" in text


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["config", "--help"]])
def test_help_exits_zero(args):
    assert invoke(*args).exit_code == 0


def test_several_reports_from_one_run(tmp_path):
    sarif, summary = tmp_path / "out.sarif", tmp_path / "summary.md"
    result = invoke(str(SAMPLES), "--format", "concise", "--report", f"sarif={sarif}",
                    "--report", f"markdown={summary}")
    assert result.exit_code == 1
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert summary.read_text().startswith("## ssec-audit inclusion report")
    assert len(result.stdout.splitlines()) == len(json.loads(sarif.read_text())["runs"][0]["results"])
    assert invoke(str(SAMPLES), "--report", "xml=a").exit_code == 2
    assert invoke(str(SAMPLES), "--report", "sarif").exit_code == 2


def test_action_and_pre_commit_files_are_valid():
    import yaml
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "args", "sarif", "python-version"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert all("shell" in s for s in steps if "run" in s)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "ssec-audit" and hooks[0]["entry"].startswith("ssec-audit")
    assert set(hooks[0]["types_or"]) == {"html", "markdown", "text"}


def test_action_pins_third_party_actions_by_commit():
    import yaml

    steps = yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_action_keeps_annotations_within_githubs_limit_and_counts_the_rest(tmp_path):
    import yaml

    steps = yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
    script = next(s["run"] for s in steps if s.get("id") == "audit")
    code = script.split("<<'PY'\n", 1)[1].split("\nPY", 1)[0]
    annotations = tmp_path / "a.txt"
    annotations.write_text("".join(f"::warning file=a.md,line={i}::w{i}\n" for i in range(14))
                           + "::error file=a.md,line=1::e\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, "-c", code, str(annotations), "10"], capture_output=True, text=True,
                          env={"GITHUB_STEP_SUMMARY": str(summary)}, check=True)
    assert done.stdout.splitlines() == [f"::warning file=a.md,line={i}::w{i}" for i in range(10)] + [
        "::error file=a.md,line=1::e"]
    assert "4 more findings than GitHub shows as annotations (4 warning)" in summary.read_text()
