"""--watch: audit again when a lesson is saved, restart when the configuration changes, stop on Ctrl-C."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import main
from auditor.watch import changed, snapshot, watch

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    """A fake ``sleep`` that makes the next change happen, and stops the watcher (Ctrl-C) when none is left."""

    def __init__(self, *changes):
        self.changes = list(changes)

    def __call__(self, seconds: float) -> None:
        if not self.changes:
            raise KeyboardInterrupt
        self.changes.pop(0)()


def _touch(path: Path, text: str):
    def change():
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new mtime even on a coarse clock
    return change


def test_a_saved_lesson_is_audited_again_and_an_unchanged_one_is_not(tmp_path):
    lesson = tmp_path / "unit.md"
    lesson.write_text("# Plants\n", encoding="utf-8")
    runs, notes = [], []
    code = watch(lambda: runs.append(lesson.read_text()), lambda: [lesson], lambda: [], notes.append,
                 sleep=Clock(lambda: None, _touch(lesson, "# Plants and light\n"), lambda: None))
    assert code == 0
    assert runs == ["# Plants\n", "# Plants and light\n"]  # the start, then the save; quiet polls run nothing
    assert notes[0] == "watching 1 file for changes (Ctrl-C stops)"
    assert notes[1].endswith(f"{lesson} changed; auditing again")
    assert notes[-1] == "stopped watching"


def test_a_new_or_deleted_lesson_counts_as_a_change(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("# A\n", encoding="utf-8")
    before = snapshot([first, second])
    second.write_text("# B\n", encoding="utf-8")
    first.unlink()
    assert changed(before, snapshot([first, second])) == [str(first), str(second)]
    assert changed(before, before) == []


def test_a_changed_configuration_restarts_the_process(tmp_path):
    lesson, config = tmp_path / "unit.md", tmp_path / ".ssec-audit.toml"
    lesson.write_text("# Plants\n", encoding="utf-8")
    config.write_text('grade-band = "6-8"\n', encoding="utf-8")
    restarts, runs = [], []
    code = watch(lambda: runs.append(1), lambda: [lesson], lambda: [config], lambda _: None,
                 sleep=Clock(_touch(config, 'grade-band = "3-5"\n')), restart=lambda: restarts.append(1))
    assert code == 0 and restarts == [1] and runs == [1]  # packs are read once per process: start afresh


def test_watch_refuses_standard_input_and_write_baseline(tmp_path):
    lesson = tmp_path / "unit.md"
    lesson.write_text("# Plants\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--watch", "-"], input="# Plants\n")
    assert result.exit_code == 2 and "--watch watches files" in result.stderr
    result = CliRunner().invoke(main, ["--watch", str(lesson), "--write-baseline", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "--watch and --write-baseline cannot be used together" in result.stderr


def _wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_command_line_watches_until_ctrl_c(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    lesson, report = tmp_path / "unit.md", tmp_path / "report.json"
    lesson.write_text("# Plants\n\nPlants need light.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "auditor", str(lesson), "--watch", "--format", "json",
                             "-o", str(report), "--no-cache", "--select", "L"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    try:
        assert _wait_for(report.exists)
        assert json.loads(report.read_text())["summary"]["findings"]["warning"] == 0
        first = report.stat().st_mtime_ns
        time.sleep(0.05)
        lesson.write_text("# Plants\n\nEvery fireman needs light.\n", encoding="utf-8")
        assert _wait_for(lambda: report.stat().st_mtime_ns != first)
        findings = json.loads(report.read_text())["files"][0]["findings"]
        assert [f["text"] for f in findings] == ["fireman"]
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    lines = err.decode().splitlines()
    assert "unit.md changed; auditing again" in lines[-3] and lines[-1] == "ssec-audit: stopped watching"
