"""Links, in HTML and Markdown: every link has a name (A207), and the name says where it goes (A208)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from auditor.accessibility.accname import accessible_name, aria_role, is_hidden
from auditor.accessibility.analysis import quoted, terms
from auditor.accessibility.elements import at_tag, content_range, elements, once_per_document
from auditor.document import Document
from auditor.rule import ENGLISH, Example, MarkupRule, Problem


def html_links(doc: Document) -> list:
    return list(once_per_document(doc, "links", _html_links))


def _is_link(t) -> bool:
    if "role" not in t.attrs:  # the common case, where aria_role is "": an <a href>
        return t.name == "a" and "href" in t.attrs
    return (t.name == "a" and t.has_attr("href") and aria_role(t) in ("", "link")) or aria_role(t) == "link"


def _html_links(doc: Document) -> list:
    if doc.soup is None:
        return []
    found = [t for t in elements(doc) if _is_link(t)]
    return [a for a in found
            if a.sourceline is not None and not is_hidden(a)
            and not any(is_hidden(p) for p in a.parents if getattr(p, "attrs", None))]


#: An inline link. Destinations and titles are bounded (2,000 characters, far beyond any real address): unbounded,
#: an unclosed "[a](" repeated thousands of times made every start rescan the rest of the line (quadratic).
_MD_LINK = re.compile(r"(?<![!\\])\[(?P<text>(?:[^\[\]\\]|\\.|!\[[^\]]{0,2000}\]\([^)]{0,2000}\))*)\]"
                      r"\((?P<href>[^)\s]{0,2000})(?:\s+\"[^\"]{0,2000}\")?\)")

_MD_IMAGE = re.compile(r"!\[([^\]]{0,2000})\]\([^)]{0,2000}\)")
_MD_AUTOLINK = re.compile(r"<(?P<href>(?:https?|ftp)://[^\s<>]+)>")


def markdown_links(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, text, href) of inline Markdown links that are inside prose (not code)."""
    ranges = sorted(b.source_range(0, len(b.text)) for b in doc.blocks if b.map and b.kind != "alt")
    starts = [r[0] for r in ranges]
    matches = sorted([*_MD_LINK.finditer(doc.source), *_MD_AUTOLINK.finditer(doc.source)], key=lambda m: m.start())
    for match in matches:
        i = bisect.bisect_right(starts, match.start()) - 1
        inside = i >= 0 and ranges[i][0] <= match.start() < ranges[i][1] + 2
        next_start = starts[i + 1] if i + 1 < len(starts) else None
        if not inside and (next_start is None or not match.start() <= next_start < match.end()):
            continue
        if match.re is _MD_AUTOLINK:
            yield match.start(), match.end(), match.group("href"), match.group("href")
            continue
        text = _MD_IMAGE.sub(r" \1 ", match.group("text"))
        yield match.start(), match.end(), " ".join(text.split()), match.group("href")


class LinkName(MarkupRule):
    """A link with no text is announced as "link" (or its web address); students cannot tell where it goes.

    Fires on ``<a href>`` (and any element with ``role="link"``) whose accessible name is empty: no text, no
    alt text (or ``aria-label``/``aria-labelledby``) on an image inside it, no ``aria-label``/
    ``aria-labelledby`` and no ``title``. Links hidden from assistive technology (``aria-hidden``, ``hidden``,
    inline ``display:none``) and ``<a>`` elements given another role (``role="button"``) are skipped. In
    Markdown, fires on ``[](url)`` and on a link whose only content is an image with empty brackets.

    axe-core: same verdicts as ``link-name``. A link whose only content is an image marked decorative is
    reported here and, for the image, by A102.
    """

    id = "A207"
    name = "link-name"
    category = "accessibility"
    severity = "error"
    summary = "Link has no text"
    references = ("WCAG 2.2 SC 2.4.4 Link Purpose (In Context) (Level A)",
                  "WCAG 2.2 SC 4.1.2 Name, Role, Value (Level A)")
    formats = frozenset({"html", "markdown"})
    examples = (
        Example('{{<a href="quiz.html">}}</a>'),
        Example('{{<a href="quiz.html">}}<img src="go.png" alt=""></a>'),
        Example('{{<a href="quiz.html">}}<img src="go.png"></a>'),
        Example("Go to {{[](quiz.md)}} now.", format="markdown"),
        Example('<a href="quiz.html">Start the quiz</a>'),
        Example('<a href="quiz.html"><img src="go.png" alt="Start the quiz"></a>'),
        Example('<a href="quiz.html" aria-label="Start the quiz"><svg aria-hidden="true"></svg></a>'),
        Example('<a name="top"></a>', note="not a link: no href"),
        Example('{{<a href="quiz.html" role="presentation">}}</a>',
                note="a link is focusable, so browsers ignore role=presentation on it"),
        Example("Take the [quiz](quiz.md).", format="markdown"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "markdown":
            for start, end, text, _href in markdown_links(doc):
                if not text.strip():
                    yield Problem(span=doc.span(start, end), text=doc.source[start:end],
                                  message="This link has no text, so a screen reader only says \"link\".",
                                  suggestion="Put words that say where the link goes between the brackets.")
            return
        for link in html_links(doc):
            name, _ = accessible_name(doc, link)
            if name:
                continue
            has_image = link.find(["img", "svg", "input"]) is not None
            yield at_tag(doc, link, "This link has no text" + (" (its image has no text alternative)" if has_image
                                                               else "") + ", so a screen reader cannot say "
                                    "where it goes.",
                         suggestion="Add link text, or alt text on the image that says where the link goes.")


class LinkTextVague(MarkupRule):
    """Link text like "click here" or "read more" means nothing out of context, and screen reader users
    often browse a page by its list of links.

    Fires (warning) when the whole accessible name of a link is one of the vague phrases in
    ``rules/accessibility/alt-text.toml`` ("click here", "here", "read more", "learn more", "more", "this
    link"...), ignoring case and punctuation, or has no letters at all (a number such as "4966621857", a
    symbol such as "/" or "»"); and (info) when the link text is a bare web address, which a screen reader
    spells out. Applies to Markdown links too.

    Does not fire when a link has a descriptive ``aria-label`` (that is its name), or when the vague words
    are only part of the text ("Read more about volcanoes"). A link whose only content is an image whose alt
    text is a web address (a photo-credit link) is A108's finding on the alt text, not a second one here.

    WCAG 2.4.4 (Level A) accepts link text whose purpose is clear from its sentence, so this is a warning,
    not an error; 2.4.9 (AAA) asks for the link text alone. axe-core has no equivalent (it cannot judge text).
    """

    languages = ENGLISH

    id = "A208"
    name = "link-text-vague"
    category = "accessibility"
    severity = "warning"
    summary = "Link text does not say where it goes"
    references = ("WCAG 2.2 SC 2.4.4 Link Purpose (In Context) (Level A)",
                  "WCAG 2.2 SC 2.4.9 Link Purpose (Link Only) (Level AAA)")
    formats = frozenset({"html", "markdown"})
    examples = (
        Example('<p>To see the data, <a href="data.html">{{click here}}</a>.</p>'),
        Example('<p><a href="volcano.html">{{Read more}}</a></p>'),
        Example('<p>See <a href="https://www.nasa.gov/climate">{{https://www.nasa.gov/climate}}</a></p>',
                note="info: bare URL"),
        Example("Find the data {{[here](data.md)}}.", format="markdown"),
        Example('<p>Photo: <a href="https://flickr.com/p/4966621857">{{4966621857}}</a></p>'),
        Example('<nav><a href="/">{{/}}</a></nav>'),
        Example('<p><a href="volcano.html">Read more about volcanoes</a></p>'),
        Example('<p><a href="volcano.html" aria-label="Read more about volcanoes">Read more</a></p>'),
        Example('<p><a href="https://flickr.com/p/1"><img src="a.jpg" alt="https://flickr.com/p/1"></a></p>',
                note="A108 reports the alt text"),
        Example("Find the [rainfall data](data.md).", format="markdown"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        vague = {v.lower() for v in terms()["links"]["vague"]}
        if doc.format == "markdown":
            for start, end, text, _href in markdown_links(doc):
                problem = self._judge(text, vague)
                if problem:
                    message, suggestion, severity = problem
                    yield Problem(span=doc.span(start, end), text=doc.source[start:end], message=message,
                                  suggestion=suggestion, severity=severity)
            return
        for link in html_links(doc):
            name, source = accessible_name(doc, link)
            if source != "content":
                continue
            problem = self._judge(name, vague)
            if problem and problem[2] == "info" and not link.get_text(strip=True):
                continue  # the address is an image's alt text: one problem, A108's finding on the alt
            if problem:
                message, suggestion, severity = problem
                start, end = content_range(doc, link)
                yield Problem(span=doc.span(start, end), text=doc.source[start:end], message=message,
                              suggestion=suggestion, severity=severity)

    @staticmethod
    def _judge(text: str, vague: set[str]) -> tuple[str, str, str | None] | None:
        bare = " ".join(text.lower().strip(" .:;,!?…»›>→\"'()[]").split())
        if bare in vague:
            return (f"The link text {quoted(text)} does not say where the link goes; screen reader users often hear "
                    "links on their own, in a list.",
                    "Use words that name the destination, e.g. \"rainfall data for 2023\" instead of "
                    "\"click here\".", None)
        if text.strip() and not re.search(r"[^\W\d_]", text):
            return (f"The link text {quoted(text)} is only a number or a symbol, which says nothing about where the "
                    "link goes when a screen reader lists the links.",
                    "Use words that name the destination (keep the number too if readers need it: "
                    "\"Photo 4966621857 on Flickr\").", None)
        if re.fullmatch(r"(https?://|www\.)\S+", bare):
            return ("The link text is a web address, which a screen reader spells out character by character.",
                    "Use words that name the destination as the link text (keep the address in print versions).",
                    "info")
        return None



RULES = (LinkName, LinkTextVague)
