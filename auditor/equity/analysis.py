"""The equity analysis: every equity finding in a document and the places it names, computed once and shared
by the E1xx rules, and the equity score.

Per block: blocks that are teacher notes or school materials lists are skipped; otherwise one set lookup of
the block's words against each entry's trigger words, and only triggered entries run their patterns, sentence
by sentence. No NLP component is requested: the dimension reads the text and the word lists only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from auditor.dimension import Dimension, density_score
from auditor.document import Block, Document
from auditor.equity import places
from auditor.equity.pack import Entry, PackSet, packset
from auditor.equity.scope import BlockScope, sentences
from auditor.language.termpack import block_words
from auditor.readability.teacher import teacher_blocks
from auditor.rule import ENGLISH

#: Blocks that are not text a student is asked to act on: the HTML <title> repeats the first heading, alt
#: text describes a picture, labels name form fields.
SKIP_KINDS = frozenset({"title", "alt", "label"})
AUDIENCE_NOTE = ("The configuration says this unit is written for {country}, so this is a note: students "
                 "elsewhere, and newcomers, may still read it.")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass
class Hit:
    rule: str
    block: Block
    start: int
    end: int
    entry: Entry
    severity: str
    message: str
    suggestion: str | None
    data: dict[str, Any] = field(default_factory=dict)


def packs_for(settings: Any) -> PackSet:
    return packset(tuple(settings.equity_packs), tuple(sorted(settings.equity_disabled)))


def suggestion_text(options: tuple[str, ...]) -> str | None:
    if not options:
        return None
    text = "; or ".join(options)
    return text[0].upper() + text[1:] + "."


def _amount(text: str) -> float | None:
    m = _AMOUNT.search(text)
    return float(m.group(0).replace(",", "")) if m else None


def _allowed(entry: Entry, sentence: str, s_start: int, block_text: str, m: re.Match[str], scope: BlockScope,
             budget: float) -> bool:
    start, end = s_start + m.start(), s_start + m.end()
    if scope.quoted(start, end):
        return False
    if entry.not_within is not None and any(w.start() <= m.start() and m.end() <= w.end()
                                            for w in entry.not_within.finditer(sentence)):
        return False
    if entry.scope == "student" and not scope.student(sentence):
        return False
    if entry.requires is not None and not scope.homework and not entry.requires.search(sentence):
        return False
    if entry.unless is not None and entry.unless.search(sentence):
        return False
    if entry.unless_block is not None and entry.unless_block.search(block_text):
        return False
    if entry.category == "cost" and budget > 0 and m.group(0)[:1] in "$£€₹¥" + "0123456789":
        amount = _amount(m.group(0))
        if amount is not None and amount <= budget:
            return False
    return True


def block_hits(block: Block, scope: BlockScope, packs: PackSet, settings: Any) -> list[Hit]:
    # in a homework section the entries' trigger words may be in the heading ("Materials to bring from home")
    candidates = list(packs.entries) if scope.homework else packs.candidates(block_words(block.text))
    if not candidates:
        return []
    audience = settings.audience_country
    hits: list[Hit] = []
    text = block.text
    reported: set[str] = set()
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        for entry in candidates:
            if entry.id in reported or block.kind in entry.skip_kinds:
                continue
            for m in entry.pattern.finditer(sentence):
                if not _allowed(entry, sentence, s_start, text, m, scope, settings.materials_budget):
                    continue
                severity, message = entry.severity, entry.reason
                if entry.category == "place" and audience:
                    severity, message = "info", f"{message} {AUDIENCE_NOTE.format(country=audience)}"
                hits.append(Hit(entry.rule, block, s_start + m.start(), s_start + m.end(), entry, severity,
                                message, suggestion_text(entry.suggest),
                                {"entry": entry.id, "kind": entry.category, "source": entry.source}))
                reported.add(entry.id)  # one finding per entry per paragraph: a prompt, not a count
                break
    return _without_overlaps(hits)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text: the longer match wins."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.rule)):
        if not any(k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.rule))


class EquityDimension(Dimension):
    """Finds the equity assumptions and the places a document names; scores by severity per length."""

    category = "equity"
    key = "places"
    languages = ENGLISH

    def analyze(self, doc: Document, ctx) -> dict[str, Any]:
        settings = ctx.settings
        packs = packs_for(settings)
        # teacher-facing blocks: the readability analysis has found them when it runs (once per document)
        teacher = (set(ctx.analysis("readability").teacher_blocks) if ctx.runs("readability")
                   else teacher_blocks(doc, settings.teacher_selectors))
        hits: list[Hit] = []
        mentions: list[tuple[str, int]] = []
        first: dict[str, tuple[Block, int, int]] = {}
        words = 0
        for block in doc.blocks:
            if block.kind in SKIP_KINDS:
                continue
            words += len(block.text.split())
            for start, end, name in places.find(block):
                mentions.append((name, block.span(start, end).line))
                first.setdefault(name, (block, start, end))
            scope = BlockScope(block, block.index in teacher)
            if scope.quiet:
                continue
            hits.extend(block_hits(block, scope, packs, settings))
        return {"words": words, "hits": hits, "places": places.block_json(mentions), "first": first}

    def to_json(self, result, findings=()) -> dict[str, Any]:
        return result["places"]

    def score(self, doc, result, findings, scoring) -> float | None:
        """Severity points per length, as for inclusive language: ``[equity]`` in rules/scoring.toml."""
        return density_score(result["words"], findings, scoring, "equity")

    def summarize(self, results, scoring, metrics=None) -> dict[str, Any] | None:
        return places.summarize(results) if results else None
