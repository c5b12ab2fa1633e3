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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.data import load_toml
from auditor.document import Block
from auditor.representation.kb import REGIONS
from auditor.representation.lexicon import lexicon, prefix_tree


@dataclass(frozen=True)
class Gazetteer:
    tree: dict[str, Any]  # the names as a prefix tree: character -> subtree, "" -> {} where a name ends
    starts: re.Pattern  # where a name can start: its first character, not after a word character or a hyphen
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
    if "" in places:
        raise ValueError("a place name is empty")
    tree = prefix_tree(places)
    starts = re.compile(r"(?<![\w\-])[" + "".join(re.escape(ch) for ch in sorted(tree)) + "]")
    return Gazetteer(tree, starts, places, frozenset(demonyms), frozenset(ambiguous.get("not_before", ())),
                     frozenset(ambiguous.get("not_after", ())), countries, same)


_WORDISH = re.compile(r"[\w\-]")


def matches(g: Gazetteer, text: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each name in ``text``, as ``re.finditer`` finds the regex ``(?<![\w\-])(?:NAMES)(?![\w\-])``
    with the names joined longest first: from left to right, at each start the longest name there that no word
    character or hyphen follows, and the next search from its end. Walked over the prefix tree rather than
    compiled: that regex of 600 names took 10 ms to compile, in every run, for a few hundred short walks a page."""
    tree, starts, n = g.tree, g.starts, len(text)
    pos = 0
    while (m := starts.search(text, pos)) is not None:
        start = i = m.start()
        node: dict[str, Any] | None = tree
        end = -1
        while node is not None:
            if "" in node and (i == n or _WORDISH.match(text, i) is None):
                end = i  # a name ends here, and is not followed by a word character or a hyphen
            node = node.get(text[i]) if i < n else None
            i += 1
        if end > start:
            yield start, end
            pos = end
        else:
            pos = start + 1


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
    for start, end in matches(g, text):
        name = text[start:end]
        if any(a <= start < b for a, b in credits):
            continue
        if name in g.demonyms:
            after, before = _word_after(text, end), _word_before(text, start)
            if not after[:1].islower() or after in g.not_before or before in g.not_after \
                    or "science" in (lex.role_kind(after), lex.role_kind(after.removesuffix("s"))):
                continue
        elif _word_after(text, end) in g.not_before:
            continue
        found.append((start, end, name))
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
