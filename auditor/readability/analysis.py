"""Reading-grade estimates for a document's prose, and the grade band it is judged against."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from auditor.config import normalize_band
from auditor.dimension import Dimension
from auditor.document import Block, Document
from auditor.readability.syllables import install


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
    formulas: dict[str, float] = field(default_factory=dict)
    defined_terms: list[str] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    reliable: bool = True
    first_block: Block | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "grade": self.grade, "raw_grade": self.raw_grade, "band": self.band,
            "band_source": self.band_source, "reliable": self.reliable, "formulas": self.formulas,
            "words": self.words, "sentences": self.sentences, "defined_terms": self.defined_terms,
            "sections": self.sections,
        }


def band_for(doc: Document, settings) -> tuple[str, str]:
    """The document's own declaration beats configuration, which beats the command-line default."""
    declared = doc.meta.get("grade-band") or doc.meta.get("grade_band")
    if declared:
        try:
            normalize_band(declared)
            return declared.strip().upper().replace("–", "-"), "document"
        except Exception:
            pass
    return settings.band_for(doc.path)


def sentences_of(blocks: list[Block]) -> list[str]:
    out = []
    for block in blocks:
        if block.nlp is None:
            out.append(block.text)
            continue
        out.extend(s.text.strip() for s in block.nlp.sents if s.text.strip())
    return out


def estimate(sentences: list[str]) -> dict[str, float]:
    """Classic formulas through textstat (syllables from our offline CMU table)."""
    install()
    import textstat

    text = "\n".join(s if s[-1:] in ".!?" else s + "." for s in sentences)
    formulas = {
        "flesch_kincaid": textstat.flesch_kincaid_grade(text),
        "coleman_liau": textstat.coleman_liau_index(text),
        "automated_readability": textstat.automated_readability_index(text),
    }
    return {k: round(float(v), 2) for k, v in formulas.items()}


class ReadabilityDimension(Dimension):
    category = "readability"
    key = "reading"

    def analyze(self, doc: Document, ctx) -> Reading:
        band, source = band_for(doc, ctx.settings)
        low, high = normalize_band(band)
        prose = doc.prose
        sentences = sentences_of(prose)
        words = sum(len(s.split()) for s in sentences)
        min_words = 100
        reading = Reading(None, None, band, low, high, source, words, len(sentences),
                          first_block=prose[0] if prose else None)
        if not sentences:
            reading.reliable = False
            return reading
        reading.formulas = estimate(sentences)
        grade = round(statistics.median(reading.formulas.values()), 1)
        reading.grade = reading.raw_grade = grade
        reading.reliable = words >= min_words
        return reading

    def to_json(self, result: Reading) -> dict[str, Any]:
        return result.to_json()

    def score(self, doc, result: Reading, findings, scoring) -> float | None:
        table = scoring.get("readability", {})
        if result.grade is None or result.words < int(table.get("min_words", 100)):
            return None
        above = max(0.0, result.grade - result.band_high)
        return 100.0 - float(table.get("points_per_grade", 15.0)) * above

    def summarize(self, results: list[dict[str, Any]]) -> dict[str, Any] | None:
        graded = [r for r in results if r.get("grade") is not None]
        if not graded:
            return None
        words = sum(r["words"] for r in graded)
        mean = sum(r["grade"] * r["words"] for r in graded) / max(words, 1)
        return {"grade": round(mean, 1), "words": words, "files": len(graded)}
