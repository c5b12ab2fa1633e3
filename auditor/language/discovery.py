"""Colonial framing: "Columbus discovered America", "the discovery of Australia", "explorers discovered the
island". A place where people already lived was reached, not discovered, by the Europeans who arrived.

The places, the explorers and the uninhabited places (Antarctica, the poles, new volcanic islands) are data in
``rules/language/colonial.toml`` under ``[discovery]``. With a trained pipeline the verb and its object come
from the parse (active, passive and "the discovery of"); without one, from word patterns next to the verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.data import load_toml
from auditor.document import Block
from auditor.language.context import Judge
from auditor.language.forms import plural
from auditor.language.termpack import block_words

DISCOVER = re.compile(r"\bdiscover(?:s|ed|ing|y|ies)?\b", re.I)


@dataclass(frozen=True)
class Lexicon:
    places: re.Pattern  # inhabited places that were "discovered"
    explorers: frozenset[str]
    land: frozenset[str]
    uninhabited: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_toml("language", "colonial.toml")["discovery"]

    def alternation(words: list[str]) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")

    land = set()
    for word in data["land"]:
        land.update({word.lower(), plural(word).lower()})
    return Lexicon(alternation(data["places"]), frozenset(w.lower() for w in data["explorers"]),
                   frozenset(land), alternation(data["uninhabited"]))


@dataclass(frozen=True)
class Discovery:
    start: int
    end: int
    place: str


def wants(text: str) -> bool:
    # a block's words are its lower-case letters and digits, hyphenated words also joined: one that starts with
    # "discover" leaves it in the text without hyphens (a substring test rules most blocks out at once)
    if "discover" not in text.lower().replace("-", ""):
        return False
    return any(w.startswith("discover") for w in block_words(text))


def find(block: Block, judge: Judge) -> list[Discovery]:
    if not DISCOVER.search(block.text):
        return []
    if judge.trained:
        return _with_parse(block)
    return _fallback(block)


def _explorer(tok, lex: Lexicon) -> bool:
    words = {t.lower_ for t in tok.subtree} | {t.lemma_.lower() for t in tok.subtree}
    return bool(words & lex.explorers)


def _phrase(tok) -> list:
    """The object's own phrase: "the island of Tahiti", but not "in Peru" in "a new frog species in Peru"."""
    tokens = [tok]
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj"):
            continue
        tokens.extend(_phrase(child))
    return sorted(tokens, key=lambda t: t.i)


def _place(tok, lex: Lexicon, explorer: bool) -> str | None:
    """The place named by the object phrase, if it is an inhabited place (or any land, found by explorers)."""
    phrase = _phrase(tok)
    text = " ".join(t.text for t in phrase)
    if lex.uninhabited.search(text):
        return None
    named = lex.places.search(text)
    if named:
        return named.group(0)
    if explorer and (tok.lemma_.lower() in lex.land or tok.lower_ in lex.land or tok.ent_type_ in ("GPE", "LOC")):
        return text
    return None


def _with_parse(block: Block) -> list[Discovery]:
    lex = lexicon()
    out = []
    for tok in block.nlp:
        lemma = tok.lemma_.lower()
        if lemma not in ("discover", "discovery") and not tok.lower_.startswith("discover"):
            continue
        objects, subjects = [], []
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    objects.append(child)
                elif child.dep_ == "nsubj":
                    subjects.append(child)
                elif child.dep_ == "agent":
                    subjects.extend(c for c in child.children if c.dep_ == "pobj")
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                objects.append(tok.head) if tok.tag_ == "VBN" else subjects.append(tok.head)
        elif tok.pos_ == "NOUN":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ == "prep" and child.lower_ == "by":
                    subjects.extend(c for c in child.children if c.dep_ == "pobj")
        explorer = any(_explorer(s, lex) for s in subjects)
        for obj in objects:
            place = _place(obj, lex, explorer)
            if place is None:
                continue
            phrase = _phrase(obj)
            first, last = min(tok.i, phrase[0].i), max(tok.i, phrase[-1].i)
            start = block.nlp[first].idx
            end = block.nlp[last].idx + len(block.nlp[last].text)
            out.append(Discovery(start, end, place))
            break
    return out


def _fallback(block: Block) -> list[Discovery]:
    lex = lexicon()
    text = block.text
    places = lex.places.pattern[2:-2]  # the bare alternation
    land = "|".join(sorted(map(re.escape, lex.land), key=len, reverse=True))
    explorers = "|".join(sorted(map(re.escape, lex.explorers), key=len, reverse=True))
    patterns = [
        rf"\bdiscover(?:s|ed|y|ies|ing)?\s+(?:of\s+)?(?:the\s+)?(?:{places})\b",
        rf"\b(?:{places})\s+(?:was|were|had been|is)\s+(?:first\s+)?discovered\b",
        rf"\b(?i:{explorers})\b[^.;]{{0,40}}?\bdiscover(?:s|ed)?\s+(?:a\s+|an\s+|the\s+|new\s+)*(?i:{land})\b",
    ]
    out = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            found = m.group(0)
            if lex.uninhabited.search(found):
                continue
            d = DISCOVER.search(found)
            if d is None:
                continue
            start = m.start() + d.start() if pattern.startswith(r"\b(?i:") else m.start()
            place = lex.places.search(found)
            out.append(Discovery(start, m.end(), place.group(0) if place else found[d.end():].strip()))
    return out
