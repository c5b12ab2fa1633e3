"""Word (.docx) to the document model, with python-docx.

A Word file has no lines, so the loader writes a plain-text stand-in for it, one line per paragraph in body
order (table cells included, as Word's own paragraph count does), and the document's ``location_kind`` is
"paragraph": a span's line is the paragraph number and its column the character in that paragraph. Pictures
are noted at the end of their paragraph's line (``[picture "cell.png": its alt text]``) so findings about them
quote something readable. The archive is checked as hostile input first (:mod:`auditor.loaders.archive`).

Heading levels come from the paragraph style ("Heading 1".."Heading 9", or an outline level); lists from
numbering or a "List ..." style; quotes and captions from their styles; images from ``wp:docPr`` (``descr``,
``title``, and Office's decorative mark); header rows from ``w:tblHeader``; title and language from the core
properties (language falling back to the document's default run language in the styles).

Suppression: a paragraph that reads ``ssec-audit: ignore L101`` works as in a text file (for the next
paragraph with text), and a Word comment reading ``ssec-audit: ignore L101`` suppresses on the paragraph it
is attached to.
"""
from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from auditor.document import Directive, Document, Image, Table
from auditor.errors import InputError
from auditor.loaders.archive import check_xml_parts, open_archive, read_member
from auditor.loaders.builder import TextBuilder
from auditor.locations import LineIndex
from auditor.sources import SourceText

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

WHAT = "Word document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
V = "{urn:schemas-microsoft-com:vml}"
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_DIRECTIVE = re.compile(r"^\s*(ssec-audit(?::\s*|-)\S.*?)\s*$", re.IGNORECASE)
_WS = re.compile(r"[\t\n\r\v\f]")


def _open(data: bytes) -> Any:
    archive = open_archive(data, WHAT)
    try:
        read_member(archive, "word/document.xml", WHAT)
    except KeyError:
        raise InputError(f"not a {WHAT}: the archive has no word/document.xml") from None
    check_xml_parts(archive, WHAT)
    import docx  # (here: python-docx and lxml are a tenth of a second of every start-up, and few runs read Word)

    try:
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds on a damaged file
        raise InputError(f"not a valid {WHAT}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                         .rstrip(": ")) from None


def _style_chain(style: Any) -> list[Any]:
    chain: list[Any] = []
    while style is not None and len(chain) < 20:
        chain.append(style)
        style = style.base_style
    return chain


def _heading_level(paragraph: Paragraph) -> int | None:
    chain = _style_chain(paragraph.style)
    for style in chain:
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
    for element in [paragraph._p, *(s.element for s in chain)]:
        ppr = element.find(f"{W}pPr")
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if outline is not None:
            value = outline.get(f"{W}val", "")
            return int(value) + 1 if value.isdigit() and int(value) < 9 else None
    return None


def _kind(paragraph: Paragraph, in_table: bool) -> tuple[str, int | None]:
    level = _heading_level(paragraph)
    names = [(s.name or "").lower() for s in _style_chain(paragraph.style)]
    if level is not None:
        return "heading", level
    if names and names[0] in ("title", "subtitle"):
        return "title", None
    if any(n == "caption" for n in names):
        return "caption", None
    if in_table:
        return "table_cell", None
    ppr = paragraph._p.find(f"{W}pPr")
    if (ppr is not None and ppr.find(f"{W}numPr") is not None) or any(n.startswith("list") for n in names):
        return "list_item", None
    if any(n in ("quote", "intense quote", "block text") for n in names):
        return "quote", None
    return "paragraph", None


def _bold(run: Run, paragraph_bold: bool) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    if run.style is not None and run.style.font.bold is not None:
        return bool(run.style.font.bold)
    return paragraph_bold


def _own(element: Any, paragraph: Any) -> bool:
    """Whether ``element`` belongs to ``paragraph`` itself, not to a text box paragraph nested in it."""
    parent = element.getparent()
    while parent is not None and parent.tag != f"{W}p":
        parent = parent.getparent()
    return parent is paragraph


class _Loader:
    def __init__(self, word: Any, path: str) -> None:
        self.word = word
        self.path = path
        self.lines: list[str] = []
        self.pieces: list[dict[str, Any]] = []  # per paragraph: runs, kind, level...
        self.tables: list[tuple[int, int, int, int, int, bool]] = []
        self.comment_targets: dict[str, list[int]] = {}

    # walking the body in order ------------------------------------------------------------------------------
    def walk(self, container: Any, table_depth: int = 0) -> None:
        from docx.text.paragraph import Paragraph

        for child in container.iterchildren():
            if child.tag == f"{W}p":
                self.paragraph(Paragraph(child, self.word.part), table_depth)
            elif child.tag == f"{W}tbl":
                self.table(child, table_depth)
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}smartTag"):
                content = child.find(f"{W}sdtContent")
                self.walk(content if content is not None else child, table_depth)

    def table(self, tbl: Any, depth: int) -> None:
        first = len(self.lines)
        rows = tbl.findall(f"{W}tr")
        header_rows = 0
        for row in rows:
            trpr = row.find(f"{W}trPr")
            mark = trpr.find(f"{W}tblHeader") if trpr is not None else None
            if mark is None or mark.get(f"{W}val", "true").lower() in ("0", "false", "off"):
                break
            header_rows += 1
        columns = 0
        for row in rows:
            cells = row.findall(f"{W}tc")
            columns = max(columns, len(cells))
            for cell in cells:
                self.walk(cell, depth + 1)
        self.tables.append((first, len(self.lines), len(rows), columns, header_rows, depth > 0))

    def paragraph(self, paragraph: Paragraph, table_depth: int) -> None:
        p = paragraph._p
        number = len(self.lines) + 1
        for element in p.iter(f"{W}commentRangeStart", f"{W}commentReference"):
            self.comment_targets.setdefault(element.get(f"{W}id", ""), []).append(number)
        chain = _style_chain(paragraph.style)
        paragraph_bold = next((bool(s.font.bold) for s in chain if s.font.bold is not None), False)
        from docx.text.run import Run

        runs = []
        text = ""
        for r in p.iter(f"{W}r"):
            if not _own(r, p):
                continue
            run = Run(r, paragraph)
            piece = _WS.sub(" ", run.text)
            if piece:
                runs.append((len(text), len(text) + len(piece), _bold(run, paragraph_bold)))
                text += piece
        images = list(self.images(p, paragraph))
        line = text
        notes = []
        for image in images:
            alt = image["alt"] if image["alt"] is not None else ""
            note = f'[picture "{image["label"]}"' + (f": {alt}" if alt.strip() else "") + "]"
            start = len(line) + 1
            line += " " + note
            notes.append((image, start, start + len(note), alt))
        kind, level = _kind(paragraph, table_depth > 0)
        self.lines.append(line)
        self.pieces.append({"text": text, "runs": runs, "kind": kind, "level": level, "notes": notes,
                            "in_table": table_depth > 0})

    def images(self, p: Any, paragraph: Paragraph):
        for prop in p.iter(f"{WP}docPr"):
            if not _own(prop, p):
                continue
            drawing = prop.getparent()
            blip = next(drawing.iter(f"{A}blip"), None)
            target = ""
            if blip is not None:
                rel = self.word.part.rels.get(blip.get(f"{R}embed", "") or blip.get(f"{R}link", ""))
                target = (rel.target_ref if rel is not None else "") or ""
            decorative = any(e.tag.endswith("}decorative") and e.get("val", "1").lower() in ("1", "true")
                             for e in prop.iter())
            descr = prop.get("descr")
            title = prop.get("title")
            label = target.rsplit("/", 1)[-1] or prop.get("name", "") or "picture"
            yield {"src": target or None, "alt": descr, "title": title, "name": prop.get("name", ""),
                   "decorative": decorative, "label": label}
        for shape in p.iter(f"{V}shape"):
            if not _own(shape, p) or next(shape.iter(f"{V}imagedata"), None) is None:
                continue
            alt = shape.get("alt")
            yield {"src": None, "alt": alt, "title": None, "name": shape.get("id", ""), "decorative": False,
                   "label": shape.get("id", "") or "picture"}

    # building the document ----------------------------------------------------------------------------------
    def build(self, warnings: list[str]) -> Document:
        source = "\n".join(self.lines)
        lines = LineIndex(source)
        doc = Document(path=self.path, format="docx", source=source, lines=lines, warnings=warnings,
                       location_kind="paragraph")
        starts = [lines.offset(n + 1, 1) for n in range(len(self.lines))]
        stack: list[tuple[int, str]] = []
        current = ""
        for n, piece in enumerate(self.pieces):
            start = starts[n]
            text = piece["text"]
            match = _DIRECTIVE.match(text)
            if match and piece["kind"] != "heading":
                doc.directives.append(Directive(match.group(1), start + match.start(1), start + match.end(1)))
                continue
            builder = TextBuilder()
            builder.add_verbatim(text, start)
            kind, level = piece["kind"], piece["level"]
            if kind == "heading" and builder.text.strip():
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, builder.text.strip()))
                current = builder.text.strip()
            doc.headings[n + 1] = current
            section = tuple(t for _, t in stack)
            emphasis = tuple(_emphasis(builder, piece["runs"], start))
            block = builder.build(kind, lines, section=section, level=level, tag="w:p", origin=start,
                                  index=len(doc.blocks), emphasis=emphasis, quoted=kind == "quote",
                                  within=("table", "tr", "td") if piece["in_table"] else ())
            if block is not None:
                doc.blocks.append(block)
            for image, note_start, note_end, alt in piece["notes"]:
                alt_block = None
                if alt.strip():
                    alt_start = start + note_end - 1 - len(alt)
                    alt_builder = TextBuilder()
                    alt_builder.add_verbatim(alt, alt_start)
                    alt_block = alt_builder.build("alt", lines, section=section, tag="w:drawing",
                                                  origin=start + note_start, index=len(doc.blocks))
                    if alt_block is not None:
                        doc.blocks.append(alt_block)
                name = (image["alt"] or "").strip() or (image["title"] or "").strip() or None
                attrs = {"name": image["name"]}
                if image["decorative"]:
                    attrs["decorative"] = "true"
                doc.images.append(Image(kind="word", src=image["src"], alt=image["alt"], start=start + note_start,
                                        end=start + note_end, alt_block=alt_block, attrs=attrs, section=section,
                                        name=name, name_source=("descr" if (image["alt"] or "").strip()
                                                                else "title" if name else None)))
        for first, after, rows, columns, header_rows, nested in self.tables:
            if after > first:
                doc.tables.append(Table(starts[first], starts[after - 1] + len(self.lines[after - 1]), rows,
                                        columns, header_rows, nested))
        self.meta(doc)
        self.comments(doc, starts)
        return doc

    def meta(self, doc: Document) -> None:
        props = self.word.core_properties
        doc.meta["title"] = (props.title or "").strip()
        lang = (props.language or "").strip()
        if not lang:
            defaults = self.word.styles.element.find(f"{W}docDefaults")
            found = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang") if defaults is not None else None
            lang = (found.get(f"{W}val", "") if found is not None else "").strip()
        if lang:
            doc.meta["lang"] = lang
            if not (props.language or "").strip():
                doc.meta["lang-source"] = "styles"

    def comments(self, doc: Document, starts: list[int]) -> None:
        try:
            comments = list(self.word.comments)
        except Exception:  # noqa: BLE001 - no comments part, or one python-docx cannot read: no directives
            return
        for comment in comments:
            text = " ".join((comment.text or "").split())
            match = _DIRECTIVE.match(text)
            if not match:
                continue
            directive = re.sub(r"(?i)^ssec-audit:\s*ignore(?![\w-])", "ssec-audit: ignore-line", match.group(1))
            directive = re.sub(r"(?i)^ssec-audit-disable-next-line", "ssec-audit-disable-line", directive)
            for number in sorted(set(self.comment_targets.get(str(comment.comment_id), []))):
                start = starts[number - 1]
                doc.directives.append(Directive(directive, start, start + len(self.lines[number - 1])))
        doc.directives.sort(key=lambda d: d.start)


def _emphasis(builder: TextBuilder, runs: list[tuple[int, int, bool]], start: int):
    for run_start, run_end, bold in runs:
        if bold:
            a = builder.map.text_offset(start + run_start)
            b = builder.map.text_offset(start + run_end)
            if b > a:
                yield (a, b, "b")


def load_docx(src: SourceText) -> Document:
    if src.data is None:
        raise InputError(f"not a {WHAT}")
    word = _open(src.data)
    loader = _Loader(word, src.path)
    try:
        loader.walk(word.element.body)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged part python-docx cannot read
        raise InputError(f"not a valid {WHAT}: {type(exc).__name__}: {exc}") from None
    doc = loader.build(list(src.warnings))
    if not doc.blocks and not doc.images:
        doc.warnings.append("the Word document has no text")
    return doc
