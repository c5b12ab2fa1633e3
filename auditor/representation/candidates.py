"""Where person-name candidates come from, and which of them are accepted as mentions of people.

Candidates come from five sources, each recorded as evidence: the trained pipeline's named-entity recogniser
("ner"), honorific titles ("title": Dr. Lee), occupation appositives ("role": marine biologist Ayana Elizabeth
Johnson; Tu Youyou, a chemist,), knowledge-base names and aliases ("kb"), and, when there is no recogniser,
capitalised names followed by a verb only people do ("fallback"). Each is trimmed to the name itself and
checked against its context (see ``things``); a single capitalised word needs corroboration.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Any

from auditor.nlp import complete, has
from auditor.representation import spanish
from auditor.representation.kb import PARTICLES, KnowledgeBase, fold
from auditor.representation.lexicon import Lexicon, longest_first
from auditor.representation.mention import (
    NAME,
    NAME_WORD,
    POSSESSIVE,
    Mention,
    cached,
    lazy,
    sentence_spans,
    tail_start,
    tokens_in,
)
from auditor.representation.things import is_thing, title_case_spans

if TYPE_CHECKING:
    from auditor.document import Block, Document

#: Verbs only people do, for the fallback without a recogniser ("Maria measured", "Lee said").
_PERSON_VERBS = (
    "published", "proposed", "suggested", "argued", "showed", "demonstrated", "realized", "realised", "built",
    "designed", "created", "wondered", "concluded", "hypothesized", "developed", "formulated", "determined",
    "said", "says", "asked", "asks", "wants", "wanted", "thinks", "thought", "wrote", "writes", "measured",
    "measures", "discovered", "discovers", "invented", "invents", "studied", "studies", "collected", "collects",
    "grew up", "lived", "worked", "works", "likes", "liked", "loves", "decided", "noticed", "notices", "told",
    "knows", "knew", "walked", "walks", "rode", "rides", "bought", "buys", "explained", "explains", "became",
    "founded", "won", "received", "earned", "flew", "researched", "researches", "observed", "observes",
    "predicted", "predicts", "recorded", "records", "helped", "helps", "believes", "believed", "was born",
    "described", "proved", "postulated",
)
#: Verbs (lemmas) whose subject is a person: a lone word the recogniser calls a person must be one's subject.
_PERSON_LEMMAS = frozenset(
    "say think discover invent study propose suggest argue show demonstrate realize realise build design create "
    "wonder conclude hypothesize develop formulate determine publish write work live grow become win receive "
    "earn fly research observe predict record help believe find describe name call measure collect explain tell "
    "know ask want like love decide notice meet marry die bear teach learn travel sail visit buy give have "
    "need share pick eat plant save spend make count read run walk ride swim bake pour fill use drink score "
    "divide split map photograph identify classify coin isolate sequence lead found join pen note report state "
    "claim emphasize recognize conduct perform experiment prove compute calculate explore collaborate "
    "introduce get touch hold drop throw push pull put place turn see look hear watch try begin continue return "
    "leave go come carry bring take send hope feel remember forget imagine plan prepare choose hire pay thank "
    "accept refuse agree disagree suspect doubt expect guess estimate speculate insist persuade convince sign "
    "graduate retire move repeat test examine analyze analyse compare combine mix cross breed grow raise".split())
_FALLBACK = re.compile(rf"(?<![\w'’.-])({NAME})(?:['’]s)?\s+(?:{'|'.join(_PERSON_VERBS)})\b")
#: Characters of a word problem: "Maria has 12 apples", "Maria and Jamal have 12 apples" (with a number).
_WORD_PROBLEM = re.compile(
    rf"(?<![\w'’.-])({NAME_WORD})(?:\s+and\s+({NAME_WORD}))?\s+(?:has|have|had|gives|gave|buys|bought|sells|"
    r"sold|needs|shares|shared|picks|picked|eats|ate|plants|planted|saves|saved|spends|spent|makes|made|counts|"
    r"counted|collects|reads|runs|ran|walks|rides|swims|bakes|pours|fills|grows|uses|used|drinks|scores|earns|"
    r"divides|splits|wants|measures)\b")
#: A possessor whose research it is: "Chargaff's findings", "Goodall's research".
_WORK = "findings|research|experiments|discovery|discoveries|observations|theory|studies|notebooks|invention"
_TAGGED_PRONOUN = re.compile(r"\b(?:her|they|them|their|theirs|themselves|themself)\b", re.IGNORECASE)
_WORKS = tuple(_WORK.split("|"))
_DIGIT = re.compile(r"\d")
_WORK_OF = re.compile(rf"(?<![\w'’.-])({NAME})['’]s\s+(?:[a-z-]+\s+)?(?:{_WORK})\b")
#: Where a list of names starts whose members did science: "physicists such as Ørsted, Coulomb, and Ampere",
#: "the discoveries of Kepler, Copernicus, Galileo, Newton, and others", "described by Newton", "research by
#: Marie M. Daly and Alfred E. Mirsky". Plural role words are added per lexicon (see ``_list_starts``).
LIST_OF_WORK = (r"\b(?:discoveries|contributions|work|works|ideas|theories|experiments|research|findings|"
                r"observations|writings|insights)\s+of\s+")
LIST_BY = (r"\b(?:done|conducted|performed|proposed|discovered|described|developed|formulated|coined|invented|"
           r"devised|designed|carried out|first stated|popularized|popularised|observed|recorded|measured|studied|"
           r"published|suggested|isolated|identified|classified|obtained|predicted|demonstrated|research|work|"
           r"experiments|studies)\s+(?:[^.;:]{0,60}?\s)?by\s+(?:the\s+(?:[\w-]+\s+){0,3}?[a-z]+,\s+)?"
           r"|\bNobel\s+Prize\s+(?:in\s+[A-Z][a-z]+\s+)?with\s+")
_SEPARATOR = re.compile(r"(?:['’]s?)?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_LIST_NAME = lazy(NAME)  # (compiled for a page with a list of names)
_NOUNS_AFTER_MODIFIER = frozenset("method methods model models theory equation equations law laws effect "
                                  "principle experiment experiments prize award group team lab laboratory".split())
#: "Henrietta Lacks, a 30-year-old African American woman": an apposition with a noun for a person.
_PERSON_APPOSITION = r"(?:woman|man|girl|boy|lady|gentleman)"
#: What every match of ``_Patterns.named`` holds: "named" or "called", blanks, and a name's capital, which is
#: neither a blank nor a-z. Most blocks have neither word; where they do it is mostly "called cells": then the
#: pattern, with every role word and the name pattern (3 ms to compile), is not needed on the page at all.
_NAMED_BEFORE_CAPITAL = re.compile(r"(?:named|called)\s+[^\sa-z]")
#: "Eleanor Carothers was the first to discover ...": a two- or three-word name that did something first.
_FIRST = re.compile(rf"(?<![\w'’.-])({NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})(?:\s*\([^)]{{0,80}}\))?,?\s+(?:was|were)\s+"
                    r"the\s+first\s+(?:to|woman|man|person|scientist)\b")


def name_list(text: str, pos: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The names of a list starting at ``pos`` ("Ørsted, Coulomb, Ampere, Gauss, and Faraday"), as spans; a
    capitalised modifier of a noun is not one ("by Nobel Prize-winning biologist David Baltimore")."""
    spans: list[tuple[int, int]] = []
    while len(spans) < 12:
        found = _LIST_NAME().match(text, pos)
        if found is None:
            break
        noun = re.match(r"\s+([a-z]+)", text[found.end():found.end() + 40])
        word = noun.group(1) if noun else ""
        if noun and (lex.role_kind(word) is not None or lex.role_kind(word[:-1]) is not None
                     or word in _NOUNS_AFTER_MODIFIER or word[:-1] in _NOUNS_AFTER_MODIFIER):
            break
        spans.append((found.start(), found.end()))
        sep = _SEPARATOR.match(text, found.end())
        if sep is None:
            break
        pos = sep.end()
    return spans


def _list_starts(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:(?i:\b(?:{lex.role_re})s),?\s+(?:such\s+as|like|including|namely|especially)\s+"
                      rf"(?:the\s+late\s+)?|"
                      rf"{LIST_OF_WORK}|{LIST_BY})")


#: A name followed by a craft ("Rosetta spacecraft"): that word names the craft throughout the document.
_VESSEL = re.compile(r"^(?:['’]s)?\s+(?:spacecraft|ship|rover|probe|satellite|mission|vessel|shuttle|lander|"
                     r"orbiter|submarine|submersible)\b", re.IGNORECASE)
#: The same anywhere in the document, read once per block: "the Rosetta spacecraft" in one paragraph makes the
#: bare "Rosetta became the first space probe" of another the craft, even when the model never proposed the first
#: as a person. No possessive here: "Darwin's ship" is the man's ship.
_CRAFT_NAME = re.compile(rf"(?<![\w'’.-])({NAME_WORD})\s+(?i:spacecraft|rover|probe|satellite|mission|shuttle|"
                         rf"lander|orbiter|submarine|submersible)s?\b")


class _Patterns:
    """The candidate patterns made from the lexicon's word lists, compiled once (building and looking up these
    long patterns again for every block was a tenth of the analysis), and each only when a block first needs it
    (a page without a name after "named" or "called" never compiles that one)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        titles = "|".join(re.escape(t) for t in longest_first({t.rstrip(".") for t in lex.titles}))
        role_re = lex.role_re
        self.title = re.compile(rf"\b({titles})(\.?)\s+({NAME})")
        self.role = re.compile(rf"(?i:\b(?:{role_re})s?)\s+(?:(?:{titles})\.?\s+)?({NAME})")
        self.role_after = re.compile(rf"(?<![\w'’.-])({NAME})(?:['’]s)?(?:\s*,\s+|\s+(?:is|was|became)\s+)"
                                     rf"(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:{role_re})\b")
        self.list_starts = _list_starts(lex)
        self.work_lists = re.compile(rf"(?:{LIST_OF_WORK}|{LIST_BY})")  # ``list_starts`` without its first branch
        self.apposition = re.compile(rf"(?<![\w'’.-])({NAME}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?"
                                     rf"{_PERSON_APPOSITION}\b")
        self.the_role = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,3}}?(?i:{role_re})(?:\s+of\s+(?:[\w-]+\s+){{0,3}}?"
                                   rf"[\w-]+)?,\s+({NAME})")

    @cached_property
    def named(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:[A-Za-z]+m[ae]n|[A-Za-z]+wom[ae]n|person|boy|girl|(?i:{self.lex.role_re})),?\s+"
                          rf"(?:named|called)\s+({NAME})")


_PATTERNS: dict[int, _Patterns] = {}  # by id(lexicon); an entry holds its lexicon, so an id reused is noticed


def _patterns(lex: Lexicon) -> _Patterns:
    known = _PATTERNS.get(id(lex))
    if known is not None and known.lex is lex:
        return known
    made = _PATTERNS[id(lex)] = _Patterns(lex)
    return made


def _raw_candidates(block: Block, kb: KnowledgeBase, lex: Lexicon, trained: bool) -> list[Mention]:
    text = block.text
    found: list[Mention] = []
    if block.nlp is not None and has(block, "ner"):
        for ent in block.nlp.ents:
            if ent.label_ == "PERSON":
                found.append(Mention(block, ent.start_char, ent.end_char, {"ner"}))
    pat = _patterns(lex)
    for m in pat.title.finditer(text):
        found.append(Mention(block, m.start(3), m.end(3), {"title"}, title=m.group(1) + m.group(2)))
    for m in pat.role.finditer(text):
        if " " not in m.group(1) and m.group()[0].isupper() and m.start(1) == m.start() + len(m.group().split()[0]) + 1:
            continue  # "Teacher Demonstration": a capitalised label, not "biologist Okafor"
        found.append(Mention(block, m.start(1), m.end(1), {"role"}))
    for m in pat.role_after.finditer(text):
        if " " not in m.group(1) and "," in text[m.end(1):m.end()] and not re.match(
                r"\s*(?:[,.;:)]|$|who\b)", text[m.end():]):
            continue  # "Sometimes, a student notices ...": a lone word needs a closed appositive
        found.append(Mention(block, m.start(1), m.end(1), {"role"}))
    # the first branch needs one of its five words; without them the other two find what all three would
    plural = "such" in text or "like" in text or "including" in text or "namely" in text or "especially" in text
    for m in (pat.list_starts if plural else pat.work_lists).finditer(text):
        for start, end in name_list(text, m.end(), lex):
            found.append(Mention(block, start, end, {"role", "list"}))  # a list is evidence the tagger may miss
    # (a pattern that needs a word the block does not have is not run: each costs a scan of the whole block)
    if "man" in text or "girl" in text or "boy" in text or "lady" in text:  # (woman, gentleman)
        for m in pat.apposition.finditer(text):
            found.append(Mention(block, m.start(1), m.end(1), {"apposition"}))
    for m in pat.the_role.finditer(text):
        found.append(Mention(block, m.start(1), m.end(1), {"role"}))  # "the greatest astronomer of antiquity, X"
    if ("named" in text or "called" in text) and _NAMED_BEFORE_CAPITAL.search(text):  # (see the pattern)
        for m in pat.named.finditer(text):
            found.append(Mention(block, m.start(1), m.end(1), {"apposition"}))  # "a Frenchman, named Gay-Lussac"
    if "first" in text:
        for m in _FIRST.finditer(text):
            found.append(Mention(block, m.start(1), m.end(1), {"fallback"}))
    for start, end, entry in kb.find(text):
        found.append(Mention(block, start, end, {"kb"}, entry=entry))
    if any(word in text for word in _WORKS):
        for m in _WORK_OF.finditer(text):
            if m.group(1) not in lex.countries:
                found.append(Mention(block, m.start(1), m.end(1), {"fallback"}))  # "Chargaff's findings"
    for m in _FALLBACK.finditer(text):
        found.append(Mention(block, m.start(1), m.end(1), {"fallback"}))
    stops: list[int] | None = None
    for m in _WORD_PROBLEM.finditer(text) if _DIGIT.search(text) else ():  # only a sentence with a number
        if stops is None:  # found once per block: cutting the sentence out of the text per match was quadratic
            stops = [s.start() for s in re.finditer(r"[.!?]", text)]
            digits = [d.start() for d in re.finditer(r"\d", text)]
        i = bisect_left(stops, m.start())
        begin = stops[i - 1] + 1 if i else 0
        finish = stops[i] if i < len(stops) else len(text)
        if bisect_left(digits, begin) < bisect_left(digits, finish):  # a number in the sentence
            for group in (1, 2):
                if m.group(group) and m.group(group) not in lex.countries and m.group(group) not in lex.demonyms:
                    found.append(Mention(block, m.start(group), m.end(group), {"fallback"}))
    return found


def _within_sentence(m: Mention, starts: list[int]) -> Mention:
    """A name never spans a sentence break: "sphere B. Coulomb would ..." is "Coulomb" (the last sentence start
    inside the name, found by bisection in the sorted ``starts``)."""
    i = bisect_left(starts, m.end) - 1
    if m.entry is None and i >= 0 and m.start < starts[i] < m.end:
        m.start = starts[i]
    return m


_SENTENCE_INITIAL = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
_AFTER_NOUN = re.compile(r"\b(?!(?:by|and|with|of|to|from|for|said|wrote|says|writes|like|as)\b)([a-z]+)\s+$")


def _sentence_initial(text: str, offset: int) -> bool:
    return bool(_SENTENCE_INITIAL.search(text, tail_start(text, offset), offset))


def _after_noun(text: str, offset: int, lex: Lexicon) -> bool:
    """Whether the text before ``offset`` ends with a lower-case word that is neither a role nor one a name may
    follow ("by", "said", ...): a capital letter after it is a label ("sphere B."), not an initial."""
    word = _AFTER_NOUN.search(text, tail_start(text, offset), offset)
    return word is not None and lex.role_kind(word.group(1)) is None


def clean(m: Mention, lex: Lexicon, kb: KnowledgeBase, lower_words: frozenset[str] = frozenset()
          ) -> Mention | None:
    """Trim leading non-name words and a possessive; None when nothing name-like is left."""
    text = m.block.text
    raw = text[m.start:m.end]
    poss = re.search(r"['’]s?$", raw)
    end = m.end - (len(poss.group()) if poss else 0)
    start = m.start
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and m.entry is None and (words[0].group().rstrip(".,").casefold() in lex.not_names
                     or words[0].group().casefold() in ("the", "a", "an")
                     or lex.role_kind(words[0].group()) is not None or words[0].group() in lex.demonyms
                     or (len(words) > 1 and words[0].group().casefold() in lower_words
                         and _sentence_initial(text, start + words[0].start()))):
        words.pop(0)  # "Meet", "Astronaut", "Kenyan", "As Einstein ..." at the start of a sentence
    while len(words) > 1 and m.entry is None and re.fullmatch(r"[A-Z]\.", words[0].group()) and _after_noun(
            text, start + words[0].start(), lex):
        words.pop(0)  # "sphere B. Coulomb would ...": a label's letter, not an initial
    while words and m.entry is None and words[-1].group().rstrip(".,").casefold() in lex.not_names:
        words.pop()
    if not words:
        return None
    start, end = m.start + words[0].start(), m.start + words[-1].end()
    while end > start and text[end - 1] in ".,;:":
        if text[end - 2:end] and re.fullmatch(r"[A-Z]\.", text[end - 2:end]) and end - 2 > start:
            break  # an initial keeps its full stop only inside a name
        end -= 1
    name = text[start:end]
    tokens = name.split()
    if not tokens or not all(t[0].isupper() or t.casefold() in PARTICLES for t in tokens):
        return None
    if all(re.fullmatch(r"(?:[A-Z]\.)+", t) for t in tokens):
        return None  # initials alone ("E. O.")
    if m.entry is None and (re.fullmatch(r"[A-Z]", tokens[-1]) or any(
            re.fullmatch(r"[A-Z]-[a-z]+", t) for t in tokens)):
        return None  # labels and terms: "Path B", "X-rays", "T-cells"
    if m.entry is None and any(t.rstrip(".,").casefold() in lex.not_names for t in tokens):
        return None  # "G. Part B. Gravity"
    if not tokens[0][0].isupper() or any(ch.isdigit() for ch in name):
        return None
    if len(tokens) == 1 and (len(name) < 2 or name.isupper() and len(name) > 1 and m.entry is None):
        return None  # "A", acronyms such as "NASA"
    m.start, m.end = start, end
    m.possessive = bool(POSSESSIVE.match(text[end:end + 3]))  # three characters decide it: "'s" and the next
    if m.entry is None and "kb" not in m.sources:
        m.entry = kb.lookup(name) or kb.consistent(name)
        if m.entry is not None:
            m.sources.add("kb")
    return m

def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(cands: list[Mention]) -> list[Mention]:
    """One mention per stretch of text: the longest span wins and inherits the others' evidence."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Mention] = []
    for c in cands:
        # only the last one kept can overlap: each is kept when it overlaps none before it, and later ones start
        # no earlier (comparing with every one kept made a paragraph of many names quadratic)
        host = out[-1] if out and _overlaps(out[-1], c) else None
        if host is None:
            out.append(c)
            continue
        if c.entry is not None and host.entry is None and (c.end - c.start) >= (host.end - host.start):
            host.start, host.end, host.entry = c.start, c.end, c.entry
        host.sources |= c.sources
        host.title = host.title or c.title
        host.entry = host.entry or c.entry
    return out


def _is_subject(m: Mention, sent_start: int) -> bool:
    """Whether the mention is the subject of its clause: from the parse, else from its position."""
    block = m.block
    if block.nlp is not None and has(block, "parser"):
        for tok in tokens_in(block.nlp, m.start, m.end):
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return True
            if tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"):
                return True  # "Lee and Park met": both are subjects
            if tok.dep_ in ("compound", "appos") and \
                    tok.head.dep_ in ("nsubj", "nsubjpass") and not (m.start <= tok.head.idx < m.end):
                return tok.dep_ == "appos" or tok.head.text[0].isupper()
        return False
    before = block.text[sent_start:m.start]
    return len(before.split()) <= 3 and "," not in before


def _lemma(tok: Any) -> str:
    """The verb's lemma when the lemmatizer ran, else a plain suffix strip (the lemmatizer is not requested)."""
    if tok.lemma_:
        return tok.lemma_.lower()
    word = tok.text.lower()
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            return stem if stem in _PERSON_LEMMAS else stem + "e" if stem + "e" in _PERSON_LEMMAS else stem
    return word


def _corroborated_single(m: Mention) -> bool:
    """A one-word name the recogniser alone found must be the subject of a verb people do, a possessor, or
    joined by "and" to another name it found ("Watson and Crick")."""
    block = m.block
    if block.nlp is not None and has(block, "ner") and _joined_by_and(m, block.text, block.nlp):
        return True
    if block.nlp is not None and has(block, "parser"):
        tok = next(iter(tokens_in(block.nlp, m.start, m.end)), None)  # the name's first token
        if tok is None:
            return False
        subject = tok if tok.dep_ in ("nsubj", "nsubjpass") else tok.head if (
            tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass")) else None
        if tok.dep_ == "poss":
            return True
        return subject is not None and _lemma(subject.head) in _PERSON_LEMMAS
    return m.possessive or bool(re.match(r"^\s+(?:[a-z]+\s+)?(?:" + "|".join(_PERSON_VERBS) + r")\b",
                                         block.text[m.end:]))


def _joined_by_and(m: Mention, text: str, doc: Any) -> bool:
    """Whether a name the recogniser calls a person is joined to the mention by "and", after or before it: the
    spans between are read around the mention only, not once per name in the block (which was quadratic)."""
    people = cached(doc, "ssec_people", lambda d: (
        [e.start_char for e in d.ents if e.label_ == "PERSON"], sorted(e.end_char for e in d.ents if
                                                                       e.label_ == "PERSON")))
    starts, ends = people
    after = _AND_AFTER.match(text, m.end)  # text[m.end:s] is " and " for a name starting at s in this range
    if after is not None and bisect_left(starts, after.start(1) + 1) < bisect_right(starts, after.end()):
        return True
    before = _AND_BEFORE.search(text, tail_start(text, tail_start(text, m.start) + 1), m.start)
    # text[e:m.start] is " and " for a name ending at e in this range
    return before is not None and bisect_left(ends, before.start()) < bisect_right(ends, before.end(1) - 1)


_AND_AFTER = re.compile(r"\s+and(\s+)")
_AND_BEFORE = re.compile(r"(\s+)and\s+$")


def place_in_sentence(m: Mention, sentences: list[tuple[int, int]], base: int) -> None:
    """Set the mention's document-wide sentence number (``base`` counts the earlier blocks' sentences) and
    whether it is the subject there."""
    i = bisect_right(sentences, (m.start, len(m.block.text) + 1)) - 1  # the last sentence starting at or before
    idx = i if i >= 0 and sentences[i][0] <= m.start < sentences[i][1] else len(sentences) - 1
    m.sentence = base + idx
    m.subject = _is_subject(m, sentences[idx][0])


def find_mentions(doc: Document, kb: KnowledgeBase, lex: Lexicon, trained: bool
                  ) -> tuple[list[Mention], set[str]]:
    """Every accepted person mention in document order, each with its sentence number and subject flag, and
    the single words this document uses as place names ("Darwin, Australia")."""
    mentions: list[Mention] = []
    thing_words: set[str] = set()
    sentence_base = 0
    staged: list[Mention] = []
    # (one scan of the blocks joined: a word never spans the line break between two)
    lower_words = frozenset(re.findall(r"\b[a-z][a-z'’-]+\b", "\n".join(b.text for b in doc.blocks)))
    thing_words.update(w for b in doc.blocks for m in _CRAFT_NAME.finditer(b.text)
                       if (w := m.group(1)) not in thing_words and not _known_surname(w, kb))
    found: list[tuple[Block, list[tuple[int, int]], list[Mention]]] = []
    for block in doc.blocks:
        if block.kind == "title":
            continue
        sentences = sentence_spans(block)
        starts = [s for s, _e in sentences]
        raw = [_within_sentence(c, starts) for c in _raw_candidates(block, kb, lex, trained) + (
            spanish.candidates(block) if doc.language == "es" else [])]
        found.append((block, sentences, _merge([c for c in (clean(c, lex, kb, lower_words) for c in raw)
                                                if c is not None])))
    # their tags and parse are read below, and those of a possessive "her" or a "they" by the pronoun step: one
    # batch (the others are annotated if and when something reads them, nlp.has)
    complete(block for block, _, candidates in found if candidates or _TAGGED_PRONOUN.search(block.text))
    for block, sentences, candidates in found:
        titled: list[tuple[int, int]] | None = None  # found when a candidate needs it: most blocks have none
        for m in candidates:
            if m.entry is None and m.title is None and not m.sources & {"role", "apposition"}:
                if titled is None:
                    titled = title_case_spans(block.text, sentences)
                if _inside(m.start, titled):
                    continue  # "Kiss Me" in a mnemonic, "Bulb Produce" in a title-case question
            reason = is_thing(m, lex)
            if reason is not None:
                if len(m.words) == 1 and (reason == "place" or _VESSEL.match(block.text[m.end:])
                                          and not _known_surname(m.text, kb)):
                    thing_words.add(m.text)  # "Rosetta spacecraft ... Rosetta landed": the craft throughout
                continue
            place_in_sentence(m, sentences, sentence_base)
            staged.append(m)
        sentence_base += len(sentences)
    for m in staged:
        single = len(m.words) == 1
        # (_COUPLE starts with what _AND_AFTER matches: it is compiled only for a page where a name has "and" after it)
        couple = _COUPLE().match(m.block.text, m.end) if single and _AND_AFTER.match(m.block.text, m.end) else None
        if couple and m.title is None and m.entry is None:
            m.full = f"{m.text} {couple.group(1)}"  # "Marie and Pierre Curie": Marie Curie
            m.entry = kb.lookup(m.full)
            if m.entry is not None:
                m.sources.add("kb")
        if m.entry is None and m.title is None and _common_words(m, lower_words):
            continue
        if single and m.sources <= {"ner"} and m.entry is None and not _corroborated_single(m):
            m.sources.add("weak")  # "Drag opposes motion": not the subject of anything people do
        if single and m.text in thing_words and m.title is None and m.entry is None:
            continue  # "Darwin, Australia ... sailed to Darwin": the same word already named a place here
        mentions.append(m)
    return mentions, thing_words


def _known_surname(word: str, kb: KnowledgeBase) -> bool:
    """A scientist the knowledge base knows by this one word: the Kepler spacecraft, the Einstein probe and the
    Planck satellite do not make Kepler, Einstein or Planck things."""
    return fold(word) in kb.by_surname or kb.lookup(word) is not None


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the offset falls in one of the sorted, disjoint spans (a binary search, not a scan)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


_COUPLE = lazy(rf"\s+and\s+{NAME_WORD}\s+({NAME_WORD})\b")


def _common_words(m: Mention, lower_words: frozenset[str]) -> bool:
    """Capitalised ordinary words ("Sometimes, a student ...", "Weather Watchers"): every word of the name is
    also used in lower case in this document, or the tagger says a lone word is not a proper noun."""
    if all(w.casefold() in lower_words for w in m.words):
        return True
    if len(m.words) == 1 and m.block.nlp is not None and has(m.block, "tagger") and m.sources <= {"role",
                                                                                                 "fallback"}:
        tok = next(iter(tokens_in(m.block.nlp, m.start, m.start + 1)), None)
        return tok is not None and tok.pos_ != "PROPN"
    return False


