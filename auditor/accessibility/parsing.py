"""Parse hazards (A217): markup that a browser, and so a screen reader, builds into a different page from the one
the author wrote. The HTML loader already builds the browser's tree for these constructs; this rule says where the
author's intent and the page differ."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.accessibility.elements import at_tag
from auditor.loaders.html import RAW_TEXT, self_closed_elements
from auditor.rule import Example, MarkupRule, Problem

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: elements whose content is a control's name: the text swallowed becomes what a screen reader announces
NAMED = {"button": "button", "label": "label", "summary": "summary", "legend": "group label",
         "caption": "table caption", "option": "option"}
#: formatting elements: browsers also reopen them in the following paragraphs ("reconstruct the active formatting
#: elements"), so a stray one restyles the rest of the section
FORMATTING = {"b": "bold", "strong": "strong (bold)", "i": "italic", "em": "emphasised (italic)",
              "u": "underlined", "s": "struck through", "strike": "struck through", "big": "larger",
              "small": "smaller", "font": "restyled", "mark": "highlighted", "tt": "monospaced", "code": "code",
              "nobr": "unbreakable"}


def _effect(tag) -> tuple[str, str | None] | None:
    """(what happens, severity) for a self-closed element, or None when nothing a user notices changes."""
    name = tag.name
    shown = f"<{name}/>"
    if name == "a":
        if not tag.has_attr("href"):
            return None  # an anchor without href is not a link: taking in text changes nothing users get
        return (f"A self-closed {shown} is not closed: browsers make the text after it part of the link, up to "
                "the next </a> or the end of the paragraph (and repeat the link in the paragraphs that follow), so "
                "students hear that text as the link's name and may follow it by mistake.", None)
    if name in RAW_TEXT:
        return (f"A self-closed {shown} is not closed: browsers read everything after it, up to the next "
                f"</{name}>, as its {'title' if name == 'title' else 'content'}, so that part of the page is not "
                "shown to anyone.", None)
    if name in HEADINGS:
        return (f"A self-closed {shown} is not closed: browsers make the text after it part of the heading, so "
                "screen readers announce a heading the author did not write.", "warning")
    if name in NAMED:
        return (f"A self-closed {shown} is not closed: browsers make the text after it part of the "
                f"{NAMED[name]}, which changes what a screen reader announces for it.", "warning")
    if name in FORMATTING:
        return (f"A self-closed {shown} is not closed: browsers show the text after it as {FORMATTING[name]}, "
                "and carry that into the paragraphs that follow.", "warning")
    return None


class SelfClosedElement(MarkupRule):
    """HTML has no self-closing elements except the void ones (``<img>``, ``<br>``, ``<input>``...). On any other
    element a browser ignores the slash: ``<a href="x"/>`` opens a link, and the text after it becomes part of
    the link. Authoring tools that write XML (XHTML exports, templating that serialises empty elements as
    ``<a/>``) produce this, and what students get is not what the author wrote.

    Fires (error) on a self-closed link (``<a href>``) and on a self-closed ``<script>``, ``<style>``,
    ``<textarea>``, ``<title>`` or ``<iframe>``, whose content is read as text, so the rest of the page
    disappears into it; (warning) on a self-closed heading, ``<button>``, ``<label>``, ``<legend>``,
    ``<caption>``, ``<summary>`` or ``<option>`` (the text after it becomes its name) and on a formatting
    element such as ``<b/>`` or ``<em/>`` (the rest of the section changes style).

    Does not fire inside SVG and MathML, where the slash does close an element (``<path d="..."/>``), on void
    elements (``<br/>``, ``<img ... />``), on an anchor without ``href`` (``<a id="top"/>``: not a link), on
    elements whose content has no meaning of its own (``<div/>``, ``<span/>``, ``<p/>``), or in documents read as
    XML, where the slash does close any element: ``.xhtml`` files, EPUB content documents and files that start
    with an XML declaration (``<?xml ...?>``).

    The structural rules see the browser's tree, so a self-closed link that takes in the next sentence is not
    also reported as a link without text (A207), as html.parser's tree once made it. axe-core has no
    equivalent: it sees only the browser's tree, where the link simply has the swallowed text as its name.
    """

    id = "A217"
    name = "self-closed-element"
    category = "accessibility"
    severity = "error"
    summary = "Self-closed element is not closed in a browser"
    references = ("WHATWG HTML Living Standard 13.1.2.1 Start tags (self-closing flag) and 13.2.6.1",
                  "WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "WCAG 2.2 SC 2.4.4 Link Purpose (In Context) (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('<p>See {{<a href="cells.html"/>}} for the parts of a cell.</p>'),
        Example('<head>{{<script src="quiz.js"/>}}</head><body><p>Lesson 1</p></body>'),
        Example('<h2>Results</h2>{{<h3 id="t1"/>}}<p>The table shows the data.</p>'),
        Example('<p>The {{<b/>}}cell membrane controls what enters.</p>'),
        Example('<p>Line one<br/>line two <img src="a.png" alt="A cell"/></p>'),
        Example('<svg role="img" aria-label="A circle"><circle cx="5" cy="5" r="4"/></svg>'),
        Example('<p><a id="top"/>Cells are the units of life.</p>', note="an anchor without href is not a link"),
        Example('<div class="clear"/><p>Cells are the units of life.</p>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for tag in self_closed_elements(doc):
            if tag.sourceline is None:
                continue
            effect = _effect(tag)
            if effect is None:
                continue
            message, severity = effect
            yield at_tag(doc, tag, message, severity=severity,
                         suggestion=f"Write a start and an end tag with the content between them "
                                    f"(<{tag.name} ...>...</{tag.name}>), or remove the element if it is empty.")


RULES = (SelfClosedElement,)
