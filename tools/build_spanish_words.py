"""Regenerate rules/readability/es-familiar-words.txt, the Spanish familiar-word list, from spacy-lookups-data.

Usage: python tools/build_spanish_words.py   (needs ``pip install spacy-lookups-data==1.0.5``; the audit does not)

spacy-lookups-data (MIT licence, by Explosion) ships a table of Spanish word-form probabilities (``es`` lexeme
``prob``, a million forms) and a lookup table of Spanish lemmas. A word is familiar when its lemma is among the
LEMMAS most frequent lemmas (the frequency of a lemma is the sum of its forms'), so every inflection of a common
word counts ("estudiaron" with "estudiar"), as the Dale-Chall rules count regular inflections of easy words. Only
lower-case alphabetic forms that are themselves in the first FORMS forms of the table are kept, which drops typos
and rare inflections. The output is sorted, one word a line, so a rebuild is byte-identical.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

LEMMAS = 5000
FORMS = 200_000
OUT = Path(__file__).resolve().parent.parent / "rules" / "readability" / "es-familiar-words.txt"
HEADER = f"""\
# Spanish familiar words: every form, among the {FORMS:,} most frequent, of the {LEMMAS:,} most frequent lemmas.
# Derived from the Spanish word-form probabilities and lemma lookup table of spacy-lookups-data 1.0.5
# (Copyright (C) 2019-2023 ExplosionAI GmbH, MIT licence). Regenerate with tools/build_spanish_words.py.
# Used for rare words in Spanish readability (R103); see docs/readability.md#spanish.
"""


def main() -> None:
    from spacy.lookups import load_lookups

    lemmas = load_lookups("es", ["lemma_lookup"]).get_table("lemma_lookup")
    import gzip
    import json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "es_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table: dict[str, float] = json.load(f)  # (load_lookups's Table keeps hashed keys, not the strings)
    ranked = sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:FORMS]
    forms = [(w, p) for w, p in ranked if w.isalpha() and w == w.lower()]
    weight: dict[str, float] = {}
    lemma_of: dict[str, str] = {}
    for word, prob in forms:
        lemma = str(lemmas.get(word, word)).lower()
        lemma_of[word] = lemma
        weight[lemma] = weight.get(lemma, 0.0) + math.exp(prob)
    top = {lemma for lemma, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:LEMMAS]}
    familiar = sorted({w for w, _ in forms if lemma_of[w] in top} | (top & {w for w, _ in forms}))
    OUT.write_text(HEADER + "\n".join(familiar) + "\n", encoding="utf-8")
    print(f"{len(familiar)} forms of {len(top)} lemmas -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
