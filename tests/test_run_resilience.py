"""A run survives what goes wrong in one file, and stops promptly, workers included, when CI cancels it."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from auditor import engine
from auditor.cli import main
from auditor.config import Settings
from auditor.results import FileError, FileReport

ROOT = Path(__file__).resolve().parent.parent


def test_an_unexpected_error_in_one_file_is_that_files_error(tmp_path, monkeypatch):
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("# Plants\n\nPlants need light.\n", encoding="utf-8")
    bad.write_text("# Boom\n\nThis one breaks.\n", encoding="utf-8")
    real = engine.audit_document

    def audit_document(doc, settings, rules=None):
        if doc.path.endswith("bad.md"):
            raise ValueError("a bug")
        return real(doc, settings, rules)

    monkeypatch.setattr(engine, "audit_document", audit_document)
    results = engine.audit([("path", good), ("path", bad)], Settings(jobs=1))
    assert isinstance(results[0], FileReport)
    assert isinstance(results[1], FileError) and "internal error: ValueError: a bug" in results[1].message
    result = CliRunner().invoke(main, [str(good), str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert '"path":' in result.stdout and "good.md" in result.stdout
    assert "bad.md: internal error: ValueError: a bug" in result.stderr


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_sigterm_stops_the_run_and_its_workers(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    folder = tmp_path / "cancel-me-lessons"
    folder.mkdir()
    text = "<p>" + "Plants make sugar from light, water and carbon dioxide in their leaves. " * 400 + "</p>"
    for i in range(400):  # minutes of work: the run must still be going when it is cancelled
        (folder / f"unit{i}.html").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "auditor", str(folder), "--jobs", "2", "--no-progress",
                             "--no-cache", "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env)
    deadline = time.monotonic() + 60
    while len(_processes_mentioning(str(folder))) < 3 and time.monotonic() < deadline:  # the parent and 2 workers
        time.sleep(0.1)
    time.sleep(1)  # in the middle of files
    assert proc.poll() is None, "the run ended before it could be cancelled"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)  # a pool thread once hung the exit here, and printed a traceback
    assert proc.returncode != 0
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(folder)) == []


def test_a_rule_reports_at_most_a_thousand_findings_per_file_and_says_how_many_more():
    """300,000 empty headings made 600,000 findings (52 s of fingerprinting and output): a crafted page."""
    from auditkit import audit_text

    report = audit_text('<html lang="en"><title>T</title>' + "<h2></h2>" * 1100 + "</html>", select=("A206",))
    assert len([f for f in report.findings if f.rule == "A206"]) == engine.MAX_FINDINGS_PER_RULE
    assert "A206 found 100 more problems than the 1000 reported here" in report.warnings


KILLER = """
import os, signal, sys, time
from auditor import engine
from auditor.cli import main
real = engine._worker
def worker(args):
    if str(args[0][1]).endswith("doomed.md"):
        time.sleep(1)  # while the other worker is in the middle of a file
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does
    return real(args)
engine._worker = worker
main(sys.argv[1:])
"""


def test_a_worker_that_dies_stops_the_run_with_one_line_and_no_process_left(tmp_path):
    """A worker killed mid-run (out of memory) ends the run with one line. The other worker must not outlive the
    pool: it used to inherit the parent's SIGTERM handler, so the pool's terminate() could leave it running."""
    if not sys.platform.startswith("linux"):
        return
    folder = tmp_path / "doomed-lessons"
    folder.mkdir()
    for i in range(6):
        (folder / f"unit{i}.md").write_text("# Plants\n\n" + "Plants need light and water. " * 2000, encoding="utf-8")
    # the largest file, so it is handed out first
    (folder / "doomed.md").write_text("# Doomed\n\n" + "This file's worker is killed. " * 3000, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", KILLER, str(folder), "--jobs", "2", "--no-progress",
                           "--format", "json", "--no-cache", "-o", str(tmp_path / "report.json")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "ssec-audit: error: a worker process stopped without finishing its file (killed, or out of memory?); "
        "no report was written. Try again with --jobs 1"]
    assert not (tmp_path / "report.json").exists()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(folder)) == []
