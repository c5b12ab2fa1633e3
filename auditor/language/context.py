"""Deciding whether a pack match really is the wording the entry is about.

A regex finds candidates; this module throws out the ones that are not: science terms, proper nouns, the
contexts an entry lists as exceptions, and (with a trained spaCy pipeline) the wrong part of speech or a word
that only modifies a noun. Without a trained pipeline the same questions are answered with conservative word
heuristics, and an entry that cannot be decided without a tagger stays quiet (precision first).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from auditor.document import Block
from auditor.language.termpack import Entry, bounded, phrase_regex
from auditor.nlp import has

TOKEN = re.compile(r"[^\W_]+(?:['\u2019\-\u2010\u2011][^\W_]+)*|[^\w\s]")  # (letters of any language)
# (?<![.!?]): a run of "!!!!" is tried once, from its start, not again from each of its characters
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[\"'\u201d\u2019)»]*\s+(?=[\"'\u201c\u2018(«¿¡]?[A-Z0-9ÁÉÍÓÚÑÜ])|[\n\r]+")
TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame", "captain", "capt",
                    "lord", "lady", "saint", "st", "president", "king", "queen", "general", "gen", "judge"})
#: spaCy entity types that are names (a match inside one is part of a name, not wording about people).
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
#: Words after which a preceding adjective is used as a noun ("the blind can", "the elderly, who").
FUNCTION_WORDS = frozenset("""
and or but nor , . ; : ! ? ) who whom whose that which are is were was be been being have has had can could
will would should may might must shall do does did to in on at of for with by from as than like into onto
about among between through during without within often also still always never usually rarely sometimes
need needs needed use uses used read reads learn learns live lives lived get gets got face faces faced
""".split())
DETERMINERS = frozenset("""
a an the this that these those my your his her its our their some any no every each one another whose
which what such
""".split())
QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))
#: A word or short phrase in single quotes ('mankind', \u2018mankind\u2019): usually a word being talked about.
SINGLE_QUOTED = re.compile(r"(?<![\w'\u2019])['\u2018]([^'\u2018\u2019\n]{1,40})['\u2019](?![\w'\u2019])")


@dataclass(frozen=True)
class Words:
    """The block's word tokens (fallback analysis): (start, end, lowercase text)."""

    tokens: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, text: str) -> Words:
        return cls(tuple((m.start(), m.end(), m.group(0).lower().replace("\u2019", "'"))
                         for m in TOKEN.finditer(text)))

    # Tokens are in order and do not overlap, so their starts and ends are sorted: each question is a binary
    # search, not a pass over the block (a pass per match made long paragraphs quadratic).
    @cached_property
    def starts(self) -> list[int]:
        return [s for s, _, _ in self.tokens]

    @cached_property
    def ends(self) -> list[int]:
        return [e for _, e, _ in self.tokens]

    def first_from(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def after(self, end: int, limit: int) -> list[str]:
        i = self.first_from(end)
        return [t for _, _, t in self.tokens[i:i + limit]]

    def before(self, start: int, limit: int, since: int = 0) -> list[str]:
        low, high = bisect_left(self.starts, since), bisect_right(self.ends, start)
        return [t for _, _, t in self.tokens[max(low, high - limit):high]]

    def between(self, begin: int, finish: int) -> list[str]:
        """The tokens that lie within ``[begin, finish]``."""
        return [t for _, _, t in self.tokens[bisect_left(self.starts, begin):bisect_right(self.ends, finish)]]


class Sentences:
    """Where the sentences of one text end, found once; the sentence around any span by binary search."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in SENTENCE_END.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.ends, start)  # sentence ends wholly before the span
        j = bisect_left(self.starts, end)  # the first one at or after its end
        return (self.ends[i - 1] if i else 0), (self.starts[j] + 1 if j < len(self.starts) else self.length)


@lru_cache(maxsize=64)
def _sentences(text: str) -> Sentences:
    return Sentences(text)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` by punctuation (the same with and without a trained pipeline)."""
    return _sentences(text).bounds(start, end)


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of text inside quotation marks (double quotes, guillemets, and single quotes around a short
    phrase, which mark a word being talked about: "the word 'mankind' is dated")."""
    spans = []
    for opening, closing in QUOTE_PAIRS:
        i = 0
        while True:
            a = text.find(opening, i)
            if a == -1:
                break
            b = text.find(closing, a + 1)
            if b == -1:
                break
            spans.append((a, b + 1))
            i = b + 1
    spans.extend((m.start(), m.end()) for m in SINGLE_QUOTED.finditer(text))
    return spans


def in_quotation(block: Block, start: int, end: int, spans: list[tuple[int, int]],
                 quotation: bool | None = None) -> bool:
    """Inside quotation marks, or in a block quotation. ``quotation`` says whether the block's block quote is
    a real quotation (see ``analysis.real_quotations``); by default any block quote is."""
    return (block.quoted if quotation is None else quotation) or any(a < start and end < b for a, b in spans)


#: Words before a match that make it a word being talked about: "the word lunatic", "the term 'crippled'".
MENTION_BEFORE = frozenset({"word", "words", "term", "terms", "name", "names", "label", "spelled", "spelt"})
#: Words after a match (in its sentence) that talk about where a word comes from or what it means.
MENTION_AFTER = frozenset({"derived", "derives", "derive", "comes", "come", "came", "means", "meant", "mean",
                           "stems", "etymology"})
#: Words of etymology that, with a word from MENTION_AFTER, make the sentence about words.
ETYMOLOGY = frozenset({"latin", "greek", "french", "arabic", "german", "english", "word", "words", "term",
                       "terms", "name", "root", "originally", "etymology", "meaning", "literally"})


def title_case(text: str) -> bool:
    """Headings and captions are often in Title Case, where capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z][a-z'\u2019]+", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _starts_with(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[: len(phrase)]) == phrase


def _ends_with(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return len(tokens) >= len(phrase) and tuple(tokens[len(tokens) - len(phrase):]) == phrase


@cache
def _within(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern:
    return re.compile(bounded([phrase_regex(" ".join(p)) for p in phrases]), re.I)


@lru_cache(maxsize=8)
def _q_tags(source: str) -> tuple[list[int], list[int]]:
    """Offsets of the ``<q>`` start tags and ``</q>`` end tags of a source, found once per document."""
    return ([m.start() for m in re.finditer(r"<[qQ][\s>]", source)],
            [m.start() for m in re.finditer(r"</[qQ]>", source)])


class Judge:
    """Everything known about one block that the checks need, computed once per block."""

    def __init__(self, block: Block, names: frozenset[str], science: Callable[[str], list[tuple[int, int]]],
                 source: str = "", quotation: bool | None = None) -> None:
        self.block = block
        self.quotation = quotation
        self.source = source
        self.text = block.text
        self.words = Words.of(block.text)
        self.names = names
        self.science = science(block.text)  # (start, end) of each science term
        self.quotes = quotation_spans(block.text)
        self.title_case = block.kind in ("heading", "title", "caption", "label", "table_cell") \
            and title_case(block.text)
        self.trained = has(block, "tagger") and has(block, "parser")
        self.entities = has(block, "ner")

    # spaCy ---------------------------------------------------------------------------------------------------
    def tokens(self, start: int, end: int):
        if self.block.nlp is None:
            return None
        return self.block.nlp.char_span(start, end, alignment_mode="expand")

    # the checks ----------------------------------------------------------------------------------------------
    def science_term(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.science)

    def quoted(self, start: int, end: int) -> bool:
        return in_quotation(self.block, start, end, self.quotes, self.quotation) or self._inside_q(start)

    def mention(self, start: int, end: int) -> bool:
        """The words are talked about, not used: "the word lunatic", "*Lunacy* and *lunatic* are derived from
        the Latin name for the Moon", an italicised word with its meaning or origin."""
        begin, finish = sentence_bounds(self.text, start, end)
        before = self.words.before(start, 2, since=begin)
        if before and (before[-1] in MENTION_BEFORE or before[-1] in ("called", "as") and len(before) > 1
                       and before[-2] in ("word", "term", "so")):
            return True
        after = [t for s, e, t in self.words.tokens if s >= end and e <= finish][:8]
        sentence = {t for s, e, t in self.words.tokens if s >= begin and e <= finish}
        if any(t in MENTION_AFTER for t in after) and sentence & ETYMOLOGY:
            return True
        italic = any(a <= start and end <= b and tag in ("em", "i") for a, b, tag in self.block.emphasis)
        return italic and any(t in MENTION_AFTER for t in after)

    def _inside_q(self, start: int) -> bool:
        """Inside an HTML <q> element (the browser draws its quotation marks; the text has none)."""
        if "<q" not in self.source:
            return False
        begin, _ = self.block.source_range(0, 0)
        at, _ = self.block.source_range(start, start)
        opens, closes = _q_tags(self.source)
        return (bisect_right(opens, at - 3) - bisect_left(opens, begin)
                > bisect_right(closes, at - 4) - bisect_left(closes, begin))

    def sentence_start(self, start: int) -> bool:
        begin, _ = sentence_bounds(self.text, start, start)
        i = start - 1
        while i >= begin and self.text[i].isspace():
            i -= 1
        return i < begin or self.text[i] in "\"'\u201c\u2018([*_:\u2014\u2013-"

    def next_word(self, end: int) -> str:
        """The first token at or after ``end``, as written ("" at the end of the block)."""
        i = self.words.first_from(end)
        return self.text[self.words.starts[i]:self.words.ends[i]] if i < len(self.words.tokens) else ""

    def _within_spans(self, pattern: re.Pattern) -> list[tuple[int, int]]:
        cache = self.__dict__.setdefault("_within_cache", {})
        if pattern not in cache:
            cache[pattern] = [(m.start(), m.end()) for m in pattern.finditer(self.text)]
        return cache[pattern]

    def _sentence_words(self, begin: int, finish: int) -> str:
        cache = self.__dict__.setdefault("_sentence_cache", {})
        if (begin, finish) not in cache:
            cache[begin, finish] = " " + " ".join(self.words.between(begin, finish)) + " "
        return cache[begin, finish]

    def proper_noun(self, entry: Entry, start: int, end: int) -> bool:
        """The match is (part of) a name: the Isle of Man, Dr. Savage, Crazy Horse, the Oriental Institute."""
        matched = self.text[start:end]
        before = self.words.before(start, 2)
        after_raw = [w for w in (self.next_word(end),) if w]
        if before and before[-1].rstrip(".") in TITLES:
            return True
        if matched.isupper() and len(matched) > 1 and not entry.names_term:
            return False  # text in capitals: capitals (and entities found from them) say nothing about names
        span = self.tokens(start, end) if self.entities else None
        if span is not None and len(span):
            for tok in span:
                if tok.ent_type_ in NAME_ENTITIES:
                    ent = next((e for e in span.doc.ents if e.start <= tok.i < e.end), None)
                    core = [t.i for t in ent if t.lower_ not in ("the", "a", "an")] if ent is not None else []
                    if core and (core[0] < span.start or core[-1] >= span.end):
                        return True  # the name is longer than the match
                    if matched[:1].isupper() and not entry.names_term and ent is not None and ent.label_ == "PERSON":
                        return True
        if entry.names_term:
            # a capitalised term is a name only as part of a longer name ("Oriental Institute")
            return bool(after_raw and after_raw[0][:1].isupper() and after_raw[0].isalpha()
                        and not self.title_case and not self.sentence_start(start))
        if not matched[:1].isupper():
            return False
        if self.title_case:
            return False  # capitals carry no information here; only the entity check above applies
        if not self.sentence_start(start):
            return True  # capitalised in mid-sentence: a name
        if after_raw and after_raw[0][:1].isupper() and after_raw[0].isalpha() and after_raw[0] not in ("I",):
            return True  # "Crazy Horse", "Savage River"
        if span is not None and len(span) and span[-1].pos_ == "PROPN" and self.trained:
            first = matched.split()[0].lower()
            return first in self.names  # used as a name elsewhere in the document
        return matched.split()[0].lower() in self.names

    def contexts(self, entry: Entry, start: int, end: int) -> bool:
        """Whether the entry's context rules allow a finding here."""
        ctx = entry.contexts
        if not ctx:
            return True
        begin, finish = sentence_bounds(self.text, start, end)
        after = self.words.after(end, 6)
        nxt = self.next_word(end)
        after_marked = ["<name>"] if nxt[:1].isupper() and nxt.isalpha() and nxt != "I" else after
        before = self.words.before(start, 6, since=begin)
        before_marked = ["<start>"] + before if len(before) < 6 else before
        if "not_within" in ctx:
            spans = self._within_spans(_within(ctx["not_within"]))
            i = bisect_right(spans, (start, len(self.text) + 1)) - 1  # the last match starting at or before
            if any(a <= start and end <= b for a, b in spans[max(0, i - 1):i + 1]):
                return False
        if any(_starts_with(after, p) or _starts_with(after_marked, p) for p in ctx.get("not_before", ())):
            return False
        if any(_ends_with(before_marked, p) for p in ctx.get("not_after", ())):
            return False
        if "only_before" in ctx and not any(_starts_with(after, p) or _starts_with(after_marked, p)
                                            for p in ctx["only_before"]):
            return False
        if "only_after" in ctx and not any(_ends_with(before_marked, p) for p in ctx["only_after"]):
            return False
        if "not_near" in ctx or "only_near" in ctx:
            sentence = self._sentence_words(begin, finish)
            if any(f" {' '.join(p)} " in sentence for p in ctx.get("not_near", ())):
                return False
            if "only_near" in ctx and not any(f" {' '.join(p)} " in sentence for p in ctx["only_near"]):
                return False
        return True

    def grammar(self, entry: Entry, start: int, end: int) -> bool:
        """Part of speech, noun use and determiners: with a tagger when there is one, else word heuristics."""
        if not (entry.pos or entry.as_noun or entry.no_determiner or entry.generic):
            return True
        span = self.tokens(start, end) if self.trained else None
        if span is not None and len(span):
            head = span[0] if entry.inflect == "verb" else span[-1]
            if entry.pos and head.pos_ not in entry.pos:
                return False
            if entry.as_noun and not self._noun_use(head):
                return False
            if entry.no_determiner and not self._bare(head):
                return False
            if entry.generic and not generic_people(head):
                return False
            return True
        if entry.generic:
            return False  # whether "men" means people in general needs the parse
        # no tagger: decide from the neighbouring words, and stay quiet when they cannot tell
        if entry.pos and not entry.as_noun:
            return False
        after = self.words.after(end, 1)
        if entry.as_noun and not (not after or after[0] in FUNCTION_WORDS):
            return False
        if entry.no_determiner:
            before = self.words.before(start, 1, since=sentence_bounds(self.text, start, end)[0])
            if before and (before[0] in DETERMINERS or before[0] not in ("of", "by", "for", "to", "and")):
                return False
            if not (not after or after[0] in FUNCTION_WORDS):
                return False
        return True

    @staticmethod
    def _noun_use(tok) -> bool:
        """"the blind can read" (noun use) versus "the blind spot", "blind people" (modifier). The small
        model sometimes takes the verb after the word for a noun ("the deaf use"), so a following function
        word or common verb also counts as evidence of noun use."""
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        plain_next = nxt is None or nxt.is_punct or (nxt.lower_ in FUNCTION_WORDS and nxt.lower_ not in ("and", "or"))
        if tok.dep_ in ("amod", "compound") and tok.head.i > tok.i:
            return plain_next
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "dative"):
            return True  # the parse makes it the head of a noun phrase
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not plain_next:
            return False
        return True

    @staticmethod
    def _bare(tok) -> bool:
        """A singular noun with no determiner, possessive or modifier: "man" in the sense of all people."""
        if tok.tag_ not in ("NN", "NNP") or tok.dep_ in ("compound", "npadvmod", "intj"):
            return False
        if any(c.dep_ in ("det", "poss", "amod", "nummod", "compound", "predet") for c in tok.children):
            return False
        first = tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head  # "a learner, teacher, scientist, and man of faith": the list's determiner
            if any(c.dep_ in ("det", "poss") for c in first.children):
                return False
        return tok.i == 0 or tok.nbor(-1).lower_ not in DETERMINERS


#: Words that set men against women in the sentence: then "men" means men ("Men are more likely than women").
FEMALE = frozenset("""
woman women woman's women's female females girl girls lady ladies wife wives mother mothers daughter daughters
""".split())
#: Determiners and possessives that keep a plural generic: "many men", "most men", "our wisest men".
GENERIC_PLURAL_DETS = frozenset({"many", "most", "all", "our", "few"})
#: Adjectives that, before "men", mean thinkers or people in general: "a puzzle to scientific men".
GENERIC_ADJECTIVES = frozenset({"scientific", "learned", "wise", "wisest", "great", "greatest", "clever",
                                "cleverest", "thinking", "practical", "educated", "civilized", "civilised",
                                "ordinary", "common", "early", "ancient", "primitive", "prehistoric", "modern"})
#: Adjectives that make "a man" the standard human: "the body of a grown man", "an average man".
STANDARD_MAN = frozenset({"grown", "full-grown", "average", "ordinary", "normal", "typical", "healthy"})
HYPOTHETICAL = frozenset({"if", "suppose", "supposing", "imagine", "whenever", "unless"})
MODALS = frozenset({"would", "could", "might", "can", "will", "may", "must", "should"})


def generic_people(tok) -> bool:
    """Whether "man"/"men" stands for people in general rather than particular men, from the parse.

    Plural: the subject of its clause (or modified by an adjective, "scientific men"), with no number, no
    determiner but "many", "most", "all", "our", no "such men as <names>", and no women in the sentence to set
    men against. Singular (with a determiner; bare "Man" is the generic-man entry): the standard human ("a grown
    man"), a hypothetical ("a man, if he could get there, would..."), or "the man who + present tense" ("the man
    who scoffs at them"). A man in a story, a photo or history ("the man who discovered it") is not generic.
    """
    sent = tok.sent
    if any(t.lower_ in FEMALE for t in sent):
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("nummod", "appos") for c in kids) or any(c.lower_ == "such" for c in kids):
        return False
    before = tok.doc[max(tok.sent.start, tok.i - 4): tok.i]
    if any(t.like_num or t.ent_type_ in ("NORP", "CARDINAL", "QUANTITY") for t in before):
        return False  # counted or named groups: "399 African American men", "two Danish men"
    following = [t for t in tok.doc[tok.i + 1: tok.i + 3]]
    if following and (following[0].pos_ == "PROPN" or (following[0].lower_ == "as" and len(following) > 1
                                                       and following[1].pos_ == "PROPN")):
        return False
    dets = [c.lower_ for c in kids if c.dep_ in ("det", "poss", "predet")]
    if tok.tag_ == "NNS":
        if any(d not in GENERIC_PLURAL_DETS for d in dets):
            return False
        adjectives = [c for c in kids if c.dep_ == "amod"]
        if any(c.text[:1].isupper() and c.i != sent.start for c in adjectives):
            return False  # a named group: "Black men", "Roman men"
        return tok.dep_ in ("nsubj", "nsubjpass") or any(c.lower_ in GENERIC_ADJECTIVES for c in adjectives)
    if not dets:
        return False
    if any(c.dep_ == "amod" and c.lower_ in STANDARD_MAN for c in kids):
        return True
    if dets[0] in ("a", "an", "any", "every", "each"):
        words = {t.lower_ for t in sent}
        head = tok.head
        modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children)
        return bool(words & HYPOTHETICAL) and modal
    if dets[0] == "the":
        return any(c.dep_ == "relcl" and c.tag_ in ("VBZ", "VBP") for c in kids)
    return False
