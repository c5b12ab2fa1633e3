"""What a rule can see besides the document: settings, its options, the scoring table and the shared
analyses."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from auditor.config import Settings
    from auditor.dimension import Dimension
    from auditor.document import Document
    from auditor.nlp import Pipeline


class RunContext:
    """What a rule sees when it judges the whole run (``check_run``). ``files`` are the run's (path, JSON blocks)
    pairs, so that a run finding can name the files it is about; the run summary has no paths."""

    def __init__(self, settings: Settings, scoring: dict[str, Any],
                 files: Sequence[tuple[str, dict[str, Any]]] = ()) -> None:
        self.settings = settings
        self.scoring = scoring
        self.files = files

    def option(self, rule: Any, name: str) -> Any:
        """A rule option: the configured value, else the rule's default."""
        configured = self.settings.options.get(rule.id, {})
        if name in configured:
            return configured[name]
        return rule.options[name]


class Context(RunContext):
    """What a rule sees when it checks one document."""

    def __init__(self, doc: Document, settings: Settings, dimensions: dict[str, Dimension],
                 pipeline: Pipeline | None, scoring: dict[str, Any]) -> None:
        super().__init__(settings, scoring)
        self.doc = doc
        self.pipeline = pipeline
        self._dimensions = dimensions
        self._analyses: dict[str, Any] = {}

    def runs(self, category: str) -> bool:
        """Whether the dimension of ``category`` is active for this document (some selected rule needs it)."""
        return category in self._dimensions

    def analysis(self, category: str) -> Any:
        """The dimension's analysis of this document, computed once."""
        if category not in self._analyses:
            self._analyses[category] = self._dimensions[category].analyze(self.doc, self)
        return self._analyses[category]

    @property
    def trained_nlp(self) -> bool:
        return bool(self.pipeline and self.pipeline.trained)
