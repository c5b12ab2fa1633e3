"""Length of the text the language rules read, so their score is normalised by length."""
from __future__ import annotations

from typing import Any

from auditor.dimension import Dimension, penalty
from auditor.document import Document


class LanguageDimension(Dimension):
    category = "language"
    key = None

    def analyze(self, doc: Document, ctx) -> dict[str, Any]:
        return {"words": sum(len(b.text.split()) for b in doc.blocks if b.kind != "title")}

    def score(self, doc, result, findings, scoring) -> float | None:
        if result["words"] == 0:
            return None
        table = scoring.get("language", {})
        units = max(1.0, result["words"] / float(table.get("per_words", 1000)))
        return 100.0 - float(table.get("scale", 1.0)) * penalty(findings, scoring) / units
