"""Plain text to the document model: paragraphs split at blank lines."""
from __future__ import annotations

import re

from auditor.document import Directive, Document
from auditor.loaders.builder import TextBuilder
from auditor.locations import LineIndex
from auditor.sources import SourceText

_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+")
_DIRECTIVE = re.compile(r"^[ \t]*(?:#|//|<!--)?[ \t]*(ssec-audit(?::|-)[^\n]*?)(?:-->)?[ \t]*$", re.MULTILINE)


def _looks_like_heading(text: str) -> bool:
    return "\n" not in text.strip() and len(text.split()) <= 10 and not re.search(r"[.!?:;,]\s*$", text.strip())


def load_text(src: SourceText) -> Document:
    doc = Document(path=src.path, format="text", source=src.text, lines=LineIndex(src.text),
                   warnings=list(src.warnings))
    directive_spans = []
    for match in _DIRECTIVE.finditer(src.text):
        doc.directives.append(Directive(match.group(1).strip(), match.start(1), match.end(1)))
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
