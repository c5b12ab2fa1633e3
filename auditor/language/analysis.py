"""The language analysis: every inclusive-language finding in a document, computed once and shared by the
L1xx rules (each reports its own category), and the language score.

Order of work per block: a set lookup of the block's words against each entry's trigger words; only entries
that are triggered run their regex, and only real matches are checked against science terms, proper nouns, the
entry's contexts and (with a trained pipeline) the parse.
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
from auditor.language.termpack import DETECTOR_RULES, Entry, PackSet, packs_for, science_spans

SKIP_KINDS = frozenset({"title"})
#: languages with packs (rules/language/ for English, rules/language/es/ for Spanish)
LANGUAGES = frozenset({"en", "es"})
#: the detectors that read English grammar (generic "he", "X discovered America"): not run on other languages
ENGLISH_DETECTORS = frozenset(DETECTOR_RULES)  # the HTML <title> repeats the first heading
LOWER = {"error": "warning", "warning": "info", "info": "info"}
MENTION_NOTE = ("This seems to talk about the word itself (its origin or meaning), not to use it; if so, it can "
                "stay, and a note that the word is now avoided helps students.")
#: An attribution line under a block quote: "— Carl Sagan", "-- Rachel Carson, Silent Spring".
_ATTRIBUTION = re.compile(r"\s*(?:[\u2014\u2013\u2015]|--?\s)")
QUOTE_NOTE = ("This is inside a quotation. If you are quoting a source, keep its words, and consider a note "
              "that explains the wording to students.")
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")


@dataclass
class Hit:
    """One inclusive-language finding before it becomes a Problem. A detector's hit has no message yet: its
    rule writes one from ``data``."""

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
    names: set[str] = set()
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
    mention = not quoted and judge.mention(start, end)
    if mention:
        severity = "info"
    matched = m.group(0)
    label = entry.label(matched)
    options = [keep_case(matched, inflect_like(s, label, entry.inflect)) for s in entry.suggest]
    message = entry.reason + (" " + QUOTE_NOTE if quoted else "") + (" " + MENTION_NOTE if mention else "")
    return Hit(
        rule=entry.rule, block=block, start=start, end=end, message=message,
        suggestion=suggestion_text(options, entry.note), severity=severity,
        fix=options[0] if entry.fixable and options and not quoted and not mention else None,
        data={"term": entry.id, "source": entry.source, "quoted": quoted, **({"mention": True} if mention else {})},
    )


def detector_hit(term: str, block: Block, judge: Judge, start: int, end: int, policy: str,
                 details: dict[str, Any]) -> Hit | None:
    """A finding of a detector that reads the parse; the rule that reports it writes the message from
    ``details`` (in ``data``)."""
    quoted = judge.quoted(start, end)
    severity = _severity("warning", quoted, policy)
    if severity is None:
        return None
    return Hit(rule=DETECTOR_RULES[term], block=block, start=start, end=end, message="", suggestion=None,
               severity=severity, data={"term": term, **details, "quoted": quoted})


def block_hits(block: Block, packs: PackSet, names: frozenset[str], policy: str, source: str = "",
               disabled: frozenset[str] = frozenset(), narrative: list | None = None,
               quotation: bool | None = None) -> list[Hit]:
    """The block's findings. ``narrative``, when given, receives the male pronouns that stand for one
    character of a story (``pronouns.NarrativeHe``): not generic "he", but what pronoun balance counts."""
    hits: list[Hit] = []
    judge: Judge | None = None
    for entry in packs.candidates(block.text):
        for m in entry.pattern.finditer(block.text):
            judge = judge or Judge(block, names, science_spans, source, quotation)
            hit = entry_hit(entry, block, judge, m, policy)
            if hit is not None:
                hits.append(hit)
    if "generic-he" not in disabled and pronouns.wants(block.text):
        judge = judge or Judge(block, names, science_spans, source, quotation)
        generic, characters = pronouns.find_all(block, judge)
        if narrative is not None:
            narrative.extend((block, he) for he in characters)
        for he in generic:
            hit = detector_hit("generic-he", block, judge, he.start, he.end, policy,
                               {"antecedent": he.antecedent, "pronouns": he.count})
            if hit is not None:
                hits.append(hit)
    if "discovered-place" not in disabled and discovery.wants(block.text):
        judge = judge or Judge(block, names, science_spans, source, quotation)
        for found in discovery.find(block, judge):
            hit = detector_hit("discovered-place", block, judge, found.start, found.end, policy,
                               {"place": found.place})
            if hit is not None:
                hits.append(hit)
    return _without_overlaps(hits)


def real_quotations(doc: Document) -> dict[int, bool]:
    """For each block inside a block quote (by index): whether the block quote is a real quotation. Markdown
    ``>`` and HTML ``<blockquote>`` also hold feature boxes and notes (OpenStax puts its boxes in them), so a
    block quote counts as quoted words only with a citation (``cite=``, ``<cite>``, ``<footer>``), an
    attribution line ("— Carl Sagan") or text that opens with a quotation mark."""
    out: dict[int, bool] = {}
    run: list[Block] = []
    blocks = [b for b in doc.blocks if b.kind not in SKIP_KINDS]
    for block in [*blocks, None]:
        if block is not None and block.quoted and (not run or block.index == run[-1].index + 1):
            run.append(block)
            continue
        if run:
            real = any(_ATTRIBUTION.match(b.text) or b.text.lstrip()[:1] in "\"\u201c\u00ab" for b in run)
            if not real and doc.format == "html":
                lo = run[0].source_range(0, 0)[0]
                hi = run[-1].source_range(len(run[-1].text), len(run[-1].text))[1]
                opening = doc.source.lower().rfind("<blockquote", 0, lo + 1)
                closing = doc.source.lower().find("</blockquote", hi)
                region = doc.source[max(0, opening): closing if closing != -1 else hi].lower()
                real = "cite=" in region or "<cite" in region or "<footer" in region
            out.update((b.index, real) for b in run)
        run = [block] if block is not None and block.quoted else []
    return out


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

    languages = LANGUAGES

    category = "language"
    key = None

    def analyze(self, doc: Document, ctx) -> dict[str, Any]:
        language = "es" if doc.language == "es" else "en"
        packs = packs_for(ctx.settings, language)
        disabled = frozenset(ctx.settings.disabled_terms) | (ENGLISH_DETECTORS if language != "en" else frozenset())
        names = doc_names(doc)
        hits: list[Hit] = []
        narrative: list = []
        quotations = real_quotations(doc)
        words = 0
        for block in doc.blocks:
            if block.kind in SKIP_KINDS:
                continue
            words += len(block.text.split())
            source = doc.source if doc.format == "html" else ""
            hits.extend(block_hits(block, packs, names, ctx.settings.quotations, source,
                                   disabled, narrative,
                                   quotations.get(block.index)))
        # "narrative": (block, pronouns.NarrativeHe) for each male pronoun of a story character, kept out of
        # L102; for pronoun balance (P106), which reads the language analysis's result when it wants them.
        return {"words": words, "hits": hits, "narrative": narrative}

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

