"""Generic "he": a pronoun he/him/his/himself whose antecedent is a role noun standing for anyone in that role
("A scientist records his data", "Each student brings his notebook").

With a trained pipeline the antecedent is chosen from the parse: person-denoting nouns before the pronoun in
the same sentence (subjects first, then the nearest) and then in the previous sentence of the same block. The
pronoun is reported only when that antecedent is a singular role noun with a generic determiner and nothing
before it in the block names or marks a man (a named person, "Mr.", "father", "the boy"...). "He or she",
"his/her" and "she or he" are inclusive and never reported.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from auditor.data import load_toml
from auditor.document import Block
from auditor.language.context import Judge, sentence_bounds
from auditor.language.forms import plural
from auditor.language.termpack import block_words

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
GENERIC_DETERMINERS = frozenset({"a", "an", "each", "every", "any", "no", "the", "one", "another", "whichever"})
INDEFINITE_PRONOUNS = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody",
                                 "nobody", "whoever"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Role nouns (scientist, student...), male-marked words (man, father, Mr) and the words that trigger."""
    data = load_toml("language", "wordsets.toml")
    roles = frozenset(w.lower() for w in data["roles"])
    male = frozenset(w.lower() for w in data["male"])
    return roles, male, frozenset(roles | {plural(w) for w in roles} | INDEFINITE_PRONOUNS)


def wants(text: str) -> bool:
    """Cheap test: a male pronoun and a role noun in the same block."""
    words = block_words(text)
    return bool(words & MALE_PRONOUNS) and bool(words & lexicon()[2])


@dataclass(frozen=True)
class GenericHe:
    start: int
    end: int
    pronoun: str
    antecedent: str
    count: int  # pronouns that refer to the same antecedent


@dataclass(frozen=True)
class NarrativeHe:
    """A male pronoun for one character of a story or word problem ("A farmer raises chickens. To his
    surprise..."): not generic "he", but a male character, which pronoun balance (P106) counts."""

    start: int
    end: int
    pronoun: str
    antecedent: str


#: Nouns that, after "his", give a character a life of his own: "to his surprise", "his daughter".
PERSONAL = frozenset("""
surprise amazement delight horror dismay daughter son wife husband mother father brother sister friend friends
dog cat family home house workshop garage farm name daughters sons children parents grandmother grandfather
""".split())
#: Adjectives that single out one person: "an eccentric inventor", "a certain farmer".
SINGLING = frozenset({"eccentric", "certain", "particular", "young", "old", "elderly", "famous", "curious",
                      "clever", "lonely", "tall", "short"})
#: Words that make a statement general or hypothetical, so that "a farmer" stands for any farmer.
GENERAL = frozenset({"if", "when", "whenever", "before", "after", "once", "unless", "suppose", "imagine",
                     "until", "as", "must", "should", "can", "could", "would", "may", "might", "will",
                     "always", "usually", "often", "typically", "generally", "normally", "never"})


def _inclusive_pair(words: list[str], i: int) -> bool:
    """he or she / his or her / him/her / she or he / he/she / (s)he."""
    nxt = words[i + 1: i + 3]
    prev = words[max(0, i - 2): i]
    return (nxt[:1] in (["or"], ["/"], ["and"]) and len(nxt) > 1 and nxt[1] in ("she", "her", "hers", "herself")) \
        or (prev[-1:] in (["or"], ["/"], ["and"]) and len(prev) > 1 and prev[0] in ("she", "her", "hers", "herself"))


#: Image descriptions and captions describe particular people in a picture (a boy on a slide).
DESCRIBING = frozenset({"alt", "caption"})


def find(block: Block, judge: Judge) -> list[GenericHe]:
    return find_all(block, judge)[0]


def find_all(block: Block, judge: Judge) -> tuple[list[GenericHe], list[NarrativeHe]]:
    """Generic "he" findings, and the pronouns that stand for a character in a story (parse only)."""
    if block.kind in DESCRIBING or not wants(block.text):
        return [], []
    return _with_parse(block) if judge.trained and judge.entities else (_fallback(block, judge), [])


class _Marks:
    """Where the tokens are that the per-pronoun questions look for (a man named or marked, a word that makes a
    statement general, a past tense, a generic first mention, the person nouns of each sentence), each found in
    one pass over the paragraph when first asked: reading the text between an antecedent and every pronoun
    made one long paragraph of pronouns quadratic."""

    def __init__(self, doc: Any, roles: frozenset[str], male: frozenset[str]) -> None:
        self.doc, self.roles, self.male = doc, roles, male
        self._people: dict[int, tuple[list[int], list[int]]] = {}

    @cached_property
    def specific(self) -> list[int]:
        """A named or male-marked person: someone in particular the pronoun could mean."""
        male = self.male
        return [t.i for t in self.doc if t.ent_type_ == "PERSON" or t.lower_ in male or t.lemma_.lower() in male
                or (t.pos_ == "PROPN" and t.text[:1].isupper())]

    @cached_property
    def general(self) -> list[int]:
        return [t.i for t in self.doc if t.lower_ in GENERAL]

    @cached_property
    def past(self) -> list[int]:
        return [t.i for t in self.doc if t.tag_ == "VBD"]

    @cached_property
    def first_generic(self) -> dict[str, int]:
        """The first token of each lemma with a generic determiner ("a person", "each student")."""
        first: dict[str, int] = {}
        for t in self.doc:
            if any(c.lower_ in ("a", "an", "each", "every", "any") for c in t.children if c.dep_ == "det"):
                first.setdefault(t.lemma_.lower(), t.i)
        return first

    def people(self, sent: Any) -> tuple[list[int], list[int]]:
        """The sentence's person nouns that can be antecedents, subjects and others, in order."""
        if sent.start not in self._people:
            found: tuple[list[int], list[int]] = ([], [])
            for t in sent:
                # "As a student, he...": a role, not a referent
                if _person(t, self.roles) and not (t.dep_ == "pobj" and t.head.lower_ == "as"):
                    found[t.dep_ not in SUBJECTS].append(t.i)
            self._people[sent.start] = found
        return self._people[sent.start]


def _any_between(indices: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of token indices has one in ``[start, end)``."""
    i = bisect_left(indices, start)
    return i < len(indices) and indices[i] < end


def _with_parse(block: Block) -> tuple[list[GenericHe], list[NarrativeHe]]:
    roles, male, _ = lexicon()
    doc = block.nlp
    marks = _Marks(doc, roles, male)
    words = [t.lower_ for t in doc]
    found: dict[int, list] = {}  # antecedent token index -> pronoun tokens
    narrative: list[NarrativeHe] = []
    character = None  # the antecedent of a story's "he", which the following pronouns keep
    specific = False  # an earlier he/him/his in the paragraph refers to a particular man
    for tok in doc:
        if tok.lower_ not in MALE_PRONOUNS or tok.pos_ != "PRON" or _inclusive_pair(words, tok.i):
            continue
        antecedent = None if specific else _antecedent(tok, marks)
        if antecedent is not None and (character is not None or _narrative(antecedent, tok, marks)):
            character = character if character is not None else antecedent
            narrative.append(NarrativeHe(tok.idx, tok.idx + len(tok.text), tok.text, _phrase(character)))
            specific = True
            continue
        if antecedent is None:
            specific = True  # he is someone in particular, and so probably in what follows
            continue
        # a named or male-marked person between the antecedent's sentence and the pronoun could be meant
        if _any_between(marks.specific, antecedent.sent.start, tok.i):
            specific = True
            continue
        found.setdefault(antecedent.i, []).append(tok)
    out = []
    for index, pronouns in sorted(found.items()):
        first = pronouns[0]
        out.append(GenericHe(first.idx, first.idx + len(first.text), first.text, _phrase(doc[index]), len(pronouns)))
    return out, narrative


def _phrase(ante) -> str:
    return ante.doc[min([ante.i] + [c.i for c in ante.children if c.dep_ == "det"]): ante.i + 1].text


def _narrative(antecedent, pronoun, marks: _Marks) -> bool:
    """"A/an + role" is one character of a story, not anyone in the role, when nothing makes the statement
    general or hypothetical (no "if", "when", modal, "always"...) and the text tells a story: a past tense, a
    character singled out ("an eccentric inventor"), a life of his own ("to his surprise", "his daughter"), or
    a new sentence that goes on with "He" as its subject ("An astronaut stands on the Moon. He takes a scale")."""
    dets = [c.lower_ for c in antecedent.children if c.dep_ in ("det", "predet")]
    if not dets or dets[0] not in ("a", "an") or antecedent.lemma_.lower() in ("person", "individual"):
        return False
    start, end = antecedent.sent.start, pronoun.sent.end
    if _any_between(marks.general, start, end):
        return False
    if _any_between(marks.past, start, end):
        return True
    if any(c.dep_ == "amod" and c.lower_ in SINGLING for c in antecedent.children):
        return True
    if pronoun.lower_ == "his" and pronoun.head.lemma_.lower() in PERSONAL:
        return True
    return (pronoun.sent.start != antecedent.sent.start and pronoun.i == pronoun.sent.start
            and pronoun.lower_ == "he" and antecedent.dep_ in SUBJECTS)


def _person(tok, roles: frozenset[str]) -> bool:
    return (tok.pos_ in ("NOUN", "PROPN", "PRON") and
            (tok.lemma_.lower() in roles or tok.lower_ in roles or tok.lower_ in INDEFINITE_PRONOUNS
             or tok.ent_type_ == "PERSON" or tok.lower_ in ("she", "her", "they", "them", "i", "we", "you")))


CONDITIONAL = frozenset({"if", "when", "whenever", "before", "after", "once", "unless", "suppose", "imagine",
                         "until", "while", "as"})


def _generic_definite(noun, marks: _Marks) -> bool:
    """"The engineer" stands for any engineer only in a hypothetical ("When the engineer tests the bridge")
    or after a generic first mention ("A person pushes a mower... the person"); "the astronaut in the
    video" is a particular person."""
    if any(c.dep_ in ("prep", "acl", "relcl", "appos") for c in noun.children):
        return False
    if marks.first_generic.get(noun.lemma_.lower(), noun.i) < noun.i:
        return True  # an earlier generic mention of the same noun
    sent = noun.sent
    if sent[0].lower_ in CONDITIONAL:
        return True
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in CONDITIONAL for a in noun.ancestors for c in a.children)


def _governor(tok):
    """The verb whose clause holds ``tok`` (through a preposition for "with him")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def _same_clause_subject(candidate, pronoun) -> bool:
    """"A student asked him": a plain object pronoun never means the subject of its own verb (that would be
    "himself"), so the student is not its antecedent."""
    if pronoun.lower_ not in ("him", "he") or candidate.dep_ not in SUBJECTS:
        return False
    return candidate.head.i == _governor(pronoun).i


def _inside(pronoun, noun) -> bool:
    """The pronoun belongs to the noun's own phrase ("a student of his"), not to a clause that the noun heads
    (a badly parsed "A person who wants ... must protect his eyes")."""
    tok = pronoun
    while tok.i != noun.i:
        if tok.head.i == tok.i:
            return False  # not under the noun at all
        tok = tok.head
        if tok.i != noun.i and tok.pos_ in ("VERB", "AUX"):
            return False
    return True


def _antecedent(pronoun, marks: _Marks):
    """The most likely antecedent of ``pronoun`` if it is a generic singular role noun, else None."""
    doc, roles = pronoun.doc, marks.roles
    sent = pronoun.sent
    previous = doc[sent.start - 1].sent if sent.start else None  # not a pass over every sentence per pronoun
    for distance, scope in enumerate([sent] + ([previous] if previous is not None else [])):
        subjects, others = marks.people(scope)
        if distance == 0:  # before the pronoun, the nearest first
            order = [range(bisect_left(people, pronoun.i) - 1, -1, -1) for people in (subjects, others)]
        else:  # the whole sentence before, the first first
            order = [range(len(subjects)), range(len(others))]
        # subjects before others; the first that can be meant (the list of person nouns is built once per
        # sentence, and only the pronoun's own clause and phrase are ruled out here)
        best = next((doc[people[k]] for people, ks in zip((subjects, others), order, strict=True) for k in ks
                     if not _inside(pronoun, doc[people[k]]) and not _same_clause_subject(doc[people[k]], pronoun)),
                    None)
        if best is None:
            continue
        if best.lower_ in INDEFINITE_PRONOUNS:
            return best
        if best.pos_ != "NOUN" or best.tag_ != "NN" or best.lemma_.lower() not in roles:
            return None
        dets = [c.lower_ for c in best.children if c.dep_ in ("det", "predet")]
        if not dets or dets[0] not in GENERIC_DETERMINERS:
            return None
        if dets[0] == "the" and not _generic_definite(best, marks):
            return None
        return best
    return None


def _last_role_before(role_re: re.Pattern, text: str, begin: int, finish: int, at: int,
                      windows: dict[int, tuple[list[int], list[re.Match]]]) -> re.Match | None:
    """The last generic role noun ("a scientist") between ``begin`` (a sentence start) and the pronoun at
    ``at``: the last match that ``role_re.finditer(text[begin:at])`` would give.

    The matches from ``begin`` to the end of the pronoun's sentence are found once and shared by every pronoun
    of that sentence (searching the text before each pronoun made long sentences quadratic). They are the
    same as in the slice: a pronoun token is never preceded by a letter or digit, so no match runs into it,
    and ``begin`` follows a blank, so word boundaries there read the same."""
    if begin not in windows:
        found = list(role_re.finditer(text, begin, finish))
        windows[begin] = ([m.end() for m in found], found)
    ends, found = windows[begin]
    i = bisect_right(ends, at)
    return found[i - 1] if i else None


def _fallback(block: Block, judge: Judge) -> list[GenericHe]:
    """Without a parse: a generic role noun (a/each/every/any + role) earlier in the sentence or the one
    before, no name or male word before the pronoun, and the pronoun not in "he or she"."""
    roles, male, _ = lexicon()
    text = block.text
    words = [t for _, _, t in judge.words.tokens]
    alternatives = "|".join(sorted(roles, key=len, reverse=True))
    role_re = re.compile(r"\b(a|an|each|every|any|no)\s+(?:[a-z\-]+\s+)?(" + alternatives
                         + r")\b", re.I)
    out: list[GenericHe] = []
    seen: set[int] = set()
    windows: dict[int, tuple[list[int], list[re.Match]]] = {}
    # "a male word or a name anywhere before the pronoun" is decided by where the first one is, found once
    # (scanning everything before each pronoun made a paragraph of pronouns quadratic)
    first_male = next((i for i, w in enumerate(words) if w in male), len(words))
    first_name = re.search(r"(?<=[a-z,;] )[A-Z][a-z]", text)
    for i, (s, e, w) in enumerate(judge.words.tokens):
        if w not in MALE_PRONOUNS or _inclusive_pair(words, i):
            continue
        begin, finish = sentence_bounds(text, s, e)
        prev_begin, _ = sentence_bounds(text, max(0, begin - 2), max(0, begin - 2)) if begin else (0, 0)
        if first_male < i or (first_name is not None and first_name.end() <= s):
            continue
        ante = _last_role_before(role_re, text, prev_begin, finish, s, windows)
        if ante is None:
            continue
        key = ante.start()
        if key in seen:
            continue
        seen.add(key)
        out.append(GenericHe(s, e, text[s:e], ante.group(0), 1))
    return out
