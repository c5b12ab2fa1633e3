"""Aliases: later short references to a person already found, which the recogniser and the candidate rules
miss on their own: a word of an accepted name by itself ("Mendel crossed plants" after "Gregor Mendel"), and a
name joined to a person by "and" ("Maria and Jamal").

They can only be looked for once people are grouped, so this step runs after grouping, and grouping again
after it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import TYPE_CHECKING

from auditor.nlp import complete, has
from auditor.representation.candidates import clean, place_in_sentence
from auditor.representation.kb import PARTICLES, KnowledgeBase
from auditor.representation.lexicon import Lexicon, longest_first
from auditor.representation.mention import NAME_WORD, POSSESSIVE, Mention, lazy, sentence_spans, tail_start, tokens_in
from auditor.representation.things import is_thing

if TYPE_CHECKING:
    from auditor.document import Document
    from auditor.representation.grouping import Group

#: No knowledge-base lookup for an alias: it belongs to the person whose word it is.
_EMPTY = KnowledgeBase(())


def more_mentions(doc: Document, groups: list[Group], mentions: list[Mention], lex: Lexicon,
                  places: set[str]) -> list[Mention]:
    """Later short mentions the recogniser missed: a word of an accepted person's name on its own ("Mendel
    crossed plants" after "Gregor Mendel"), and a name joined to a person by "and" ("Maria and Jamal")."""
    words: set[str] = set()
    for g in groups:
        for m in g.mentions:
            parts = [w for w in m.words if w.casefold() not in PARTICLES and len(w) > 1 and not w.endswith(".")]
            if len(parts) == 1 or len(parts) == 2:
                words.update(parts)
            elif parts:
                words.add(parts[-1])
        if g.entry is not None:
            parts = [w for w in g.entry.name.split() if w.casefold() not in PARTICLES]
            words.add(parts[-1])
    words = {w for w in words if w.casefold() not in lex.not_names and w not in places}
    if not words:
        return []
    taken = {(m.block.index, m.start) for m in mentions}
    spans = _Spans(mentions)
    alternation = "|".join(re.escape(w) for w in longest_first(words))
    single = re.compile(rf"(?<![\w'’.-])(?:{alternation})(?![\w-])")
    pair = re.compile(rf"(?<![\w'’.-])(?:(?:{alternation})\s+and\s+({NAME_WORD})|({NAME_WORD})\s+and\s+"
                      rf"(?:{alternation}))(?![\w-])")
    out: list[Mention] = []
    base = 0
    matches = [(block, [(m.start(), m.end(), "alias") for m in single.finditer(block.text)],
                list(pair.finditer(block.text))) for block in doc.blocks if block.kind != "title"]
    complete(block for block, singles, pairs in matches if singles or pairs)  # their tags are read below
    for block, found, pairs in matches:
        sentences = sentence_spans(block)
        for match in pairs:
            group_no = 1 if match.group(1) else 2
            if group_no == 1:
                p_start, p_end = match.start(), match.start() + len(match.group().split()[0])
            else:
                p_end = match.end()
                p_start = p_end - len(match.group().split()[-1])
            other = Mention(block, p_start, p_end, {"coordination"})
            other.possessive = bool(POSSESSIVE.match(block.text[p_end:p_end + 3]))
            if is_thing(other, lex) is not None:
                continue  # "Charge and Coulomb's Law"
            found.append((match.start(group_no), match.end(group_no), "coordination"))
        for start, end, source in found:
            if (block.index, start) in taken or spans.overlap(block.index, start, end):
                continue
            text, tail = block.text, tail_start(block.text, start)  # patterns before: the word before only
            if _NAME_AFTER().match(text, end) or _LETTER_BEFORE.search(text, tail, start) \
                    and _NAME_BEFORE().search(text, tail, start) and not _SENTENCE_FIRST_BEFORE.search(
                        text, tail_start(text, start, 2), start):
                continue  # part of a longer name
            alias = clean(Mention(block, start, end, {source}), lex, _EMPTY)
            if alias is None or alias.text.casefold() in lex.not_names or is_thing(alias, lex) is not None:
                continue
            if source == "coordination" and block.nlp is not None and has(block, "tagger"):
                tok = next(iter(tokens_in(block.nlp, alias.start, alias.start + 1)), None)
                if tok is not None and tok.pos_ != "PROPN":
                    continue
            place_in_sentence(alias, sentences, base)
            out.append(alias)
            taken.add((block.index, start))
        base += len(sentences)
    return out



_NAME_AFTER = lazy(rf"\s+{NAME_WORD}")  # (these two compiled for a page with an alias to check)
_LETTER_BEFORE = re.compile(r"[A-Za-z]\s+$")
_NAME_BEFORE = lazy(rf"{NAME_WORD}\s+$")
_SENTENCE_FIRST_BEFORE = re.compile(r"(?:^|[.!?:;]\s+)\S+\s+$")


class _Spans:
    """The accepted mentions' spans, asked whether any overlaps a stretch of a block: by bisection over each
    block's spans sorted by start, with the furthest end so far (one pass over every mention per alias made a
    paragraph of many names quadratic)."""

    def __init__(self, mentions: list[Mention]) -> None:
        by_block: dict[int, list[tuple[int, int]]] = {}
        for m in mentions:
            by_block.setdefault(m.block.index, []).append((m.start, m.end))
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}
        for index, spans in by_block.items():
            spans.sort()
            self._starts[index] = [s for s, _e in spans]
            self._reach[index] = list(accumulate((e for _s, e in spans), max))

    def overlap(self, index: int, start: int, end: int) -> bool:
        i = bisect_left(self._starts.get(index, []), end)  # the spans that start before ``end``
        return i > 0 and self._reach[index][i - 1] > start
