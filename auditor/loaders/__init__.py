"""Loaders turn a decoded source into the :class:`~auditor.document.Document` every rule reads."""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is read. Reading allocates some 10 objects per HTML
    element and keeps nearly all of them (blocks, maps, the tree), so each automatic collection on the way
    re-examined the new objects, and the process's old ones (the language model's), and found nothing to free:
    the 47 Physics pages took 2.4 s of CPU to read with it running, 1.95 s paused (Markdown and text files 1.05 ->
    0.91 s). Collection resumes afterwards, and frees whatever reading left behind."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(src: SourceText) -> Document:
    with collector_paused():
        doc = LOADERS[src.format](src)
    settle(doc)
    declared = doc.meta.get("grade-band") or doc.meta.get("grade_band")
    if declared and band_top(declared) is None:
        doc.warnings.append(f"the document's grade band {declared!r} is not a grade band (K-2, 3-5, 6-8, 9-12 or "
                            "a single grade), so it is ignored and the configured band is used")
    return doc
