"""Loaders turn a decoded source into the :class:`~auditor.document.Document` every rule reads."""
from __future__ import annotations

from collections.abc import Callable

from auditor.document import Document
from auditor.grades import band_top
from auditor.loaders.epub import load_epub
from auditor.loaders.html import load_html
from auditor.loaders.languages import settle
from auditor.loaders.markdown import load_markdown
from auditor.loaders.text import load_text
from auditor.loaders.word import load_docx
from auditor.sources import SourceText

LOADERS: dict[str, Callable[[SourceText], Document]] = {
    "html": load_html,
    "markdown": load_markdown,
    "text": load_text,
    "docx": load_docx,
    "epub": load_epub,
}


def load(src: SourceText) -> Document:
    doc = LOADERS[src.format](src)
    settle(doc)
    declared = doc.meta.get("grade-band") or doc.meta.get("grade_band")
    if declared and band_top(declared) is None:
        doc.warnings.append(f"the document's grade band {declared!r} is not a grade band (K-2, 3-5, 6-8, 9-12 or "
                            "a single grade), so it is ignored and the configured band is used")
    return doc
