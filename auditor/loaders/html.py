"""HTML to the document model.

Two passes over the same text: Python's HTMLParser (events with exact positions) builds the text blocks and the
image list; BeautifulSoup with the same parser builds the tree that structural rules query. Both see the same
line and column for every element, which is how blocks and images are linked to tree elements.
"""
from __future__ import annotations

import re
import sys
import types
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from operator import attrgetter
from typing import Any

from auditor.document import Directive, Document, Image
from auditor.loaders.builder import TextBuilder
from auditor.locations import LineIndex
from auditor.sources import SourceText

BLOCK_KIND = {
    "p": "paragraph", "li": "list_item", "td": "table_cell", "th": "table_cell", "caption": "caption",
    "figcaption": "caption", "dt": "term", "dd": "definition", "title": "title", "label": "label",
    "summary": "heading", "legend": "label", "option": "label", "button": "label",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
}
# Containers whose own loose text is a paragraph; they also end any block open inside their parent.
CONTAINERS = frozenset({
    "html", "body", "div", "section", "article", "aside", "main", "header", "footer", "nav", "blockquote",
    "figure", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "details",
    "address", "center", "hgroup", "menu", "search", "dialog", "noframes",
})
SKIP = frozenset({"script", "style", "code", "pre", "template", "noscript", "svg", "math", "kbd", "samp",
                  "textarea", "select", "iframe", "object", "video", "audio", "canvas", "head"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
EMPHASIS = frozenset({"b", "strong", "i", "em", "dfn", "mark", "u"})
_ATTR = re.compile(
    r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""",
)
_DIRECTIVE = re.compile(r"^\s*ssec-audit[-:]", re.IGNORECASE)
#: elements that hold a box of related blocks (a note, a sidebar, a quotation): Block.boxes
BOXES = frozenset({"aside", "blockquote", "details", "div"})
#: elements that are images in their own right; any other element becomes one with role="img"
IMAGE_TAGS = frozenset({"img", "input", "area", "svg", "object", "embed"})
_WHITESPACE = re.compile(r"\s+")
#: Elements whose content is inert (never rendered), so images inside them are not images of the page.
INERT = frozenset({"template", "noscript", "svg", "math"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: start tags that close an open <p> (the HTML algorithm's "close a p element" in body), and the elements that
#: bound the search for it ("button scope"): ``<p>a<p>b`` gives two paragraphs, not one inside the other
CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li", "listing", "main", "menu",
    "nav", "ol", "p", "pre", "search", "section", "summary", "table", "ul", "xmp", "h1", "h2", "h3", "h4", "h5", "h6",
})
P_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
                     "svg", "math"})


def open_p_depth(stack: Sequence[Any], name: Callable[[Any], str] | None = None) -> int | None:
    """Index in ``stack`` (the open elements, outermost first: their names, or elements whose ``name(element)``
    is read in place) of the <p> a CLOSES_P start tag closes, or None. Looks at most MAX_TREE_DEPTH elements
    down, so the work per tag is bounded on hostile nesting."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_TREE_DEPTH), -1):
        tag = stack[depth] if name is None else name(stack[depth])
        if tag == "p":
            return depth
        if tag in P_SCOPE:
            return None
    return None


#: Elements nested deeper than this are attached at this depth, as Blink and WebKit do at 512. Real pages
#: are far shallower (the corpus peaks at 26); the bound keeps recursive tree walks inside Python's stack
#: and their cost linear in the document.
MAX_TREE_DEPTH = 128


def _role_img(attrs: dict[str, str]) -> bool:
    return "img" in attrs.get("role", "").lower().split()


def attribute_offsets(raw_tag: str) -> dict[str, tuple[int, int]]:
    """Offsets (within the raw start tag) of each attribute value, for exact alt-text locations."""
    found: dict[str, tuple[int, int]] = {}
    body_start = re.match(r"<[^\s/>]+", raw_tag)
    pos = body_start.end() if body_start else 0
    for match in _ATTR.finditer(raw_tag, pos):
        name = match.group(1).lower()
        for group in (2, 3, 4):
            if match.group(group) is not None:
                found.setdefault(name, (match.start(group), match.end(group)))
                break
        else:
            found.setdefault(name, (match.end(), match.end()))
    return found


class _OpenElements:
    """The scanner's stack of open elements, answering the questions asked on every tag in constant time
    (a list scan per tag made 300,000 unclosed tags quadratic)."""

    def __init__(self) -> None:
        self.tags: list[str] = []
        self._counts: Counter[str] = Counter()
        self._holders: list[str | None] = []  # nearest container or block element at or below each depth
        self._deep: tuple[str, ...] | None = None  # the outermost MAX_TREE_DEPTH elements, once deeper

    def push(self, tag: str) -> None:
        holder = tag if tag in CONTAINERS or tag in BLOCK_KIND else (self._holders[-1] if self._holders else None)
        self.tags.append(tag)
        self._holders.append(holder)
        self._counts[tag] += 1

    def pop(self) -> str:
        if len(self.tags) <= MAX_TREE_DEPTH + 1:
            self._deep = None
        tag = self.tags.pop()
        self._holders.pop()
        self._counts[tag] -= 1
        return tag

    def __contains__(self, tag: object) -> bool:
        return self._counts.get(tag, 0) > 0  # type: ignore[call-overload]

    def __bool__(self) -> bool:
        return bool(self.tags)

    def __getitem__(self, index: int) -> str:
        return self.tags[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tags)

    def __reversed__(self) -> Iterator[str]:
        return reversed(self.tags)

    def __len__(self) -> int:
        return len(self.tags)

    def within(self) -> tuple[str, ...]:
        """The open elements, outermost first, at most MAX_TREE_DEPTH of them as in the tree (a copy of the
        whole stack for every block made 300,000 unclosed headings quadratic in time and memory); the same
        tuple while the elements beyond that depth come and go."""
        if len(self.tags) <= MAX_TREE_DEPTH:
            return tuple(self.tags)
        if self._deep is None:
            self._deep = tuple(self.tags[:MAX_TREE_DEPTH])
        return self._deep

    def holder(self) -> str:
        """The innermost open container or block element ("body" when there is none)."""
        return (self._holders[-1] if self._holders else None) or "body"

    def inert_below_top(self) -> bool:
        """Whether an inert element (template, noscript, svg, math) is open below the innermost element."""
        count = sum(self._counts.get(t, 0) for t in INERT)
        return count - (1 if self.tags and self.tags[-1] in INERT else 0) > 0


class _Scanner(HTMLParser):
    def __init__(self, doc: Document, text: str, base: int = 0, section: tuple[str, ...] = ()) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.base = base
        self.lines = LineIndex(text) if base else doc.lines
        self.line_starts = self.lines.starts
        self.stack = _OpenElements()
        # for each open element in ``stack``, the lang attribute in force there: its own or the nearest open one
        # around it (not <html>'s), so a block asks the top instead of walking every open element
        self.langs: list[str | None] = []
        self.skip_depth = 0
        self.quote_depth = 0
        self.builder: TextBuilder | None = None
        self.block_tag: str | None = None
        self.block_origin = 0
        self.heading_level: int | None = None
        self.section: list[tuple[int, str]] = [(0, s) for s in section]
        self.emphasis: list[tuple[int, int, str]] = []
        self.open_emphasis: list[tuple[str, int]] = []
        self.foreign: list[tuple[int, int, str]] = []  # inline runs in another language: <span lang="en">
        self.open_foreign: list[tuple[str, int, str]] = []
        self.boxes: list[int] = []  # origins of the open BOXES elements
        self.block_within: tuple[str, ...] = ()
        self.block_lang: str | None = None
        self.block_boxes: tuple[int, ...] = ()

    # positions -------------------------------------------------------------------------------------------
    def _offset(self) -> int:
        """Source offset of the current event: ``lines.offset(*getpos())`` without the calls (html.parser's
        position is always inside the text, so nothing needs clamping)."""
        return self.base + self.line_starts[self.lineno - 1] + self.offset

    # blocks ----------------------------------------------------------------------------------------------
    def _start_block(self, tag: str, origin: int) -> None:
        self._flush()
        self.builder = TextBuilder()
        self.block_tag = tag
        self.block_origin = origin
        self.emphasis = []
        self.open_emphasis = []
        self.foreign = []
        self.open_foreign = []
        self.block_within = self.stack.within()
        self.block_lang = self.langs[-1] if self.langs else None
        self.block_boxes = tuple(self.boxes)

    def _flush(self) -> None:
        builder, tag = self.builder, self.block_tag
        self.builder = None
        self.block_tag = None
        if builder is None:
            return
        kind = BLOCK_KIND.get(tag or "", "paragraph")
        level = int(tag[1]) if tag and re.fullmatch(r"h[1-6]", tag) else None
        if kind == "paragraph" and self.quote_depth:
            kind = "quote"
        section = tuple(title for _, title in self.section)
        block = builder.build(
            kind, self.doc.lines, section=section, level=level, tag=tag, origin=self.block_origin,
            quoted=self.quote_depth > 0, index=len(self.doc.blocks), emphasis=tuple(self.emphasis),
            within=self.block_within, boxes=self.block_boxes, lang=self.block_lang, foreign=tuple(self.foreign),
        )
        if block is None:
            return
        if level is not None:
            while self.section and self.section[-1][0] >= level:
                self.section.pop()
            self.section.append((level, block.text))
            block.section = tuple(title for _, title in self.section)
        self.doc.blocks.append(block)

    def _ensure_block(self, origin: int) -> TextBuilder:
        if self.builder is None:
            self._start_block(self.stack.holder(), origin)
        assert self.builder is not None
        return self.builder

    # events ----------------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        origin = self._offset()
        raw = self.get_starttag_text() or ""
        attr_map = {k.lower(): (v if v is not None else "") for k, v in attrs}
        lang = attr_map.get("lang", attr_map.get("xml:lang")) if attr_map else None
        role_img = "role" in attr_map and _role_img(attr_map)
        if tag == "meta" and attr_map.get("name"):
            self.doc.meta.setdefault(attr_map["name"].lower(), attr_map.get("content", ""))
        if tag == "html" and "lang" in attr_map:
            self.doc.meta.setdefault("lang", attr_map["lang"])
        if tag in CLOSES_P and "p" in self.stack and open_p_depth(self.stack.tags) is not None:
            self.handle_endtag("p")
        if tag not in VOID and not raw.endswith("/>"):
            self.stack.push(tag)
            outer = self.langs[-1] if self.langs else None
            self.langs.append(lang.strip() if lang is not None and tag != "html" else outer)
        if tag == "title":
            self._start_block("title", origin)
            return
        if self.skip_depth or tag in SKIP:
            if tag in SKIP and tag not in VOID:
                self.skip_depth += 1
            inert = self.stack.inert_below_top()
            if (tag in ("object", "svg") or role_img) and not inert:
                self._image(tag, attr_map, raw, origin)  # SVG and object content is not text, but they are images
            return
        if tag == "blockquote":
            self.quote_depth += 1
        if tag in BOXES and self.stack and self.stack[-1] == tag:
            self.boxes.append(origin)
        if tag == "q":
            self.quote_depth += 1
        if tag in BLOCK_KIND:
            self._start_block(tag, origin)
        elif tag in CONTAINERS or tag == "hr":
            self._flush()
        elif tag == "br" and self.builder is not None:
            self.builder.space(origin, origin + len(raw))
        if tag in EMPHASIS:
            builder = self._ensure_block(origin)
            start = builder.length + (1 if builder.length and builder._space_pending else 0)
            self.open_emphasis.append((tag, start))
        if lang is not None and lang.strip() and tag not in BLOCK_KIND and tag not in CONTAINERS and tag not in VOID \
                and tag not in BOXES and tag not in ("blockquote", "q") and self.builder is not None:
            builder = self.builder  # an inline element in another language inside a block
            start = builder.length + (1 if builder.length and builder._space_pending else 0)
            self.open_foreign.append((tag, start, lang.strip()))
        if tag in ("img", "area", "embed") or (tag == "input" and attr_map.get("type", "").lower() == "image"):
            self._image(tag, attr_map, raw, origin)
        elif role_img:
            self._image(tag, attr_map, raw, origin)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.stack:
            return  # a stray end tag: browsers ignore it too
        while self.stack:
            open_tag = self.stack.pop()
            self.langs.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "title":
            self._flush()
            return
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in BOXES and self.boxes:
            self.boxes.pop()
        if tag in ("blockquote", "q"):
            if tag == "blockquote":
                self._flush()
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in EMPHASIS and self.open_emphasis and self.builder is not None:
            for i in range(len(self.open_emphasis) - 1, -1, -1):
                if self.open_emphasis[i][0] == tag:
                    _, start = self.open_emphasis.pop(i)
                    if self.builder.length > start:
                        self.emphasis.append((start, self.builder.length, tag))
                    break
        if self.open_foreign and self.open_foreign[-1][0] == tag and self.builder is not None:
            _, start, lang = self.open_foreign.pop()
            if self.builder.length > start:
                self.foreign.append((start, self.builder.length, lang))
        if tag in BLOCK_KIND or tag in CONTAINERS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip_depth and self.block_tag != "title":
            return
        if self.builder is None and not data.strip():
            return
        origin = self._offset()
        if self.builder is None:
            self._ensure_block(origin)
        assert self.builder is not None
        self.builder.add_verbatim(data, origin)

    def _reference(self, raw_guess: str) -> None:
        if self.skip_depth and self.block_tag != "title":
            return
        origin = self._offset()
        match = re.match(r"&#?[A-Za-z0-9]+;?", self.doc.source[origin:origin + 40])
        raw = match.group(0) if match else raw_guess
        builder = self._ensure_block(origin)
        builder.add_raw(raw, origin)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if _DIRECTIVE.match(data):
            start = self._offset()
            self.doc.directives.append(Directive(data.strip(), start, start + len(data) + 7))

    # images ----------------------------------------------------------------------------------------------
    def _image(self, tag: str, attrs: dict[str, str], raw: str, origin: int) -> None:
        kind = tag if tag in IMAGE_TAGS else "role-img"
        src = attrs.get("src") or attrs.get("data") or attrs.get("href")
        image = Image(kind=kind, src=src, alt=attrs.get("alt"), start=origin, end=origin + len(raw),
                      attrs=attrs, section=tuple(title for _, title in self.section))
        if image.alt:
            offsets = attribute_offsets(raw).get("alt")
            if offsets:
                builder = TextBuilder()
                builder.add_raw(raw[offsets[0]:offsets[1]], origin + offsets[0])
                image.alt_block = builder.build(
                    "alt", self.doc.lines, section=image.section, tag=tag, origin=origin,
                    quoted=self.quote_depth > 0,
                )
        self.doc.images.append(image)

    def close(self) -> None:
        super().close()
        self._flush()


def scan(doc: Document, text_base: int = 0, text_end: int | None = None) -> None:
    """Add the blocks, images and directives of ``doc.source[text_base:text_end]`` to ``doc``."""
    text = doc.source[text_base:text_end]
    scanner = _Scanner(doc, text, base=text_base,
                       section=doc.blocks[-1].section if doc.blocks and text_base else ())
    scanner.feed(text)
    scanner.close()


#: elements whose content the tokenizer reads as text (html.parser decides this, so a self-closed one stays closed
#: in our tree: A217 reports it, since in a browser the rest of the page becomes its text)
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframes", "plaintext"})
FOREIGN = frozenset({"svg", "math"})
#: the HTML algorithm's "markers" in the list of active formatting elements: a link outside one of these does not
#: close when a new link starts inside it
LINK_SCOPE = frozenset({"td", "th", "caption", "object", "applet", "marquee", "template", "svg", "math"})


#: what BeautifulSoup imports when installed and a run of ours seldom or never needs: the html5lib and lxml tree
#: builders (we always pass our own html.parser builder) and soupsieve (CSS selectors: teacher-only markup)
_DEFERRED = ("html5lib", "lxml", "soupsieve")


class _Soupsieve(types.ModuleType):
    """Stands in for soupsieve inside bs4 until a CSS selector is used, then imports it: most pages never use
    one (auditor/readability/teacher.py tests elements' attributes first)."""

    def __getattr__(self, name: str) -> Any:
        import soupsieve

        return getattr(soupsieve, name)


def _import_bs4() -> None:
    """Import BeautifulSoup without what it imports eagerly and a run seldom needs: html5lib (0.04 s of CPU) and
    soupsieve (0.05 s) were more than half of bs4's import time, paid by every one-page run. They are hidden only
    while bs4 is imported, so a later ``import lxml`` (EPUB, Word) or ``import soupsieve`` still works, and
    ``Tag.select`` imports soupsieve when first used."""
    if "bs4" in sys.modules:
        return
    hidden = [name for name in _DEFERRED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import html5lib" raise ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4.css warns that soupsieve is not installed
            import bs4.css
    finally:
        for name in hidden:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]
    if "soupsieve" in hidden:
        if getattr(bs4.css, "soupsieve", "") is None:
            bs4.css.soupsieve = _Soupsieve("soupsieve")
        else:  # a bs4 that finds soupsieve another way: import it again as it is
            for name in [m for m in sys.modules if m == "bs4" or m.startswith("bs4.")]:
                del sys.modules[name]
            import bs4  # noqa: F401


@lru_cache(maxsize=1)
def _soup_class() -> type:
    """BeautifulSoup with five rules of the HTML parsing algorithm that Python's html.parser lacks: a heading
    start tag closes a heading that is the current element (so ``<h1><h1>...`` gives siblings, as in browsers,
    not a tree 300,000 deep); a link start tag closes an open link (links never nest in a browser); the tree is
    no deeper than MAX_TREE_DEPTH; a block start tag closes an open paragraph; and a self-closing slash on a non-void
    HTML element is ignored (``<a href="x"/>`` opens a link that takes in the text after it, as in every
    browser), not honoured, unless the document is read as XML (XHTML, EPUB). The elements written that way
    are listed in ``self_closed`` for A217.

    Why not html5lib, which builds the browser's tree exactly: on the OpenStax Physics pages it took 2.5 s of CPU
    against 1.4 s, it gives each element the position of its start tag's ``>`` (implied and reconstructed
    elements get another element's position), and its algorithm is quadratic on hostile input (66 s of CPU for
    20,000 unclosed ``<span>`` followed by 20,000 stray ``</b>``)."""
    _import_bs4()
    from bs4 import BeautifulSoup
    from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder

    class BrowserParser(BeautifulSoupHTMLParser):
        def handle_startendtag(self, tag, attrs):
            soup = self.soup
            if soup.xml_syntax or tag in VOID or tag in FOREIGN or _in_foreign(soup.currentTag):
                return super().handle_startendtag(tag, attrs)
            if tag in RAW_TEXT:
                super().handle_startendtag(tag, attrs)
                closed = soup.currentTag.contents[-1] if soup.currentTag.contents else None
                if closed is not None and getattr(closed, "name", None) == tag:
                    soup.self_closed.append(closed)
                return None
            self.handle_starttag(tag, attrs, handle_empty_element=False)
            if soup.currentTag is not None and soup.currentTag.name == tag:
                soup.self_closed.append(soup.currentTag)
            return None

    class BrowserTreeBuilder(HTMLParserTreeBuilder):
        def feed(self, markup, _parser_class=BrowserParser):
            return super().feed(markup, _parser_class=BrowserParser)

    class BoundedSoup(BeautifulSoup):
        def __init__(self, markup: str, xml_syntax: bool = False) -> None:
            self.self_closed: list = []
            self.xml_syntax = xml_syntax  # XHTML read as XML: a self-closing slash closes any element
            super().__init__(markup, builder=BrowserTreeBuilder())

        def handle_starttag(self, name, namespace, nsprefix, attrs, *args, **kwargs):
            current = self.currentTag
            if name in HEADINGS and current is not None and current.name in HEADINGS:
                self.endData()
                self.popTag()
            if name == "a" and not self.xml_syntax:
                self._close_open_link()
            if name in CLOSES_P and not self.xml_syntax:
                if open_p_depth(self.tagStack, _NAME) is not None:
                    self.endData()
                    while self.currentTag.name != "p":
                        self.popTag()
                    self.popTag()
            while len(self.tagStack) > MAX_TREE_DEPTH:
                self.endData()
                self.popTag()
            return super().handle_starttag(name, namespace, nsprefix, attrs, *args, **kwargs)

        def _close_open_link(self) -> None:
            """Links do not nest: an <a> start tag while a link is open closes that link first (the HTML
            algorithm's adoption agency, simplified to closing the elements opened inside it). Without this,
            20,000 unclosed links nested each inside the last, and reading each one's name was quadratic."""
            for depth in range(len(self.tagStack) - 1, 0, -1):
                name = self.tagStack[depth].name
                if name in LINK_SCOPE:
                    return
                if name == "a":
                    self.endData()
                    while len(self.tagStack) > depth:
                        self.popTag()
                    return

    return BoundedSoup


_NAME = attrgetter("name")  # an element's tag name, for ``open_p_depth`` on the soup's stack


def _in_foreign(tag) -> bool:
    """Whether ``tag`` is inside SVG or MathML, where a self-closing slash does close an element."""
    while tag is not None and tag.name != "[document]":
        if tag.name in FOREIGN:
            return True
        tag = tag.parent
    return False


def xml_syntax(src: SourceText) -> bool:
    """Whether a reader parses this document as XML, where ``<a id="p1"/>`` is closed: an XHTML file (``.xhtml``,
    opened by browsers with their XML parser), an EPUB content document (always XML) or a document that starts
    with an XML declaration."""
    path = src.path.lower()
    return path.endswith((".xhtml", ".xht")) or "!/" in path or src.text.lstrip("\ufeff \t\r\n").startswith("<?xml")


def self_closed_elements(doc: Document) -> list:
    """Non-void HTML elements written self-closed (``<a href="x"/>``), in document order."""
    return list(getattr(doc.soup, "self_closed", None) or []) if doc.soup is not None else []


def load_html(src: SourceText) -> Document:
    _import_bs4()
    from bs4 import XMLParsedAsHTMLWarning

    doc = Document(path=src.path, format="html", source=src.text, lines=LineIndex(src.text),
                   warnings=list(src.warnings))
    scan(doc)
    for i, block in enumerate(doc.blocks):
        block.index = i
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", UserWarning)
        doc.soup = _soup_class()(src.text, xml_syntax=xml_syntax(src))
    resolve_image_names(doc)
    attach_alt_blocks(doc)
    return doc


# accessible names ----------------------------------------------------------------------------------------

def element_text(tag) -> str:
    """Text a screen reader would read for an element's content: its text plus the alt of images in it."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if node.parent is not None and node.parent.name in ("script", "style", "template"):
                continue
            if type(node).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                continue
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in ("img", "area") or (
                isinstance(node, Tag) and node.name == "input" and str(node.get("type") or "").lower() == "image"):
            if node.get("alt"):
                parts.append(f" {node['alt']} ")
    return _WHITESPACE.sub(" ", "".join(parts)).strip()


def labelledby_text(doc: Document, value: str, ids: dict | None = None) -> str:
    """The text of the elements an aria-labelledby / aria-describedby value points to (missing ids ignored)."""
    if doc.soup is None or not value.strip():
        return ""
    ids = ids if ids is not None else id_index(doc)
    texts = []
    for ident in value.split():
        target = ids.get(ident)
        if target is not None:
            text = target.get("aria-label", "").strip() or element_text(target)
            if text:
                texts.append(text)
    return " ".join(texts)


def all_tags(doc: Document) -> list:
    """Every element of the tree in document order, listed once per document (rules filter this list, which
    is much faster than one BeautifulSoup search per rule)."""
    return doc.tags()


def id_index(doc: Document) -> dict:
    """First element for each id, as document.getElementById finds it."""
    if doc.soup is None:
        return {}
    cached = getattr(doc, "_ids", None)
    if cached is None:
        cached = {}
        for tag in all_tags(doc):
            ident = tag.attrs.get("id")
            if ident is not None:
                cached.setdefault(ident, tag)
        doc._ids = cached  # type: ignore[attr-defined]
    return cached


def accessible_name(doc: Document, image: Image) -> tuple[str, str] | None:
    """(name, source) in the order browsers compute names for these elements (accname 1.2, HTML-AAM):
    aria-labelledby, aria-label, then the element's own alternative: alt (img, input, area), <title>
    (svg), then the title attribute. An <object>'s fallback content is not a name: it is shown only when the
    object fails to load (axe-core 4 takes the same view)."""
    attrs = image.attrs
    element = doc.element_at(image.start) if doc.soup is not None and image.kind != "markdown" else None
    if attrs.get("aria-labelledby", "").strip():
        text = labelledby_text(doc, attrs["aria-labelledby"])
        if text:
            return text, "aria-labelledby"
    if attrs.get("aria-label", "").strip():
        return _WHITESPACE.sub(" ", attrs["aria-label"]).strip(), "aria-label"
    if image.kind in ("img", "input", "area", "markdown") and (image.alt or "").strip():
        return _WHITESPACE.sub(" ", image.alt or "").strip(), "alt"
    if image.kind == "svg" and element is not None:
        title = element.find("title", recursive=False)
        if title is not None and title.get_text(strip=True):
            return _WHITESPACE.sub(" ", title.get_text(" ")).strip(), "svg-title"
    if attrs.get("title", "").strip():
        return _WHITESPACE.sub(" ", attrs["title"]).strip(), "title"
    return None


def resolve_image_names(doc: Document) -> None:
    """Fill in each image's accessible name; drop inline SVGs that are not exposed as images at all."""
    kept = []
    for image in doc.images:
        found = accessible_name(doc, image)
        image.name, image.name_source = found if found else (None, None)
        role = image.attrs.get("role", "").strip().lower()
        if image.kind == "svg" and found is None and role not in ("img", "presentation", "none") and (
                image.attrs.get("aria-hidden", "").strip().lower() != "true"):
            # an SVG with no role and no name is not an image to assistive technology (axe skips it too)
            continue
        kept.append(image)
    doc.images = kept


def attach_alt_blocks(doc: Document) -> None:
    """Alt texts are blocks too (language rules read them), placed right after the text before the image."""
    if not any(image.alt_block for image in doc.images):
        return
    merged = []
    images = sorted((i for i in doc.images if i.alt_block), key=lambda i: i.start)
    j = 0
    for block in doc.blocks:
        start = block.map.start(0) if block.map else block.origin
        while j < len(images) and images[j].start < start:
            merged.append(images[j].alt_block)
            j += 1
        merged.append(block)
    merged.extend(image.alt_block for image in images[j:])
    doc.blocks = [b for b in merged if b is not None]
    for i, block in enumerate(doc.blocks):
        block.index = i
