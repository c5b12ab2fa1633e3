"""Time ssec-audit as a user runs it (a fresh process each time, start-up included) and print medians.

    python benchmarks/run.py                 # the OpenStax Physics corpus beside the project + one sample
    python benchmarks/run.py PATH... -n 5    # other inputs
    python benchmarks/run.py --alex /tmp/alex/node_modules/.bin/alex   # also time alex on the same files
    python benchmarks/run.py --cache         # cold and warm result cache on the same inputs
    python benchmarks/run.py --resident      # per page in a process already started (what --watch gives)
    python benchmarks/run.py --scale 10,100,1000 --jobs 2   # generated pages: time and peak memory per size
    python benchmarks/run.py --phases PATH   # where one process's CPU time goes (parse, spaCy, analyses, rules)
    python benchmarks/run.py PATH -- --select L   # after --: options passed to ssec-audit

Every timing is reported as wall-clock seconds *and* CPU seconds (user + system of the audit and its worker
processes): on a shared machine the wall clock says more about the neighbours than about us, so compare CPU
time, and say what the load average was (printed first). Each ssec-audit run below is ``--format json``; runs
that are compared (cold vs warm cache) are checked byte for byte. Child processes keep compiled bytecode (as an
installed package has it) even when PYTHONDONTWRITEBYTECODE is set, in $PYTHONPYCACHEPREFIX or a temporary
folder; the first, untimed run of each input writes it, and ``--reference FILE`` also compares the
first input's JSON with a report saved from another checkout (e.g. main before a speed change).

alex (https://github.com/get-alex/alex) is a language-only linter; the project's speed target is a full
four-dimension audit no slower than alex on the same files. Install it outside the project
(``npm install alex`` in a scratch folder) and pass its executable; HTML is given to it with ``--html``.

The corpus lives in ../shared/corpus (not part of the project); the benchmark skips it when it is absent.

Notes (issue 16):
- The machine these figures come from has 2 cores shared by several engineers running test suites: wall-clock
  times there are up to five times an idle machine's, and even CPU times move by +-10% from run to run. Compare
  CPU times, medians of 3, before and after in the same session, alternately (``--alex`` alternates too), and
  check with ``--reference`` (or ``cmp``) that the JSON did not change.
- spaCy's version matters more than anything we did: 3.8.7 and later run the parser and the name recogniser
  2-3x slower on en_core_web_sm 3.8.0 with identical output (a profile of 3.8.18 spends about 45% of the name
  recogniser's time taking and releasing the GIL inside its transition loop). Per component, on the 1,842
  physics blocks that ask for them, 3.8.6 vs 3.8.18: parser 0.48 vs 1.27 s, ner 1.78 vs 4.45 s, tok2vec the
  same. pyproject.toml holds spaCy below 3.8.7 where wheels exist (Python 3.10-3.12).
- One page, start-up included, is (CPU, quiet machine): starting Python and importing our modules (0.12 s),
  importing spaCy (0.32 s: numpy, pydantic and spaCy's schemas, thinc; its command line, srsly's YAML support
  and langcodes wait for a first call), loading the model (0.11 s: the vocabulary's norm table, the components'
  weights and configuration; the tokenizer's special cases come as texts need them, the training words'
  strings not at all, and the entry points are scanned once, not for each registry lookup), then the first
  page, which also reads the rules' data (about 0.19 s). The process then ends without tearing the interpreter
  down (that was 0.2 s). ``--resident`` measures a page in a process that has done all that, which is what
  ``--watch`` gives.
- The command keeps the engine code of the ~400 regular expressions it compiles (auditor/regex_cache.py); the
  benchmark's runs keep theirs in a folder of its own, filled by the first, untimed run, as bytecode is. For a
  single file it also times runs with that store turned off (``SSEC_AUDIT_REGEX_CACHE=off``), alternately: a
  machine's very first run, 0.15 s slower on one page, and checks that their JSON is the same.
- Timed runs do not sample memory: reading every process's /proc files 20 times a second slowed a one-page run
  by 0.2 s. ``--scale`` takes its peak memory from a run of its own.
- This machine's speed moves by up to 40% within an hour (neighbours on the host): compare before and after
  alternately, in the same minutes, as ``--alex`` does.
- With several workers, the parent audits a short primer page before it forks them (auditor/engine.py), so the
  model and data are loaded once and shared (then ``gc.freeze()``, so a worker's collector does not copy them).
  Files go to workers largest first.
- ``--phases`` shows where one process's CPU time goes. Components a dimension asks for only when it reads them
  (``Dimension.later``: the representation dimension's tags and parses) are counted as spaCy's.
- Measured and not done: joining a document's blocks into fewer, larger spaCy documents (all 8,499 physics
  blocks through the full pipeline: 34.1 s of CPU as separate documents, 36.2 s joined forty at a time, and
  tags change at block edges); one html.parser pass feeding both our scanner and BeautifulSoup (measured twice:
  relaying the events costs what the saved pass does); pausing the garbage collector while a page is read (no
  gain once the collector runs every 50,000 allocations); html5lib (slower, and quadratic on hostile input).
- ``--scale`` pages are made from the physics corpus: each is a title, a heading and eight consecutive
  paragraphs of the corpus (starting further on for each page, wrapping around) plus one sentence naming its
  number, so no two pages are the same file. Peak memory is the largest sum of the proportional set sizes
  (PSS: a page shared by several processes is split between them) of the audit process and its workers,
  sampled every 50 ms; summing resident sizes would count the pages forked workers share with the parent
  two and three times.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHYSICS = ROOT.parent / "shared" / "corpus" / "openstax-physics" / "html"
DEFAULT = [PHYSICS, ROOT / "samples" / "cells-6-8.html"]
SUFFIXES = (".html", ".md", ".txt")
# Children compile and keep bytecode as an installed package does (pip compiles it at install time), even where
# PYTHONDONTWRITEBYTECODE is set, in a folder of their own rather than the checkout.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "ssec-audit-bench-pycache"))
# Likewise the command's compiled regular expressions (auditor/regex_cache.py), in a folder of the benchmark's.
ENV.setdefault("SSEC_AUDIT_REGEX_CACHE", str(Path(tempfile.gettempdir()) / "ssec-audit-bench-regex"))
#: A machine's very first run: no compiled patterns kept yet.
FIRST_RUN = {**ENV, "SSEC_AUDIT_REGEX_CACHE": "off"}


def words_in(path: Path) -> int:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in SUFFIXES]
    return sum(len(re.sub(r"<[^>]+>", " ", f.read_text(encoding="utf-8", errors="replace")).split()) for f in files)


class Run:
    """One timed child process: wall seconds, CPU seconds (its own and its children's) and, with ``memory``, peak
    memory. Sampling memory slows the process it measures (reading every process's /proc files 20 times a second
    on the other core: a one-page run took 0.2 s longer), so runs that are timed do not sample it."""

    def __init__(self, argv: list[str], cwd: Path = ROOT, memory: bool = False, env: dict[str, str] = ENV) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.peak_kb = 0
        sampler = threading.Thread(target=self._sample, args=(proc,), daemon=True)
        if memory:
            sampler.start()
        self.stdout, self.stderr = proc.communicate()
        self.wall = time.perf_counter() - start
        if memory:
            sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        self.returncode = proc.returncode

    def _sample(self, proc: subprocess.Popen) -> None:
        while proc.poll() is None:
            self.peak_kb = max(self.peak_kb, tree_rss_kb(proc.pid))
            time.sleep(0.05)


def tree_rss_kb(root: int) -> int:
    """Memory of a process and all its descendants: the sum of their proportional set sizes (resident sizes
    where the kernel has no smaps_rollup; Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    total = 0
    for pid in tree:  # proportional set size: a page shared by the parent and its forked workers counts once
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup")
            fields = ("Pss:",) if rollup.exists() else ("VmRSS:",)
            text = rollup.read_text() if rollup.exists() else Path(f"/proc/{pid}/status").read_text()
            total += sum(int(line.split()[1]) for line in text.splitlines() if line.startswith(fields))
        except (OSError, ValueError):
            continue
    return total


def audit(path: Path, extra: list[str], memory: bool = False, env: dict[str, str] = ENV) -> Run:
    run = Run([sys.executable, "-m", "auditor", str(path), "--format", "json", "--no-progress", *extra],
              memory=memory, env=env)
    if run.returncode not in (0, 1):
        raise SystemExit(f"ssec-audit failed on {path}: {run.stderr.decode()[-500:]}")
    return run


def medians(runs: list[Run]) -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return f"wall {wall:.2f} s, CPU {cpu:.2f} s (median of {len(runs)}; wall min {min(r.wall for r in runs):.2f})"


def time_alex(alex: str, path: Path) -> Run:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
    html_files = [str(f) for f in files if f.suffix == ".html"]
    other = [str(f) for f in files if f.suffix != ".html"]
    runs = [Run([alex, *flags, *group]) for group, flags in ((html_files, ["--html"]), (other, [])) if group]
    total = runs[0]
    for more in runs[1:]:
        total.wall += more.wall
        total.cpu += more.cpu
    return total


def bench_inputs(paths: list[Path], n: int, extra: list[str], alex: str | None, reference: Path | None) -> None:
    for path in paths:
        if not path.exists():
            print(f"skip {path}: not found")
            continue
        first = audit(path, ["--no-cache", *extra])  # also warms the file system cache
        if reference is not None and path == paths[0]:
            same = first.stdout == reference.read_bytes()
            print(f"{path.name}: JSON {'byte-identical to' if same else 'DIFFERS from'} {reference}")
        runs: list[Run] = []
        alex_runs: list[Run] = []
        first_runs: list[Run] = []
        for _ in range(n):  # alternately, so that a busy neighbour slows both alike
            runs.append(audit(path, ["--no-cache", *extra]))
            if alex:
                alex_runs.append(time_alex(alex, path))
            if path.is_file():
                first_runs.append(audit(path, ["--no-cache", *extra], env=FIRST_RUN))
                if first_runs[-1].stdout != first.stdout:
                    raise SystemExit(f"{path}: the JSON differs without the compiled-pattern store")
        words = words_in(path)
        cpu = statistics.median(r.cpu for r in runs)
        print(f"{path.name}: ssec-audit {medians(runs)}; ~{words:,} words -> {words / cpu:,.0f} words per CPU s")
        if first_runs:
            print(f"{path.name}: ssec-audit, no compiled patterns kept yet (a machine's first run) "
                  f"{medians(first_runs)}")
        if alex:
            ratio = statistics.median(r.wall for r in runs) / statistics.median(r.wall for r in alex_runs)
            ratio_cpu = cpu / statistics.median(r.cpu for r in alex_runs)
            print(f"{path.name}: alex {medians(alex_runs)}; ssec-audit / alex = {ratio:.2f} (wall), "
                  f"{ratio_cpu:.2f} (CPU)")


def bench_cache(paths: list[Path], n: int, extra: list[str]) -> None:
    for path in paths:
        if not path.exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder = ["--cache-dir", str(Path(tmp) / "cache")]
            cold_runs, warm_runs = [], []
            for _ in range(n):
                shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
                cold_runs.append(audit(path, [*folder, *extra]))
                warm_runs.append(audit(path, [*folder, *extra]))
            same = all(r.stdout == cold_runs[0].stdout for r in cold_runs + warm_runs)
            ratio = statistics.median(r.cpu for r in warm_runs) / statistics.median(r.cpu for r in cold_runs)
            ratio_wall = statistics.median(r.wall for r in warm_runs) / statistics.median(r.wall for r in cold_runs)
            print(f"{path.name}: cache cold {medians(cold_runs)}")
            print(f"{path.name}: cache warm {medians(warm_runs)}; warm / cold = {ratio:.3f} (CPU), "
                  f"{ratio_wall:.3f} (wall); JSON cold vs warm {'byte-identical' if same else 'DIFFERENT'}")


RESIDENT = """
import statistics, sys, time
from pathlib import Path
from auditor.config import Settings
from auditor.engine import audit_document
from auditor.loaders import load
from auditor.sources import read_source
path = Path(sys.argv[1])
audit_document(load(read_source(path)), Settings())  # start-up: imports, model, data
cpu = []
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    audit_document(load(read_source(path)), Settings())
    cpu.append(time.process_time() - start)
print(statistics.median(cpu))
"""


def bench_resident(path: Path, n: int) -> None:
    run = Run([sys.executable, "-c", RESIDENT, str(path), str(max(n, 3))])
    if run.returncode != 0:
        raise SystemExit(run.stderr.decode()[-500:])
    print(f"{path.name}: resident process (what --watch gives): "
          f"{float(run.stdout):.3f} CPU s per page after start-up")


PHASES = """
import gc, sys, time
from collections import defaultdict
from pathlib import Path
from auditor import context, engine, nlp
from auditor.cli import GC_THRESHOLD
from auditor.config import Settings
gc.set_threshold(*GC_THRESHOLD)  # as a real run has it
spent = defaultdict(float)
stack = []  # [start, time spent in nested timed calls]: each phase is counted without the phases inside it
def timed(real, label):
    def wrapper(*args, **kwargs):
        stack.append([time.process_time(), 0.0])
        try:
            return real(*args, **kwargs)
        finally:
            began, nested = stack.pop()
            took = time.process_time() - began
            spent[label(*args) if callable(label) else label] += took - nested
            if stack:
                stack[-1][1] += took
    return wrapper
engine.load = timed(engine.load, "parse the file (our scanner, then BeautifulSoup)")
SPACY = "spaCy: tokens, sentences, and the components blocks ask for (at once, or later)"
nlp.Pipeline.annotate = timed(nlp.Pipeline.annotate, SPACY)
nlp.Pipeline.complete = timed(nlp.Pipeline.complete, SPACY)  # components an analysis asks for when it needs them
analysis = timed(context.Context.analysis, lambda self, category: "analysis: " + category)
context.Context.analysis = lambda self, category: (self._analyses[category] if category in self._analyses
                                                   else analysis(self, category))
path = Path(sys.argv[1])
files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in (".html", ".md", ".txt"))
engine._audit_one(("path", files[0]), Settings())  # start-up (imports, model, data) is not counted
spent.clear()
start = time.process_time()
for f in files:
    engine._audit_one(("path", f), Settings())
total = time.process_time() - start
spent["the rules themselves, findings and scores"] = total - sum(spent.values())
print(f"{len(files)} files: {total:.2f} CPU s in one process, after start-up and one untimed file")
for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
    print(f"  {seconds:7.2f} s  {100 * seconds / total:3.0f}%  {label}")
"""


def bench_phases(path: Path) -> None:
    run = Run([sys.executable, "-c", PHASES, str(path)])
    if run.returncode != 0:
        raise SystemExit(run.stderr.decode()[-500:])
    print(run.stdout.decode().rstrip())


def make_pages(folder: Path, count: int) -> int:
    """``count`` generated HTML pages (see the notes above); returns their total words."""
    paragraphs = []
    for page in sorted(PHYSICS.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        paragraphs += re.findall(r"<p\b[^>]*>.*?</p>", text, flags=re.S)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        start = (k * 7) % len(paragraphs)
        body = [paragraphs[(start + i) % len(paragraphs)] for i in range(8)]
        page = (f'<!doctype html>\n<html lang="en"><head><title>Physics page {k + 1}</title></head><body><main>\n'
                f"<h1>Physics page {k + 1}</h1>\n" + "\n".join(body)
                + f"\n<p>This is generated page number {k + 1} of {count}, {html.escape(str(start))}.</p>\n"
                "</main></body></html>\n")
        (folder / f"page-{k + 1:04d}.html").write_text(page, encoding="utf-8")
    return words_in(folder)


def bench_scale(sizes: list[int], n: int, extra: list[str]) -> None:
    if not PHYSICS.exists():
        print(f"skip --scale: {PHYSICS} not found")
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"pages-{size}"
            words = make_pages(folder, size)
            runs = [audit(folder, ["--no-cache", *extra]) for _ in range(n if size <= 100 else 1)]
            peak = audit(folder, ["--no-cache", *extra], memory=True).peak_kb / 1024  # (a run of its own)
            cpu = statistics.median(r.cpu for r in runs)
            rows.append((size, words, statistics.median(r.wall for r in runs), cpu, peak, len(runs)))
    print("pages  words      wall s   CPU s   CPU ms/page  peak MB (PSS, all processes)  runs")
    for size, words, wall, cpu, peak, count in rows:
        print(f"{size:>5}  {words:>9,}  {wall:>7.1f}  {cpu:>6.1f}  {1000 * cpu / size:>11.0f}  {peak:>28.0f}  "
              f"{count:>4}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument("--alex", help="path to an alex executable, to time it on the same inputs")
    parser.add_argument("--cache", action="store_true", help="time cold and warm result-cache runs")
    parser.add_argument("--resident", action="store_true", help="per-page time in a process already started")
    parser.add_argument("--phases", action="store_true", help="where one process's CPU time goes, by phase")
    parser.add_argument("--scale", help="comma-separated page counts, e.g. 10,100,1000")
    parser.add_argument("--jobs", type=int, help="--jobs for ssec-audit")
    parser.add_argument("--reference", type=Path, help="JSON report of the first input, to compare byte for byte")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []  # after --: options passed to ssec-audit
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    if args.jobs:
        extra = ["--jobs", str(args.jobs), *extra]
    paths = args.paths or DEFAULT
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}")
    if args.scale:
        bench_scale([int(s) for s in args.scale.split(",")], args.runs, extra)
        return
    if args.phases:
        bench_phases(paths[0])
        return
    if args.resident:
        bench_resident(next((p for p in paths if p.is_file()), ROOT / "samples" / "cells-6-8.html"), args.runs)
        return
    if args.cache:
        bench_cache(paths, args.runs, extra)
        return
    bench_inputs(paths, args.runs, extra, args.alex, args.reference)


if __name__ == "__main__":
    main()
