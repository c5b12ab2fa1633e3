"""Names that are not people: the context that shows a candidate names a place, organisation, vessel,
instrument or concept (Johnson Space Center, Marie Byrd Land, HMS Beagle, Halley's Comet, Curie temperature).

Asked of every candidate and of every alias, so it lives apart from both.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.nlp import has
from auditor.representation.lexicon import Lexicon
from auditor.representation.mention import NAME_WORD, POSSESSIVE, Mention, lazy, tail_start, tokens_in

if TYPE_CHECKING:
    from auditor.document import Block

#: "X is a city", "Darwin was a ship": a bare name that the text itself says is a thing.
_IS_A_THING = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|place|island|port|state|country|"
    r"capital|river|mountain|lake|region|ship|boat|vessel|telescope|spacecraft|satellite|probe|rover|company|"
    r"organi[sz]ation|university|college|school|museum|park|crater|comet|planet|moon|star|galaxy|element|"
    r"unit|mineral|dog|cat|horse|robot|book|journal|magazine|instrument|volcano|glacier|hurricane|storm)\b")
_THING_NOUNS = frozenset("system planet city country state book journal magazine company organization "
                         "organisation instrument device machine element mineral ship boat plant animal breed".split())
_PERSON_HEADS = frozenset("person people man woman girl boy child friend colleague partner husband wife mother "
                          "father daughter son sister brother pioneer founder leader member winner".split())
#: Inside a photo, figure or citation credit: "(credit: ...", "(credit a: modification of work by ...".
_CREDIT = re.compile(r"(?i)(?:\bcredits?\b(?:\s+[a-z])?\s*:|\bcourtesy\s+of|\bphoto(?:graph)?\s+by|\bwork\s+by)"
                     r"[^()\n]*$")
#: A caption's closing parenthesis that names who made the picture: "(Prof. Gordon T. Taylor, Stony Brook
#: University; NOAA Corps Collections)", "(Domenico Tintoretto)".
_PAREN_BEFORE = re.compile(r"\((?:(?:Dr|Prof|Professor|Sir)\.?\s+)?$")
_PAREN_AFTER = re.compile(r"^(?:,\s+[^()]{0,160})?\)\W*$")


def _caption_credit(m: Mention) -> bool:
    text = m.block.text
    if not (m.block.kind == "caption" or re.match(r"\W*(?:Figure|Fig\.)\s", text)):
        return False
    before = text[max(0, m.start - 20 - (len(m.title) + 1 if m.title else 0)):m.start]
    return bool(_PAREN_BEFORE.search(before) and _PAREN_AFTER.match(text[m.end:m.end + 200]))


_LOCATIVE = re.compile(r"(?:^|\s)(?:in|near|at|from|of|to|across|around|outside)\s+$")
_PLACE_AFTER = lazy(rf"\s*,\s+{NAME_WORD}")  # (compiled for a page with "in X" before a name)
#: The next word, past an ordinal or adjective of a named law ("Newton's second law", "Einstein's general theory").
_WORD = re.compile(r"\s*(?:(?:first|second|third|fourth|fifth|universal|famous|general|special)\s+)?([\w’'-]+)",
                   re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"([\w./’'-]+)\s+$")
_AFTER_THE = re.compile(r"(?:^|\s)the\s+$", re.IGNORECASE)
_AFTER_IN = re.compile(r"(?:^|\s)(?:in|near)\s+$")
#: what must follow a name for the country pattern to match after it ("Darwin, Australia")
_COMMA = re.compile(r"\s*,")
#: A word being given as a name, not a person: "These trees are called by botanists Lepidodendrons".
_CALLED_BY = re.compile(r"\b(?:called|named|termed)\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?[\w-]+s\s+$", re.IGNORECASE)


def _genus(word: str, lex: Lexicon) -> bool:
    """Whether a single word is shaped like a Latin or Greek genus name, or its English plural."""
    stem = word.casefold()
    return stem.endswith(lex.taxon_endings) or stem.endswith("s") and stem[:-1].endswith(lex.taxon_endings)


def _next_word(block: Block, m: Mention) -> tuple[str, int]:
    """The word after the mention (past a possessive) and where it starts, read in place (copying the rest of
    the block for each mention made a paragraph of many names quadratic)."""
    poss = POSSESSIVE.match(block.text[m.end:m.end + 3])
    w = _WORD.match(block.text, m.end + (len(poss.group()) if poss else 0))
    return (w.group(1).casefold(), w.start(1)) if w else ("", -1)


def _token_is_verb(block: Block, offset: int) -> bool:
    if offset < 0 or block.nlp is None or not has(block, "tagger"):
        return False
    tok = next(iter(tokens_in(block.nlp, offset, offset + 1)), None)
    return tok is not None and tok.pos_ in ("VERB", "AUX")


def is_thing(m: Mention, lex: Lexicon) -> str | None:
    """Why the mention names a place, organisation, vessel, instrument or concept; None for a person."""
    block, text = m.block, m.block.text
    if _CREDIT.search(text[max(0, m.start - 200):m.start]):
        return "credit"  # "(credit: Karen Rhode)", "modification of work by Drew Avery": credited, not featured
    if _caption_credit(m):
        return "credit"  # "Figure 4: ... (Prof. Gordon T. Taylor, Stony Brook University)", "(Domenico Tintoretto)"
    words = [w.casefold() for w in m.words]
    if m.entry is None and m.title is None and m.sources <= {"ner", "fallback"} and any(
            s <= m.start and m.end <= e and tag in ("i", "em", "cite") for s, e, tag in block.emphasis):
        return "title or species name"  # italics: *Micrographia*, *Drosophila melanogaster*
    if m.words[-1].endswith("s") and m.words[-1][:-1] in lex.demonyms:
        return "nationality"  # "Papua New Guineans"
    if any(w in lex.thing_heads for w in words[1:]) or words[-1] in lex.eponym_heads and len(words) > 1:
        return "named thing"
    nxt, offset = _next_word(block, m)
    if nxt.endswith("s") and nxt not in lex.eponym_heads and nxt[:-1] in lex.eponym_heads | lex.thing_heads:
        nxt = nxt[:-1]  # "Van de Graaff generators"
    if nxt and not _token_is_verb(block, offset):
        if m.possessive:
            if nxt in lex.eponym_heads and nxt not in lex.science_work:
                return "eponym"
        elif nxt in lex.eponym_heads or nxt in lex.thing_heads:
            return "eponym" if nxt in lex.eponym_heads else "named thing"
    if m.entry is None and m.title is None and block.nlp is not None and has(block, "parser"):
        root = next((t for t in tokens_in(block.nlp, m.start, m.end) if not (m.start <= t.head.idx < m.end)), None)
        head = root.head.text.lower() if root is not None else ""
        head = head[:-1] if head.endswith("s") and head[:-1] in _PERSON_HEADS | lex.science_roles else head
        if root is not None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and \
                (head in lex.thing_heads or head in lex.thing_prefixes or head in _THING_NOUNS):
            return "named thing"  # "the nearest star system, Alpha Centauri,"
    # the patterns below read only the word before the mention: searched from where it starts (``tail_start``),
    # not over everything before the mention, which made a paragraph of many names quadratic
    tail = tail_start(text, m.start)
    prev = _PREVIOUS_WORD.search(text, tail, m.start)
    if prev and prev.group(1).casefold() in lex.thing_prefixes:
        return "named thing"
    if m.title is None and _AFTER_THE.search(text, tail, m.start) and (
            m.entry is None or len(m.words) == 1):
        return "named thing"
    if len(m.words) == 1 and m.title is None and m.entry is None:
        if _genus(m.words[0], lex):
            return "genus name"  # "Lepidodendrons", "the Iguanodon"
        if _CALLED_BY.search(text, tail_start(text, m.start, 5), m.start):
            return "term"  # "called by botanists Lepidodendrons": a name given to a thing
    if len(m.words) == 1 and m.title is None and not m.possessive:
        if _IS_A_THING.match(text, m.end):
            return "place"
        if _LOCATIVE.search(text, tail, m.start) and _PLACE_AFTER().match(text, m.end) and "role" not in m.sources:
            return "place"  # "in Darwin, Australia"
        if _COMMA.match(text, m.end) and re.compile(rf"\s*,\s+(?:{lex.country_re})\b").match(text, m.end):
            return "place"  # "Darwin, Australia, is warm" (the pattern of every country only after a comma)
        if _AFTER_IN.search(text, tail, m.start):
            return "place"
        if m.sources <= {"fallback"} and m.entry is None and _LOCATIVE.search(text, tail, m.start):
            return "place"  # "evacuees of Chernobyl received ...": a bare word after "of" that only a verb found
    return None



_FUNCTION_WORDS = frozenset("a an the of per and or in on to for at by with as from".split())
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTED = re.compile(r"“[^”\n]{1,200}”|\"[^\"\n]{1,200}\"")


def title_case_spans(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text written in title case, where capitalised words are not names: a quoted phrase of
    three or more words nearly all capitalised (the mnemonic "Oh Be A Fine Girl, Kiss Me"; a book title), and a
    sentence of six or more such words (the heading-like question "How Many Photons per Second Does a
    Typical Light Bulb Produce?"). Each sentence and each quotation is read once."""
    spans: list[tuple[int, int]] = []
    for start, end in sentences:
        if _mostly_capitalised(text[start:end], 6):
            spans.append((start, end))
            continue
        for quote in _QUOTED.finditer(text, start, end):
            if _mostly_capitalised(quote.group(), 3):
                spans.append((quote.start(), quote.end()))
    return spans


def _mostly_capitalised(text: str, minimum: int) -> bool:
    words = [w for w in _TITLE_WORD.findall(text) if w.casefold() not in _FUNCTION_WORDS]
    return len(words) >= minimum and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
