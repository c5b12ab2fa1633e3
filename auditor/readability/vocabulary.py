"""Science vocabulary the document itself defines (and terms the configuration lists).

Syllable- and word-list formulas punish a lesson for using *photosynthesis*, even when the lesson teaches the
word on purpose. A term counts as defined when the document shows, in one of the ways curriculum writers do,
that it is teaching it:

- it is a term in a glossary section (a heading "Glossary", "Key terms", "Vocabulary", "Words to know"...):
  a ``<dt>``, a list item or paragraph that starts with a bold term or reads ``term: definition`` /
  ``term - definition``;
- it is any ``<dt>`` of a definition list, or is marked ``<dfn>``;
- it is bold and followed by a definition (``**Photosynthesis** is ...``, ``<b>mitosis</b>: ...``) or
  preceded by "called"/"known as" (``a process called **osmosis**``);
- in Markdown, it is bold at its first use in the prose (the textbook convention for a new term);
- a sentence names it right after "called" or "known as" and the name ends the clause ("People who study
  weather are called meteorologists.", "a tool called a microscope,");
- it is listed in the configuration (``vocabulary = [...]``).

Bold text that is a whole block (a label such as "Visual Connection"), contains digits ("Figure 1"), is
longer than five words, shorter than three letters, starts like a run-in heading ("For addition:", "Note:") or
is made only of everyday words ("not", "always") is never taken as a term; nor, for "bold at first use", is a
capitalised name inside a sentence ("Henrietta **Lacks**") or a bold lead-in followed by a capital
("**Forensic Scientist** Forensic science is ...").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.document import PROSE_KINDS, Block, Document
from auditor.readability.measure import WORD, is_familiar

GLOSSARY_HEADING = re.compile(
    r"^\s*(?:(?:section|chapter|unit|lesson)\s+)?(glossary|key\s+terms?|key\s+vocabulary|vocabulary(\s+words)?|"
    r"words\s+to\s+know|terms\s+to\s+know|new\s+words|science\s+words|definitions"
    r"|glosario|vocabulario|palabras\s+clave|t[ée]rminos\s+clave|palabras\s+nuevas|definiciones)\b", re.IGNORECASE)
_AFTER_DEFINITION = re.compile(
    r"^\s*(\([^)]{0,80}\)\s*)?(,\s*)?(:|—|–|\s-\s|\bis\b|\bare\b|\bwas\b|\bwere\b|\bmeans\b|\brefers?\s+to\b|"
    r"\bdescribes\b|\bis\s+called\b|\bor\b"
    r"|\bes\b|\bson\b|\bsignifica\b|\bse\s+llama\b|\bse\s+refiere\s+a\b)", re.IGNORECASE)
_BEFORE_DEFINITION = re.compile(r"\b(called|known\s+as|termed|named|the\s+term|the\s+word"
                                r"|se\s+llama|llamad[oa]s?|conocid[oa]s?\s+como|denominad[oa]s?|el\s+t[ée]rmino"
                                r"|la\s+palabra)\s*[\"“«]?$", re.IGNORECASE)
# (?<!\s): a separator is found from the start of the blank run before it, never retried from inside that run
_SEPARATOR = re.compile(r"(?<!\s)\s*(:|—|–|\s-\s)\s*")
_CALLED = re.compile(r"\b(?:called|known\s+as)\s+(?:an?\s+|the\s+)?((?-i:[a-z])[^\W\d_]*(?:[\s-][^\W\d_]+)?)"
                     r"(?=\s*(?:[.,;:!?)]|$))", re.IGNORECASE)
MAX_TERM_WORDS = 5
#: How far before and after a bold run the definition cues are looked for. Block text has its blanks
#: collapsed, so the longest cue ("(...80 characters...), is called") is far shorter; the bound keeps a
#: paragraph with thousands of bold runs linear instead of rescanning the whole paragraph for each.
_CUE_WINDOW = 400
#: Longest piece of a word cut by a bold run's start that is tokenised again (see _PrefixGrams).
_MAX_WORD = 64
# a bold lead-in starting with one of these is a run-in heading ("For addition:", "Note:"), not a term
_LEAD_INS = frozenset("""for in on to with when if how why what where note notes step example tip hint warning
caution remember and or but of by from at as try think check""".split())


@dataclass
class Vocabulary:
    """Defined terms in order of first definition, and a matcher for their uses."""

    terms: list[str] = field(default_factory=list)  # as written, first definition wins
    sources: dict[str, str] = field(default_factory=dict)  # lower-case term -> how it was recognised
    single: set[str] = field(default_factory=set)  # lower-case one-word forms
    phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first word -> word tuples
    parts: set[str] = field(default_factory=set)  # lower-case words of multi-word terms, in their forms

    def add(self, term: str, source: str) -> None:
        term = clean_term(term)
        if not acceptable(term, everyday_ok=source == "configuration"):
            return
        key = term.lower()
        if key in self.sources:
            return
        self.sources[key] = source
        self.terms.append(term)
        words = tuple(w.lower() for w in WORD.findall(term))
        for form in forms(words):
            if len(form) == 1:
                self.single.add(form[0])
            else:
                self.phrases.setdefault(form[0], []).append(form)
                self.parts.update(form)
        if len(words) > 1:
            for word in words:  # "special relativity" defined: "relativity" alone is no longer a stranger
                self.parts.update(form[0] for form in forms((word,)))
        for first in self.phrases:
            self.phrases[first].sort(key=len, reverse=True)

    def is_part(self, word: str) -> bool:
        """Whether a word is (a form of) a word of a defined multi-word term: it is not named as rare."""
        return word.lower().replace("’", "'") in self.parts

    def mark(self, words: list[str]) -> list[bool]:
        """Which of these words (in order, as in a sentence) belong to a defined term."""
        marked = [False] * len(words)
        phrases, single = self.phrases, self.single
        if not phrases and not single:
            return marked
        lowered = [w.lower().replace("’", "'") for w in words]
        if single.isdisjoint(lowered) and phrases.keys().isdisjoint(lowered) and not any("-" in w for w in words):
            return marked  # most sentences
        i = 0
        while i < len(lowered):
            w = lowered[i]
            matched = 0
            for phrase in self.phrases.get(w, ()):
                if tuple(lowered[i:i + len(phrase)]) == phrase:
                    matched = len(phrase)
                    break
            if not matched and (w in self.single or ("-" in w and any(p in self.single for p in w.split("-")))):
                matched = 1  # "low-carbohydrate" uses the defined "carbohydrate"
            for j in range(i, i + matched):
                marked[j] = True
            i += matched or 1
        return marked


def clean_term(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = _drop_trailing_note(text)  # "osmosis (noun)"
    text = text.strip(" \t:;,.—–-\"'“”‘’*")
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)


_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def _drop_trailing_note(text: str) -> str:
    """Remove a trailing "(...)". The note can only begin after the ``)`` before the last one, so the search
    starts there: run from the start, a text of many "(" retried every one of them to the end."""
    if not text.rstrip().endswith(")"):
        return text
    match = _TRAILING_NOTE.search(text, text.rfind(")", 0, text.rfind(")")) + 1)
    return text[:match.start()] + text[match.end():] if match else text


def acceptable(term: str, everyday_ok: bool = False) -> bool:
    """A plausible term: letters only, at most five words, and (unless configured) not only everyday words."""
    words = WORD.findall(term)
    if not words or len(words) > MAX_TERM_WORDS or any(ch.isdigit() for ch in term):
        return False
    if sum(ch.isalpha() for ch in term) < 3 or words[0].lower() in _LEAD_INS:
        return False
    if not re.fullmatch(r"[^\W\d_]+(?:['’\- ][^\W\d_]+)*", term):
        return False
    return everyday_ok or not all(is_familiar(w) for w in words)


def forms(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The term and its regular plural or singular (only the last word changes)."""
    last = words[-1]
    variants = {last, last + "s", last + "es"}
    if last.endswith("y") and len(last) > 2:
        variants.add(last[:-1] + "ies")
    if last.endswith("ies"):
        variants.add(last[:-3] + "y")
    elif last.endswith("es") and len(last) > 4:
        variants.update({last[:-2], last[:-1]})
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        variants.add(last[:-1])
    if last.endswith("um"):
        variants.add(last[:-2] + "a")  # bacterium -> bacteria
    if last.endswith("us"):
        variants.add(last[:-2] + "i")  # nucleus -> nuclei
    return {words[:-1] + (v,) for v in variants}


def _is_glossary(block: Block) -> bool:
    return any(GLOSSARY_HEADING.match(title) for title in block.section)


def _bold_runs(block: Block) -> Iterable[tuple[int, int, str]]:
    return [(s, e, tag) for s, e, tag in block.emphasis if tag in ("b", "strong", "dfn")]


def _name_or_lead_in(text: str, start: int, end: int) -> bool:
    """Bold that is a name inside a sentence ("Henrietta **Lacks**") or a run-in heading at the start of a block
    ("**Forensic Scientist** Forensic science is ...") rather than a new term."""
    before = _last_non_space(text, start)
    sentence_start = not before or before in ".!?:"
    if text[start:start + 1].isupper() and not sentence_start:
        return True
    if start != 0:
        return False
    after = _first_non_space(text, end)
    return not after or after.isupper()


def _last_non_space(text: str, end: int) -> str:
    """The last character before ``end`` that is not blank ("" if none), without copying the text."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def _first_non_space(text: str, start: int) -> str:
    i = start
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def _definition_cue(text: str, start: int, end: int) -> bool:
    """A definition right after the bold run ("**X** is ...") or "called"/"known as" right before it, looked
    for within _CUE_WINDOW characters (the search positions keep word boundaries as in the whole text)."""
    return bool(_AFTER_DEFINITION.match(text[end:end + _CUE_WINDOW])
                or _BEFORE_DEFINITION.search(text, max(0, start - _CUE_WINDOW), start))


class _PrefixGrams:
    """Whether a word or word pair occurs in ``text[:start]``, for the many bold runs of one block.

    Same answer as ``g in _grams(WORD.findall(text[:start]))``, from one pass over the block: where each gram
    first ends, plus the words of a word cut by ``start`` (bounded by _MAX_WORD, so a giant "word" with bold
    runs inside it does not make this quadratic). A findall per bold run made long paragraphs quadratic.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.first: dict[str, int] = {}
        for m in WORD.finditer(text):
            word = m.group().lower()
            self.first.setdefault(word, m.end())
            if self.words:
                self.first.setdefault(f"{self.words[-1]} {word}", m.end())
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(word)

    def before(self, start: int) -> _Before:
        k = bisect_right(self.ends, start)
        cut: list[str] = []
        if k < len(self.starts) and self.starts[k] < start:
            piece_start = max(self.starts[k], start - _MAX_WORD)
            cut = [w.lower() for w in WORD.findall(self.text[piece_start:start])]
        return _Before(self.first, start, _grams(self.words[k - 1:k] + cut) if cut else set())


class _Before:
    """The grams of a prefix: those that end in it, and those made with a word cut by its end."""

    def __init__(self, first: dict[str, int], start: int, extra: set[str]) -> None:
        self.first, self.start, self.extra = first, start, extra

    def __contains__(self, gram: object) -> bool:
        return self.first.get(gram, self.start + 1) <= self.start or gram in self.extra  # type: ignore[call-overload]


def _grams(words: list[str]) -> set[str]:
    """Words and adjacent word pairs (lower case): enough to tell whether a short term was used before."""
    lowered = [w.lower() for w in words]
    if len(lowered) == 1:
        return set(lowered)
    return {f"{a} {b}" for a, b in zip(lowered, lowered[1:], strict=False)} | set(lowered)


def find(doc: Document, configured: Iterable[str] = ()) -> Vocabulary:
    """Every term the document defines, then the configured ones."""
    vocab = Vocabulary()
    seen: set[str] = set()  # lower-case words and word pairs of the prose so far, for "first use"
    for block in doc.blocks:
        text = block.text
        prefix: _PrefixGrams | None = None
        glossary = _is_glossary(block) and block.kind != "heading"
        if block.kind == "term" and len(WORD.findall(text)) <= MAX_TERM_WORDS:
            vocab.add(text, "glossary" if glossary else "definition list")
        elif glossary and block.kind in ("list_item", "paragraph", "definition", "table_cell"):
            runs = list(_bold_runs(block))
            if runs and runs[0][0] == 0:
                vocab.add(text[runs[0][0]:runs[0][1]], "glossary")
            else:
                parts = _SEPARATOR.split(text, maxsplit=1)
                if len(parts) > 1 and len(WORD.findall(parts[0])) <= MAX_TERM_WORDS:
                    vocab.add(parts[0], "glossary")
                elif block.kind == "table_cell" and len(WORD.findall(text)) <= MAX_TERM_WORDS:
                    vocab.add(text, "glossary")
        if block.kind not in PROSE_KINDS and block.kind != "caption":
            continue
        for start, end, tag in block.emphasis:
            run = text[start:end]
            if tag == "dfn":
                vocab.add(run, "dfn")
                continue
            if tag not in ("b", "strong") or (start == 0 and end >= len(text.rstrip(" .:"))):
                continue  # a whole-block label is not a definition
            if _definition_cue(text, start, end):
                vocab.add(run, "bold definition")
            elif doc.format == "markdown" and block.kind in PROSE_KINDS and not _name_or_lead_in(text, start, end):
                words = [w.lower() for w in WORD.findall(clean_term(run))]
                prefix = prefix or _PrefixGrams(text)
                local = prefix.before(start)
                if words and not all(g in seen or g in local for g in _grams(words)):
                    vocab.add(run, "bold at first use")
        if block.kind in PROSE_KINDS and ("called" in text or "known as" in text):
            for match in _CALLED.finditer(text):
                vocab.add(match.group(1), "called")
        if block.kind in PROSE_KINDS and doc.format == "markdown":  # only Markdown asks what was seen before
            seen |= _grams(WORD.findall(text))
    for term in configured:
        vocab.add(term, "configuration")
    return vocab
