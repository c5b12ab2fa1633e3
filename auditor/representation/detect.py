"""Finding the people a document names, and grouping the mentions of each.

Candidates come from five sources, each recorded as evidence: the trained pipeline's named-entity recogniser
("ner"), honorific titles ("title": Dr. Lee), occupation appositives ("role": marine biologist Ayana Elizabeth
Johnson; Tu Youyou, a chemist,), knowledge-base names and aliases ("kb"), and, when there is no recogniser,
capitalised names followed by a verb only people do ("fallback"). Candidates are then checked against their
context: names of places, organisations, vessels, instruments and eponymous concepts (Johnson Space Center,
Marie Byrd Land, HMS Beagle, Halley's Comet, Curie temperature) are not people, and a single capitalised word
needs corroboration. Finally mentions of one person are grouped (full name, later surname, title + surname,
possessives).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.nlp import has
from auditor.representation.kb import PARTICLES, Entry, KnowledgeBase
from auditor.representation.lexicon import Lexicon

if TYPE_CHECKING:
    from auditor.document import Block, Document

#: Upper-case letters that can start a name (Latin script with the accents names use).
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#: One name word: "Maathai", "Chien-Shiung", "O'Keeffe", "McClintock", an initial "J." (not "A" alone).
NAME_WORD = rf"(?:[{_UPPER}][\w'’]*(?:-[\w'’]+)*|[{_UPPER}]\.)"
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
#: A name: up to five name words, with lower-case particles inside ("Ynes Mexía", "Ibn al-Haytham").
NAME = rf"{NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)*{NAME_WORD}){{0,4}}"
_POSSESSIVE = re.compile(r"^(?:['’]s\b|['’](?=\s))")
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
#: "X is a city", "Darwin was a ship": a bare name that the text itself says is a thing.
_IS_A_THING = re.compile(
    r"^\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|place|island|port|state|country|"
    r"capital|river|mountain|lake|region|ship|boat|vessel|telescope|spacecraft|satellite|probe|rover|company|"
    r"organi[sz]ation|university|college|school|museum|park|crater|comet|planet|moon|star|galaxy|element|"
    r"unit|mineral|dog|cat|horse|robot|book|journal|magazine|instrument|volcano|glacier|hurricane|storm)\b")
_VESSEL = re.compile(r"^(?:['’]s)?\s+(?:spacecraft|ship|rover|probe|satellite|mission|vessel|shuttle|lander|"
                     r"orbiter|submarine|submersible)\b", re.IGNORECASE)
_THING_NOUNS = frozenset("system planet city country state book journal magazine company organization "
                         "organisation instrument device machine element mineral ship boat plant animal breed".split())
_PERSON_HEADS = frozenset("person people man woman girl boy child friend colleague partner husband wife mother "
                          "father daughter son sister brother pioneer founder leader member winner".split())
_LOCATIVE = re.compile(r"(?:^|\s)(?:in|near|at|from|of|to|across|around|outside)\s+$")
_EMPTY = KnowledgeBase(())
WEAK_KINDS = frozenset({"heading", "label", "alt", "table_cell", "term", "other"})


@dataclass
class Mention:
    block: Block
    start: int  # the name itself: no title, no possessive
    end: int
    sources: set[str]
    title: str | None = None
    entry: Entry | None = None
    possessive: bool = False
    sentence: int = 0  # document-wide sentence number
    subject: bool = False
    full: str | None = None  # the full name when the text shares a surname ("Marie and Pierre Curie")

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def words(self) -> list[str]:
        return (self.full or self.text).split()


@dataclass
class Group:
    """One person: the mentions that refer to them."""

    mentions: list[Mention] = field(default_factory=list)
    entry: Entry | None = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def name(self) -> str:
        if self.entry is not None:
            return self.entry.name
        full = [m for m in self.mentions if len(m.words) > 1]
        if full:
            best = max(full, key=lambda m: (len(m.words), -m.block.index, -m.start))
            return best.full or best.text
        titled = next((m for m in self.mentions if m.title), None)
        return f"{titled.title} {titled.text}" if titled else self.first.text

    @property
    def words(self) -> set[str]:
        names = [m.full or m.text for m in self.mentions] + (list(self.entry.names) if self.entry else [])
        return {w.casefold() for n in names for w in n.split() if w.casefold() not in PARTICLES}


def _raw_candidates(block: Block, kb: KnowledgeBase, lex: Lexicon, trained: bool) -> list[Mention]:
    text = block.text
    found: list[Mention] = []
    if block.nlp is not None and has(block, "ner"):
        for ent in block.nlp.ents:
            if ent.label_ == "PERSON":
                found.append(Mention(block, ent.start_char, ent.end_char, {"ner"}))
    titles = "|".join(re.escape(t.rstrip(".")) for t in sorted({t.rstrip(".") for t in lex.titles}, key=len,
                                                               reverse=True))
    for m in re.finditer(rf"\b({titles})(\.?)\s+({NAME})", text):
        found.append(Mention(block, m.start(3), m.end(3), {"title"}, title=m.group(1) + m.group(2)))
    for m in re.finditer(rf"(?i:\b(?:{lex.role_re})s?)\s+(?:(?:{titles})\.?\s+)?({NAME})", text):
        if " " not in m.group(1) and m.group()[0].isupper() and m.start(1) == m.start() + len(m.group().split()[0]) + 1:
            continue  # "Teacher Demonstration": a capitalised label, not "biologist Okafor"
        found.append(Mention(block, m.start(1), m.end(1), {"role"}))
    for m in re.finditer(rf"(?<![\w'’.-])({NAME})(?:['’]s)?(?:\s*,\s+|\s+(?:is|was|became)\s+)(?:a|an|the)\s+"
                         rf"(?:[\w-]+\s+){{0,4}}?(?:{lex.role_re})\b", text):
        if " " not in m.group(1) and "," in text[m.end(1):m.end()] and not re.match(
                r"\s*(?:[,.;:)]|$|who\b)", text[m.end():]):
            continue  # "Sometimes, a student notices ...": a lone word needs a closed appositive
        found.append(Mention(block, m.start(1), m.end(1), {"role"}))
    for start, end, entry in kb.find(text):
        found.append(Mention(block, start, end, {"kb"}, entry=entry))
    for m in re.finditer(rf"(?<![\w'’.-])({NAME})['’]s\s+(?:[a-z-]+\s+)?(?:{_WORK})\b", text):
        if m.group(1) not in lex.countries:
            found.append(Mention(block, m.start(1), m.end(1), {"fallback"}))  # "Chargaff's findings"
    for m in _FALLBACK.finditer(text):
        found.append(Mention(block, m.start(1), m.end(1), {"fallback"}))
    for m in _WORD_PROBLEM.finditer(text):
        sentence = re.search(r"[^.!?]*$", text[:m.start()]).group() + re.match(r"[^.!?]*", text[m.start():]).group()
        if re.search(r"\d", sentence):
            for group in (1, 2):
                if m.group(group) and m.group(group) not in lex.countries and m.group(group) not in lex.demonyms:
                    found.append(Mention(block, m.start(group), m.end(group), {"fallback"}))
    return found


def _within_sentence(m: Mention, sentences: list[tuple[int, int]]) -> Mention:
    """A name never spans a sentence break: "sphere B. Coulomb would ..." is "Coulomb"."""
    for s, e in sentences:
        if m.start < s < m.end and m.entry is None:
            m.start = s
    return m


def _sentence_initial(text: str, offset: int) -> bool:
    return bool(re.search(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$", text[:offset]))


def _clean(m: Mention, lex: Lexicon, kb: KnowledgeBase, lower_words: frozenset[str] = frozenset()
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
    while len(words) > 1 and m.entry is None and re.fullmatch(r"[A-Z]\.", words[0].group()) and re.search(
            r"\b(?!(?:by|and|with|of|to|from|for|said|wrote|says|writes|like|as)\b)[a-z]+\s+$",
            text[:start + words[0].start()]) and lex.role_kind(
            (re.search(r"([a-z]+)\s+$", text[:start + words[0].start()]) or [None, ""])[1]) is None:
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
    m.possessive = bool(_POSSESSIVE.match(text[end:]))
    if m.entry is None and "kb" not in m.sources:
        m.entry = kb.lookup(name)
        if m.entry is not None:
            m.sources.add("kb")
    return m


def _next_word(block: Block, m: Mention) -> tuple[str, int]:
    after = block.text[m.end:]
    after = _POSSESSIVE.sub("", after)
    w = re.match(r"\s*([\w’'-]+)", after)
    return (w.group(1).casefold(), m.end + (len(block.text[m.end:]) - len(after)) + w.start(1)) if w else ("", -1)


def _token_is_verb(block: Block, offset: int) -> bool:
    if offset < 0 or block.nlp is None or not has(block, "tagger"):
        return False
    for tok in block.nlp:
        if tok.idx == offset:
            return tok.pos_ in ("VERB", "AUX")
    return False


def is_thing(m: Mention, lex: Lexicon) -> str | None:
    """Why the mention names a place, organisation, vessel, instrument or concept; None for a person."""
    block, text = m.block, m.block.text
    words = [w.casefold() for w in m.words]
    if m.entry is None and m.title is None and m.sources <= {"ner", "fallback"} and any(
            s <= m.start and m.end <= e and tag in ("i", "em", "cite") for s, e, tag in block.emphasis):
        return "title or species name"  # italics: *Micrographia*, *Drosophila melanogaster*
    if m.words[-1].endswith("s") and m.words[-1][:-1] in lex.demonyms:
        return "nationality"  # "Papua New Guineans"
    if any(w in lex.thing_heads for w in words[1:]) or words[-1] in lex.eponym_heads and len(words) > 1:
        return "named thing"
    nxt, offset = _next_word(block, m)
    if nxt and not _token_is_verb(block, offset):
        if m.possessive:
            if nxt in lex.eponym_heads and nxt not in lex.science_work:
                return "eponym"
        elif nxt in lex.eponym_heads or nxt in lex.thing_heads:
            return "eponym" if nxt in lex.eponym_heads else "named thing"
    if m.entry is None and m.title is None and block.nlp is not None and has(block, "parser"):
        root = next((t for t in block.nlp if m.start <= t.idx < m.end and not (m.start <= t.head.idx < m.end)), None)
        head = root.head.text.lower() if root is not None else ""
        head = head[:-1] if head.endswith("s") and head[:-1] in _PERSON_HEADS | lex.science_roles else head
        if root is not None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and \
                (head in lex.thing_heads or head in lex.thing_prefixes or head in _THING_NOUNS):
            return "named thing"  # "the nearest star system, Alpha Centauri,"
    before = text[:m.start]
    prev = re.search(r"([\w./’'-]+)\s+$", before)
    if prev and prev.group(1).casefold() in lex.thing_prefixes:
        return "named thing"
    if m.title is None and re.search(r"(?:^|\s)the\s+$", before):
        return "named thing"
    if len(m.words) == 1 and m.title is None and not m.possessive:
        if _IS_A_THING.match(text[m.end:]):
            return "place"
        if _LOCATIVE.search(before) and re.match(rf"^\s*,\s+{NAME_WORD}", text[m.end:]):
            return "place"  # "in Darwin, Australia"
        if re.match(rf"^\s*,\s+(?:{lex.country_re})\b", text[m.end:]):
            return "place"  # "Darwin, Australia, is warm"
        if re.search(r"(?:^|\s)(?:in|near)\s+$", before):
            return "place"
    return None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(cands: list[Mention]) -> list[Mention]:
    """One mention per stretch of text: the longest span wins and inherits the others' evidence."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Mention] = []
    for c in cands:
        host = next((o for o in out if _overlaps(o, c)), None)
        if host is None:
            out.append(c)
            continue
        if c.entry is not None and host.entry is None and (c.end - c.start) >= (host.end - host.start) - 0:
            host.start, host.end, host.entry = c.start, c.end, c.entry
        host.sources |= c.sources
        host.title = host.title or c.title
        host.entry = host.entry or c.entry
    return out


def _sentence_index(block: Block) -> list[tuple[int, int]]:
    if block.nlp is None:
        return [(0, len(block.text))]
    return [(s.start_char, s.end_char) for s in block.nlp.sents] or [(0, len(block.text))]


def _is_subject(m: Mention, sent_start: int) -> bool:
    """Whether the mention is the subject of its clause: from the parse, else from its position."""
    block = m.block
    if block.nlp is not None and has(block, "parser"):
        for tok in block.nlp:
            if m.start <= tok.idx < m.end and tok.dep_ in ("nsubj", "nsubjpass"):
                return True
            if m.start <= tok.idx < m.end and tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"):
                return True  # "Lee and Park met": both are subjects
            if m.start <= tok.idx < m.end and tok.dep_ in ("compound", "appos") and \
                    tok.head.dep_ in ("nsubj", "nsubjpass") and not (m.start <= tok.head.idx < m.end):
                return tok.dep_ == "appos" or tok.head.text[0].isupper()
        return False
    before = block.text[sent_start:m.start]
    return len(before.split()) <= 3 and "," not in before


def _lemma(tok) -> str:
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
    if block.nlp is not None and has(block, "ner"):
        people = [(e.start_char, e.end_char) for e in block.nlp.ents if e.label_ == "PERSON"]
        for s, e in people:
            if re.fullmatch(r"\s+and\s+", block.text[m.end:s]) or re.fullmatch(r"\s+and\s+", block.text[e:m.start]):
                return True
    if block.nlp is not None and has(block, "parser"):
        for tok in block.nlp:
            if m.start <= tok.idx < m.end:
                subject = tok if tok.dep_ in ("nsubj", "nsubjpass") else tok.head if (
                    tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass")) else None
                if tok.dep_ == "poss":
                    return True
                return subject is not None and _lemma(subject.head) in _PERSON_LEMMAS
        return False
    return m.possessive or bool(re.match(r"^\s+(?:[a-z]+\s+)?(?:" + "|".join(_PERSON_VERBS) + r")\b",
                                         block.text[m.end:]))


def _place(m: Mention, sentences: list[tuple[int, int]], base: int) -> None:
    idx = next((i for i, (s, e) in enumerate(sentences) if s <= m.start < e), len(sentences) - 1)
    m.sentence = base + idx
    m.subject = _is_subject(m, sentences[idx][0])


def more_mentions(doc: Document, groups: list[Group], mentions: list[Mention], lex: Lexicon,
                  places: set[str] = frozenset()) -> list[Mention]:
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
    spans = [(m.block.index, m.start, m.end) for m in mentions]
    alternation = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    single = re.compile(rf"(?<![\w'’.-])(?:{alternation})(?![\w-])")
    pair = re.compile(rf"(?<![\w'’.-])(?:(?:{alternation})\s+and\s+({NAME_WORD})|({NAME_WORD})\s+and\s+"
                      rf"(?:{alternation}))(?![\w-])")
    out: list[Mention] = []
    base = 0
    for block in doc.blocks:
        if block.kind == "title":
            continue
        sentences = _sentence_index(block)
        found = [(m.start(), m.end(), "alias") for m in single.finditer(block.text)]
        for m in pair.finditer(block.text):
            group_no = 1 if m.group(1) else 2
            if group_no == 1:
                p_start, p_end = m.start(), m.start() + len(m.group().split()[0])
            else:
                p_end = m.end()
                p_start = p_end - len(m.group().split()[-1])
            other = Mention(block, p_start, p_end, {"coordination"})
            other.possessive = bool(_POSSESSIVE.match(block.text[p_end:]))
            if is_thing(other, lex) is not None:
                continue  # "Charge and Coulomb's Law"
            found.append((m.start(group_no), m.end(group_no), "coordination"))
        for start, end, source in found:
            if (block.index, start) in taken or any(i == block.index and s < end and start < e
                                                    for i, s, e in spans):
                continue
            if re.match(rf"^\s+{NAME_WORD}", block.text[end:]) or re.search(r"[A-Za-z]\s+$", block.text[:start]) \
                    and re.search(rf"{NAME_WORD}\s+$", block.text[:start]) and not re.search(
                        r"(?:^|[.!?:;]\s+)\S+\s+$", block.text[:start]):
                continue  # part of a longer name
            m = _clean(Mention(block, start, end, {source}), lex, _EMPTY)
            if m is None or m.text.casefold() in lex.not_names or is_thing(m, lex) is not None:
                continue
            if source == "coordination" and block.nlp is not None and has(block, "tagger"):
                tok = next((t for t in block.nlp if t.idx == m.start), None)
                if tok is not None and tok.pos_ != "PROPN":
                    continue
            _place(m, sentences, base)
            out.append(m)
            taken.add((block.index, start))
        base += len(sentences)
    return out


def find_mentions(doc: Document, kb: KnowledgeBase, lex: Lexicon, trained: bool
                  ) -> tuple[list[Mention], set[str]]:
    """Every accepted person mention in document order, each with its sentence number and subject flag, and
    the single words this document uses as place names ("Darwin, Australia")."""
    mentions: list[Mention] = []
    thing_words: set[str] = set()
    sentence_base = 0
    staged: list[tuple[Mention, int]] = []
    lower_words = frozenset(w for b in doc.blocks for w in re.findall(r"\b[a-z][a-z'’-]+\b", b.text))
    for block in doc.blocks:
        if block.kind == "title":
            continue
        sentences = _sentence_index(block)
        raw = [_within_sentence(c, sentences) for c in _raw_candidates(block, kb, lex, trained)]
        for m in _merge([c for c in (_clean(c, lex, kb, lower_words) for c in raw) if c is not None]):
            reason = is_thing(m, lex)
            if reason is not None:
                if len(m.words) == 1 and (reason == "place" or _VESSEL.match(block.text[m.end:])):
                    thing_words.add(m.text)  # "Rosetta spacecraft ... Rosetta landed": the craft throughout
                continue
            _place(m, sentences, sentence_base)
            staged.append((m, 0))
        sentence_base += len(sentences)
    for m, _ in staged:
        single = len(m.words) == 1
        couple = re.match(rf"\s+and\s+{NAME_WORD}\s+({NAME_WORD})\b", m.block.text[m.end:]) if single else None
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


def _common_words(m: Mention, lower_words: set[str]) -> bool:
    """Capitalised ordinary words ("Sometimes, a student ...", "Weather Watchers"): every word of the name is
    also used in lower case in this document, or the tagger says a lone word is not a proper noun."""
    if all(w.casefold() in lower_words for w in m.words):
        return True
    if len(m.words) == 1 and m.block.nlp is not None and has(m.block, "tagger") and m.sources <= {"role",
                                                                                                 "fallback"}:
        tok = next((t for t in m.block.nlp if t.idx == m.start), None)
        return tok is not None and tok.pos_ != "PROPN"
    return False


def group_mentions(mentions: list[Mention], kb: KnowledgeBase, lex: Lexicon) -> list[Group]:
    """Mentions of one person together: by knowledge-base entry, full name, then a word of an earlier name."""
    groups: list[Group] = []
    by_entry: dict[str, Group] = {}
    by_full: dict[str, Group] = {}
    last_seen: dict[int, int] = {}

    def add(group: Group, m: Mention, order: int) -> None:
        group.mentions.append(m)
        last_seen[id(group)] = order

    for order, m in enumerate(mentions):
        key = " ".join(m.words).casefold()
        if m.entry is not None:
            group = by_entry.get(m.entry.id) or by_full.get(m.entry.name.casefold())
            if group is None:
                group = Group(entry=m.entry)
                groups.append(group)
            group.entry = group.entry or m.entry
            by_entry[m.entry.id] = group
            by_full.setdefault(key, group)
            add(group, m, order)
            continue
        if len(m.words) > 1:
            group = by_full.get(key) or _suffix_match(m, groups)
            if group is None:
                group = Group()
                groups.append(group)
                by_full[key] = group
            add(group, m, order)
            continue
        word = m.text.casefold()
        matches = [g for g in groups if word in g.words and (len(g.words) > 1 or g.first.text.casefold() == word)]
        if matches:
            surname = [g for g in matches if g.name.split()[-1].casefold() == word]
            pool = surname or matches
            add(max(pool, key=lambda g: last_seen[id(g)]), m, order)
            continue
        group = Group()
        groups.append(group)
        add(group, m, order)
    _merge_late_full_names(groups)
    return [g for g in groups if _keep(g, kb, lex)]


def _suffix_match(m: Mention, groups: list[Group]) -> Group | None:
    """"Elizabeth Johnson" after "Ayana Elizabeth Johnson": a shorter full name ending the same way."""
    words = [w.casefold() for w in m.words]
    for g in groups:
        for other in g.mentions:
            ow = [w.casefold() for w in other.words]
            if len(ow) > len(words) and ow[-len(words):] == words:
                return g
            if len(ow) != len(words) and len(ow) > 1 and ow[0] == words[0] and ow[-1] == words[-1]:
                return g  # "Alfred Wallace" and "Alfred Russel Wallace"
    return None


def _merge_late_full_names(groups: list[Group]) -> None:
    """A surname seen before its full name ("Wu ... Chien-Shiung Wu") joins the full name's group."""
    for single in list(groups):
        if len(single.mentions[0].words) != 1 or single.entry is not None or any(
                len(m.words) > 1 for m in single.mentions):
            continue
        word = single.first.text.casefold()
        later = [g for g in groups if g is not single and any(len(m.words) > 1 for m in g.mentions)
                 and g.name.split()[-1].casefold() == word]
        if len(later) == 1:
            later[0].mentions = sorted(later[0].mentions + single.mentions,
                                       key=lambda m: (m.block.index, m.start))
            groups.remove(single)


def _keep(group: Group, kb: KnowledgeBase, lex: Lexicon) -> bool:
    """Drop groups with no trustworthy evidence: heading-only guesses, uncorroborated single words, things."""
    if group.entry is not None or any("title" in m.sources for m in group.mentions):
        return True
    if any("role" in m.sources and m.block.kind not in WEAK_KINDS for m in group.mentions):
        return True
    if all(m.block.kind in WEAK_KINDS for m in group.mentions):
        return False
    prose = [m for m in group.mentions if m.block.kind not in WEAK_KINDS]
    if all(len(m.words) == 1 for m in group.mentions):
        return any("weak" not in m.sources for m in prose)
    return True
