"""What a rule can see besides the document: settings, its options and the shared analyses."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.config import Settings
    from auditor.dimension import Dimension
    from auditor.document import Document
    from auditor.nlp import Pipeline


class Context:
    def __init__(self, doc: Document, settings: Settings, dimensions: dict[str, Dimension],
                 pipeline: Pipeline | None) -> None:
        self.doc = doc
        self.settings = settings
        self.pipeline = pipeline
        self._dimensions = dimensions
        self._analyses: dict[str, Any] = {}

    def analysis(self, category: str) -> Any:
        """The dimension's analysis of this document, computed once."""
        if category not in self._analyses:
            self._analyses[category] = self._dimensions[category].analyze(self.doc, self)
        return self._analyses[category]

    def option(self, rule: Any, name: str) -> Any:
        """A rule option: the configured value, else the rule's default."""
        configured = self.settings.options.get(rule.id, {})
        if name in configured:
            return configured[name]
        return rule.options[name]

    @property
    def trained_nlp(self) -> bool:
        return bool(self.pipeline and self.pipeline.trained)
