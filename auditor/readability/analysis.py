"""Reading-grade estimates for a document's prose, per section and per sentence, against its grade band.

What counts as prose (see docs/readability.md): paragraphs, block quotes, list items and definitions, split
into sentences by the spaCy sentencizer. Headings, captions, table cells, alt text, titles, labels and
definition-list terms are not running prose and are left out; so are code (the loaders drop it), list items
and definitions that are fragments rather than sentences (no closing . ! or ?), and label-like paragraphs of
fewer than five words with no sentence punctuation. Each sentence is counted once; sections and the document
are sums of their sentences, so every level uses the same counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from auditor.data import load_toml
from auditor.dimension import Dimension
from auditor.document import PROSE_KINDS, Block, Document
from auditor.grades import band_top, canonical_band, normalize_band
from auditor.readability import measure, spanish, teacher, vocabulary
from auditor.readability.measure import Counts

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# Fallback splitting (a block not annotated by spaCy): after . ! ? (and closing quotes), before a capital or
# digit, unless the full stop ends a common abbreviation.
# (?<![.!?…]): a run of "...." is tried once, from its start, not again from each of its characters
_BREAK = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|Sr|Jr|Fig|Figs|No|vs|etc|approx|e\.g|i\.e|ca|cf|[A-Z])\.$")
LABEL_WORDS = 5  # a paragraph shorter than this with no sentence punctuation is a label, not prose
# a list item's enumerator ("(A)", "b.", "3)") before its text
_ENUMERATOR = re.compile(r"^\s*(?:\(?[A-Za-z0-9]{1,3}[.)]|[-–—•*])\s+")
# links, e-mail addresses and file paths: one unit each, never words to read
URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]*[^\s<>\"\'.,;:!?)\]]"
                 r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<![\w/])(?:[\w.-]+/){2,}[\w.-]+", re.IGNORECASE)
#: the languages with formulas and word lists (auditor/readability/spanish.py for "es")
LANGUAGES = frozenset({"en", "es"})
#: elements a block can sit in that make it table data, not running prose (Block.within)
TABLE_CELLS = frozenset({"td", "th"})


def kit(language: str | None) -> Any:
    """The module that counts and grades text in ``language``: :mod:`.spanish` or :mod:`.measure` (English)."""
    return spanish if language == "es" else measure


def settings_table() -> dict[str, Any]:
    return load_toml("readability", "grade-bands.toml")


def band_for(doc: Document, settings) -> tuple[str, str]:
    """The document's own declaration beats configuration, which beats the command-line default."""
    declared = doc.meta.get("grade-band") or doc.meta.get("grade_band")
    if declared and band_top(declared) is not None:  # an invalid one is a warning of the loader
        return canonical_band(declared), "document"
    return settings.band_for(doc.path)


def band_settings(low: float, high: float) -> dict[str, Any]:
    """The [bands.X] table for a band; a single grade ("7") uses the named band that contains it."""
    bands = settings_table().get("bands", {})
    for table in bands.values():
        if table["low"] == low and table["high"] == high:
            return table
    for table in bands.values():
        if table["low"] <= high <= table["high"]:
            return table
    return max(bands.values(), key=lambda t: t["high"])


@dataclass
class Sentence:
    """One sentence of prose: where it is, its counts with and without defined vocabulary, its hard words."""

    block: Block
    start: int  # offsets in block.text
    end: int
    raw: Counts
    adjusted: Counts
    hard_words: list[tuple[int, int]] = field(default_factory=list)  # rare undefined words (block offsets)
    defined: list[str] = field(default_factory=list)  # lower-case words counted as defined vocabulary
    grade: float | None = None  # consensus, vocabulary-adjusted
    raw_grade: float | None = None

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass
class Section:
    path: tuple[str, ...]
    block: Block  # the heading, or the first prose block for text before any heading
    raw: Counts = field(default_factory=Counts)
    adjusted: Counts = field(default_factory=Counts)
    grade: float | None = None
    raw_grade: float | None = None
    reliable: bool = False

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    def to_json(self) -> dict[str, Any]:
        return {"heading": self.heading, "path": list(self.path), "line": self.block.span().line,
                "grade": self.grade, "raw_grade": self.raw_grade, "words": self.adjusted.words,
                "sentences": self.adjusted.sentences, "reliable": self.reliable}


@dataclass
class Reading:
    grade: float | None
    raw_grade: float | None
    band: str
    band_low: float
    band_high: float
    band_source: str
    words: int
    sentences: int
    formulas: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> {"raw", "adjusted"}
    defined_terms: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    reliable: bool = True
    first_block: Block | None = None  # where document-level findings point
    all_sentences: list[Sentence] = field(default_factory=list)  # student prose only
    applicable: tuple[str, ...] = ()
    teacher_blocks: list[int] = field(default_factory=list)  # indices of teacher-facing blocks
    teacher_sentences: list[Sentence] = field(default_factory=list)
    teacher_grade: float | None = None
    teacher_lines: list[int] = field(default_factory=list)  # where each run of teacher-facing blocks starts
    subject_words: frozenset[str] = frozenset()  # lower-case rare words the unit is about (R103's advice)
    language: str = "en"  # whose formulas and word list: "en" or "es"

    def to_json(self) -> dict[str, Any]:
        teacher_words = sum(s.raw.words for s in self.teacher_sentences)
        return {
            "grade": self.grade, "raw_grade": self.raw_grade, "band": self.band,
            "band_source": self.band_source, "reliable": self.reliable, "consensus": "median",
            "formulas": self.formulas, "words": self.words, "sentences": self.sentences,
            "defined_terms": self.defined_terms, "sections": [s.to_json() for s in self.sections],
            "teacher_text": {"words": teacher_words, "sentences": len(self.teacher_sentences),
                             "grade": self.teacher_grade, "blocks": len(self.teacher_blocks),
                             "lines": self.teacher_lines},
            **({"language": self.language} if self.language != "en" else {}),
        }


def sentence_spans(block: Block) -> list[tuple[int, int]]:
    """Sentence offsets in ``block.text``: spaCy's when the block was annotated, else a punctuation split."""
    if block.nlp is not None:
        spans = [(s.start_char, s.end_char) for s in block.nlp.sents]
    else:
        spans, start = [], 0
        for m in _BREAK.finditer(block.text):
            if m.group().startswith(".") and _ABBREVIATION.search(block.text[start:m.start() + 1]):
                continue
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(block.text)))
    out = []
    for start, end in spans:
        chunk = block.text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
    return out


def is_fragment(text: str) -> bool:
    """A list item's or definition's piece that is not a sentence: no closing . ! or ?, or (after an enumerator
    such as "(A)") it starts in lower case, continuing a lead-in ("The student is expected to: (A) analyze...")."""
    if not _TERMINAL.search(text):
        return True
    body = _ENUMERATOR.sub("", text, count=1).lstrip("\"'“‘([")
    return bool(body) and body[0].islower()


def prose_spans(block: Block) -> list[tuple[int, int]]:
    """The sentences of a prose block that count: fragments in lists don't, nor does text in a table cell."""
    if TABLE_CELLS.intersection(block.within):
        return []
    spans = sentence_spans(block)
    if not spans:
        return []
    if block.kind in ("list_item", "definition"):
        return [(s, e) for s, e in spans if not is_fragment(block.text[s:e])]
    if not _TERMINAL.search(block.text) and len(spans) == 1 and len(measure.WORD.findall(block.text)) < LABEL_WORDS:
        return []
    return spans


def measure_sentence(block: Block, start: int, end: int, vocab: vocabulary.Vocabulary,
                     rare_syllables: int = 3, band_high: float = 5.0, counter: Any = measure) -> Sentence:
    """Count one sentence twice: as written, and with each defined term as a short familiar word (``counter``:
    the language's module, see :func:`kit`)."""
    text = block.text
    chunk = text[start:end]
    links = [(m.start(), m.end()) for m in URL.finditer(text, start, end)] if "/" in chunk or "@" in chunk \
        or "www." in chunk else []
    if not links:  # almost every sentence
        words = measure.WORD.findall(text, start, end)
        return _tallied_sentence(block, start, end, words, vocab.mark(words), vocab, rare_syllables, band_high,
                                 counter)
    # a link is one unit, counted like a short name; its pieces are not words
    matches = [m for m in measure.WORD.finditer(text, start, end)
               if not any(a <= m.start() < b for a, b in links) or any(m.start() == a for a, _ in links)]
    words = [m.group() for m in matches]
    defined = vocab.mark(words)
    raw, adjusted = Counts(sentences=1), Counts(sentences=1)
    hard: list[tuple[int, int]] = []
    facts = counter.word_facts
    for i, word in enumerate(words):
        if any(matches[i].start() == a for a, _ in links):
            raw.add_word(measure.DEFINED_SYLLABLES, measure.DEFINED_LETTERS, True)
            adjusted.add_word(measure.DEFINED_SYLLABLES, measure.DEFINED_LETTERS, True)
            continue
        syll, n_letters, familiar = facts(word)
        # Dale-Chall counts names of people and places as familiar: a capital not at the sentence start
        if not familiar and i > 0 and word[0].isupper():
            familiar = True
        raw.add_word(syll, n_letters, familiar)
        if defined[i]:
            adjusted.add_word(measure.DEFINED_SYLLABLES, measure.DEFINED_LETTERS, True)
        else:
            adjusted.add_word(syll, n_letters, familiar)
            if (not familiar and syll >= rare_syllables and not word[0].isupper()
                    and word.replace("-", "").isalpha() and not counter.known_in_band(word, band_high)
                    and not vocab.is_part(word)):
                m = matches[i]
                hard.append((m.start(), m.end()))
    used = [w.lower() for w, d in zip(words, defined, strict=False) if d]
    return Sentence(block, start, end, raw, adjusted, hard, used)


@lru_cache(maxsize=131072)
def _tally(word: str, counter: Any) -> tuple[int, int, int, int, int]:
    """A word's share of its sentence's counts when it is not the sentence's first word: syllables, letters,
    whether it is a polysyllable, unfamiliar, and unfamiliar with 2+ syllables (a capital makes it familiar:
    Dale-Chall counts names of people and places as familiar)."""
    syll, n_letters, familiar = counter.word_facts(word)
    unfamiliar = not familiar and not word[0].isupper()
    return syll, n_letters, int(syll >= 3), int(unfamiliar), int(unfamiliar and syll >= 2)


def _tallied_sentence(block: Block, start: int, end: int, words: list[str], defined: list[bool],
                      vocab: vocabulary.Vocabulary, rare_syllables: int, band_high: float, counter: Any) -> Sentence:
    """:func:`measure_sentence` for a sentence without links, as sums of cached per-word tallies (the same ints
    as adding word by word): the counts as written, then the adjusted ones with each defined word's share
    swapped for a short familiar word's."""
    rows = [_tally(word, counter) for word in words]
    syll = letters = poly = unfamiliar = unfamiliar_long = 0
    if rows:
        syll, letters, poly, unfamiliar, unfamiliar_long = map(sum, zip(*rows, strict=True))
        first_syll, first_letters, first_familiar = counter.word_facts(words[0])
        if not first_familiar and words[0][0].isupper():  # a capital at the sentence start is not a name
            rows[0] = (first_syll, first_letters, rows[0][2], 1, int(first_syll >= 2))
            unfamiliar += 1
            unfamiliar_long += rows[0][4]
    raw = Counts(words=len(words), sentences=1, syllables=syll, letters=letters, polysyllables=poly,
                 unfamiliar=unfamiliar, unfamiliar_long=unfamiliar_long)
    adjusted = Counts(**vars(raw))
    used = []
    for i in [i for i, d in enumerate(defined) if d]:
        w_syll, w_letters, w_poly, w_unfamiliar, w_unfamiliar_long = rows[i]
        adjusted.syllables += measure.DEFINED_SYLLABLES - w_syll
        adjusted.letters += measure.DEFINED_LETTERS - w_letters
        adjusted.polysyllables += (measure.DEFINED_SYLLABLES >= 3) - w_poly
        adjusted.unfamiliar -= w_unfamiliar
        adjusted.unfamiliar_long -= w_unfamiliar_long
        used.append(words[i].lower())
    hard: list[tuple[int, int]] = []
    matches: list[re.Match[str]] | None = None
    # a rare word has no capital, so it is unfamiliar by the same test wherever it stands
    for i in [i for i, row in enumerate(rows) if row[3] and row[0] >= rare_syllables and not defined[i]]:
        word = words[i]
        if not word[0].isupper() and word.replace("-", "").isalpha() \
                and not counter.known_in_band(word, band_high) and not vocab.is_part(word):
            if matches is None:
                matches = list(measure.WORD.finditer(block.text, start, end))
            hard.append((matches[i].start(), matches[i].end()))
    return Sentence(block, start, end, raw, adjusted, hard, used)


def estimate(raw: Counts, adjusted: Counts, names: tuple[str, ...],
             counter: Any = measure) -> tuple[dict, float | None, float | None]:
    raw_f, adj_f = counter.grades(raw, names), counter.grades(adjusted, names)
    formulas = {name: {"raw": raw_f[name], "adjusted": adj_f[name]} for name in raw_f}
    return formulas, measure.consensus(adj_f), measure.consensus(raw_f)


def analyze_document(doc: Document, settings) -> Reading:
    band, source = band_for(doc, settings)
    low, high = normalize_band(band)
    table = settings_table().get("reliability", {})
    min_words = int(table.get("min_words", 100))
    section_min = int(table.get("section_min_words", 100))
    rare_syllables = int(band_settings(low, high).get("rare_word_syllables", 3))
    vocab = vocabulary.find(doc, settings.vocabulary)
    counter = kit(doc.language)
    for_teacher = teacher.teacher_blocks(doc, settings.teacher_selectors)
    sentences: list[Sentence] = []
    teacher_sentences: list[Sentence] = []
    teacher_raw, teacher_adj = Counts(), Counts()
    sections: dict[int, Section] = {}  # keyed by the heading block's index (-1: text before any heading)
    heading: Block | None = None
    raw_total, adj_total = Counts(), Counts()
    for block in doc.blocks:
        if block.kind == "heading":
            heading = block
            continue
        if block.kind not in PROSE_KINDS:
            continue
        for start, end in prose_spans(block):
            sentence = measure_sentence(block, start, end, vocab, rare_syllables, high, counter)
            if not sentence.raw.words:
                continue
            if block.index in for_teacher:  # not student reading: counted apart
                teacher_sentences.append(sentence)
                teacher_raw.add(sentence.raw)
                teacher_adj.add(sentence.adjusted)
                continue
            sentences.append(sentence)
            key = heading.index if heading is not None else -1
            section = sections.get(key)
            if section is None:
                section = sections[key] = Section(block.section, heading or block)
            section.raw.add(sentence.raw)
            section.adjusted.add(sentence.adjusted)
            raw_total.add(sentence.raw)
            adj_total.add(sentence.adjusted)
    first = next((b for b in doc.blocks if b.kind == "heading"), None) or next(
        (s.block for s in sentences), None) or next(iter(doc.prose), None)
    names = counter.applicable(low, high, adj_total.sentences)
    reading = Reading(None, None, band, low, high, source, adj_total.words, adj_total.sentences,
                      first_block=first, all_sentences=sentences, applicable=names,
                      language="es" if counter is spanish else "en")
    used = {w for s in sentences for w in s.defined}
    reading.defined_terms = [t for t in vocab.terms if vocab.sources[t.lower()] != "configuration"
                             or any(w.lower() in used for w in measure.WORD.findall(t))]
    reading.reliable = adj_total.words >= min_words
    reading.teacher_blocks = sorted(for_teacher)
    reading.teacher_sentences = teacher_sentences
    reading.teacher_lines = [doc.blocks[i].span().line for i in reading.teacher_blocks
                             if i == 0 or i - 1 not in for_teacher]
    if teacher_sentences:
        t_names = counter.applicable(low, high, teacher_adj.sentences)
        reading.teacher_grade = estimate(teacher_raw, teacher_adj, t_names, counter)[1]
    reading.subject_words = subject_words(doc, sentences)
    if not sentences:
        reading.reliable = False
        return reading
    reading.formulas, reading.grade, reading.raw_grade = estimate(raw_total, adj_total, names, counter)
    for section in sections.values():
        sec_names = counter.applicable(low, high, section.adjusted.sentences)
        _, section.grade, section.raw_grade = estimate(section.raw, section.adjusted, sec_names, counter)
        section.reliable = section.adjusted.words >= section_min
    reading.sections = list(sections.values())  # in document order
    sentence_names = counter.applicable(low, high, 1)
    for sentence in sentences:
        _, sentence.grade, sentence.raw_grade = estimate(sentence.raw, sentence.adjusted, sentence_names, counter)
    return reading


_STEM = 6  # letters two words must share to count as one family (astronomy, astronomical)


def subject_words(doc: Document, sentences: list[Sentence]) -> frozenset[str]:
    """Rare words the unit is about, for which the advice is to define or explain them rather than replace
    them: words whose family names the document or one of its headings ("astronomical" under "Astronomy"),
    and words the student text uses three times or more."""
    hard = [s.block.text[a:b].lower() for s in sentences for a, b in s.hard_words]
    if not hard:
        return frozenset()
    stems = {w.lower()[:_STEM] for b in doc.blocks if b.kind in ("heading", "title")
             for w in measure.WORD.findall(b.text) if len(w) >= _STEM}
    counts: dict[str, int] = {}
    for word in hard:
        counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 3 or (len(w) >= _STEM and w[:_STEM] in stems))


class ReadabilityDimension(Dimension):
    languages = LANGUAGES
    category = "readability"
    key = "reading"

    def analyze(self, doc: Document, ctx) -> Reading:
        return analyze_document(doc, ctx.settings)

    def to_json(self, result: Reading, findings: Any = ()) -> dict[str, Any]:
        return result.to_json()

    def score(self, doc, result: Reading, findings, scoring) -> float | None:
        return score(result, scoring.get("readability", {}))

    def summarize(self, results: list[dict[str, Any]], scoring: dict[str, Any],
                  metrics: list[Any] | None = None) -> dict[str, Any] | None:
        graded = [r for r in results if r.get("grade") is not None and r.get("reliable")]
        if not graded:
            return None
        words = sum(r["words"] for r in graded)
        mean = sum(r["grade"] * r["words"] for r in graded) / max(words, 1)
        return {"grade": round(mean, 1), "words": words, "files": len(graded)}


def score(reading: Reading, table: dict[str, Any]) -> float | None:
    """100 at or below the top of the band, minus ``points_per_grade`` for every grade above it, floored at 0.

    None (no score) when the estimate is unreliable (fewer than ``min_words`` words of prose): a short text is
    neither praised nor punished for a number that would mostly be noise.
    """
    if reading.grade is None or not reading.reliable or reading.words < int(table.get("min_words", 100)):
        return None
    return grade_score(reading.grade, reading.band_high, float(table.get("points_per_grade", 15.0)))


def grade_score(grade: float, band_high: float, points_per_grade: float = 15.0) -> float:
    """The score for a grade against the top of its band: monotonic, continuous, within 0-100."""
    return max(0.0, min(100.0, 100.0 - points_per_grade * max(0.0, grade - band_high)))
