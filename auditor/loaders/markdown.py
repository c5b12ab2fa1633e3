"""Markdown to the document model, through markdown-it-py (CommonMark plus tables).

markdown-it gives line ranges for blocks but not columns for inline text, so each inline token is found in the
source from a moving cursor; entities and backslash escapes arrive as separate tokens carrying their original
markup, which keeps the character map exact. Raw HTML blocks go through the HTML scanner at their offset.
"""
from __future__ import annotations

import re

from auditor.document import Block, Directive, Document, Image
from auditor.loaders import html as html_loader
from auditor.loaders.builder import TextBuilder
from auditor.locations import LineIndex
from auditor.sources import SourceText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_PARSER = None


def _parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark").enable("table").disable("text_join")
    return _PARSER


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter; returns it and the text with it blanked out (lines kept)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#", "-")):
            meta[key.strip().lower().replace("_", "-")] = value.strip().strip("'\"")
    blank = re.sub(r"[^\n]", " ", match.group(0))
    return meta, blank + text[match.end():]


class _Walker:
    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.section: list[tuple[int, str]] = []
        self.cursor = 0
        self.last_map: tuple[int, int] | None = None
        self.boxes: list[int] = []  # source offsets of the open block quotes (Block.boxes)

    def region(self, line_map: list[int] | None) -> tuple[int, int]:
        if not line_map:
            return self.cursor, len(self.text)
        start = self.line_starts[min(line_map[0], len(self.line_starts) - 1)]
        end = self.line_starts[line_map[1]] if line_map[1] < len(self.line_starts) else len(self.text)
        return start, end

    def find(self, needle: str, end: int) -> int:
        if not needle:
            return -1
        return self.text.find(needle, self.cursor, end)

    def inline(self, children, builder: TextBuilder, end: int, emphasis: list) -> None:
        open_marks: list[tuple[str, int]] = []
        for tok in children:
            kind = tok.type
            if kind == "text":
                idx = self.find(tok.content, end)
                if idx >= 0:
                    builder.add_verbatim(tok.content, idx)
                    self.cursor = idx + len(tok.content)
                else:
                    builder.add_decoded(tok.content, self.cursor, self.cursor)
            elif kind == "text_special":
                idx = self.find(tok.markup or tok.content, end)
                raw_len = len(tok.markup or tok.content)
                if idx < 0:
                    idx, raw_len = self.cursor, 0
                builder.add_decoded(tok.content, idx, idx + raw_len)
                self.cursor = idx + raw_len
            elif kind in ("softbreak", "hardbreak"):
                idx = self.text.find("\n", self.cursor, end)
                idx = idx if idx >= 0 else self.cursor
                builder.space(idx, idx + 1)
                self.cursor = idx + 1 if idx >= 0 else self.cursor
            elif kind == "code_inline":
                idx = self.find(tok.content, end)
                if idx >= 0:
                    self.cursor = idx + len(tok.content) + len(tok.markup)
            elif kind in ("em_open", "strong_open"):
                idx = self.find(tok.markup, end)
                if idx >= 0:
                    self.cursor = idx + len(tok.markup)
                start = builder.length + (1 if builder.length and builder._space_pending else 0)
                open_marks.append((tok.tag, start))
            elif kind in ("em_close", "strong_close"):
                idx = self.find(tok.markup, end)
                if idx >= 0:
                    self.cursor = idx + len(tok.markup)
                if open_marks:
                    tag, start = open_marks.pop()
                    if builder.length > start:
                        emphasis.append((start, builder.length, tag))
            elif kind == "image":
                self.image(tok, end)
            elif kind == "html_inline":
                idx = self.find(tok.content, end)
                if idx >= 0:
                    self.raw_html(idx, idx + len(tok.content), inline=True, builder=builder)
                    self.cursor = idx + len(tok.content)

    def image(self, tok, end: int) -> None:
        idx = self.text.find("![", self.cursor, end)
        start = idx if idx >= 0 else self.cursor
        self.cursor = start + 2
        alt_builder = TextBuilder()
        self.inline(tok.children or [], alt_builder, end, [])
        close = self.text.find(")", self.cursor, end)
        stop = close + 1 if close >= 0 else self.cursor
        self.cursor = stop
        section = tuple(t for _, t in self.section)
        alt_text = alt_builder.text
        image = Image(kind="markdown", src=tok.attrGet("src"), alt=alt_text, start=start, end=stop,
                      attrs={k: str(v) for k, v in (tok.attrs or {}).items()}, section=section)
        image.attrs["alt"] = alt_text
        image.alt_block = alt_builder.build("alt", self.doc.lines, section=section, tag="img", origin=start)
        self.doc.images.append(image)
        if image.alt_block is not None:
            self.doc.blocks.append(image.alt_block)

    def raw_html(self, start: int, end: int, inline: bool = False, builder: TextBuilder | None = None) -> None:
        chunk = self.text[start:end]
        if inline:
            comment = _COMMENT.fullmatch(chunk.strip())
            if comment:
                if html_loader._DIRECTIVE.match(comment.group(1)):
                    self.doc.directives.append(Directive(comment.group(1).strip(), start, end))
                return
            if re.match(r"<br\b", chunk, re.IGNORECASE) and builder is not None:
                builder.space(start, end)
                return
            if not re.match(r"<(img|input|area|embed|object)\b", chunk, re.IGNORECASE):
                return
        html_loader.scan(self.doc, start, end)

    def walk(self, tokens) -> None:
        stack: list[str] = []
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind.endswith("_open"):
                stack.append(tok.tag)
                if kind == "blockquote_open":
                    self.boxes.append(self.region(tok.map)[0])
            elif kind.endswith("_close"):
                if stack:
                    stack.pop()
                if kind == "blockquote_close" and self.boxes:
                    self.boxes.pop()
            elif kind == "inline":
                self.block(tok, tokens[i - 1] if i else None, stack)
            elif kind == "html_block":
                start, end = self.region(tok.map)
                self.raw_html(start, end)

    def block(self, tok, opener, stack: list[str]) -> None:
        start, end = self.region(tok.map)
        key = tuple(tok.map) if tok.map else None
        if key != self.last_map or self.cursor < start or self.cursor > end:
            self.cursor = start
        self.last_map = key
        builder = TextBuilder()
        emphasis: list[tuple[int, int, str]] = []
        images_before = len(self.doc.images)
        blocks_before = len(self.doc.blocks)
        self.inline(tok.children or [], builder, end, emphasis)
        tag = opener.tag if opener is not None else "p"
        level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else None
        if level:
            kind = "heading"
        elif tag in ("th", "td"):
            kind = "table_cell"
        elif "li" in stack:
            kind = "list_item"
        elif "blockquote" in stack:
            kind = "quote"
        else:
            kind = "paragraph"
        section = tuple(t for _, t in self.section)
        block = builder.build(kind, self.doc.lines, section=section, level=level, tag=tag, origin=start,
                              quoted="blockquote" in stack, emphasis=tuple(emphasis),
                              within=tuple(stack), boxes=tuple(self.boxes))
        if block is None:
            return
        if level:
            while self.section and self.section[-1][0] >= level:
                self.section.pop()
            self.section.append((level, block.text))
            block.section = tuple(t for _, t in self.section)
        # keep reading order: the paragraph first, then the alt texts of images inside it
        alt_blocks = self.doc.blocks[blocks_before:]
        del self.doc.blocks[blocks_before:]
        self.doc.blocks.append(block)
        self.doc.blocks.extend(alt_blocks)
        del images_before


def load_markdown(src: SourceText) -> Document:
    meta, text = front_matter(src.text)
    doc = Document(path=src.path, format="markdown", source=src.text, lines=LineIndex(src.text),
                   meta=meta, warnings=list(src.warnings))
    walker = _Walker(doc, text)
    walker.walk(_parser().parse(text))
    html_loader.resolve_image_names(doc)
    for i, block in enumerate(doc.blocks):
        block.index = i
    return doc


__all__ = ["load_markdown", "front_matter", "Block"]
