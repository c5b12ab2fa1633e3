"""The word lists of ``rules/people/detection.toml`` and ``rules/people/demonyms.toml``, compiled once."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.data import load_toml


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Longest first, so "computer scientist" wins over "scientist": written as a trie (see ``trie``)."""
    return trie(words)


def longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, then alphabetical: the order alternations try words in. A set's own order changes from run
    to run (string hashing is salted), and a pattern spelled differently each run cannot be found again in the
    compiled-pattern store (``auditor.regex_cache``)."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def _same_letter(a: str, b: str) -> bool:
    """Whether case-insensitive matching takes one character for the other ("a" and "A"; "k" and the Kelvin
    sign): for two ASCII characters, whether they are the same letter."""
    if a.isascii() and b.isascii():
        return a.lower() == b.lower()
    return re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None


def prefix_tree(words: Iterable[str]) -> dict[str, Any]:
    """``words`` as a prefix tree: each node maps a character to the node after it, and "" to {} where a word
    ends."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return tree


def trie(words: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """The regex ``"|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))``, written as a
    trie ("chemist(?:ry)?" rather than "chemistry|chemist"), which matches what it matches, in the same order.

    Python's regex engine tries every branch of an alternation at every position it searches: with the few
    hundred role words that was most of the time spent finding people. At any one position the words that match
    are prefixes of one another, and both forms try them longest first (a trie node tries its longer branches
    before ending there), so the same match is found with the same groups. That holds only when no two branches
    of a node can match the same character, which case-insensitive matching could allow ("A" and "a"): then the
    plain alternation is returned.
    """
    root = prefix_tree(set(words))

    def emit(node: dict[str, dict]) -> str | None:
        keys = sorted(k for k in node if k)
        for i, a in enumerate(keys):
            if any(_same_letter(a, b) for b in keys[i + 1:]):
                return None
        branches = []
        for ch in keys:
            run, sub = [ch], node[ch]
            while len(sub) == 1 and "" not in sub:  # one way on: the letters of one run, escaped together
                (nxt,) = sub
                run.append(nxt)
                sub = sub[nxt]
            rest = emit(sub)
            if rest is None:
                return None
            branches.append(re.escape("".join(run)) + rest)
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    written = emit(root)
    if written is None:
        return "|".join(re.escape(w) for w in longest_first(words))
    return written


@dataclass(frozen=True)
class Lexicon:
    science_roles: frozenset[str]
    example_roles: frozenset[str]
    science_verbs: frozenset[str]
    study_exclusions: frozenset[str]
    science_work: frozenset[str]
    titles: dict[str, str]  # title -> gender evidence ("" for none)
    women_words: frozenset[str]
    men_words: frozenset[str]
    not_names: frozenset[str]
    thing_heads: frozenset[str]
    eponym_heads: frozenset[str]
    thing_prefixes: frozenset[str]
    taxon_endings: tuple[str, ...]
    demonyms: dict[str, tuple[str, str]]  # demonym -> (country, region)
    countries: dict[str, str]  # country name -> region
    role_re: str  # alternation of every role word, science and example
    gender_word_re: str
    demonym_re: str
    country_re: str

    def role_kind(self, word: str) -> str | None:
        word = word.lower()
        if word in self.science_roles:
            return "science"
        if word in self.example_roles:
            return "example"
        return None


#: Continental adjectives that name a UN region directly ("an African engineer").
CONTINENTAL = {"African": "Africa", "European": "Europe", "Asian": "Asia", "Caribbean":
               "Latin America and the Caribbean", "Latin American": "Latin America and the Caribbean",
               "South American": "Latin America and the Caribbean", "Central American":
               "Latin America and the Caribbean", "Pacific Islander": "Oceania"}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words = load_toml("people", "detection.toml")
    demonyms: dict[str, tuple[str, str]] = {}
    countries: dict[str, str] = {}
    for row in load_toml("people", "demonyms.toml").get("country", []):
        countries[row["name"]] = row["region"]
        for demonym in row.get("demonyms", ()):
            demonyms[demonym] = (row["name"], row["region"])
    for adjective, region in CONTINENTAL.items():
        demonyms.setdefault(adjective, ("", region))
    science = frozenset(w.lower() for w in words["science_roles"])
    example = frozenset(w.lower() for w in words["example_roles"])
    women = frozenset(words["words"]["women"])
    men = frozenset(words["words"]["men"])
    return Lexicon(
        science_roles=science, example_roles=example,
        science_verbs=frozenset(words["science_verbs"]), study_exclusions=frozenset(words["study_exclusions"]),
        science_work=frozenset(words["science_work"]), titles=dict(words["titles"]),
        women_words=women, men_words=men,
        not_names=frozenset(w.lower() for w in words["words"]["not_names"]),
        thing_heads=frozenset(words["words"]["thing_heads"]),
        eponym_heads=frozenset(words["words"]["eponym_heads"]),
        thing_prefixes=frozenset(words["words"]["thing_prefixes"]),
        taxon_endings=tuple(words["words"]["taxon_endings"]),
        demonyms=demonyms, countries=countries,
        role_re=_alternation([*science, *example]),
        gender_word_re=_alternation([*women, *men]),
        demonym_re=_alternation(list(demonyms)),
        country_re=_alternation(list(countries)),
    )
