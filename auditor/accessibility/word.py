"""Accessibility of Word documents: what the page, heading and table rules check, said the Word way, and a
heading typed as bold text instead of a heading style (A216).

The findings match Word's own Accessibility Checker (Review › Check Accessibility): missing alternative text,
no header row in a table, missing document title, headings that are not styled as headings. The rules that
own each concept (A101, A201, A203, A204, A205, A209) call the functions here for ``docx`` documents, so one
id means one check whatever the format."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.document import Block, Document
from auditor.rule import MarkupRule, Problem

ALT_SUGGESTION = ("In Word, right-click the picture › Edit Alt Text (or View Alt Text) and describe what it "
                  "shows and why it matters; if it is purely decorative, tick \"Mark as decorative\".")
_ENDS_SENTENCE = re.compile(r"[.:;,!?)\]\"”']\s*$")


def _at_start(doc: Document, message: str, suggestion: str, **kwargs) -> Problem:
    """A problem about the whole document, shown at its first paragraph."""
    first = doc.blocks[0] if doc.blocks else None
    if first is not None:
        return Problem(span=first.span(), text=first.text, message=message, suggestion=suggestion, **kwargs)
    return Problem(span=doc.span(0, 0), text="", message=message, suggestion=suggestion, **kwargs)


def title_problems(doc: Document) -> Iterator[Problem]:
    if not str(doc.meta.get("title", "")).strip():
        yield _at_start(doc, "The Word document has no title in its properties, so screen readers, the PDF "
                             "you export and the browser tab show the file name instead.",
                        "In Word, File › Info › Properties › Title: type a short, specific title such as "
                        "\"Lesson 3: How Plants Make Food\".")


def placeholder_title_problems(doc: Document, title: str) -> Iterator[Problem]:
    yield _at_start(doc, f"The Word document's title \u201c{title}\u201d is a placeholder: it does not say what the "
                         "document is, and screen readers and an exported PDF show it first.",
                    "In Word, File › Info › Properties › Title: type a short, specific title such as "
                    "\"Lesson 3: How Plants Make Food\".")


def language_problems(doc: Document) -> Iterator[Problem]:
    if not str(doc.meta.get("lang", "")).strip():
        yield _at_start(doc, "The Word document does not say what language it is in, so screen readers (and an "
                             "exported PDF or web page) may read it with the wrong voice.",
                        "In Word, select all text and choose Review › Language › Set Proofing Language, and "
                        "set the language of the document's default style.")


def heading_one_problems(doc: Document) -> Iterator[Problem]:
    heads = [b for b in doc.blocks if b.kind == "heading" and b.level]
    ones = [b for b in heads if b.level == 1]
    titled = any(b.kind == "title" for b in doc.blocks)
    if heads and not ones and not titled:
        first = heads[0]
        yield Problem(span=first.span(), text=first.text,
                      message="The document has no main heading (Heading 1 or Title style). Screen reader users "
                              "jump to it to find what the document is about.",
                      suggestion="Put the cursor in the document's title and choose Home › Styles › Heading 1 "
                                 "(or Title).")
    for extra in ones[1:]:
        yield Problem(span=extra.span(), text=extra.text,
                      message="This is another main heading (Heading 1); a lesson usually has one, and the others "
                              "are sections (Heading 2).",
                      suggestion="Use Heading 2 for sections under the main heading, unless this really starts "
                                 "a separate lesson.", severity="info")


def heading_order_problem(block: Block, suggested: int, message: str, data: dict) -> Problem:
    return Problem(span=block.span(), text=block.text, message=message.replace("page outline", "document outline"),
                   suggestion=f"Apply the Heading {suggested} style to it (Home › Styles), or add the missing level "
                              "above it.", data=data)


def table_problems(doc: Document) -> Iterator[Problem]:
    for table in doc.tables:
        if table.nested or table.rows < 2 or table.columns < 2 or table.header_rows:
            continue
        small = table.rows < 3 or table.columns < 3
        yield Problem(span=doc.span(table.start, table.start + len(doc.source[table.start:table.end].split("\n")[0])),
                      text=doc.source[table.start:table.end].split("\n")[0],
                      message="This table has no header row, so a screen reader cannot tell students which column "
                              "a value belongs to." + (" (In a two-column or two-row table this matters less.)"
                                                       if small else ""),
                      suggestion="Click in the table's first row, then Table Design › tick \"Header Row\" and "
                                 "Layout › \"Repeat Header Rows\" (Word's mark for a header row).",
                      severity="info" if small else None)


def _all_bold(block: Block) -> bool:
    covered = 0
    text = block.text
    for start, end, tag in block.emphasis:
        if tag == "b":
            covered += len(text[start:end].strip())
    return covered > 0 and covered >= len("".join(text.split()))


def looks_like_fake_heading(block: Block, following: Block | None) -> bool:
    """A short, entirely bold paragraph with no closing punctuation, followed by ordinary running text."""
    text = block.text.strip()
    if block.kind != "paragraph" or block.within or not text or not any(c.isalpha() for c in text):
        return False
    if len(text.split()) > 8 or _ENDS_SENTENCE.search(text) or not _all_bold(block):
        return False
    return following is not None and following.kind in ("paragraph", "list_item") and not _all_bold(following)


class WordFakeHeading(MarkupRule):
    """A heading typed as bold text looks like a heading but is not one: screen readers cannot list it or jump
    to it, and it is missing from Word's navigation pane and from the bookmarks of an exported PDF.

    Fires (Word documents only) on a paragraph that is entirely bold, at most eight words long, does not end
    in punctuation, sits outside tables and lists, and is followed by ordinary (not all-bold) text. Does not
    fire on bold words inside a sentence, a bold sentence, a bold line in a table, or a run of bold lines
    (a list of terms).

    Word's Accessibility Checker flags the same pattern ("Check that text formatted like headings is styled
    as headings").

    axe-core: has no equivalent (it checks web pages, where a bold ``<p>`` used as a heading is
    ``p-as-heading``, an experimental rule); this is Word-only.
    """

    id = "A216"
    name = "word-fake-heading"
    category = "accessibility"
    severity = "warning"
    summary = "Bold text used as a heading instead of a heading style"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "Microsoft: Make your Word documents accessible to people with disabilities")
    formats = frozenset({"docx"})
    examples = ()  # a Word file cannot be written inline: tests/test_docx.py builds the must-fire/must-not cases

    def check(self, doc, ctx) -> Iterator[Problem]:
        blocks = [b for b in doc.blocks if b.kind != "alt"]
        for block, following in zip(blocks, [*blocks[1:], None], strict=True):
            if looks_like_fake_heading(block, following):
                yield Problem(span=block.span(), text=block.text,
                              message=f"“{block.text.strip()}” looks like a heading (short and bold) but is "
                                      "ordinary text, so screen reader users cannot find it in the outline.",
                              suggestion="Put the cursor in it and choose a heading style (Home › Styles › "
                                         "Heading 2 or 3) instead of bold.")
