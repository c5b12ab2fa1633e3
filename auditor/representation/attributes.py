"""What the text itself says about each person: role, gender, region, birth year, and the pronouns it uses.

Every value carries its evidence (the words and line), so a reader can check it. Nothing is guessed: a first
name never implies a gender, and race or ethnicity is never read from anything.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from auditor.nlp import has
from auditor.representation.grouping import Group
from auditor.representation.lexicon import Lexicon, lexicon
from auditor.representation.mention import NAME_WORD, Mention, sentence_spans
from auditor.representation.mention import cached as _cached
from auditor.representation.mention import tokens_in as _tokens_in

if TYPE_CHECKING:
    from auditor.document import Block, Document

HE = ("he", "him", "his", "himself")
SHE = ("she", "her", "hers", "herself")
THEY = ("they", "them", "their", "theirs", "themselves", "themself")
_PRONOUN = re.compile(r"\b(" + "|".join(HE + SHE + THEY) + r")\b", re.IGNORECASE)
_PERSON_NOUNS = re.compile(
    r"\b(?:students?|teachers?|scientists?|people|persons?|person|someone|somebody|anyone|anybody|everyone|"
    r"everybody|child|children|kids?|girls?|boys?|wom[ae]n|m[ae]n|friends?|classmates?|engineers?|researchers?|"
    r"doctors?|farmers?|workers?|family|families|parents?|mothers?|fathers?|sisters?|brothers?|partners?|"
    r"members?|volunteers?|visitors?|patients?|astronauts?|biologists?|chemists?|physicists?|inventors?|"
    r"naturalists?|professors?|nurses?|readers?|writers?|players?|campers?|neighbou?rs?)\b",
    re.IGNORECASE)
_PLURAL_SUBJECT = re.compile(r"\b(?:students|scientists|people|children|kids|researchers|engineers|teams?|"
                             r"groups?|families|friends|classmates|farmers|astronauts|we|you)\b", re.IGNORECASE)


@dataclass
class Facts:
    """Text evidence for one person, with where it was found."""

    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, word, evidence)
    title_roles: list[tuple[str, str, str]] = field(default_factory=list)  # Dr., Prof.: used after the others
    gender: list[tuple[str, str]] = field(default_factory=list)  # (woman|man, evidence)
    pronouns: Counter = field(default_factory=Counter)  # he / she / they resolved to this person
    region: list[tuple[str, str, str]] = field(default_factory=list)  # (region, country, evidence)
    born: list[tuple[int, str]] = field(default_factory=list)


def _line(block: Block, offset: int) -> int:
    return block.span(offset, offset).line


def _sentence_bounds(block: Block, offset: int) -> tuple[int, int]:
    sents = sentence_spans(block)
    i = bisect_right(sents, (offset, len(block.text) + 1)) - 1  # the last sentence starting at or before
    if i >= 0 and sents[i][0] <= offset < sents[i][1]:
        return sents[i]
    return 0, len(block.text)


def mention_facts(m: Mention, lex: Lexicon, facts: Facts) -> None:
    """Role, gendered word, region and birth year said of the person right next to this mention."""
    block, text = m.block, m.block.text
    s_start, s_end = _sentence_bounds(block, m.start)
    # at most _WINDOW characters on each side: a sentence can be a whole paragraph of names, and reading all of
    # it for every name was quadratic
    before = text[max(s_start, m.start - _WINDOW):m.start]
    if m.title:
        before = before[: before.rfind(m.title)] if m.title in before else before
    after = text[m.end:min(s_end, m.end + _WINDOW)]
    line = _line(block, m.start)
    where = f"line {line}"
    role_re, gender_re, dem_re = lex.role_re, lex.gender_word_re, lex.demonym_re
    if _ancient(text, s_start, s_end):
        # "Greek philosophers Leucippus and Democritus (fifth century B.C.)": a culture, not a birthplace
        dem_re = r"(?!x)x"
    # title
    if m.title:
        bare = m.title.rstrip(".")
        gender = lex.titles.get(m.title, lex.titles.get(bare, ""))
        if gender:
            facts.gender.append((gender, f"honorific '{m.title}' ({where})"))
        if bare in ("Dr", "Doctor"):
            facts.title_roles.append(("science", "doctor", f"title '{m.title}' ({where})"))
        elif bare in ("Prof", "Professor"):
            facts.title_roles.append(("science", "professor", f"title '{m.title}' ({where})"))
    # "Kenyan marine biologist Wangari Maathai", "scientists Lee and ...", "Scientists Oswald Avery, Colin
    # MacLeod, and Maclyn McCarty": every name of a list after a plural role word
    # "physicists, such as Ørsted, ...", "scientists such as the late Stephen Jay Gould"
    pre = _role_before(before, role_re)
    if pre:
        kind = lex.role_kind(pre.group(1))
        if kind:
            facts.roles.append((kind, pre.group(1).lower(), f"'{pre.group().strip()} {m.text}' ({where})"))
        head = before[:pre.start()]
        # (the demonym and country patterns are only run on text with the "born" they need: compiling each, with
        # every demonym or country in it, takes 2 to 4 ms, and most lessons never say where anyone was born)
        dem = re.search(rf"\b({dem_re})-born\s+(?:[a-z-]+\s+)?$", head) if "-born" in head else None
        if dem:  # "German-born physicist": a birthplace; "German physicist" is a nationality, not one
            _demonym(dem.group(1), before[:dem.start(1)], before[dem.end(1):], lex, facts, where)
    # "Tu Youyou, a Chinese chemist,", "Ada Lovelace was an English mathematician", "X (a chemist)"
    post = _role_after(after, role_re, gender_re)
    if post:
        word = post.group(2).lower()
        kind = lex.role_kind(word)
        evidence = f"'{m.text}{after[:post.end()]}' ({where})"
        if kind:
            facts.roles.append((kind, word, evidence))
        if word in lex.women_words:
            facts.gender.append(("woman", evidence))
        elif word in lex.men_words:
            facts.gender.append(("man", evidence))
        dem = re.search(rf"\b({dem_re})-born\b", post.group(1)) if "-born" in post.group(1) else None
        if dem:  # "Tu Youyou, a Chinese-born chemist": "a Chinese chemist" or "from China" is no birthplace
            _demonym(dem.group(1), post.group(1)[:dem.start(1)], post.group(1)[dem.end(1):] + word, lex, facts,
                     where)
    # "Maathai studied ...", "Tu Youyou discovered ...", "an experiment conducted by Martha Chase and ..."
    near = before[-300:]  # a bounded window: these patterns end at the mention, however long the sentence
    verb = _science_verb(m, after, lex) or _subject_of(after[:200], lex) or _science_agent(near) or _work_of(near) \
        or _nobel(after[:300])
    if verb:
        kind = "science-observation" if verb.split()[-1] in _OBSERVE else "science-act"
        facts.roles.append((kind, "scientist", f"'{m.text} {verb}' ({where})"))
    if m.possessive:
        work = _WORK_AFTER.match(text, m.end)
        nouns = [w for w in (work.groups() if work else ()) if w]
        noun = next((w for w in nouns[:1] if w in lex.science_work), None) or next(
            (w for w in nouns[1:] if w in lex.science_work and w not in ("team", "work", "data", "model")), None)
        if noun and noun not in ("team", "work", "data", "model"):
            facts.roles.append(("science-act", "scientist", f"'{m.text}'s {noun}' ({where})"))
    # birth year: "(born 1950)", "(1809–1882)", "was born in 1950"
    year = re.match(r"^(?:['’]s?)?\s*\((?:born|b\.)\s+(?:in\s+)?(?:[A-Z][a-z]+\s+(?:\d{1,2},\s+)?)?(\d{4})\b",
                    after) \
        or re.match(r"^\s*\((\d{4})\s*[–-]\s*(?:\d{4})?\s*\)", after) \
        or re.match(r"^(?:\s*,)?\s+(?:was\s+)?born\s+(?:on\s+)?(?:in\s+)?(?:[A-Z][a-z]+\s+(?:\d{1,2},\s+)?)?"
                    r"(?:in\s+)?(\d{4})\b", after)
    if year and 1000 <= int(year.group(1)) <= 2025:
        facts.born.append((int(year.group(1)), f"'{m.text}{after[:year.end()]}' ({where})"))
    # "born in Nairobi, Kenya" (the region rule is birth: "grew up in Mexico" is no evidence of it)
    place = re.match(rf"^(?:[^.;]{{0,80}}?)\bborn\b[^.;]{{0,40}}?\bin\s+"
                     rf"(?:{NAME_WORD}(?:\s+{NAME_WORD})*,\s+)?(?:the\s+)?({lex.country_re})\b", after) \
        if "born" in after else None
    if place and not _other_person_between(m, after[:place.start(1)]):
        country = place.group(1)
        facts.region.append((lex.countries[country], country, f"'{m.text}{after[:place.end()]}' ({where})"))


def _role_before(before: str, role_re: str) -> re.Match[str] | None:
    """A role word said just before a name, group 1 ("marine biologist ", "physicists, such as Ørsted, ", "the
    greatest astronomer of antiquity, ")."""
    such = r"(?:,?\s+(?:such\s+as|like|including|namely|especially)(?:\s+the\s+late)?)?"
    # The second pattern is tried only when the first found nothing, so it can only match with a listed name,
    # and then ends in "," or "and" and whitespace; the third always ends in "," and whitespace. Text that does
    # not end so cannot match them, and they are not run on it (each holds every role word: 1.5 ms to compile).
    tail = before.rstrip()
    return re.search(rf"(?i:\b({role_re}))s?{such}\s+$", before) or (re.search(
        rf"(?i:\b({role_re}))s{such}\s+{_LISTED}$", before) if tail.endswith((",", "and")) else None) or (re.search(
        rf"\bthe\s+(?:[\w-]+\s+){{0,3}}?(?i:({role_re}))(?:\s+of\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?,\s+$", before)
        if tail.endswith(",") else None)


def _role_after(after: str, role_re: str, gender_re: str) -> re.Match[str] | None:
    """A role or gendered word said just after a name, group 2 (", a Chinese chemist", " was an English
    mathematician", " (a chemist)"); group 1 holds the words between."""
    # (the start of the pattern alone first: where it fails the whole cannot match, and the whole, with every
    # role word in it, takes 2 ms to compile)
    if _POST_START.match(after) is None:
        return None
    return re.match(rf"{_POST_START.pattern}((?:[\w-]+\s+){{0,5}}?)(?i:({role_re}|{gender_re}))\b", after)


#: How a role said after a name starts: "'s (1809-1882), a ", " was an ", " (the ".
_POST_START = re.compile(r"^(?:['’]s?)?(?:\s*\([^)]*\))?(?:(?:\s*,\s+|\s+(?:is|was|became|is now|has been|"
                         r"is considered|was considered|works as|worked as)\s+)(?:a|an|the)\s+|"
                         r"\s+\(\s*(?:a|an|the)?\s*)")
#: Characters read before and after a name (the corpus's longest reach is a fraction of it).
_WINDOW = 1_000
_WORK_AFTER = re.compile(r"['’]s?\s+([a-z-]+)(?:\s+([a-z-]+))?")


@lru_cache(maxsize=256)
def _ancient(text: str, start: int, end: int) -> bool:
    """Whether the sentence is about antiquity, asked once per sentence, not per name in it."""
    return bool(_ANCIENT.search(text[start:end]))


#: A sentence about antiquity: a nationality adjective there names a culture, not a country of birth.
_ANCIENT = re.compile(r"\b(?:B\.\s?C\.?(?:E\.?)?|BCE?|A\.\s?D\.|AD|[Aa]ncient|[Aa]ntiquity|[Cc]lassical)(?![\w])")
#: Everyday lab verbs: a science act only for someone named in full (students in examples measure too).
_OBSERVE = frozenset({"observed", "observes", "measured", "measures", "observing", "measuring", "proved",
                      "proves", "demonstrated", "demonstrates"})
#: Science acts in the passive, whose agent ("by X") did the science.
_AGENT = re.compile(r"\b(done|conducted|performed|proposed|discovered|described|developed|formulated|coined|"
                    r"invented|devised|designed|carried out|first stated|popularized|popularised|observed|"
                    r"recorded|measured|studied|made|published|suggested|isolated|identified|classified|obtained|"
                    r"predicted|demonstrated)\b"
                    r"[^.;:]{0,60}?\bby\s+(?:(?:[a-z]+\s+){0,3}?)?(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
                    r"(?:,\s+|,?\s+and\s+))?(?:the\s+(?:[\w-]+\s+){0,3}?[a-z]+,\s+)?$")


def _science_agent(before: str) -> str | None:
    found = _AGENT.search(before) or _RESEARCH_BY.search(before)
    return f"({found.group(1)} by)" if found else None


#: Earlier names of the same list: "Ørsted, Coulomb, " or "Hooke, Christopher Wren, and ".
_LISTED = rf"(?:{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}['’]?s?(?:\s*,\s*|,?\s+and\s+))*"
#: "research by Marie M. Daly and ...", "experiments done with rats by H.C. Blodgett".
_RESEARCH_BY = re.compile(rf"\b(research|work|experiments|studies)\s+(?:[^.;:]{{0,60}}?\s)?by\s+{_LISTED}$")
#: "he shared the 1965 Nobel Prize with Julian Schwinger and S.I. Tomonaga".
_NOBEL_WITH = re.compile(rf"\bNobel\s+Prize\s+(?:in\s+[A-Z][a-z]+\s+)?with\s+{_LISTED}$")
#: "the discoveries of Kepler, Copernicus, Galileo, Newton, and others", "the work of Newton" (not "laws of").
_WORK_OF = re.compile(rf"\b(discoveries|contributions|work|works|ideas|theories|experiments|research|findings|"
                      rf"observations|writings|insights)\s+of\s+{_LISTED}$")
#: "Peter Higgs and Francois Englert received the Nobel Prize": a science prize (not Peace, Literature...).
_NOBEL = re.compile(rf"^(?:['’]s)?(?:\s*,?\s+(?:and\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})*,?\s+(?:received|won|"
                    r"shared|(?:was|were)\s+awarded)\s+(?:the|a|an)\s+(?:\d{4}\s+)?Nobel\s+Prize\b"
                    r"(?!\s+(?:in|for)\s+(?:Peace|Literature|Economic))")


#: A name's verb past coordinated names and a phrase between commas, read from the text when the parse goes
#: astray: "Freda Miller and Elaine Fuchs, working independently, discovered stem cells".
_SUBJECT_VERB = re.compile(rf"^(?:['’]s)?(?:,?\s+and\s+{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})?"
                           r"(?:,\s+[a-z][^,.;]{0,40},)?\s+(?:[a-z]+ly\s+)?([a-z-]+)(?:\s+(\S+))?")


def _subject_of(after: str, lex: Lexicon) -> str | None:
    found = _SUBJECT_VERB.match(after)
    if found is None:
        return None
    word = found.group(1)
    science = word in lex.science_verbs or word in _OBSERVE
    return word if science and not _study_excluded(word, found.group(2) or "") else None


def _work_of(before: str) -> str | None:
    found = _WORK_OF.search(before)
    if found is None:
        return "(shared a Nobel Prize with)" if _NOBEL_WITH.search(before) else None
    return f"({found.group(1)} of)"


def _nobel(after: str) -> str | None:
    return "received a Nobel Prize" if _NOBEL.match(after) else _first_to(after)


#: "Eleanor Carothers was the first to discover physical evidence".
_FIRST_TO = re.compile(r"^(?:\s*\([^)]{0,80}\))?,?\s+(?:was|were|as)\s+the\s+first\s+(?:[a-z]+\s+){0,2}?to\s+([a-z]+)")


def _first_to(after: str) -> str | None:
    found = _FIRST_TO.match(after)
    if found is None:
        return None
    word = found.group(1)
    science = word in _SCIENCE_LEMMAS or word in ("define", "measure", "observe", "provide", "show", "prove")
    return f"was the first to {word}" if science else None


def _other_person_between(m: Mention, gap: str) -> bool:
    return bool(re.search(rf"\b(?:he|she|they|his|her)\b|{NAME_WORD}\s+{NAME_WORD}", gap))


def _demonym(word: str, left: str, right: str, lex: Lexicon, facts: Facts, where: str) -> None:
    """A nationality adjective, unless it is part of a compound such as "African American" (never read as a
    region: it can describe a community, which the tool never infers)."""
    if re.match(r"^[\s-]*(?:American|Canadian|Australian|British)\b", right) or re.search(
            rf"\b(?:{lex.demonym_re}|Native|Indigenous)[\s-]*$", left):
        return
    country, region = lex.demonyms[word]
    facts.region.append((region, country, f"'{word}' ({where})"))


def _science_verb(m: Mention, after: str, lex: Lexicon) -> str | None:
    block = m.block
    if block.nlp is not None and has(block, "parser"):
        for tok in _tokens_in(block.nlp, m.start, m.end):
            subject = tok
            while subject.dep_ in ("conj", "appos") and subject.head is not subject:
                subject = subject.head  # "Chase and Hershey were studying", "his collaborators Geiger and Marsden"
            if subject.dep_ in ("nsubj", "nsubjpass"):
                head = subject.head
                verbs = [head, *[c for c in head.children if c.dep_ in ("conj", "xcomp")]]
                verbs += [g for v in verbs for c in v.children if c.dep_ in ("xcomp", "acomp")
                          for g in [c, *c.children] if g.dep_ == "xcomp"]  # "were getting ready to propose"
                for v in verbs:
                    word = v.text.lower()
                    nxt = v.nbor(1).text if v.i + 1 < len(v.doc) else ""
                    if (word in lex.science_verbs or word in _OBSERVE or _verb_lemma(v) in _SCIENCE_LEMMAS
                            or (word in ("found", "finds", "showed", "shows", "shown") and nxt.lower() == "that")) \
                            and not _study_excluded(word, nxt):
                        return word
                return None
    found = re.match(r"^(?:\s+(?:[a-z]+ly|also|later|then|first|once))?\s+([a-z-]+)\s+(\S+)?", after)
    if found and (found.group(1) in lex.science_verbs or found.group(1) in _OBSERVE) and not _study_excluded(
            found.group(1), found.group(2) or ""):
        return found.group(1)
    return None


#: Lemmas of science acts, for the forms the lexicon does not list ("were studying", "to propose").
_SCIENCE_LEMMAS = frozenset("discover invent study research patent pioneer theorize theorise propose describe coin "
                            "classify hypothesize formulate demonstrate publish experiment calculate postulate "
                            "sequence isolate synthesize".split())


def _verb_lemma(tok: Any) -> str:
    """The lemma when the lemmatizer ran, else the word with a regular ending taken off ("demonstrated")."""
    if tok.lemma_:
        return str(tok.lemma_).lower()
    word = tok.text.lower()
    for suffix in ("ed", "es", "s", "ing", "d"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            for guess in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if guess in _SCIENCE_LEMMAS:
                    return guess
    return word


def _study_excluded(verb: str, nxt: str) -> bool:
    studying = verb.lower() in ("studies", "studied", "study", "studying")
    return studying and nxt.lower().strip(".,") in lexicon().study_exclusions


# pronouns ---------------------------------------------------------------------------------------------------

@dataclass
class PronounUse:
    form: str  # he | she | they
    block: Block
    start: int
    person: Group | None  # resolved named person
    people: bool  # refers to people (always for he/she; for they, when the antecedent is a person)


def _possessive_her(block: Block, offset: int) -> bool:
    if block.nlp is not None and has(block, "tagger"):
        tok = next(iter(_tokens_in(block.nlp, offset, offset + 1)), None)
        if tok is not None:
            return tok.tag_ == "PRP$"
    return bool(_HER_BEFORE_NOUN.match(block.text, offset))


_HER_BEFORE_NOUN = re.compile(r"her\s+(?!(?:to|for|with|at|in|on|by|from|about|and|or|that|when|how|what|the|a|"
                              r"an)\b)[a-z]", re.IGNORECASE)


def resolve_pronouns(doc: Document, groups: list[Group], facts: dict[int, Facts]) -> list[PronounUse]:
    """Every he/she/they in the text, resolved to a named person when that is unambiguous.

    The antecedent is the only person named earlier in the same sentence (the subject, when several), else
    the only person (or only subject) named in the one or two sentences before, with no other person noun
    ("the student") in between. Object pronouns ("thanked her") are counted but never resolved: in "Lee
    thanked her" her is someone else. A section heading ends the search.
    """
    by_sentence: dict[int, list[tuple[Mention, Group]]] = {}
    for g in groups:
        for m in g.mentions:
            by_sentence.setdefault(m.sentence, []).append((m, g))
    uses: list[PronounUse] = []
    sentence_no = 0
    history: list[tuple[int, Block, int, int]] = []  # (sentence number, block, start, end) since the heading
    for block in doc.blocks:
        if block.kind == "title":
            continue
        sents = sentence_spans(block)
        if block.kind == "heading":
            history = []
        if not _PRONOUN.search(block.text):  # (a sentence's pronouns are found in the block's text)
            history.extend((sentence_no + i, block, s, e) for i, (s, e) in enumerate(sents))
            sentence_no += len(sents)
            continue
        for s_start, s_end in sents:
            here = sorted(by_sentence.get(sentence_no, []), key=lambda mg: mg[0].start)
            for pm in _PRONOUN.finditer(block.text, s_start, s_end):
                word = pm.group(1).lower()
                form = "he" if word in HE else "she" if word in SHE else "they"
                obj = word in ("him", "them") or (word == "her" and not _possessive_her(block, pm.start()))
                person = None
                if form != "they" or not obj:
                    person = _antecedent(block, s_start, pm.start(), here, history, by_sentence, form, obj)
                people = form != "they" or person is not None or _they_means_people(
                    block, s_start, pm.start(), history)
                uses.append(PronounUse(form, block, pm.start(), person, people))
                if person is not None and form != "they":
                    f = facts.setdefault(id(person), Facts())
                    f.pronouns[form] += 1
                    f.gender.append(("woman" if form == "she" else "man",
                                     f"'{pm.group(1)}' ({'line ' + str(_line(block, pm.start()))})"))
                elif person is not None:
                    facts.setdefault(id(person), Facts()).pronouns["they"] += 1
            history.append((sentence_no, block, s_start, s_end))
            sentence_no += 1
    return uses


def _they_means_people(block: Block, s_start: int, offset: int, history: list[tuple[int, Block, int, int]]
                       ) -> bool:
    """Whether a they/them refers to people: the nearest plural noun (or indefinite pronoun) before it, in this
    sentence or the two before, is a person word ("The students ... they"; not "Plants ... they")."""
    spans = [(block, s_start, offset)] + [(b, s, e) for _, b, s, e in reversed(history[-2:])]
    for b, s, e in spans:
        if b.nlp is not None and has(b, "tagger"):
            # the block's plural and person nouns, and those that are subjects, found once (reading the sentence
            # up to each pronoun made a long one quadratic); the last of them before the pronoun decides
            starts, nouns, subject_starts, subjects = _cached(b.nlp, "ssec_they_nouns", _plural_nouns)
            last = bisect_left(starts, e) - 1
            if last >= 0 and starts[last] >= s:
                k = bisect_left(subject_starts, e) - 1 if has(b, "parser") else -1
                noun = subjects[k] if k >= 0 and subject_starts[k] >= s else nouns[last]
                return bool(_PERSON_NOUNS.fullmatch(noun.text))
        else:
            words = re.findall(r"[A-Za-z]+", b.text[s:e])
            plural = [w for w in words if (w.endswith("s") and len(w) > 3 and not w.endswith("ss"))
                      or _PERSON_NOUNS.fullmatch(w)]
            if plural:  # without a parse, the first one: English puts the subject first
                return bool(_PERSON_NOUNS.fullmatch(plural[0]))
    return False


def _plural_nouns(doc: Any) -> tuple[list[int], list[Any], list[int], list[Any]]:
    """The plural nouns and indefinite or person words of a parsed block, and those of them that are subjects,
    each with their offsets."""
    nouns = [t for t in doc if t.tag_ in ("NNS", "NNPS") or t.lower_ in (
        "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "person", "student", "scientist",
        "people")]
    subjects = [t for t in nouns if t.dep_ in ("nsubj", "nsubjpass")]
    return [t.idx for t in nouns], nouns, [t.idx for t in subjects], subjects


def _antecedent(block: Block, s_start: int, offset: int, here: list[tuple[Mention, Group]],
                history: list[tuple[int, Block, int, int]], by_sentence: dict[int, list[tuple[Mention, Group]]],
                form: str, obj: bool) -> Group | None:
    if obj:
        return None
    if form == "they":
        return None  # "they" may be plural; it never resolves to one person, so it never sets an attribute
    before = [(m, g) for m, g in here if m.end <= offset]
    prefix = block.text[s_start:offset]
    if before:
        tail = block.text[before[-1][0].end:offset]
        if _PERSON_NOUNS.search(tail) and not _role_of(tail):
            return None
        return _pick(before)
    after = [(m, g) for m, g in here if m.start >= offset]
    if after:  # "When she was young, Mae Jemison ...": only a fronted clause points forward
        if re.match(r"^\W*(?:when|while|as|after|before|although|though|because|since|if|once|until)\b", prefix,
                    re.IGNORECASE):
            return _pick(after[:1])
        return None
    if _PERSON_NOUNS.search(prefix) or _PLURAL_SUBJECT.search(prefix):
        return None
    for _back, (number, b, s, e) in enumerate(reversed(history[-2:])):
        candidates = by_sentence.get(number, [])
        if candidates:
            last = max(candidates, key=lambda mg: mg[0].end)[0]
            if _PERSON_NOUNS.search(b.text, last.end, e) and not _role_of(b.text[last.end:e]):
                return None
            return _pick(sorted(candidates, key=lambda mg: mg[0].start))
        if _PERSON_NOUNS.search(b.text, s, e):
            return None
    return None


def _role_of(tail: str) -> bool:
    """The person noun is the named person's own appositive ("Lee, a marine biologist, said she ...") or
    predicate ("Tanaka is a chemist. She ...")."""
    if re.match(r"^(?:['’]s)?\s*,\s+(?:a|an|the)\s+[^,]*,", tail):
        return True
    # the predicate noun is the only person noun after the name ("... is a chemist who teaches a student. He"
    # may mean the student)
    return bool(re.match(r"^\s+(?:is|was|became|becomes|remains|remained)\s+(?:a|an|the|one\s+of\s+the)\s",
                         tail, re.IGNORECASE)) and len(_PERSON_NOUNS.findall(tail)) == 1


def _pick(candidates: list[tuple[Mention, Group]]) -> Group | None:
    """The antecedent only when it is unambiguous: exactly one person in scope, who is not the object of "with"
    ("while working with James Peebles ... she": she is someone else). With two people in scope ("Kai said ...,
    but Noor pointed out ... She") the pronoun gives nobody a gender: unknown is better than a guess."""
    distinct: list[Group] = []
    for _m, g in candidates:
        if all(g is not d for d in distinct):
            distinct.append(g)
    if len(distinct) != 1:
        return None
    if all(_object_of_with(m) for m, _ in candidates):
        return None
    return distinct[0]


def _object_of_with(m: Mention) -> bool:
    return bool(re.search(r"\b(?:with|alongside|among)\s+(?:(?:[a-z]+\s+){0,2})?$",
                          m.block.text[max(0, m.start - 40):m.start - (len(m.title) + 1 if m.title else 0)]))
