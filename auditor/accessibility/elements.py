"""Finding elements in an HTML page and pointing a finding at one: the page rules' shared access to the tree
and to the source text, so each rule module only says what it checks."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from auditor.document import Document
from auditor.loaders.html import all_tags
from auditor.rule import Problem


def elements(doc: Document, *names: str) -> list:
    """Elements (of the given names, or all) in document order, from the per-document list."""
    found = all_tags(doc)
    return [t for t in found if t.name in names] if names else found


T = TypeVar("T")


def once_per_document(doc: Document, key: str, make: Callable[[Document], T]) -> T:
    """``make(doc)``, computed once per document: several rules ask for the same elements (headings, links)."""
    cache = doc.__dict__.setdefault("_per_rule_cache", {})
    if key not in cache:
        cache[key] = make(doc)
    return cache[key]


def has_root(doc: Document, name: str) -> bool:
    """Whether the source has a ``<name>`` element (``html``, ``head``, ``body``): a whole page, not a fragment."""
    return re.search(rf"<{name}[\s>]", doc.source, re.IGNORECASE) is not None


def at_tag(doc: Document, tag, message: str, **kwargs) -> Problem:
    """A problem spanning the element's start tag."""
    start, end = doc.tag_range(tag)
    return Problem(span=doc.span(start, end), text=doc.source[start:end], message=message, **kwargs)


def _lower_source(doc: Document) -> str:
    """The source in lower case, made once per document (not once per element: a page's vague links each
    lowered the whole page)."""
    lowered = getattr(doc, "_lower_source", None)
    if lowered is None:
        lowered = doc.source.lower()
        doc._lower_source = lowered  # type: ignore[attr-defined]
    return lowered


def content_range(doc: Document, tag) -> tuple[int, int]:
    """Source offsets of an element's content (between its start and end tags), or its start tag."""
    start, end = doc.tag_range(tag)
    close = _lower_source(doc).find(f"</{tag.name}", end)
    if close == -1 or close <= end:
        return start, end
    inner = doc.source[end:close]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner.rstrip())
    return (end + lead, end + trail) if trail > lead else (start, end)
