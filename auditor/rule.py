"""What a rule is, and what it reports.

A rule is a small class: an id, a name, a category, a default severity, a summary, documentation, references
and examples, plus ``check()``, a generator of :class:`Problem` for one document, and optionally
``check_run()``, a generator of :class:`RunProblem` for the whole run. The engine, not the rule, turns problems
into :class:`~auditor.results.Finding` objects (attaching id, category, the configured severity and
references) and applies selection and suppression. Register a rule by adding it to its family's ``RULES``
tuple (``auditor/<family>/__init__.py``); :mod:`auditor.registry` collects the families.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from auditor.cases import parse_marks
from auditor.locations import Span

if TYPE_CHECKING:
    from auditor.context import Context, RunContext
    from auditor.document import Block, Document


@dataclass(frozen=True)
class Example:
    """A small document that shows a rule, with its expected findings marked inline (format:
    :mod:`auditor.cases`): ``{{text}}`` wraps what each finding must report, ``{{text->fix}}`` pins its fix too.
    An example with marks fails, one without passes; the test suite checks every position, so the
    documentation cannot drift from the behaviour.

    ``options`` are the rule's options for this example (as ``[tool.ssec-audit.options.ID]`` sets them);
    ``also`` names rules to run alongside it, for a rule that judges other rules' findings (S001 judges their
    suppressions).
    """

    text: str
    format: str = "html"
    note: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    also: tuple[str, ...] = ()

    @property
    def fails(self) -> bool:
        """Whether the rule must report something here: the example has marks."""
        return bool(parse_marks(self.text)[1])

    def caption(self) -> str:
        """The note for the documentation, led by the options the example sets (as a configuration writes them)."""
        options = ", ".join(f"{k.replace('_', '-')} = {json.dumps(v)}" for k, v in sorted(self.options.items()))
        return "; ".join(part for part in (f"with {options}" if options else "", self.note) if part)


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


@dataclass
class RunProblem:
    """What a rule found about the whole run (several files): no position, a message and a suggestion."""

    message: str
    suggestion: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


#: ``Rule.languages`` of a rule whose patterns, word lists or formulas are English: it does not run on text in
#: another language (the engine skips it for such a document, and leaves out passages marked as another language)
ENGLISH = frozenset({"en"})


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
    #: whether the rule reads a block's tokens or sentences (``block.nlp``) at all. When no selected rule and no
    #: active dimension does (a run of accessibility checks alone), blocks are not annotated and spaCy is not
    #: even imported.
    reads_text: ClassVar[bool] = True
    formats: ClassVar[frozenset[str]] = frozenset({"html", "markdown", "text", "docx"})
    examples: ClassVar[tuple[Example, ...]] = ()
    #: the languages (primary subtags) the rule has data for; None: any language (structural checks)
    languages: ClassVar[frozenset[str] | None] = None
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

    def check_run(self, summary: Any, ctx: RunContext) -> Iterator[RunProblem]:
        """Problems about the whole run, from the run summary of this rule's dimension. The engine asks only
        when two or more files fed that summary; most rules have nothing to say about a run."""
        return iter(())


class MarkupRule(Rule):
    """A rule that reads the document's markup and text, never its tokens or sentences."""

    reads_text = False


def problem_at(block: Block, start: int, end: int, message: str, **kwargs: Any) -> Problem:
    """A problem on ``block.text[start:end]``."""
    return Problem(span=block.span(start, end), text=block.text[start:end], message=message, **kwargs)
