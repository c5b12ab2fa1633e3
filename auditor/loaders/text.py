"""Plain text to the document model: paragraphs split at blank lines."""
from __future__ import annotations

import re

from auditor.document import Directive, Document
from auditor.loaders.builder import TextBuilder
from auditor.locations import LineIndex
from auditor.sources import SourceText

# Both patterns start only at line starts and never rescan a line from inside it: an unanchored search made a
# line of 60,000 spaces cost 60,000 scans of that line.
_PARAGRAPH = re.compile(r"^(?:[^\n]*\S[^\n]*(?:\n|\Z))+", re.MULTILINE)
_DIRECTIVE = re.compile(r"^[ \t]*(?:(?:#|//|<!--)[ \t]*)?(ssec-audit(?::|-)[^\n]*)", re.MULTILINE)
_DIRECTIVE_HEAD = len("ssec-audit:")


def _directive_end(match: re.Match) -> int:
    """End of a directive's text: the line without trailing blanks and without a closing ``-->``.

    (The shortest text after which only ``-->`` and blanks remain, computed directly instead of by a lazy
    quantifier that retried the rest of the line at every character.)"""
    text = match.group(1).rstrip(" \t")
    if text.endswith("-->") and len(text) - 3 >= _DIRECTIVE_HEAD:
        text = text[:-3]
    return match.start(1) + len(text)


def _looks_like_heading(text: str) -> bool:
    return "\n" not in text.strip() and len(text.split()) <= 10 and not re.search(r"[.!?:;,]\s*$", text.strip())


def load_text(src: SourceText) -> Document:
    doc = Document(path=src.path, format="text", source=src.text, lines=LineIndex(src.text),
                   warnings=list(src.warnings))
    directive_spans = []
    for match in _DIRECTIVE.finditer(src.text):
        end = _directive_end(match)
        doc.directives.append(Directive(src.text[match.start(1):end].strip(), match.start(1), end))
        directive_spans.append((match.start(), match.end()))
    section: tuple[str, ...] = ()
    for match in _PARAGRAPH.finditer(src.text):
        start, raw = match.start(), match.group(0)
        builder = TextBuilder()
        pos = 0
        for d_start, d_end in directive_spans:
            if start <= d_start < start + len(raw):
                builder.add_verbatim(raw[pos:d_start - start], start + pos)
                pos = d_end - start
        builder.add_verbatim(raw[pos:], start + pos)
        heading = _looks_like_heading(builder.text) and len(builder.text) > 0
        block = builder.build("heading" if heading else "paragraph", doc.lines, section=section,
                              level=2 if heading else None, tag="p", origin=start, index=len(doc.blocks))
        if block is None:
            continue
        if heading:
            section = (block.text,)
            block.section = section
        doc.blocks.append(block)
    return doc
