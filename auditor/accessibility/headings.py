"""Headings as assistive technology sees them (<h1>-<h6> and role="heading"): one main heading (A204), no
skipped levels (A205), no empty headings (A206). Markdown headings get A204 and A205."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.accessibility import word
from auditor.accessibility.accname import accessible_name, aria_role, is_hidden
from auditor.accessibility.elements import at_tag, elements, has_root, once_per_document
from auditor.document import Document
from auditor.rule import Example, MarkupRule, Problem

_HEADING = re.compile(r"^h[1-6]$")


def heading_level(tag) -> int | None:
    """Level of a heading as assistive technology sees it: h1-h6 (unless given another role), or
    role="heading" with aria-level (default 2, as in ARIA)."""
    role = aria_role(tag)
    if role == "heading":
        level = tag.get("aria-level", "").strip()
        if level.isdigit() and int(level) >= 1:
            return int(level)
        return int(tag.name[1]) if _HEADING.match(tag.name) else 2
    if _HEADING.match(tag.name) and role in ("",):
        return int(tag.name[1])
    return None


def html_headings(doc: Document) -> list:
    """Headings in document order, as (level, tag)."""
    return list(once_per_document(doc, "headings", _html_headings))


def _html_headings(doc: Document) -> list:
    if doc.soup is None:
        return []
    found = [t for t in elements(doc)
             if _HEADING.match(t.name) is not None or ("role" in t.attrs and aria_role(t) == "heading")]
    out = []
    for tag in found:
        level = heading_level(tag)
        if level is not None and tag.sourceline is not None and not is_hidden(tag):
            out.append((level, tag))
    return out


class HeadingOne(MarkupRule):
    """A page needs one main heading (h1) saying what it is about: screen reader users jump to it to start
    reading, and it anchors the outline.

    Fires (warning) when a page with headings or a body has no level-1 heading; and (info) on each extra
    level-1 heading after the first. Several h1s are not a WCAG failure (axe-core passes them), so this is
    advice only; no h1 at all makes the page harder to navigate. An extra h1 that breaks the outline (an
    activity ``<h1>`` inside an ``<h3>`` section) is A205's, with the level that fits. In Markdown a ``title``
    in the front matter counts as the h1 (static site generators render it as one). Fragments with no
    ``<body>`` and no headings are skipped.

    Headings are ``<h1>``-``<h6>`` and elements with ``role="heading"`` (level from ``aria-level``, default 2),
    as assistive technology sees them.

    axe-core: ``page-has-heading-one`` (best practice) fails pages with no level-1 heading (``<h1>`` or
    ``role="heading" aria-level="1"``), as we do; axe has no rule against several h1s.

    Word documents: Heading 1 (or a paragraph in the Title style) is the main heading.
    """

    id = "A204"
    name = "heading-one"
    category = "accessibility"
    severity = "warning"
    summary = "Page has no main heading, or more than one"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "WCAG 2.2 SC 2.4.6 Headings and Labels (Level AA)")
    formats = frozenset({"html", "markdown", "docx"})
    examples = (
        Example("<body>{{<h2>}}Parts of a cell</h2><p>Text.</p></body>"),
        Example("<h1>Cells</h1><p>Text.</p>{{<h1>}}Plants</h1>", note="info: second h1"),
        Example("## {{Parts of a cell}}\n\nText.\n", format="markdown"),
        Example("<h1>Cells</h1><h2>Parts</h2>"),
        Example("---\ntitle: Cells\n---\n## Parts\n\nText.\n", format="markdown"),
        Example("<p>Just a paragraph fragment.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "docx":
            yield from word.heading_one_problems(doc)
        elif doc.format == "html":
            heads = html_headings(doc)
            ones = [h for level, h in heads if level == 1]
            if not ones and (heads or has_root(doc, "body")):
                anchor = heads[0][1] if heads else doc.soup.find("body")
                if anchor is not None and anchor.sourceline is not None:
                    yield at_tag(doc, anchor, "The page has no main heading (h1). Screen reader users jump to it "
                                              "to find where the content starts and what it is about.",
                                 suggestion="Make the page's title its first heading, as <h1>.")
            levels = [level for level, _ in heads]
            blamed = {id(heads[i][1]) for i in outline_breaks(levels)}
            for i, (level, extra) in enumerate(heads):
                if level != 1 or extra is ones[0] or id(extra) in blamed:
                    continue  # an h1 out of place in the outline is A205's (a warning, with the level to use)
                section = levels[i - 1] if i else 1
                nest = (f" If it belongs to the level-{section} section it sits in, make it <h{section + 1}>."
                        if section > 1 else "")
                yield at_tag(doc, extra, "This is another main heading (h1). HTML allows several, and screen "
                                         "readers list them all, but a page usually has one and its sections "
                                         "are h2.",
                             suggestion="Use <h2> for sections under the page's main heading, unless this really "
                                        "starts a separate page." + nest, severity="info")
        else:
            heads = [b for b in doc.blocks if b.kind == "heading" and b.level]
            ones = [b for b in heads if b.level == 1]
            has_title = bool(doc.meta.get("title", "").strip()) if isinstance(doc.meta.get("title", ""), str) \
                else bool(doc.meta.get("title"))
            if heads and not ones and not has_title:
                first = heads[0]
                yield Problem(span=first.span(), text=first.text,
                              message="The document has no main heading (# Title). Screen reader users jump to it "
                                      "to find what the page is about.",
                              suggestion="Start the document with a level-1 heading: # Title.")
            for extra in ones[1:]:
                yield Problem(span=extra.span(), text=extra.text,
                              message="This is another main heading (#); a document usually has one, and the "
                                      "others are sections (##).",
                              suggestion="Use ## for sections under the main heading.", severity="info")


def outline_breaks(levels: list[int]) -> dict[int, tuple[int, int]]:
    """Where the outline breaks, as {index: (previous level, level to suggest)}.

    A heading more than one level deeper than the heading before it skips a level. When that heading only
    looks deep because the heading before it is a second level-1 heading placed inside a section (an
    activity box's ``<h1>`` inside an ``<h3>`` section, followed by the section's next ``<h3>``), the
    out-of-place ``<h1>`` is the one to change: nested one level under its section, the rest of the outline
    reads in order. Only a second ``<h1>`` is blamed this way: after a heading one level up (an ``<h2>``
    starting a new section) a skip is the deeper heading's fault."""
    out: dict[int, tuple[int, int]] = {}
    for i in range(1, len(levels)):
        previous, level = levels[i - 1], levels[i]
        if level <= previous + 1:
            continue
        if i >= 2 and previous == 1 and 1 in levels[:i - 1] and levels[i - 2] > 1 and level <= levels[i - 2] + 1 \
                and (i - 1) not in out:
            # levels[i-1] jumped up out of place: nested under the section it sits in, the outline is whole
            out[i - 1] = (levels[i - 2], min(6, levels[i - 2] + 1))
            continue
        out[i] = (previous, previous + 1)
    return out


class HeadingOrder(MarkupRule):
    """Skipping heading levels (an h2 followed by an h4) breaks the outline screen reader users navigate by:
    they cannot tell whether they missed a section.

    Fires on a heading more than one level deeper than the heading before it (h1 -> h3, ## -> ####). Going
    back up any number of levels (h4 -> h2) is fine, and the first heading may be any level.

    Blames the heading that is out of place: when a heading jumps up (an activity box's ``<h1>`` placed inside
    an ``<h3>`` section) and the next heading carries on the section's outline (another ``<h3>``), the finding
    is on the out-of-place heading and suggests the level that nests it in its section (``<h4>``); the
    ``<h3>`` after it is correct and is not reported.

    Counts ``role="heading"`` elements at their ``aria-level``, and ignores hidden headings and ``<hN>``
    given another role. axe-core: same verdicts as ``heading-order`` (best practice) except for that one
    pattern, where axe reports the heading after the out-of-place one (h1 -> h3) and we report the
    out-of-place heading. Applies to Markdown too (like markdownlint MD001).
    """

    id = "A205"
    name = "heading-order"
    category = "accessibility"
    severity = "warning"
    summary = "Heading skips a level"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",)
    formats = frozenset({"html", "markdown", "docx"})
    examples = (
        Example("<h1>Cells</h1>{{<h3>}}Nucleus</h3>"),
        Example("# Cells\n\n### {{Nucleus}}\n", format="markdown"),
        Example("<h1>Cells</h1><h2>Parts</h2><h3>Nucleus</h3>{{<h1>}}Activity: build a cell</h1>"
                "<h3>Ribosomes</h3>", note="the activity heading is out of place: make it h4"),
        Example("<h1>Cells</h1><h2>Parts</h2><h3>Nucleus</h3><h2>Jobs</h2>"),
        Example("<h1>Cells</h1><h2>Parts</h2><h3>Nucleus</h3><h4>DNA</h4><h2>Jobs</h2>"),
        Example("<h2>Start anywhere</h2><h3>Fine</h3>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "html":
            items = html_headings(doc)
        else:
            items = [(b.level, b) for b in doc.blocks if b.kind == "heading" and b.level]
        levels = [level for level, _ in items]
        for i, (previous, suggested) in sorted(outline_breaks(levels).items()):
            level, item = items[i]
            if level < previous:
                following = levels[i + 1]
                message = (f"This level-{level} heading sits inside a level-{previous} section, and the heading "
                           f"after it (level {following}) carries on that section, so the outline jumps back "
                           f"to level {level} and then skips to level {following}.")
                suggestion = f"Make it a level-{suggested} heading, so it nests under the section it is in."
            else:
                message = (f"This heading jumps from level {previous} to level {level}, skipping a level, so "
                           "the page outline has a gap.")
                suggestion = f"Make it a level-{suggested} heading, or add the missing level above it."
            data = {"level": level, "suggested_level": suggested}
            if doc.format == "docx":
                yield word.heading_order_problem(item, suggested, message, data)
            elif doc.format == "html":
                yield at_tag(doc, item, message, suggestion=suggestion, data=data)
            else:
                yield Problem(span=item.span(), text=item.text, message=message, suggestion=suggestion, data=data)


class EmptyHeading(MarkupRule):
    """An empty heading is announced as "heading level 2" followed by nothing; students navigating by
    headings hit a dead end.

    Fires on ``<h1>``-``<h6>`` with no text, no image alt text, no ``aria-label``/``aria-labelledby``
    (whitespace and ``&nbsp;`` do not count; text hidden with ``aria-hidden`` does not count). HTML only:
    Markdown drops empty headings when it renders.

    axe-core: same verdicts as ``empty-heading`` (best practice), except that axe also accepts a ``title``
    attribute, which is not read reliably; we accept it too to keep the verdicts identical.
    """

    id = "A206"
    name = "empty-heading"
    category = "accessibility"
    severity = "warning"
    summary = "Heading is empty"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "WCAG 2.2 SC 2.4.6 Headings and Labels (Level AA)")
    formats = frozenset({"html"})
    examples = (
        Example("<h1>Cells</h1>{{<h2>}}</h2>"),
        Example("<h1>Cells</h1>{{<h2>}}&nbsp;</h2>"),
        Example('<h1>Cells</h1>{{<h2>}}<span aria-hidden="true">Parts</span></h2>'),
        Example("<h1>Cells</h1><h2>Parts</h2>"),
        Example('<h1><img src="logo.png" alt="Cell Biology Unit"></h1>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for _, heading in html_headings(doc):
            name, _ = accessible_name(doc, heading)
            if not name.replace("\u00a0", " ").strip():
                yield at_tag(doc, heading, f"This <{heading.name}> heading is empty; screen readers announce a "
                                           "heading with nothing in it.",
                             suggestion="Write the heading text, or remove the empty heading (use CSS for "
                                        "spacing).")



RULES = (HeadingOne, HeadingOrder, EmptyHeading)
