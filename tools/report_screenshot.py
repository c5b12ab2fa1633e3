"""Regenerate docs/report-screenshot.png: the HTML report of samples/ as Chromium shows it (the top of the page).

Needs what tests/test_html_browser.py needs: node, /usr/bin/chromium (or $CHROMIUM) and
``npm install --no-save playwright-core axe-core`` in the project folder. Run: python tools/report_screenshot.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "samples.html"
        subprocess.run([sys.executable, "-m", "auditor", "samples/", "--format", "html", "--no-progress",
                        "-o", str(report)], cwd=ROOT, check=False)
        done = subprocess.run(["node", "tests/browser/check_report.mjs", str(report), "--screenshot",
                               str(ROOT / "docs" / "report-screenshot.png")], cwd=ROOT)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
