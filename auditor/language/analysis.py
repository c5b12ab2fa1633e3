"""The language analysis: every inclusive-language finding in a document, computed once and shared by the
L1xx rules (each reports its own category), and the language score.

Order of work per block: a set lookup of the block's words against each entry's trigger words; only entries
that are triggered run their regex, and only real matches are checked against science terms, proper nouns, the entry's contexts and (with a trained pipeline) the parse.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from auditor.dimension import Dimension
from auditor.document import PROSE_KINDS, Block, Document
from auditor.language import discovery, pronouns
from auditor.language.context import Judge
from auditor.language.forms import inflect_like, keep_case
from auditor.language.termpack import Entry, PackSet, packs_for, science_terms

SKIP_KINDS = frozenset({"title"})  # the HTML <title> repeats the first heading
LOWER = {"error": "warning", "warning": "info", "info": "info"}
QUOTE_NOTE = ("This is inside a quotation. If you are quoting a source, keep its words, and consider a note "
              "that explains the wording to students.")
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")


@dataclass
class Hit:
    """One inclusive-language finding before it becomes a Problem."""

    rule: str
    block: Block
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str
    fix: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def doc_names(doc: Document) -> frozenset[str]:
    """Words the document capitalises in mid-sentence (names such as "Savage" in "Dr. Jane Savage"), so that
    the same word at the start of a sentence is also read as a name."""
    names = set()
    for block in doc.blocks:
        if block.kind in PROSE_KINDS:
            names.update(m.group(1).lower() for m in _CAPITALISED_INSIDE.finditer(block.text))
    return frozenset(names)


def suggestion_text(options: list[str], note: str = "") -> str | None:
    if not options:
        return note or None
    quoted = [f'"{s}"' for s in options]
    text = "Try " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "."
    return f"{text} {note}".strip()


def _severity(base: str, quoted: bool, policy: str) -> str | None:
    if quoted and policy == "ignore":
        return None
    if quoted and policy == "lower":
        return LOWER[base]
    return base


def entry_hit(entry: Entry, block: Block, judge: Judge, m: re.Match, policy: str) -> Hit | None:
    start, end = m.start(), m.end()
    if judge.science_term(start, end) or not judge.contexts(entry, start, end):
        return None
    if judge.proper_noun(entry, start, end) or not judge.grammar(entry, start, end):
        return None
    quoted = judge.quoted(start, end)
    severity = _severity(entry.severity, quoted, policy)
    if severity is None:
        return None
    matched = m.group(0)
    label = entry.label(matched)
    options = [keep_case(matched, inflect_like(s, label, entry.inflect)) for s in entry.suggest]
    message = entry.reason + (" " + QUOTE_NOTE if quoted else "")
    return Hit(
        rule=entry.rule, block=block, start=start, end=end, message=message,
        suggestion=suggestion_text(options, entry.note), severity=severity,
        fix=options[0] if entry.fixable and options and not quoted else None,
        data={"term": entry.id, "source": entry.source, "quoted": quoted},
    )


def block_hits(block: Block, packs: PackSet, names: frozenset[str], policy: str, source: str = "",
               disabled: frozenset[str] = frozenset()) -> list[Hit]:
    hits: list[Hit] = []
    judge: Judge | None = None
    for entry in packs.candidates(block.text):
        for m in entry.pattern.finditer(block.text):
            judge = judge or Judge(block, names, science_terms(), source)
            hit = entry_hit(entry, block, judge, m, policy)
            if hit is not None:
                hits.append(hit)
    if "generic-he" not in disabled and pronouns.wants(block.text):
        judge = judge or Judge(block, names, science_terms(), source)
        for he in pronouns.find(block, judge):
            quoted = judge.quoted(he.start, he.end)
            severity = _severity("warning", quoted, policy)
            if severity is None:
                continue
            hits.append(Hit(
                rule="L102", block=block, start=he.start, end=he.end,
                message=(f'"{he.pronoun}" refers to "{he.antecedent}", which stands for anyone in that role; '
                         "a male pronoun tells students who are not male that the role is not theirs."
                         + (" " + QUOTE_NOTE if quoted else "")),
                suggestion=('Use "they" (singular "they" is standard in APA style), "he or she", or make the noun '
                            'plural ("scientists ... their").'),
                severity=severity, data={"term": "generic-he", "antecedent": he.antecedent, "pronouns": he.count,
                                         "quoted": quoted},
            ))
    if "discovered-place" not in disabled and discovery.wants(block.text):
        judge = judge or Judge(block, names, science_terms(), source)
        for found in discovery.find(block, judge):
            quoted = judge.quoted(found.start, found.end)
            severity = _severity("warning", quoted, policy)
            if severity is None:
                continue
            hits.append(Hit(
                rule="L105", block=block, start=found.start, end=found.end,
                message=(f"People already lived in {found.place} when European explorers arrived, so "
                         '"discovered" tells the story from one side only.' + (" " + QUOTE_NOTE if quoted else "")),
                suggestion=('Try "reached", "arrived in", "was the first European to reach" or "mapped", and name '
                            "the people who already lived there."),
                severity=severity, data={"term": "discovered-place", "place": found.place, "quoted": quoted},
            ))
    return _without_overlaps(hits)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text: a longer match ("primitive man") wins over a shorter one inside it."""
    kept: list[Hit] = []
    starts: list[int] = []  # the kept hits never overlap, so by start they are also sorted by end
    ends: list[int] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.rule)):
        i = bisect_left(starts, hit.end)  # kept hits starting before this one ends: the last of them reaches
        if i and ends[i - 1] > hit.start:  # furthest, so it is the only one that can overlap
            continue
        kept.append(hit)
        starts.insert(i, hit.start)
        ends.insert(i, hit.end)
    return sorted(kept, key=lambda h: (h.start, h.rule))


class LanguageDimension(Dimension):
    """Counts the words the language rules read and holds every finding; scores by severity per length."""

    category = "language"
    key = None

    def analyze(self, doc: Document, ctx) -> dict[str, Any]:
        packs = packs_for(ctx.settings)
        names = doc_names(doc)
        hits: list[Hit] = []
        words = 0
        for block in doc.blocks:
            if block.kind in SKIP_KINDS:
                continue
            words += len(block.text.split())
            hits.extend(block_hits(block, packs, names, ctx.settings.quotations, doc.source if doc.format == "html" else "",
                                   frozenset(ctx.settings.disabled_terms)))
        return {"words": words, "hits": hits}

    def score(self, doc, result, findings, scoring) -> float | None:
        """100 minus severity points per ``per_words`` words (at least one unit), never below 0.

        Points per severity come from ``[language]`` in rules/scoring.toml (falling back to ``[penalty]``), so
        a quoted historical source (reported as info) costs less than the writer's own wording."""
        if result["words"] == 0:
            return None
        table = scoring.get("language", {})
        points = {**scoring.get("penalty", {}), **table.get("penalty", {})}
        total = sum(float(points.get(f.severity, 0.0)) for f in findings)
        units = max(1.0, result["words"] / float(table.get("per_words", 1000)))
        return max(0.0, 100.0 - float(table.get("scale", 1.0)) * total / units)

