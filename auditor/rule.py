"""What a rule is, and what it reports.

A rule is a small class: an id, a name, a category, a default severity, a summary, documentation, references
and examples, plus ``check()``, a generator of :class:`Problem`. The engine, not the rule, turns problems into
:class:`Finding` objects (attaching id, category, the configured severity and references) and applies
selection and suppression. Register a rule by listing its module in :mod:`auditor.registry`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from auditor.locations import Span

if TYPE_CHECKING:
    from auditor.context import Context
    from auditor.document import Block, Document

CATEGORIES = ("accessibility", "readability", "language", "representation")
SEVERITIES = ("error", "warning", "info")  # most to least severe
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class Example:
    """A small document that shows a rule: ``fail`` examples must produce a finding, ``pass`` ones must not.

    The test suite runs every example of every rule, so the documentation cannot drift from the behaviour.
    """

    text: str
    fails: bool
    format: str = "html"
    note: str = ""


@dataclass
class Problem:
    """What a rule found: where, what text, why, and how to fix it."""

    span: Span
    text: str
    message: str
    suggestion: str | None = None
    severity: str | None = None  # None: the rule's (configured) severity
    fix: str | None = None  # a safe one-to-one replacement for ``text``, when there is one
    data: dict[str, Any] = field(default_factory=dict)  # extra machine-readable detail


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    path: str
    span: Span
    text: str
    message: str
    suggestion: str | None
    references: tuple[str, ...]
    fix: str | None = None
    data: tuple[tuple[str, Any], ...] = ()
    # identity that survives edits elsewhere in the file (set by the engine; see auditor/baseline.py)
    fingerprint: str = field(default="", compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule, self.span.end_line,
                self.span.end_column, self.message)


class Rule:
    """Base class for rules. Subclasses set the class attributes and implement :meth:`check`."""

    id: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str] = "warning"
    summary: ClassVar[str]
    references: ClassVar[tuple[str, ...]] = ()
    #: spaCy components the rule reads (subset of "tagger", "parser", "ner", "lemmatizer").
    needs: ClassVar[frozenset[str]] = frozenset()
    formats: ClassVar[frozenset[str]] = frozenset({"html", "markdown", "text"})
    examples: ClassVar[tuple[Example, ...]] = ()
    options: ClassVar[dict[str, Any]] = {}

    @classmethod
    def docs(cls) -> str:
        """Longer documentation: the class docstring, dedented."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or cls.summary)

    def wants(self, block: Block) -> bool:
        """Whether this rule needs ``needs`` run on this block; a cheap pre-filter keeps NLP fast."""
        return True

    def check(self, doc: Document, ctx: Context) -> Iterator[Problem]:
        raise NotImplementedError
        yield  # pragma: no cover


def problem_at(block: Block, start: int, end: int, message: str, **kwargs: Any) -> Problem:
    """A problem on ``block.text[start:end]``."""
    return Problem(span=block.span(start, end), text=block.text[start:end], message=message, **kwargs)
