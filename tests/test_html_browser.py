"""The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium), driven by playwright-core from npm
through tests/browser/check_report.mjs. No console errors, no request leaves the file, axe-core finds no
violation (WCAG 2.0-2.2 A/AA and best practices), keyboard focus reaches the filters and the finding groups and is
visible, and a filter works from the keyboard.

Needs ``node``, Chromium and the npm packages ``playwright-core`` and ``axe-core`` in a ``node_modules`` folder
beside the project (``.ci/run`` installs them); skipped with the reason when any is missing, except in CI
(``SSEC_AUDIT_REQUIRE_BROWSER=1``), where that is an error.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "browser" / "check_report.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            return f"npm package {package} is not in {ROOT / 'node_modules'} (npm install --no-save playwright-core axe-core)"
    return None


MISSING = _missing()
if MISSING and os.environ.get("SSEC_AUDIT_REQUIRE_BROWSER"):  # set by .ci/run: CI must run these tests
    raise RuntimeError(f"SSEC_AUDIT_REQUIRE_BROWSER is set but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def check(report: Path, *extra: str) -> dict:
    done = subprocess.run(["node", str(SCRIPT), str(report), *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, "CHROMIUM": CHROMIUM})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    report = tmp_path_factory.mktemp("html") / "samples.html"
    result = CliRunner().invoke(main, [str(ROOT / "samples"), "--format", "html", "--no-progress", "-o", str(report)])
    assert result.exit_code == 1, result.output
    return check(report)


@pytest.fixture(scope="module")
def samples_json() -> dict:
    """The same run as JSON: the counts the page must show (so adding a sample does not break these tests)."""
    result = CliRunner().invoke(main, [str(ROOT / "samples"), "--format", "json", "--no-progress"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_renders_without_errors_or_network(browser, samples_json):
    assert browser["console"] == [] and browser["pageErrors"] == []
    assert browser["requests"] == []
    assert browser["title"].startswith(f"Inclusion report: {len(samples_json['files'])} units")
    assert browser["height"] > 2000


def test_axe_finds_no_violation(browser):
    assert browser["violations"] == [], json.dumps(browser["violations"], indent=1)


def test_keyboard_reaches_filters_and_groups_with_visible_focus(browser, samples_json):
    focus = browser["focus"]
    assert focus[0]["cls"] == "skip"
    ids = [f["id"] for f in focus]
    assert "f-sev-error" in ids and "f-cat-accessibility" in ids
    assert "summary" in [f["tag"] for f in focus]
    assert "button" in [f["tag"] for f in focus]  # the sortable table's headings
    assert all(f["outline"] for f in focus), [f for f in focus if not f["outline"]]
    assert browser["groupOpened"] is True
    assert browser["afterFilter"]["visibleWarnings"] == 0
    counts = samples_json["summary"]["findings"]  # by severity, run-level findings included
    shown = sum(counts.values()) - counts["warning"]
    assert browser["afterFilter"]["status"] == f"Showing {shown} of {sum(counts.values())} findings."
