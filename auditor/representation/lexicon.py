"""The word lists of ``rules/people/detection.toml`` and ``rules/people/demonyms.toml``, compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.data import load_toml


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Longest first, so "computer scientist" wins over "scientist"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


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
