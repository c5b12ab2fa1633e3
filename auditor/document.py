"""The one document model every rule reads, whatever the input format.

A :class:`Document` is the decoded source, an ordered list of text :class:`Block` objects (each with its
section path and an exact map back to the source), the images found, directive comments, metadata and, for
HTML, the parsed tree. Loaders build it; rules only read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.locations import LineIndex, Span, TextMap

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

    from auditor.loaders.epub import Package

#: Block kinds. Readability counts only PROSE_KINDS as running prose.
BLOCK_KINDS = (
    "heading", "paragraph", "list_item", "quote", "caption", "table_cell", "term", "definition",
    "alt", "title", "label", "other",
)
PROSE_KINDS = frozenset({"paragraph", "list_item", "quote", "definition"})


@dataclass
class Block:
    """A run of text a reader sees as one unit: a heading, a paragraph, a list item, a caption, alt text..."""

    kind: str
    text: str
    map: TextMap
    lines: LineIndex
    section: tuple[str, ...] = ()
    level: int | None = None  # heading level 1-6
    tag: str | None = None  # the HTML element (or Markdown equivalent) the block came from
    origin: int = 0  # source offset of that element's start
    quoted: bool = False  # inside <blockquote>/<q> or a Markdown block quote
    index: int = 0
    emphasis: tuple[tuple[int, int, str], ...] = ()  # (start, end, tag) of bold/italic/dfn runs in text
    nlp: Any = None  # the spaCy Doc for this block, set by auditor.nlp when a run needs it
    #: the elements the block sits in, outermost first, its own last (HTML tag names; Markdown: blockquote, ul,
    #: ol, li, table, tr, td...): tells a paragraph in a table cell from one in running text
    within: tuple[str, ...] = ()
    #: source offsets of the boxes the block sits in, outermost first (HTML aside, blockquote, details, div;
    #: Markdown block quotes): blocks of one box share its offset, so a box can be judged as a whole
    boxes: tuple[int, ...] = ()
    #: the language the block's element (or an ancestor below the document root) declares, e.g. a passage in
    #: <blockquote lang="es">; None when it is in the document's language
    lang: str | None = None
    #: (start, end, lang) of inline runs in another language inside the block (<span lang="en"> in a Spanish
    #: paragraph): left out of the checks of the block's language
    foreign: tuple[tuple[int, int, str], ...] = ()

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        return self.map.start(start), self.map.end(end)

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """Source span of ``text[start:end]``."""
        end = len(self.text) if end is None else end
        s, e = self.source_range(start, end)
        return self.lines.span(s, e)


@dataclass
class Image:
    """A non-text element that may need a text alternative."""

    kind: str  # img | input | area | svg | object | embed | role-img | markdown
    src: str | None
    alt: str | None  # None when there is no alt attribute at all
    start: int  # source offsets of the element's start tag (or Markdown image)
    end: int
    alt_block: Block | None = None  # where the alt text is, when there is any
    attrs: dict[str, str] = field(default_factory=dict)
    section: tuple[str, ...] = ()
    #: the accessible name as a browser computes it, and where it came from: "aria-labelledby",
    #: "aria-label", "alt", "svg-title" (an SVG's <title>) or "title"
    name: str | None = None
    name_source: str | None = None


@dataclass
class Table:
    """A table in a format without an element tree to query (Word): its size and header rows."""

    start: int  # source offsets of the table (its first to its last paragraph)
    end: int
    rows: int
    columns: int
    header_rows: int  # leading rows marked "Repeat as header row at the top of each page" (w:tblHeader)
    nested: bool = False


@dataclass
class Directive:
    """A comment addressed to ssec-audit, e.g. ``<!-- ssec-audit-disable-next-line L101 -->``."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    path: str
    format: str  # html | markdown | text | docx | epub
    source: str
    lines: LineIndex
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    soup: BeautifulSoup | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: how positions read: "line" (line:column in a text file) or "paragraph" (Word: the source is one line per
    #: paragraph, so a span's line is the paragraph number and its column the character in that paragraph)
    location_kind: str = "line"
    #: the primary language subtag of the text ("en", "es"...) and whether it was "declared" or "detected"
    #: (auditor/loaders/languages.py); None: unknown, treated as English
    language: str | None = None
    language_source: str | None = None
    #: paragraph number -> the heading it sits under (location_kind "paragraph" only)
    headings: dict[int, str] = field(default_factory=dict)
    #: an EPUB's package (format "epub": the source is its package document), for the publication checks
    package: Package | None = None
    _elements: dict[tuple[int, int], Tag] | None = field(default=None, repr=False)
    _tags: list[Tag] | None = field(default=None, repr=False)

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)

    def blocks_of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @property
    def prose(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in PROSE_KINDS]

    def tags(self) -> list[Tag]:
        """Every element of the HTML tree in document order, listed once per document."""
        if self.soup is None:
            return []
        if self._tags is None:
            self._tags = self.soup.find_all(True)
        return self._tags

    def element_at(self, offset: int) -> Tag | None:
        """The HTML element whose start tag begins at ``offset`` (links blocks and images to the tree)."""
        if self.soup is None:
            return None
        if self._elements is None:
            self._elements = {
                (tag.sourceline, tag.sourcepos): tag
                for tag in self.tags()
                if tag.sourceline is not None and tag.sourcepos is not None
            }
        line, column = self.lines.position(offset)
        return self._elements.get((line, column - 1))

    def tag_range(self, tag: Tag) -> tuple[int, int]:
        """Source offsets of an element's start tag."""
        start = self.lines.offset(tag.sourceline or 1, (tag.sourcepos or 0) + 1)
        end = self.source.find(">", start)
        return start, (end + 1 if end != -1 else start + 1)
