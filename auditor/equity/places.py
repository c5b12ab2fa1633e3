"""The places metric: where a unit's examples and case studies happen, by UN M49 macro-region.

Countries and their demonyms come from ``rules/people/demonyms.toml`` (through the representation lexicon,
so both dimensions read the same names); ``rules/equity/places.toml`` adds states, provinces, cities,
landmarks and regions. Names are matched with their capitals, longest first ("New Mexico" before "Mexico",
"South American" before "American"); names that lessons more often use for something else are left out
(``[ambiguous]``). A demonym counts only before a lower-case word ("a Kenyan farmer"), not as part of a name
("the Indian Ocean", "the American Chemical Society") or a compound identity ("African American").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.data import load_toml
from auditor.document import Block
from auditor.representation.kb import REGIONS
from auditor.representation.lexicon import lexicon


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern
    places: dict[str, tuple[str, str]]  # name as written -> (country or "", region)
    demonyms: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    countries: dict[str, str]  # canonical country -> region (for audience-country)
    same_country: dict[str, str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = load_toml("equity", "places.toml")
    same = dict(data.get("same_country", {}))
    ambiguous = data.get("ambiguous", {})
    skip = set(ambiguous.get("names", ()))
    lex = lexicon()
    places: dict[str, tuple[str, str]] = {}
    countries: dict[str, str] = {}
    for name, region in lex.countries.items():
        canonical = same.get(name, name)
        countries[canonical] = region
        if name not in skip:
            places[name] = (canonical, region)
    demonyms = set()
    for demonym, (country, region) in lex.demonyms.items():
        if demonym not in skip:
            places.setdefault(demonym, (same.get(country, country), region))
            demonyms.add(demonym)
    for row in data.get("place", []):
        if row["region"] not in REGIONS:
            raise ValueError(f"rules/equity/places.toml: {row['name']}: unknown region {row['region']!r}")
        places.setdefault(row["name"], (row.get("country", ""), row["region"]))
    pattern = re.compile(r"(?<![\w\-])" + longest_first(places) + r"(?![\w\-])")
    return Gazetteer(pattern, places, frozenset(demonyms), frozenset(ambiguous.get("not_before", ())),
                     frozenset(ambiguous.get("not_after", ())), countries, same)


def longest_first(names: Iterable[str]) -> str:
    """A regex matching any of ``names`` literally, the longest that fits first, as a prefix tree: the same
    matches as the names joined longest first, without trying each of 600 names at every position of a block
    (that alternation was most of the equity analysis). Its optional tails are greedy, so the longer name is
    tried first, and a shorter one when the longer fails what follows (a letter or a hyphen)."""
    tree: dict[str, Any] = {}
    for name in names:
        node = tree
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here

    escaped: dict[str, str] = {}

    def regex(node: dict[str, Any]) -> str:
        branches = [(escaped.get(ch) or escaped.setdefault(ch, re.escape(ch))) + regex(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"

    return "(?:" + regex(tree) + ")"


def canonical_country(name: str) -> str | None:
    """A country name as the gazetteer knows it ("USA" -> "United States"), or None."""
    g = gazetteer()
    wanted = name.strip().casefold()
    aliases = {**{c.casefold(): c for c in g.countries}, **{k.casefold(): v for k, v in g.same_country.items()},
               "us": "United States", "uk": "United Kingdom"}
    return aliases.get(wanted)


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s+([\w\-']+)", text[end:])
    return m.group(1) if m else ""


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([\w\-']+)\s+$", text[:start])
    return m.group(1) if m else ""


_CREDIT = re.compile(r"\(credits?\b[^)]*\)|\bcredits?:.*", re.I | re.S)


def find(block: Block) -> list[tuple[int, int, str]]:
    """(start, end, name) of each place the block names: not in a picture credit ("credit: U.S. Fish and
    Wildlife Service"), and not a demonym that describes a person ("the American physicist Richard Feynman":
    where scientists are from is the representation dimension's business)."""
    g = gazetteer()
    text = block.text
    if not any(c.isupper() for c in text):
        return []
    credits = [(m.start(), m.end()) for m in _CREDIT.finditer(text)] if "credit" in text.lower() else []
    lex = lexicon()
    found = []
    for m in g.pattern.finditer(text):
        name = m.group(0)
        if any(a <= m.start() < b for a, b in credits):
            continue
        if name in g.demonyms:
            after, before = _word_after(text, m.end()), _word_before(text, m.start())
            if not after[:1].islower() or after in g.not_before or before in g.not_after \
                    or "science" in (lex.role_kind(after), lex.role_kind(after.removesuffix("s"))):
                continue
        elif _word_after(text, m.end()) in g.not_before:
            continue
        found.append((m.start(), m.end(), name))
    return found


def block_json(mentions: list[tuple[str, int]]) -> dict[str, Any]:
    """The "places" block of one document from its (name, line) mentions."""
    g = gazetteer()
    by_name: dict[str, dict[str, Any]] = {}
    regions: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for name, line in mentions:
        country, region = g.places[name]
        regions[region] += 1
        if country:
            countries[country] += 1
        entry = by_name.setdefault(name, {"name": name, "country": country or None, "region": region,
                                          "line": line, "mentions": 0})
        entry["mentions"] += 1
    top_region, region_count = (regions.most_common(1)[0] if regions else (None, 0))
    total = sum(regions.values())
    return {**_counts(regions, countries), "top_region": top_region,
            "top_region_share": round(region_count / total, 4) if total else None,
            "places": sorted(by_name.values(), key=lambda e: (e["line"], e["name"]))}


def _counts(regions: Counter[str], countries: Counter[str]) -> dict[str, Any]:
    total = sum(regions.values())
    top_country, top_count = (countries.most_common(1)[0] if countries else (None, 0))
    return {
        "mentions": total,
        "regions": len(regions),
        "by_region": {r: regions[r] for r in REGIONS if regions[r]},
        "by_country": dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        "top_country": top_country,
        "top_country_share": round(top_count / total, 4) if total else None,
    }


def summarize(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """The run's places: counts added over files (the list of places is per file only)."""
    regions: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for block in blocks:
        regions.update(block.get("by_region", {}))
        countries.update(block.get("by_country", {}))
    return {"files": len(blocks), **_counts(regions, countries)}
