"""The word-list alternations of representation/lexicon.py: written as tries, they match what the plain
longest-first alternation matches, with the same groups."""
from __future__ import annotations

import random
import re

from auditor.representation.lexicon import lexicon, trie


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def test_trie_matches_as_the_plain_alternation() -> None:
    lex = lexicon()
    words = [*lex.science_roles, *lex.example_roles, "chem", "chemist", "chemistry", "a.b", "x+y", ""]
    rnd = random.Random(16)
    pieces = [*words, *(w[: len(w) // 2] for w in words), *(w.upper() for w in words[:40]), " ", "s", "-"]
    for flags in (0, re.IGNORECASE):
        for template in (r"\b({})", r"({})s?\s+$", r"the\s+({})(\s+of)?"):
            plain = re.compile(template.format(_plain(words)), flags)
            fast = re.compile(template.format(trie(words)), flags)
            for _ in range(400):
                text = "".join(rnd.choice(pieces) + rnd.choice(("", " ", "s ")) for _ in range(rnd.randint(1, 9)))
                assert [m.span(1) for m in plain.finditer(text)] == [m.span(1) for m in fast.finditer(text)], text
                a, b = plain.search(text), fast.search(text)
                assert (a and a.regs) == (b and b.regs), text


def test_trie_shares_prefixes_and_keeps_the_longest_first() -> None:
    assert trie(["chemist", "chemistry", "chemists"]) == "chemist(?:ry|s)?"
    assert re.fullmatch(trie(["chemist", "chemistry"]), "chemistry")


def test_branches_that_differ_only_in_case_fall_back_to_the_plain_alternation() -> None:
    # under (?i) "Ab" and "abc" could both start at "ABc": the plain form tries the longer first
    assert trie(["Ab", "abc"]) == _plain(["Ab", "abc"])
    assert re.match(rf"(?i:{trie(['Ab', 'abc'])})", "ABc").group() == "ABc"
