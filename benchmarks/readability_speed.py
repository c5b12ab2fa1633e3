"""How fast the readability dimension and its rules analyse prose: 100,000 words, one core, model load excluded.

    python benchmarks/readability_speed.py            # OpenStax Biology/Physics Markdown + Fairy-Land text
    python benchmarks/readability_speed.py --words 50000 --model blank

Documents from ../shared/corpus (not part of the project) are loaded until they hold the requested number of
words of prose (as the readability analysis counts them). Loading and the spaCy model load happen before the
clock starts; the timed part is what `ssec-audit --select R1` does per document after loading: spaCy
sentence splitting of every block (R103 parses only the sentences it reports), the readability analysis and
rules R101-R104. The best of --runs runs is printed, as
process CPU time (one thread: numpy/thinc are held to one with OMP_NUM_THREADS=1; CPU time is robust to other
work on a shared machine) and wall-clock time.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    files = []
    for book in ("openstax-biology-2e", "openstax-physics"):
        files += sorted((CORPUS / book / "md").glob("*.md"))
    files += sorted((CORPUS / "gutenberg-fairyland-of-science").glob("week-*.txt"))
    return files


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: best installed; 'blank')")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found at {CORPUS}")

    from auditor.config import Settings
    from auditor.engine import audit_document
    from auditor.loaders import load
    from auditor.nlp import pipeline
    from auditor.readability.analysis import analyze_document
    from auditor.sources import read_source

    settings = Settings(select=("R1",), model=args.model)
    _ = pipeline(args.model).nlp  # model load: not timed
    sources = []
    words = 0
    for path in corpus_files():
        src = read_source(path)
        words += analyze_document(load(src), settings).words  # counts prose words (untimed)
        sources.append(src)
        if words >= args.words:
            break
    docs_words = words
    best = best_wall = float("inf")
    for _ in range(args.runs):
        docs = [load(src) for src in sources]  # loading (parsing Markdown) is not timed
        start, start_wall = time.process_time(), time.perf_counter()
        reports = [audit_document(doc, settings) for doc in docs]
        best = min(best, time.process_time() - start)
        best_wall = min(best_wall, time.perf_counter() - start_wall)
    findings = sum(len(r.findings) for r in reports)
    print(f"readability: {docs_words:,} words of prose in {len(sources)} documents, "
          f"pipeline {pipeline(args.model).name}: {best:.2f} s CPU, {best_wall:.2f} s wall "
          f"({docs_words / best:,.0f} words/s, best of {args.runs}); {findings} findings")


if __name__ == "__main__":
    main()
