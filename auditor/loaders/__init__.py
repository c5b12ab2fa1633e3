"""Loaders turn a decoded source into the :class:`~auditor.document.Document` every rule reads."""
from __future__ import annotations

from collections.abc import Callable

from auditor.document import Document
from auditor.loaders.html import load_html
from auditor.loaders.markdown import load_markdown
from auditor.loaders.text import load_text
from auditor.sources import SourceText

LOADERS: dict[str, Callable[[SourceText], Document]] = {
    "html": load_html,
    "markdown": load_markdown,
    "text": load_text,
}


def load(src: SourceText) -> Document:
    return LOADERS[src.format](src)
