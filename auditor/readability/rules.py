"""Readability rules: the document, its sections and its sentences against the grade band.

They all read the one shared analysis (``ctx.analysis("readability")``), which needs only sentence splitting.
R103 wants a parse (passive voice, nested clauses) but only for the few sentences it reports: it parses those
after choosing them (at most ``top`` a document) rather than asking the engine to parse every block that might
hold one, which on textbook prose would be most of them and cost several times the whole analysis.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.nlp import has
from auditor.readability.analysis import LANGUAGES, Reading, Section, Sentence, band_settings, kit, settings_table
from auditor.rule import Example, Problem, Rule

_HARD = ("Photosynthesis, the fundamental biochemical mechanism whereby autotrophic organisms synthesize "
         "carbohydrates utilizing electromagnetic radiation, necessitates chlorophyll, carbon dioxide, and water, "
         "consequently liberating molecular oxygen as a byproduct of considerable ecological significance. ")
_EASY = "Plants make food from light. They use water and air. They give off the oxygen we breathe. "
_MID = ("Water moves through the soil and into the roots of a plant. The stem carries it up to the leaves. "
        "In the leaves, sunlight helps the plant turn water and air into sugar. ")
REFERENCES = ("WCAG 2.2 SC 3.1.5 Reading Level (Level AAA)",
              "Smithsonian Science Education Center: Inclusion priority")
# clause relations whose nesting makes a sentence hard to hold in mind (xcomp, "want to go", is too common)
_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "acl", "csubj", "csubjpass"})
_PASSIVE = frozenset({"nsubjpass", "auxpass", "csubjpass"})


def severity_for(above: float) -> str | None:
    """How serious a distance above the top of the band is (None: within the tolerance)."""
    table = settings_table().get("severity", {})
    if above <= float(table.get("tolerance", 0.5)):
        return None
    if above <= float(table.get("warning_above", 1.0)):
        return "info"
    if above <= float(table.get("error_above", 3.0)):
        return "warning"
    return "error"


def _grade(value: float) -> str:
    return "kindergarten" if value < 1 else f"grade {value:.0f}" if value < 13 else "college level"


def _terms_note(reading: Reading) -> str:
    if not reading.defined_terms:
        return ""
    shown = ", ".join(reading.defined_terms[:5]) + (" and others" if len(reading.defined_terms) > 5 else "")
    return f" Science terms the text defines ({shown}) were counted as everyday words."


class ReadingLevelAboveBand(Rule):
    """The whole document reads above the top of its grade band.

    The grade is the median of the classic formulas that fit the band (Flesch-Kincaid, Coleman-Liau, ARI
    always; Dale-Chall for 3-5 and up; Spache for K-2 and 3-5; SMOG with 30+ sentences), computed over running
    prose only, with science terms the document defines counted as everyday words. The band comes from the
    document (``<meta name="grade-band">`` or ``grade_band:`` front matter), else configuration, else
    ``--grade-band`` (default 6-8). Severity grows with the distance above the top of the band: up to half a
    grade is within the estimate's error (no finding), then info up to 1 grade, warning up to 3, error beyond
    (thresholds in ``rules/readability/grade-bands.toml``). Below 100 words of prose the estimate is unreliable
    and the rule stays quiet.
    """

    languages = LANGUAGES

    id = "R101"
    name = "reading-level-above-band"
    category = "readability"
    severity = "warning"
    summary = "Document reads above its grade band"
    references = REFERENCES
    examples = (
        Example("<meta name='grade-band' content='3-5'><p>{{" + (_HARD * 6).rstrip() + "}} </p>",
                note="about the whole text, reported at its first block"),
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY * 12 + "</p>"),
        Example("<meta name='grade-band' content='3-5'><p>" + _HARD + "</p>", note="too short to judge"),
        Example("---\ngrade_band: 6-8\n---\n# Plants\n\n" + _MID * 6, format="markdown"),
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY * 12 + "</p><aside class='os-teacher'><p>"
                + _HARD * 6 + "</p></aside>", note="teacher-facing text is not student reading"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        reading: Reading = ctx.analysis("readability")
        if reading.grade is None or not reading.reliable or reading.first_block is None:
            return
        above = reading.grade - reading.band_high
        level = severity_for(above)
        if level is None:
            return
        block = reading.first_block
        raw = "" if reading.raw_grade == reading.grade else f" (grade {reading.raw_grade:g} before counting " \
                                                              f"defined science terms as everyday words)"
        yield Problem(
            span=block.span(),
            text=block.text[:80],
            message=f"This text reads at about grade {reading.grade:g}{raw}, {above:.1f} grades above the "
                    f"{reading.band} band it is written for (band from {reading.band_source}).",
            suggestion="Start with the hardest sections and sentences listed in this report: split long "
                       "sentences and prefer everyday words; define each science term where it first appears."
                       + _terms_note(reading),
            severity=level,
            data={"grade": reading.grade, "raw_grade": reading.raw_grade, "band": reading.band,
                  "above": round(above, 1)},
        )


class SectionAboveBand(Rule):
    """One section (the text under a heading) reads above the top of the document's grade band.

    Each section's grade is computed like the document's, from its own prose. Sections with fewer than 100
    words of prose are too short to judge and never reported. When the whole document is one section, R101
    already says it all and this rule stays quiet. Severity follows the same distances as R101.
    """

    languages = LANGUAGES

    id = "R102"
    name = "section-above-band"
    category = "readability"
    severity = "warning"
    summary = "Section reads above its grade band"
    references = REFERENCES
    examples = (
        Example("<meta name='grade-band' content='3-5'><h2>Light</h2><p>" + _EASY * 10
                + "</p><h2>{{Energy}}</h2><p>" + _HARD * 4 + "</p>", note="reported at the section's heading"),
        Example("<meta name='grade-band' content='3-5'><h2>Light</h2><p>" + _EASY * 10 + "</p><h2>Energy</h2><p>"
                + _HARD + "</p>", note="the hard section is too short to judge"),
        Example("<meta name='grade-band' content='3-5'><h2>Light</h2><p>" + _EASY * 10 + "</p><h2>Water</h2><p>"
                + _EASY * 10 + "</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        reading: Reading = ctx.analysis("readability")
        judged = [s for s in reading.sections if s.reliable and s.grade is not None]
        if len(reading.sections) < 2:
            return
        for section in judged:
            above = (section.grade or 0.0) - reading.band_high  # judged sections have a grade
            level = severity_for(above)
            if level is None:
                continue
            name = f"The section “{section.heading}”" if section.heading else "The text before the first heading"
            yield Problem(
                span=section.block.span(),
                text=section.block.text[:80],
                message=f"{name} reads at about grade {section.grade:g}, above the {reading.band} band "
                        f"({section.adjusted.words} words).",
                suggestion="Look at its longest sentences first: split them, and swap rare words for everyday "
                           "ones or explain them.",
                severity=level,
                data={"grade": section.grade, "band": reading.band, "words": section.adjusted.words},
            )


class HardSentence(Rule):
    """A sentence reads far above the band: 4 or more grades above its top (option ``far_above``), or it is more
    than twice as long as suits the band (``long_sentence`` in ``rules/readability/grade-bands.toml``).

    Only the hardest ``top`` sentences of a document are reported (default 5), so a writer gets a short to-do
    list rather than a wall of findings. Each finding says why the sentence is hard: its length against what
    suits the band, the rare words in it (not on the Dale-Chall list of familiar words nor the band's list in
    ``rules/readability/familiar-words.toml``, not a term the document defines, not a name, and at least 3
    syllables for K-2 and 3-5, 4 for 6-8, 5 for 9-12), and, when the trained spaCy parser is installed, passive
    voice and clauses nested inside clauses (only the reported sentences are parsed; with the rule-based
    fallback pipeline these two reasons are simply left out). A sentence that is hard for no reason we can name
    is not reported, nor is a sentence under 10 words (one unusual word sends a short sentence's formula grade
    sky-high: that is a vocabulary question, not a sentence one). Sentences in documents too short to judge are
    still checked: one very hard sentence is worth a look whatever the length of the text.

    Only real student sentences are candidates: not table cells, list fragments ("(A) in all fields of science,
    analyze..."), teacher-facing text (see docs/readability.md) or code, and each distinct sentence is reported
    once however often it appears. A link counts as one word and is never a rare word. Rare words the unit is
    about (their family names a heading, or the text uses them three times) get "define it where it first
    appears" instead of "replace it with everyday words".
    """

    languages = LANGUAGES

    id = "R103"
    name = "hard-sentence"
    category = "readability"
    severity = "warning"
    summary = "Sentence far above the grade band"
    references = REFERENCES
    options = {"top": 5, "far_above": 4.0, "min_words": 10}
    examples = (
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY + "{{" + _HARD.rstrip() + "}} </p>"),
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY * 3 + "</p>"),
        Example("<meta name='grade-band' content='9-12'><p>" + _MID + "</p>"),
        Example("<meta name='grade-band' content='3-5'><p>{{" + _HARD.rstrip() + "}}</p><ul><li>" + _HARD
                + "</li></ul>", note="the same sentence again is not reported again"),
        Example("<meta name='grade-band' content='3-5'><table><tr><td><p>" + _HARD + "</p></td></tr></table>",
                note="table data, not running prose"),
        Example("<meta name='grade-band' content='3-5'><aside class='note os-teacher'><p>Teacher Support</p><p>"
                + _HARD + "</p></aside>", note="teacher-facing: reported in reading.teacher_text instead"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        reading: Reading = ctx.analysis("readability")
        far = float(ctx.option(self, "far_above"))
        top = int(ctx.option(self, "top"))
        min_words = int(ctx.option(self, "min_words"))
        long_words = int(band_settings(reading.band_low, reading.band_high).get("long_sentence", 20))
        def rank(s: Sentence) -> float:
            # grades above the band; a sentence twice the band's "long" length counts as `far` by length alone
            return max((s.grade or 0.0) - reading.band_high, far * s.raw.words / (2 * long_words))

        candidates = [s for s in reading.all_sentences
                      if s.grade is not None and s.raw.words >= min_words and rank(s) >= far]
        candidates.sort(key=lambda s: (-rank(s), s.block.index, s.start))
        unique: list[Sentence] = []
        seen: set[str] = set()
        for sentence in candidates:
            key = " ".join(sentence.text.split()).casefold()
            if key not in seen:  # the same sentence again (a repeated standard, a reused instruction)
                seen.add(key)
                unique.append(sentence)
        # The first `top` are all looked at (fewer cannot make `top` reports): parse those together
        parses = _parse_together(unique[:top], ctx)
        reported = 0
        for sentence in unique:
            if reported >= top:
                break
            problem = self._problem(sentence, reading, long_words, ctx, parses)
            if problem is not None:
                reported += 1
                yield problem

    def _problem(self, s: Sentence, reading: Reading, long_words: int, ctx,
                 parses: dict[int, Any]) -> Problem | None:
        words = s.raw.words
        hard = list(dict.fromkeys(s.block.text[a:b] for a, b in sorted(
            s.hard_words, key=lambda ab: (-kit(reading.language).word_syllables(s.block.text[ab[0]:ab[1]]), ab[0]))))
        passive, depth = _syntax(s, ctx, parses)
        actions, reasons = [], []
        if words > long_words:
            actions.append(f"Split this {words}-word sentence into shorter ones")
            reasons.append(f"it has {words} words (up to about {long_words} suit the {reading.band} band)")
        if hard:
            subject = [w for w in hard[:3] if w.lower() in reading.subject_words]
            other = [w for w in hard[:3] if w.lower() not in reading.subject_words]
            advice = []
            if other:
                advice.append(f"Replace {_quote_list(other)} with everyday words, or explain "
                              f"{'it' if len(other) == 1 else 'them'}")
            if subject:  # a word the unit is about: teach it rather than avoid it
                advice.append(f"{'define' if other else 'Define'} {_quote_list(subject)} where "
                              f"{'it first appears' if len(subject) == 1 else 'they first appear'} "
                              f"(the unit’s subject {'term' if len(subject) == 1 else 'terms'})")
            actions.append("; ".join(advice))
            more = f" and {len(hard) - 5} more" if len(hard) > 5 else ""
            reasons.append(("it uses the rare word " if len(hard) == 1 else "it uses rare words ")
                           + _quote_list(hard[:5]) + more)
        if len(actions) == 2 and words < 1.5 * long_words:
            actions.reverse()  # only a little long: the rare words are the bigger problem
        if depth >= 2:
            reasons.append("it has a clause inside another clause")
            if words <= long_words:
                actions.append("Untangle the clauses inside clauses: give each idea its own sentence")
        if passive:
            reasons.append("it is in the passive voice")
            actions.append("Try saying who does what (active voice)")
        if not actions:
            return None
        message = (f"{actions[0]}. This sentence is hard going for the {reading.band} band (it reads at about "
                   f"{_grade(s.grade or 0.0)}): {_and(reasons)}.")
        return Problem(
            span=s.block.span(s.start, s.end),
            text=s.text,
            message=message,
            suggestion=". ".join(actions[1:]) + "." if len(actions) > 1 else None,
            data={"grade": s.grade, "words": words, "hard_words": hard, "passive": passive,
                  "clause_depth": depth,
                  "subject_terms": [w for w in hard if w.lower() in reading.subject_words]},
        )


def _parse(s: Sentence, ctx, parses: dict[int, Any]) -> Any:
    """The sentence's dependency parse: from the block when some rule had it parsed, else parsed now."""
    if has(s.block, "parser"):
        return s.block.nlp.char_span(s.start, s.end, alignment_mode="expand")
    if id(s) not in parses:
        parses.update(_parse_together([s], ctx))
    return parses.get(id(s))


def _parse_together(sentences: list[Sentence], ctx) -> dict[int, Any]:
    """Parses of the sentences whose block has none, in one spaCy call (by ``id`` of the sentence): one call per
    sentence cost more than the parsing. Each text is parsed as it would be alone (the components see one
    document at a time; tests/test_readability_rules.py compares)."""
    alone = [s for s in sentences if not has(s.block, "parser")]
    if not alone or not ctx.trained_nlp:
        return {}
    nlp = ctx.pipeline.nlp
    with nlp.select_pipes(enable=ctx.pipeline.components_for({"parser"})):
        return {id(s): doc for s, doc in zip(alone, nlp.pipe([s.text for s in alone]), strict=True)}


def _syntax(s: Sentence, ctx, parses: dict[int, Any]) -> tuple[bool, int]:
    """Passive voice and clause nesting depth from the parse (False, 0 without a trained parser)."""
    span = _parse(s, ctx, parses)
    if span is None:
        return False, 0
    passive = any(t.dep_ in _PASSIVE for t in span)
    depth = 0
    for token in span:
        if token.dep_ in _CLAUSES:
            d = 1 + sum(1 for a in token.ancestors if a.dep_ in _CLAUSES)
            depth = max(depth, d)
    return passive, depth


def _quote_list(words: list[str]) -> str:
    return _and([f"‘{w}’" for w in words])


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class TextFarBelowBand(Rule):
    """(Information) The document reads far below its band: more than a few grades under its bottom.

    Easy text is never an error: it may be written for struggling readers on purpose. But a 9-12 unit that
    reads at grade 3 may not stretch its students, so this note asks the writer to check. How far counts as
    "far" is set per band in ``rules/readability/grade-bands.toml`` (3 grades for 3-5 and 6-8, 4 for 9-12;
    never for K-2). Quiet below 100 words of prose.
    """

    languages = LANGUAGES

    id = "R104"
    name = "reading-level-far-below-band"
    category = "readability"
    severity = "info"
    summary = "Document reads far below its grade band"
    references = REFERENCES
    examples = (
        Example("<meta name='grade-band' content='9-12'><p>{{" + (_EASY * 12).rstrip() + "}} </p>",
                note="about the whole text, reported at its first block"),
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY * 12 + "</p>"),
        Example("<meta name='grade-band' content='9-12'><p>" + _EASY * 2 + "</p>", note="too short to judge"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        reading: Reading = ctx.analysis("readability")
        if reading.grade is None or not reading.reliable or reading.first_block is None:
            return
        far = float(band_settings(reading.band_low, reading.band_high).get("far_below", 3))
        below = reading.band_low - reading.grade
        if below <= far:
            return
        block = reading.first_block
        yield Problem(
            span=block.span(),
            text=block.text[:80],
            message=f"This text reads at about grade {reading.grade:g}, well below the {reading.band} band it is "
                    f"written for. That can be right for some readers; check that it still offers enough "
                    f"challenge for the band.",
            suggestion="If it is meant for the whole class, consider richer sentences and the science "
                       "vocabulary of the band, with definitions.",
            data={"grade": reading.grade, "band": reading.band, "below": round(below, 1)},
        )


__all__ = ["ReadingLevelAboveBand", "SectionAboveBand", "HardSentence", "TextFarBelowBand", "Section"]
