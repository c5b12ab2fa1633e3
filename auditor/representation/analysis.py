"""Finding the people a document names and what is known about them, and from where.

Attributes come only from the project's knowledge base (``rules/people/``); anything else is ``unknown``.
A first name never implies a gender, and race or ethnicity is never inferred.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from auditor.data import data_path, load_toml
from auditor.dimension import Dimension
from auditor.document import Block, Document
from auditor.nlp import has

_TITLE = re.compile(r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+((?:[A-Z][\w'’-]+\s?){1,3})")
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]")
ROLE_WORDS = re.compile(
    r"\b(scientist|engineer|biologist|chemist|physicist|astronomer|astronaut|inventor|mathematician|"
    r"physician|doctor|researcher|professor|geologist|ecologist|botanist|zoologist|oceanographer|"
    r"meteorologist|climatologist|naturalist|geneticist|neuroscientist|nurse|entomologist|paleontologist|"
    r"programmer|computer scientist|studies|studied|discovered|invented|researches|researched)\b",
    re.IGNORECASE,
)


@dataclass
class Person:
    name: str
    offset_block: Block
    start: int
    mentions: int = 1
    scientist: bool = False
    gender: str = "unknown"
    gender_source: str = "unknown"
    region: str = "unknown"
    region_source: str = "unknown"
    born: int | None = None
    born_source: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "line": self.offset_block.span(self.start, self.start + 1).line,
            "mentions": self.mentions, "scientist": self.scientist,
            "gender": self.gender, "gender_source": self.gender_source,
            "region": self.region, "region_source": self.region_source,
            "born": self.born, "born_source": self.born_source,
        }


@lru_cache(maxsize=1)
def knowledge_base() -> dict[str, dict[str, Any]]:
    """Every name and alias in the knowledge base, lower-cased, to its entry."""
    if not data_path("people", "scientists.toml").exists():
        return {}
    index: dict[str, dict[str, Any]] = {}
    for entry in load_toml("people", "scientists.toml").get("person", []):
        for name in (entry["name"], *entry.get("aliases", ())):
            index.setdefault(name.lower(), entry)
    return index


def _candidates(block: Block) -> list[tuple[int, int, str]]:
    found = []
    if block.nlp is not None and has(block, "ner"):
        found.extend((e.start_char, e.end_char, e.text) for e in block.nlp.ents if e.label_ == "PERSON")
    for m in _TITLE.finditer(block.text):
        found.append((m.start(1), m.start(1) + len(m.group(1).rstrip()), m.group(1).rstrip()))
    kb = knowledge_base()
    if kb:
        lowered = block.text.lower()
        for name in _kb_pattern().finditer(lowered):
            found.append((name.start(), name.end(), block.text[name.start():name.end()]))
    return found


@lru_cache(maxsize=1)
def _kb_pattern() -> re.Pattern:
    names = sorted((n for n in knowledge_base() if " " in n or len(n) > 6), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)") if names \
        else re.compile(r"(?!x)x")


class RepresentationDimension(Dimension):
    category = "representation"
    key = "people"
    needs = frozenset({"ner"})

    def wants(self, block: Block) -> bool:
        return block.kind not in ("title", "alt") and bool(_CAPITALISED_INSIDE.search(block.text))

    def analyze(self, doc: Document, ctx) -> list[Person]:
        people: dict[str, Person] = {}
        surnames: dict[str, str] = {}
        kb = knowledge_base()
        for block in doc.blocks:
            if block.kind in ("title",):
                continue
            seen_spans: list[tuple[int, int]] = []
            for start, end, text in sorted(_candidates(block), key=lambda c: (c[0], -(c[1] - c[0]))):
                if any(s <= start < e for s, e in seen_spans):
                    continue
                seen_spans.append((start, end))
                name = re.sub(r"['’]s$", "", text.strip())
                entry = kb.get(name.lower())
                canonical = entry["name"] if entry else name
                key = canonical.lower()
                if key not in people and " " not in name and name.lower() in surnames:
                    key = surnames[name.lower()]
                if key in people:
                    people[key].mentions += 1
                else:
                    people[key] = Person(canonical, block, start)
                    if " " in canonical:
                        surnames.setdefault(canonical.split()[-1].lower(), key)
                person = people[key]
                if ROLE_WORDS.search(block.text):
                    person.scientist = True
                if entry:
                    person.scientist = True
                    person.gender, person.gender_source = entry.get("gender", "unknown"), "knowledge-base"
                    if entry.get("region"):
                        person.region, person.region_source = entry["region"], "knowledge-base"
                    if entry.get("born") is not None:
                        person.born, person.born_source = int(entry["born"]), "knowledge-base"
        return sorted(people.values(), key=lambda p: (p.offset_block.index, p.start))

    def to_json(self, result: list[Person]) -> list[dict[str, Any]]:
        return [p.to_json() for p in result]

    def score(self, doc, result: list[Person], findings, scoring) -> float | None:
        table = scoring.get("representation", {})
        featured = [p for p in result if p.scientist and p.gender != "unknown"]
        if len(featured) < int(table.get("min_people", 3)):
            return None
        women = sum(1 for p in featured if p.gender in ("woman", "nonbinary")) / len(featured)
        regions = {p.region for p in featured if p.region != "unknown"}
        return 100.0 * (0.5 * min(1.0, women / 0.5) + 0.5 * min(1.0, len(regions) / 3))

    def summarize(self, results: list[list[dict[str, Any]]]) -> dict[str, Any]:
        scientists = [p for people in results for p in people if p["scientist"]]
        by_gender: dict[str, int] = {}
        by_region: dict[str, int] = {}
        for p in scientists:
            by_gender[p["gender"]] = by_gender.get(p["gender"], 0) + 1
            by_region[p["region"]] = by_region.get(p["region"], 0) + 1
        return {"featured_scientists": len(scientists), "by_gender": dict(sorted(by_gender.items())),
                "by_region": dict(sorted(by_region.items()))}
