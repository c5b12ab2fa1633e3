"""Time ssec-audit on the hostile inputs of issue 12: each is built in a temporary folder, audited by the command
line in a fresh process with a timeout, and reported as one row (wall and CPU seconds, peak memory, exit code,
findings).

    python benchmarks/hostile.py                    # every case at its issue size
    python benchmarks/hostile.py --scale 1,2,4      # each case at 1x, 2x and 4x: time should grow linearly
    python benchmarks/hostile.py --only prose,stars --timeout 300
    python benchmarks/hostile.py -- --model blank   # after --: options passed to ssec-audit

What a row says: ``wall`` is the clock (on a shared machine mostly the neighbours), ``CPU`` the user + system
seconds of the audit process and its workers (compare this one), ``peak RSS`` the largest resident size of the
audit or any worker (from wait4), ``exit`` the exit code (0 or 1 is a finished audit; 2 an input error, which
must come with one line on stderr; ``timeout`` when it was stopped), ``findings`` how many the JSON report
holds. No timing is asserted here or in the tests: tests/test_hostile_input.py checks the outcome of scaled-down
versions of the same cases (no traceback, the exit code, bounded findings).

Notes (issue 12):
- The cases are the ones the issue names (60,000 spaces, a run of dots, alt text ``a-a-a-...``, ``[a](``,
  ``[``, ``*a **``, 300,000 ``<h1>``) plus ``prose``, one paragraph of ordinary sentences full of names and
  pronouns (the representation and generic-"he" steps ask questions per mention and per pronoun, which used
  to read the whole paragraph each time), ``sentence``, one sentence of 200 kB without a full stop, names and
  pronouns all the way (the context read around each name), and ``cap``, a Markdown lesson just under the
  10 MB cap.
- ``prose``, ``sentence`` and ``cap`` are mostly the language model's statistical parse: their time is the
  model's, linear in the words.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "ssec-audit-bench-pycache"))
CAP = 10 * 1024 * 1024

_NAMES = ("Marie Curie", "Isaac Newton", "Dr. Ayana Lee", "Jamal", "Maria", "Tu Youyou", "Rosalind Franklin",
          "Charles Darwin", "Wangari Maathai", "Chien-Shiung Wu", "Mr. Okafor", "Priya", "Carlos Mendez")
_SENTENCES = (
    "{n} measured the length of the shadow at noon.", "A scientist records his data in a notebook.",
    "When the engineer tests the bridge, he checks every bolt.", "{n} said that the results were clear.",
    "Each student brings his notebook to the lab.", "{n}'s findings changed how we see cells.",
    "The biologist {n} studied plants for years, and she wrote about them.", "{n} and {m} have 12 apples.",
    "Later, {n} published a paper about light.", "Plants need water, light and air to grow.",
    "He thought the experiment would fail.", "{n}, a chemist, isolated the compound.",
    "If a farmer plants seeds, he waits for rain.")


def prose(size: int, start: int = 0) -> str:
    """About ``size`` characters of ordinary sentences, full of names, roles and pronouns, on one line."""
    out, total, i = [], 0, start
    while total < size:
        sentence = _SENTENCES[i % len(_SENTENCES)].format(n=_NAMES[i % len(_NAMES)],
                                                          m=_NAMES[(i * 7 + 3) % len(_NAMES)])
        out.append(sentence)
        total += len(sentence) + 1
        i += 1
    return " ".join(out)


def lesson(size: int) -> str:
    """A Markdown lesson of about ``size`` characters: headings, paragraphs of prose and a picture now and then."""
    parts, total, n = [], 0, 0
    while total < size:
        part = (f"## Part {n}\n\n" if n % 10 == 0 else "") + prose(1_500, n) + (
            f"\n\n![A plant on a windowsill, part {n}](plant.png)" if n % 7 == 0 else "") + "\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
        n += 1
    return "".join(parts)


def sentence(size: int) -> str:
    """One sentence of about ``size`` characters without a full stop: names and pronouns all the way."""
    unit = "Lee said that he saw Marie Curie and she agreed with him and Park told them that they were right and "
    return (unit * (size // len(unit) + 1))[:size] + ".\n"


#: name -> (file suffix, the input at a scale: 1 is the size the issue gives), each as the issue gives it.
CASES: dict[str, tuple[str, Callable[[float], str]]] = {
    "spaces": (".txt", lambda k: "Hello world.\n" + " " * int(60_000 * k) + "x\n"),
    "dots": (".txt", lambda k: "Once upon a time" + "." * int(60_000 * k) + " the end.\n"),
    "alt-dashes": (".html", lambda k: '<p>Hi</p><img src="a.png" alt="' + "a-" * int(30_000 * k) + '">'),
    "md-link-opens": (".md", lambda k: "[a](" * int(15_000 * k) + "\n"),
    "brackets": (".md", lambda k: "[" * int(40_000 * k) + "\n"),
    "stars": (".md", lambda k: "*a **" * int(20_000 * k) + "\n"),
    "h1": (".html", lambda k: "<h1>" * int(300_000 * k)),
    "prose": (".txt", lambda k: prose(int(1_000_000 * k)) + "\n"),
    "sentence": (".txt", lambda k: sentence(int(200_000 * k))),
    "cap": (".md", lambda k: lesson(CAP - 200_000)),  # the cap does not scale: 10 MB at every scale
}


class Result:
    """One audit in a fresh process: wall and CPU seconds, peak resident memory, exit code, findings."""

    def __init__(self, path: Path, extra: list[str], timeout: float) -> None:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "auditor", str(path), "--format", "json", "--no-cache",
                                     "--no-progress", *extra], stdout=out, stderr=err, cwd=ROOT, env=ENV,
                                    start_new_session=True)
            timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
            timer.start()
            _pid, status, usage = os.wait4(proc.pid, 0)
            timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait again
            self.wall = time.perf_counter() - start
            self.cpu = usage.ru_utime + usage.ru_stime
            self.peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
            self.timed_out = self.wall >= timeout and proc.returncode < 0
            self.exit = "timeout" if self.timed_out else str(proc.returncode)
            out.seek(0)
            err.seek(0)
            self.stderr = err.read().decode("utf-8", "replace")
            try:
                report = json.loads(out.read() or b"{}")
                self.findings = str(sum(len(f.get("findings", [])) for f in report.get("files", [])))
            except ValueError:
                self.findings = "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="1", help="comma-separated multiples of each case's size (default 1; "
                        "0.25,0.5,1 works too)")
    parser.add_argument("--only", default="", help="comma-separated case names (default: all): " + ", ".join(CASES))
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is stopped (600)")
    parser.add_argument("extra", nargs="*", help="after --: options passed to ssec-audit")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; cases: {', '.join(CASES)}")
    scales = [float(s) for s in args.scale.split(",")]
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; {os.cpu_count()} cores", flush=True)
    print(f"{'case':<14} {'scale':>5} {'size':>10} {'wall s':>8} {'CPU s':>8} {'peak RSS':>9} {'exit':>7} "
          f"{'findings':>8}", flush=True)
    with tempfile.TemporaryDirectory(prefix="ssec-hostile-") as folder:
        for name in names:
            suffix, build = CASES[name]
            for k in scales:
                path = Path(folder) / f"{name}-{k:g}{suffix}"
                path.write_text(build(k), encoding="utf-8")
                size = path.stat().st_size
                r = Result(path, args.extra, args.timeout)
                print(f"{name:<14} {k:>4g}x {size:>10,} {r.wall:>8.1f} {r.cpu:>8.1f} {r.peak_mb:>6.0f} MB "
                      f"{r.exit:>7} {r.findings:>8}", flush=True)
                lines = [line for line in r.stderr.splitlines() if line.strip()]
                if r.exit not in ("0", "1") and lines:
                    print(f"{'':<14} stderr: {lines[-1][:150]}", flush=True)
                if "Traceback" in r.stderr:
                    print(f"{'':<14} TRACEBACK on stderr", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
