"""Time ssec-audit as a user runs it (a fresh process each time, start-up included) and print medians.

    python benchmarks/run.py                 # the OpenStax Physics corpus beside the project + one sample
    python benchmarks/run.py PATH... -n 5    # other inputs
    python benchmarks/run.py --alex /tmp/alex/node_modules/.bin/alex   # also time alex on the same files

alex (https://github.com/get-alex/alex) is a language-only linter; the project's speed target is a full
four-dimension audit no slower than alex on the same files. Install it outside the project
(``npm install alex`` in a scratch folder) and pass its executable; HTML is given to it with ``--html``.

The corpus lives in ../shared/corpus (not part of the project); the benchmark skips it when it is absent.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "corpus" / "openstax-physics" / "html", ROOT / "samples" / "cells-6-8.html"]


def words_in(path: Path) -> int:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in (".html", ".md", ".txt")]
    import re

    return sum(len(re.sub(r"<[^>]+>", " ", f.read_text(encoding="utf-8", errors="replace")).split()) for f in files)


def time_once(path: Path, extra: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "auditor", str(path), "--format", "json", "--no-progress", *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ssec-audit failed on {path}: {proc.stderr.decode()[-500:]}")
    return elapsed


def time_alex(alex: str, path: Path) -> float:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in (".html", ".md", ".txt"))
    html = [str(f) for f in files if f.suffix == ".html"]
    other = [str(f) for f in files if f.suffix != ".html"]
    start = time.perf_counter()
    for group, flags in ((html, ["--html"]), (other, [])):
        if group:
            subprocess.run([alex, *flags, *group], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("--alex", help="path to an alex executable, to time it on the same inputs")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []  # after --: options passed to ssec-audit
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    for path in args.paths or DEFAULT:
        if not path.exists():
            print(f"skip {path}: not found")
            continue
        time_once(path, extra)  # warm the file cache
        times = [time_once(path, extra) for _ in range(args.runs)]
        words = words_in(path)
        print(f"{path.name}: median {statistics.median(times):.2f} s over {args.runs} runs "
              f"(min {min(times):.2f}, max {max(times):.2f}); ~{words:,} words "
              f"-> {words / statistics.median(times):,.0f} words/s")
        if args.alex:
            alex_times = [time_alex(args.alex, path) for _ in range(args.runs)]
            print(f"{path.name}: alex median {statistics.median(alex_times):.2f} s over {args.runs} runs "
                  f"(min {min(alex_times):.2f}, max {max(alex_times):.2f})")


if __name__ == "__main__":
    main()
