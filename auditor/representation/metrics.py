"""Representation metrics, the score formula and knowledge-base suggestions, shared by files and the run.

Everything here works on plain person dicts (the JSON ``people`` entries), so a run summary is computed the
same way as one file's metrics.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from auditor.data import load_toml
from auditor.representation.kb import REGIONS, Entry, KnowledgeBase
from auditor.representation.lexicon import trie

#: Scientists born in this year or later count as contemporary (``contemporary_from`` in rules/scoring.toml).
CONTEMPORARY_FROM = 1960
GENDER_KEYS = ("woman", "man", "nonbinary", "unknown")
#: Where every featured scientist comes from in a "Europe / Northern America only" unit.
WESTERN = frozenset({"Europe", "Northern America"})


def eras(contemporary_from: int = CONTEMPORARY_FROM) -> tuple[str, str, str]:
    """The three era labels, oldest first: before 1900, from 1900 to the year before ``contemporary_from``,
    and from ``contemporary_from`` on."""
    return "before 1900", f"1900-{contemporary_from - 1}", f"{contemporary_from} on"


def era(born: int | None, contemporary_from: int = CONTEMPORARY_FROM) -> str:
    if born is None:
        return "unknown"
    old, middle, recent = eras(contemporary_from)
    if born >= contemporary_from:
        return recent
    return old if born < 1900 else middle


def region_diversity(counts: dict[str, int]) -> float | None:
    """Shannon evenness over the six UN macro-regions: H / ln 6, from 0 (everyone from one region) to 1 (the
    same number from each). Unknown regions are left out; None when no region is known."""
    values = [counts.get(r, 0) for r in REGIONS]
    total = sum(values)
    if not total:
        return None
    entropy = -sum(v / total * math.log(v / total) for v in values if v)
    return round(entropy / math.log(len(REGIONS)), 3) + 0.0  # + 0.0: one region gives 0.0, not -0.0


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def metrics(people: list[dict[str, Any]], pronouns: dict[str, int] | None = None,
            contemporary_from: int = CONTEMPORARY_FROM) -> dict[str, Any]:
    """Counts and shares for the featured scientists among ``people``; pronoun counts are passed in."""
    scientists = [p for p in people if p["scientist"]]
    gender = Counter(p["gender"] for p in scientists)
    regions = Counter(p["region"] for p in scientists)
    labels = eras(contemporary_from)
    by_era = Counter(era(p["born"], contemporary_from) for p in scientists)
    known_gender = sum(gender[g] for g in ("woman", "man", "nonbinary"))
    known_born = sum(by_era[e] for e in labels)
    attributes = 3 * len(scientists)
    known = sum((p["gender"] != "unknown") + (p["region"] != "unknown") + (p["born"] is not None)
                for p in scientists)
    return {
        "people": len(people),
        "scientists": len(scientists),
        "others": len(people) - len(scientists),
        "scientists_by_gender": {g: gender.get(g, 0) for g in GENDER_KEYS},
        "scientists_by_region": {r: regions.get(r, 0) for r in (*REGIONS, "unknown")},
        "scientists_by_era": {e: by_era.get(e, 0) for e in (*labels, "unknown")},
        "women_nonbinary_share": _share(gender["woman"] + gender["nonbinary"], known_gender),
        "regions": sum(1 for r in REGIONS if regions.get(r)),
        "region_diversity": region_diversity(regions),
        "contemporary_share": _share(by_era[labels[-1]], known_born),
        "pronouns": dict(pronouns or {"he": 0, "she": 0, "they": 0}),
        "confidence": _share(known, attributes),
    }


def score(m: dict[str, Any], table: dict[str, Any]) -> float | None:
    """The documented formula (docs/representation.md): the weighted mean of the parts that can be judged.

    gender   = min(1, share of women and nonbinary people / gender_target)
    regions  = min(1, regions represented / regions_target)
    era      = min(1, share born in contemporary_from or later / contemporary_target)
    A part counts only when at least ``min_people`` featured scientists have that attribute known, so unknown
    attributes lower the confidence, never the score; with no part to judge the score is None.
    """
    minimum = int(table.get("min_people", 3))
    by_gender, by_region, by_era = m["scientists_by_gender"], m["scientists_by_region"], m["scientists_by_era"]
    parts: list[tuple[float, float]] = []
    known_gender = sum(by_gender[g] for g in ("woman", "man", "nonbinary"))
    if known_gender >= minimum:
        target = float(table.get("gender_target", 0.5))
        share = (by_gender["woman"] + by_gender["nonbinary"]) / known_gender
        parts.append((float(table.get("gender_weight", 1.0)), min(1.0, share / target)))
    if sum(by_region[r] for r in REGIONS) >= minimum:
        target = float(table.get("regions_target", 3))
        parts.append((float(table.get("regions_weight", 1.0)), min(1.0, m["regions"] / target)))
    labels = [e for e in by_era if e != "unknown"]  # oldest first (see eras())
    known_born = sum(by_era[e] for e in labels)
    if known_born >= minimum:
        target = float(table.get("contemporary_target", 0.3))
        share = by_era[labels[-1]] / known_born
        parts.append((float(table.get("contemporary_weight", 1.0)), min(1.0, share / target)))
    total = sum(w for w, _ in parts)
    if not parts or total <= 0:
        return None
    return round(100.0 * sum(w * v for w, v in parts) / total, 1)


@lru_cache(maxsize=1)
def field_vocabulary() -> dict[str, tuple[str, ...]]:
    """Words that show a unit is about a field (rules/people/fields.toml)."""
    table = load_toml("people", "fields.toml")
    return {f.lower(): tuple(w.lower() for w in words) for f, words in table.get("fields", {}).items()}


# suggestions --------------------------------------------------------------------------------------------------

def _text_scores(text: str, kb: KnowledgeBase) -> Counter:
    """Knowledge-base field names in the text, and the field vocabulary of rules/people/fields.toml ("allele",
    "orbit"), each word counted up to 10 times (one pass over the text)."""
    return Counter(_counted_scores(text, kb))


@lru_cache(maxsize=2)
def _counted_scores(text: str, kb: KnowledgeBase) -> Counter:
    """``_text_scores``, kept for the last texts: the analysis asks twice for each document's text (its topics
    to place a lone surname, then its fields). Callers get a copy."""
    pattern, fields_of = _field_pattern(kb)
    hits: Counter = Counter(m.group(1) for m in pattern.finditer(text.lower()))
    scores: Counter = Counter()
    for word, n in sorted(hits.items()):
        for f in fields_of[word]:
            scores[f] += min(n, 10)
    return scores


@lru_cache(maxsize=8)
def _field_pattern(kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    vocabulary = field_vocabulary()
    fields_of: dict[str, list[str]] = {}
    for f in sorted({f for e in kb.entries for f in e.fields} | set(vocabulary)):
        for w in (f, *vocabulary.get(f, ())):
            fields_of.setdefault(w, []).append(f)
    pattern = re.compile(r"\b(" + trie(list(fields_of)) + r")s?\b")  # the words longest first
    return pattern, {w: tuple(fs) for w, fs in fields_of.items()}


def text_fields(text: str, kb: KnowledgeBase, top: int = 3) -> tuple[str, ...]:
    """The fields the text's own vocabulary points to, best first."""
    ranked = sorted(_text_scores(text, kb).items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(f for f, _ in ranked[:top])


def unit_fields(text: str, featured: Iterable[Entry], kb: KnowledgeBase, top: int = 2) -> tuple[str, ...]:
    """The unit's fields: those of its knowledge-base scientists (weight 3) plus its field vocabulary."""
    scores = _text_scores(text, kb)
    for entry in featured:
        for f in entry.fields:
            scores[f] += 3
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    # a second field only when the unit is nearly as much about it: a physics page on sound that says
    # "learning" twice is not about psychology
    return tuple(f for i, (f, n) in enumerate(ranked[:top]) if i == 0 or n * 2 >= ranked[0][1])


def suggest(kb: KnowledgeBase, want: Any, fields: tuple[str, ...], exclude: set[str], n: int = 3,
            spread_regions: bool = False, lacking: Any = None) -> list[Entry]:
    """Up to ``n`` knowledge-base entries that satisfy ``want`` and share a field with the unit: most shared
    fields first, then those that add what the unit lacks (``lacking(entry)``: how many of its missing groups
    (gender, region, era) the entry brings), then by id: deterministic, and varied across regions when asked.
    Never a generic list: with no field known, or nobody in the unit's field, there is no suggestion."""
    field_set = set(fields)
    if not field_set:
        return []
    pool = [e for e in kb.entries if e.id not in exclude and e.scientist and e.region in REGIONS and want(e)
            and field_set & set(e.fields)]
    main = fields[0]
    # most shared fields, then whose own main field is the unit's main field (an astronomer is a weaker fit for
    # a unit on electric circuits than a physicist), then what the unit lacks, then id
    pool.sort(key=lambda e: (-len(field_set & set(e.fields)), e.fields[:1] != (main,),
                             -(lacking(e) if lacking else 0), e.id))
    if not spread_regions:
        return pool[:n]
    chosen: list[Entry] = []
    seen_regions: set[str] = set()
    for e in pool:
        if e.region not in seen_regions:
            chosen.append(e)
            seen_regions.add(e.region)
        if len(chosen) == n:
            return chosen
    return (chosen + [e for e in pool if e not in chosen])[:n]


def describe(entries: list[Entry], fields: tuple[str, ...] = (), like: str = "this unit") -> str:
    """Each suggestion with the phrase that explains its fit: the field it shares with the unit (or, for a
    whole run, ``like="these units"``)."""
    out = []
    for e in entries:
        shared = [f for f in e.fields if f in fields] or list(e.fields[:1])
        facts = [e.region] + ([f"born {e.born}"] if e.born is not None else [])
        out.append(f"{e.name} ({' and '.join(shared[:2])}, like {like}; {', '.join(facts)})")
    return "; ".join(out)
