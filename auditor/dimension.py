"""A dimension is one of the four things ssec-audit measures. It owns the per-document analysis its rules
share (image coverage, reading grade, people), the JSON block that shows it, the category score and the run's
aggregate of the blocks. Every method is a pure function of what it is given: the analysis is shared and
memoised, so nothing here may change it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from auditor.context import Context
    from auditor.document import Block, Document
    from auditor.results import Finding


class Dimension:
    category: ClassVar[str]
    key: ClassVar[str | None] = None  # name of the JSON block this dimension fills ("images", "reading"...)
    #: name of an optional per-file metrics block (e.g. "people_metrics"), filled by :meth:`metrics`
    metrics_key: ClassVar[str | None] = None
    needs: ClassVar[frozenset[str]] = frozenset()
    #: capabilities the analysis may read on a block it ``wants``, annotated only when first asked for
    #: (``auditor.nlp.has``), for the blocks where no rule asked for them: the same annotations, on fewer blocks
    later: ClassVar[frozenset[str]] = frozenset()
    #: as Rule.languages: the languages the analysis has data for (None: any)
    languages: ClassVar[frozenset[str] | None] = None
    #: as Rule.reads_text: whether the analysis reads a block's tokens or sentences
    reads_text: ClassVar[bool] = True

    def wants(self, block: Block) -> bool:
        return bool(self.needs)

    def analyze(self, doc: Document, ctx: Context) -> Any:
        """Metrics for one document; memoised by the context and shared with the rules."""
        return None

    def to_json(self, result: Any, findings: Sequence[Finding] = ()) -> Any:
        """The JSON block for one document, from the analysis and the category's reported findings."""
        return result

    def score(self, doc: Document, result: Any, findings: list[Finding], scoring: dict[str, Any]) -> float | None:
        """0-100, or None when there is nothing to judge."""
        return None

    def metrics(self, result: Any) -> Any:
        """Per-file metrics shown next to the JSON block (only when ``metrics_key`` is set)."""
        return None

    def summarize(self, results: list[Any], scoring: dict[str, Any], metrics: list[Any] | None = None) -> Any:
        """Run-wide metrics from the per-file blocks (for the JSON summary). A dimension with a
        ``metrics_key`` also receives ``metrics`` (the per-file metrics, in the same order). The rules of the
        dimension judge the result in ``check_run``."""
        return None


def penalty(findings: list[Finding], scoring: dict[str, Any]) -> float:
    points = scoring.get("penalty", {})
    return sum(float(points.get(f.severity, 0.0)) for f in findings)


def density_score(words: int, findings: list[Finding], scoring: dict[str, Any], section: str) -> float | None:
    """100 minus the findings' severity points per ``per_words`` words (at least one unit), never below 0, from
    the ``[section]`` table of rules/scoring.toml (points per severity from ``[section.penalty]``, falling back
    to ``[penalty]``); None for a document with no words. A long unit is not punished for being long."""
    if words == 0:
        return None
    table = scoring.get(section, {})
    points = {**scoring.get("penalty", {}), **table.get("penalty", {})}
    total = sum(float(points.get(f.severity, 0.0)) for f in findings)
    units = max(1.0, words / float(table.get("per_words", 1000)))
    return max(0.0, 100.0 - float(table.get("scale", 1.0)) * total / units)
