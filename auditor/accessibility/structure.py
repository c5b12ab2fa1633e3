"""WCAG checks that static HTML allows: page language and title, headings, links, tables, media, frames,
form labels and ARIA id references (A201-A214). Markdown gets the ones that make sense there: headings and
links. Each rule's docstring says how it compares with the axe-core rule of the same purpose."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from auditor.accessibility.analysis import terms
from auditor.data import data_path
from auditor.document import Document
from auditor.rule import Example, Problem, Rule

_WS = re.compile(r"\s+")
_HIDDEN_TEXT = ("script", "style", "template", "noscript")


# shared helpers -------------------------------------------------------------------------------------------

def _ids(doc: Document) -> dict:
    from auditor.loaders.html import id_index

    return id_index(doc)


def _tags(doc: Document, *names: str) -> list:
    """Elements (of the given names, or all) in document order, from the per-document list."""
    from auditor.loaders.html import all_tags

    found = all_tags(doc)
    return [t for t in found if t.name in names] if names else found


_INVISIBLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(tag) -> bool:
    """Hidden from everyone (``hidden``, inline display:none) or from assistive technology (aria-hidden)."""
    return (tag.get("aria-hidden", "").strip().lower() == "true" or tag.has_attr("hidden")
            or bool(_INVISIBLE.search(tag.get("style", ""))))


def content_text(tag, doc: Document | None = None) -> str:
    """Name from content (accname 1.2 step 2F): text, alt of images, <svg> titles, aria-label of children;
    content hidden with aria-hidden or ``hidden`` does not count."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            if type(child).__name__ == "NavigableString":
                parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _HIDDEN_TEXT or _hidden(child):
                continue
            if doc is not None and child.get("aria-labelledby", "").strip():
                from auditor.loaders.html import labelledby_text

                labelled = labelledby_text(doc, child["aria-labelledby"], _ids(doc))
                if labelled:
                    parts.append(f" {labelled} ")
                    continue
            if child.get("aria-label", "").strip():
                parts.append(f" {child['aria-label']} ")
            elif child.name in ("img", "area") or (child.name == "input" and child.get("type", "").lower() == "image"):
                parts.append(f" {child.get('alt', '') or child.get('title', '')} ")
            elif child.name == "svg":
                title = child.find("title")
                parts.append(f" {title.get_text(' ') if title is not None else ''} ")
            else:
                parts.append(f" {content_text(child, doc)} ")
    return _WS.sub(" ", "".join(parts)).strip()


def accessible_name(doc: Document, tag, from_content: bool = True) -> tuple[str, str]:
    """(name, source) of an element: aria-labelledby, aria-label, content (for links, buttons, headings),
    then title. ('', '') when it has none."""
    from auditor.loaders.html import labelledby_text

    if tag.get("aria-labelledby", "").strip():
        text = labelledby_text(doc, tag["aria-labelledby"], _ids(doc))
        if text:
            return text, "aria-labelledby"
    if tag.get("aria-label", "").strip():
        return _WS.sub(" ", tag["aria-label"]).strip(), "aria-label"
    if from_content:
        text = content_text(tag, doc)
        if text:
            return text, "content"
    if tag.get("title", "").strip():
        return _WS.sub(" ", tag["title"]).strip(), "title"
    return "", ""


def at_tag(doc: Document, tag, message: str, **kwargs) -> Problem:
    start, end = doc.tag_range(tag)
    return Problem(span=doc.span(start, end), text=doc.source[start:end], message=message, **kwargs)


def content_range(doc: Document, tag) -> tuple[int, int]:
    """Source offsets of an element's content (between its start and end tags), or its start tag."""
    start, end = doc.tag_range(tag)
    close = doc.source.lower().find(f"</{tag.name}", end)
    if close == -1 or close <= end:
        return start, end
    inner = doc.source[end:close]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner.rstrip())
    return (end + lead, end + trail) if trail > lead else (start, end)


def _has_root(doc: Document, name: str) -> bool:
    return re.search(rf"<{name}[\s>]", doc.source, re.IGNORECASE) is not None


def _role(tag) -> str:
    return tag.get("role", "").strip().lower().split(" ")[0] if tag.get("role") else ""


# page language and title --------------------------------------------------------------------------------

class HtmlLangMissing(Rule):
    """Without a page language, screen readers read the page with the user's default voice and
    pronunciation rules, which garbles it when they differ.

    Fires when the ``<html>`` element has no non-empty ``lang`` (or ``xml:lang``) attribute. Only checks files
    that contain an ``<html>`` element: a fragment (a partial included into a page) inherits its language
    from the page it is included in.

    axe-core: same verdicts as ``html-has-lang`` on whole pages; axe always sees an ``<html>`` element because
    the browser adds one, so a bare fragment fails in axe and is skipped here.
    """

    id = "A201"
    name = "html-lang-missing"
    category = "accessibility"
    severity = "error"
    summary = "Page has no language"
    references = ("WCAG 2.2 SC 3.1.1 Language of Page (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example("<html><head><title>Cells</title></head><body><p>Hi</p></body></html>", fails=True),
        Example('<html lang=""><body><p>Hi</p></body></html>', fails=True),
        Example('<html lang="en"><head><title>Cells</title></head><body><p>Hi</p></body></html>', fails=False),
        Example('<html xml:lang="en"><body><p>Hi</p></body></html>', fails=False),
        Example("<p>A fragment with no html element.</p>", fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        html = doc.soup.find("html") if doc.soup is not None else None
        if html is None or html.sourceline is None:
            return
        if html.get("lang", "").strip() or html.get("xml:lang", "").strip():
            return
        yield at_tag(doc, html, "The page does not say what language it is in, so screen readers may read it "
                                "with the wrong voice and pronunciation.",
                     suggestion='Add the language to the html element, for example <html lang="en"> '
                                '(or "es" for Spanish).')


_BCP47 = re.compile(
    r"^(?P<lang>[a-z]{2,3}|[a-z]{5,8})(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$"
    r"|^x(-[a-z0-9]{1,8})+$|^i-[a-z]{2,8}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    lines = data_path("accessibility", "language-codes.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def lang_problem(value: str) -> str | None:
    """Why ``value`` is not a valid BCP 47 language tag with a registered primary language, or None."""
    tag = value.strip()
    match = _BCP47.match(tag)
    if not match:
        if "_" in tag:
            return f"{value!r} uses an underscore; language tags use a hyphen ({tag.replace('_', '-')!r})"
        return f"{value!r} is not a valid language tag"
    primary = (match.group("lang") or "").lower()
    if primary and primary not in language_codes() and not ("qaa" <= primary <= "qtz"):
        return f"{primary!r} is not a known language code"
    return None


class HtmlLangInvalid(Rule):
    """A language tag the browser does not recognise is as bad as none: screen readers fall back to a default
    voice.

    Fires when ``lang`` or ``xml:lang`` on ``<html>``, or ``lang`` on any other element, is not a well-formed
    BCP 47 tag (RFC 5646: "en", "en-US", "zh-Hant-TW", "es-419") or its primary language is not an ISO 639
    code (codes in ``rules/accessibility/language-codes.txt``, built from the ISO 639-2/-3/-5 registries).

    axe-core: ``html-lang-valid`` and ``valid-lang`` check only the primary subtag against their list of
    codes ("en-XYZ123" passes there); we also check the rest of the tag's syntax, because a malformed tag
    ("en_US") is ignored by some assistive technology. Empty ``lang`` on <html> is A201's, as in axe.
    """

    id = "A202"
    name = "html-lang-invalid"
    category = "accessibility"
    severity = "error"
    summary = "Language tag is not valid"
    references = ("WCAG 2.2 SC 3.1.1 Language of Page (Level A)", "WCAG 2.2 SC 3.1.2 Language of Parts (Level AA)")
    formats = frozenset({"html"})
    examples = (
        Example('<html lang="foo"><body><p>Hi</p></body></html>', fails=True),
        Example('<html lang="en_US"><body><p>Hi</p></body></html>', fails=True),
        Example('<html lang="english"><body><p>Hi</p></body></html>', fails=True),
        Example('<p>Say <span lang="xx">hola</span>.</p>', fails=True),
        Example('<html lang="en-US"><body><p>Hi</p></body></html>', fails=False),
        Example('<html lang="es-419"><body><p>Hola</p></body></html>', fails=False),
        Example('<html lang="zh-Hant-TW"><body><p>Hi</p></body></html>', fails=False),
        Example('<p>Say <span lang="es">hola</span>.</p>', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for tag in [t for t in _tags(doc) if "lang" in t.attrs or "xml:lang" in t.attrs]:
            if tag.sourceline is None:
                continue
            for attr in ("lang", "xml:lang"):
                value = tag.get(attr)
                if value is None or not value.strip():
                    continue
                why = lang_problem(value)
                if why:
                    where = "page" if tag.name == "html" else "text in this element"
                    yield at_tag(doc, tag, f"The {where} has language {value!r}, but {why}, so screen readers "
                                           "cannot pick the right voice.",
                                 suggestion='Use a language code such as "en", "en-US", "es" or "fr".')


class DocumentTitle(Rule):
    """The page title is the first thing a screen reader announces and what students see in their tabs and
    bookmarks; without one every lesson is "Untitled".

    Fires when a whole page (a file with an ``<html>`` or ``<head>`` element) has no ``<title>`` or only an
    empty one. Fragments without ``<html>``/``<head>`` are skipped: the page that includes them has the title.

    axe-core: same verdicts as ``document-title`` on whole pages.
    """

    id = "A203"
    name = "document-title"
    category = "accessibility"
    severity = "error"
    summary = "Page has no title"
    references = ("WCAG 2.2 SC 2.4.2 Page Titled (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example('<html lang="en"><head></head><body><h1>Cells</h1></body></html>', fails=True),
        Example('<html lang="en"><head><title> </title></head><body><h1>Cells</h1></body></html>', fails=True),
        Example('<html lang="en"><head><title>Cells: Lesson 2</title></head><body></body></html>', fails=False),
        Example("<h1>Cells</h1><p>A fragment.</p>", fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None or not (_has_root(doc, "html") or _has_root(doc, "head")):
            return
        title = doc.soup.find("title")
        if title is not None and title.get_text(strip=True):
            return
        anchor = title or doc.soup.find("head") or doc.soup.find("html")
        if anchor is None or anchor.sourceline is None:
            return
        yield at_tag(doc, anchor, "The page has no title. Screen readers announce the title first, and students "
                                  "use it to find the page among their tabs.",
                     suggestion="Add a short, specific <title> inside <head>, such as "
                                "\"Lesson 3: How Plants Make Food\".")


# headings ---------------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^h[1-6]$")


def heading_level(tag) -> int | None:
    """Level of a heading as assistive technology sees it: h1-h6 (unless given another role), or
    role="heading" with aria-level (default 2, as in ARIA)."""
    role = _role(tag)
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
    if doc.soup is None:
        return []
    found = [t for t in _tags(doc) if _HEADING.match(t.name) is not None or _role(t) == "heading"]
    out = []
    for tag in found:
        level = heading_level(tag)
        if level is not None and tag.sourceline is not None and not _hidden(tag):
            out.append((level, tag))
    return out


class HeadingOne(Rule):
    """A page needs one main heading (h1) saying what it is about: screen reader users jump to it to start
    reading, and it anchors the outline.

    Fires (warning) when a page with headings or a body has no level-1 heading; and (info) on each extra
    level-1 heading after the first. HTML allows several h1s and screen readers cope, so several is advice,
    not an error; no h1 at all makes the page harder to navigate. In Markdown a ``title`` in the front matter
    counts as the h1 (static site generators render it as one). Fragments with no ``<body>`` and no headings
    are skipped.

    Headings are ``<h1>``-``<h6>`` and elements with ``role="heading"`` (level from ``aria-level``, default 2),
    as assistive technology sees them.

    axe-core: ``page-has-heading-one`` (best practice) fails pages with no level-1 heading (``<h1>`` or
    ``role="heading" aria-level="1"``), as we do; axe has no rule against several h1s.
    """

    id = "A204"
    name = "heading-one"
    category = "accessibility"
    severity = "warning"
    summary = "Page has no main heading, or more than one"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "WCAG 2.2 SC 2.4.6 Headings and Labels (Level AA)")
    formats = frozenset({"html", "markdown"})
    examples = (
        Example("<body><h2>Parts of a cell</h2><p>Text.</p></body>", fails=True),
        Example("<h1>Cells</h1><p>Text.</p><h1>Plants</h1>", fails=True, note="info: second h1"),
        Example("## Parts of a cell\n\nText.\n", fails=True, format="markdown"),
        Example("<h1>Cells</h1><h2>Parts</h2>", fails=False),
        Example("---\ntitle: Cells\n---\n## Parts\n\nText.\n", fails=False, format="markdown"),
        Example("<p>Just a paragraph fragment.</p>", fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "html":
            heads = html_headings(doc)
            ones = [h for level, h in heads if level == 1]
            if not ones and (heads or _has_root(doc, "body")):
                anchor = heads[0][1] if heads else doc.soup.find("body")
                if anchor is not None and anchor.sourceline is not None:
                    yield at_tag(doc, anchor, "The page has no main heading (h1). Screen reader users jump to it "
                                              "to find where the content starts and what it is about.",
                                 suggestion="Make the page's title its first heading, as <h1>.")
            for extra in ones[1:]:
                yield at_tag(doc, extra, "This is another main heading (h1); a page usually has one, and the "
                                         "others are sections (h2).",
                             suggestion="Use <h2> for sections under the page's main heading, unless this "
                                        "really starts a separate page.", severity="info")
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


class HeadingOrder(Rule):
    """Skipping heading levels (an h2 followed by an h4) breaks the outline screen reader users navigate by:
    they cannot tell whether they missed a section.

    Fires on a heading more than one level deeper than the heading before it (h1 -> h3, ## -> ####). Going
    back up any number of levels (h4 -> h2) is fine, and the first heading may be any level.

    Counts ``role="heading"`` elements at their ``aria-level``, and ignores hidden headings and ``<hN>``
    given another role. axe-core: same verdicts as ``heading-order`` (best practice). Applies to Markdown
    too (like markdownlint MD001).
    """

    id = "A205"
    name = "heading-order"
    category = "accessibility"
    severity = "warning"
    summary = "Heading skips a level"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",)
    formats = frozenset({"html", "markdown"})
    examples = (
        Example("<h1>Cells</h1><h3>Nucleus</h3>", fails=True),
        Example("# Cells\n\n### Nucleus\n", fails=True, format="markdown"),
        Example("<h1>Cells</h1><h2>Parts</h2><h3>Nucleus</h3><h2>Jobs</h2>", fails=False),
        Example("<h1>Cells</h1><h2>Parts</h2><h3>Nucleus</h3><h4>DNA</h4><h2>Jobs</h2>", fails=False),
        Example("<h2>Start anywhere</h2><h3>Fine</h3>", fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "html":
            items = html_headings(doc)
        else:
            items = [(b.level, b) for b in doc.blocks if b.kind == "heading" and b.level]
        previous = None
        for level, item in items:
            if previous is not None and level > previous + 1:
                message = (f"This heading jumps from level {previous} to level {level}, skipping a level, so "
                           "the page outline has a gap.")
                suggestion = f"Make it a level-{previous + 1} heading, or add the missing level above it."
                if doc.format == "html":
                    yield at_tag(doc, item, message, suggestion=suggestion)
                else:
                    yield Problem(span=item.span(), text=item.text, message=message, suggestion=suggestion)
            previous = level


class EmptyHeading(Rule):
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
        Example("<h1>Cells</h1><h2></h2>", fails=True),
        Example("<h1>Cells</h1><h2>&nbsp;</h2>", fails=True),
        Example('<h1>Cells</h1><h2><span aria-hidden="true">Parts</span></h2>', fails=True),
        Example("<h1>Cells</h1><h2>Parts</h2>", fails=False),
        Example('<h1><img src="logo.png" alt="Cell Biology Unit"></h1>', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for _, heading in html_headings(doc):
            name, _ = accessible_name(doc, heading)
            if not name.replace("\u00a0", " ").strip():
                yield at_tag(doc, heading, f"This <{heading.name}> heading is empty; screen readers announce a "
                                           "heading with nothing in it.",
                             suggestion="Write the heading text, or remove the empty heading (use CSS for "
                                        "spacing).")


# links -------------------------------------------------------------------------------------------------------

def html_links(doc: Document) -> list:
    if doc.soup is None:
        return []
    found = [t for t in _tags(doc) if (t.name == "a" and t.has_attr("href") and _role(t) in ("", "link"))
             or _role(t) == "link"]
    return [a for a in found
            if a.sourceline is not None and not _hidden(a)
            and not any(_hidden(p) for p in a.parents if getattr(p, "attrs", None))]


_MD_LINK = re.compile(r"(?<![!\\])\[(?P<text>(?:[^\[\]\\]|\\.|!\[[^\]]*\]\([^)]*\))*)\]\((?P<href>[^)\s]*)"
                      r"(?:\s+\"[^\"]*\")?\)")

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
        text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r" \1 ", match.group("text"))
        yield match.start(), match.end(), " ".join(text.split()), match.group("href")


class LinkName(Rule):
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
        Example('<a href="quiz.html"></a>', fails=True),
        Example('<a href="quiz.html"><img src="go.png" alt=""></a>', fails=True),
        Example('<a href="quiz.html"><img src="go.png"></a>', fails=True),
        Example("Go to [](quiz.md) now.", fails=True, format="markdown"),
        Example('<a href="quiz.html">Start the quiz</a>', fails=False),
        Example('<a href="quiz.html"><img src="go.png" alt="Start the quiz"></a>', fails=False),
        Example('<a href="quiz.html" aria-label="Start the quiz"><svg aria-hidden="true"></svg></a>', fails=False),
        Example('<a name="top"></a>', fails=False, note="not a link: no href"),
        Example("Take the [quiz](quiz.md).", fails=False, format="markdown"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "markdown":
            for start, end, text, href in markdown_links(doc):
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


class LinkTextVague(Rule):
    """Link text like "click here" or "read more" means nothing out of context, and screen reader users
    often browse a page by its list of links.

    Fires (warning) when the whole accessible name of a link is one of the vague phrases in
    ``rules/accessibility/alt-text.toml`` ("click here", "here", "read more", "learn more", "more", "this
    link"...), ignoring case and punctuation; and (info) when the link text is a bare web address, which a
    screen reader spells out. Applies to Markdown links too.

    Does not fire when a link has a descriptive ``aria-label`` (that is its name), or when the vague words
    are only part of the text ("Read more about volcanoes").

    WCAG 2.4.4 (Level A) accepts link text whose purpose is clear from its sentence, so this is a warning,
    not an error; 2.4.9 (AAA) asks for the link text alone. axe-core has no equivalent (it cannot judge text).
    """

    id = "A208"
    name = "link-text-vague"
    category = "accessibility"
    severity = "warning"
    summary = "Link text does not say where it goes"
    references = ("WCAG 2.2 SC 2.4.4 Link Purpose (In Context) (Level A)",
                  "WCAG 2.2 SC 2.4.9 Link Purpose (Link Only) (Level AAA)")
    formats = frozenset({"html", "markdown"})
    examples = (
        Example('<p>To see the data, <a href="data.html">click here</a>.</p>', fails=True),
        Example('<p><a href="volcano.html">Read more</a></p>', fails=True),
        Example('<p>See <a href="https://www.nasa.gov/climate">https://www.nasa.gov/climate</a></p>', fails=True,
                note="info: bare URL"),
        Example("Find the data [here](data.md).", fails=True, format="markdown"),
        Example('<p><a href="volcano.html">Read more about volcanoes</a></p>', fails=False),
        Example('<p><a href="volcano.html" aria-label="Read more about volcanoes">Read more</a></p>', fails=False),
        Example("Find the [rainfall data](data.md).", fails=False, format="markdown"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        vague = {v.lower() for v in terms()["links"]["vague"]}
        if doc.format == "markdown":
            for start, end, text, href in markdown_links(doc):
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
            if problem:
                message, suggestion, severity = problem
                start, end = content_range(doc, link)
                yield Problem(span=doc.span(start, end), text=doc.source[start:end], message=message,
                              suggestion=suggestion, severity=severity)

    @staticmethod
    def _judge(text: str, vague: set[str]) -> tuple[str, str, str | None] | None:
        bare = " ".join(text.lower().strip(" .:;,!?…»›>→\"'()[]").split())
        if bare in vague:
            return (f"The link text {text!r} does not say where the link goes; screen reader users often hear "
                    "links on their own, in a list.",
                    "Use words that name the destination, e.g. \"rainfall data for 2023\" instead of "
                    "\"click here\".", None)
        if re.fullmatch(r"(https?://|www\.)\S+", bare):
            return ("The link text is a web address, which a screen reader spells out character by character.",
                    "Use words that name the destination as the link text (keep the address in print versions).",
                    "info")
        return None


# tables, media, frames -----------------------------------------------------------------------------------------

class TableHeaders(Rule):
    """A data table without header cells is read as a stream of numbers: a screen reader cannot say which
    column or row a value belongs to.

    Fires on a ``<table>`` with at least two rows and two columns and no header cells (no ``<th>``, no
    ``scope`` or ``headers`` on cells, no ``role="columnheader"``/``"rowheader"``): a warning from three rows
    and three columns up, info below that (a two-column table of terms and definitions, or of equations and
    their names, still reads sensibly row by row). Skips layout tables marked ``role="presentation"``/
    ``"none"`` and tables nested in another table (almost always layout).

    axe-core: its ``td-has-header`` checks only large tables (3 x 3 and up, our warning) and
    ``th-has-data-cells`` checks headers that exist; smaller tables without headers are not checked by axe
    and get info here.
    """

    id = "A209"
    name = "table-headers"
    category = "accessibility"
    severity = "warning"
    summary = "Data table has no header cells"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example("<table><tr><td>Plant</td><td>Height</td></tr><tr><td>A</td><td>4 cm</td></tr></table>",
                fails=True),
        Example("<table><tr><th>Plant</th><th>Height</th></tr><tr><td>A</td><td>4 cm</td></tr></table>",
                fails=False),
        Example('<table role="presentation"><tr><td>Left</td><td>Right</td></tr><tr><td>a</td><td>b</td></tr>'
                '</table>', fails=False),
        Example("<table><tr><td>Only one row</td><td>of cells</td></tr></table>", fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for table in _tags(doc, "table"):
            if table.sourceline is None or _role(table) in ("presentation", "none") or _hidden(table):
                continue
            if table.find_parent("table") is not None:
                continue
            rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
            widths = [len(r.find_all(["td", "th"], recursive=False)) for r in rows]
            if len(rows) < 2 or max(widths, default=0) < 2:
                continue
            if table.find("th") is not None or table.find(attrs={"scope": True}) is not None or \
                    table.find(attrs={"headers": True}) is not None or \
                    table.find(attrs={"role": re.compile(r"^(columnheader|rowheader)$")}) is not None:
                continue
            small = len(rows) < 3 or max(widths) < 3
            yield at_tag(doc, table, "This table has no header cells, so a screen reader cannot tell students "
                                     "which row or column a value belongs to."
                         + (" (In a two-column or two-row table this matters less: pairs such as term and "
                            "definition still read in order.)" if small else ""),
                         suggestion="Mark the header row (and header column, if any) with <th> instead of <td>; "
                                    'if the table is only for layout, add role="presentation".',
                         severity="info" if small else None)


class VideoCaptions(Rule):
    """Deaf and hard-of-hearing students need captions to follow a video's speech and sounds.

    Fires on ``<video>`` with no ``<track kind="captions">``. A ``kind="subtitles"`` track (or a track with no
    kind, which means subtitles) is reported as info: subtitles usually translate only the dialogue, while
    captions include sound effects and who is speaking; if yours do, mark them ``kind="captions"``.
    Videos embedded through an ``<iframe>`` (YouTube, Vimeo) cannot be checked from the page source.

    axe-core: same verdicts as ``video-caption`` (which also requires ``kind="captions"``).
    """

    id = "A210"
    name = "video-captions"
    category = "accessibility"
    severity = "error"
    summary = "Video has no captions"
    references = ("WCAG 2.2 SC 1.2.2 Captions (Prerecorded) (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example('<video src="volcano.mp4" controls></video>', fails=True),
        Example('<video src="v.mp4"><track kind="subtitles" src="v.vtt" srclang="en"></video>', fails=True,
                note="info"),
        Example('<video src="v.mp4" controls><track kind="captions" src="v.vtt" srclang="en"></video>',
                fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for video in _tags(doc, "video"):
            if video.sourceline is None or _hidden(video):
                continue
            kinds = [(t.get("kind") or "subtitles").strip().lower() for t in video.find_all("track")]
            if "captions" in kinds:
                continue
            if "subtitles" in kinds:
                yield at_tag(doc, video, "This video has a subtitles track but no captions track; subtitles "
                                         "often leave out sounds and speaker names that deaf students need.",
                             suggestion='If the track includes sounds and speakers, mark it kind="captions"; '
                                        "otherwise add a captions track.", severity="info")
                continue
            yield at_tag(doc, video, "This video has no captions, so deaf and hard-of-hearing students cannot "
                                     "follow what is said.",
                         suggestion='Add captions: <track kind="captions" src="captions.vtt" srclang="en">.')


class AudioTranscript(Rule):
    """Students who cannot hear an audio clip need a text transcript of it.

    Fires on ``<audio>`` when no transcript is linked or shown nearby: none of the audio element's
    ``aria-describedby`` target, its parent (a ``<figure>`` or paragraph), or the two elements after it mention
    a transcript (a link or text containing "transcript"). A ``<track>`` inside ``<audio>`` also counts.

    axe-core: ``audio-caption`` was deprecated because a browser cannot find transcripts; reading the page
    source, we look for one near the audio.
    """

    id = "A211"
    name = "audio-transcript"
    category = "accessibility"
    severity = "warning"
    summary = "Audio has no transcript"
    references = ("WCAG 2.2 SC 1.2.1 Audio-only and Video-only (Prerecorded) (Level A)",)
    formats = frozenset({"html"})
    examples = (
        Example('<p>Listen to the frog.</p><audio src="frog.mp3" controls></audio><p>Next, draw it.</p>',
                fails=True),
        Example('<figure><audio src="frog.mp3" controls></audio><figcaption>Frog call. <a href="frog.txt">Read '
                'the transcript</a></figcaption></figure>', fails=False),
        Example('<audio src="frog.mp3" controls></audio><details><summary>Transcript</summary><p>Ribbit.</p>'
                '</details>', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        from auditor.loaders.html import labelledby_text

        for audio in _tags(doc, "audio"):
            if audio.sourceline is None or _hidden(audio) or audio.find("track") is not None:
                continue
            texts = [labelledby_text(doc, audio.get("aria-describedby", ""), _ids(doc))]
            parent = audio.parent
            if parent is not None and parent.name not in ("body", "html", "[document]"):
                texts.append(parent.get_text(" "))
            sibling = audio
            for _ in range(2):
                sibling = sibling.find_next_sibling() if sibling is not None else None
                if sibling is not None:
                    texts.append(sibling.get_text(" "))
            if any("transcript" in t.lower() for t in texts):
                continue
            yield at_tag(doc, audio, "This audio has no transcript nearby, so students who cannot hear it miss "
                                     "what it says.",
                         suggestion="Put a transcript right after the audio (or in a <details> element), or link "
                                    "to one with a link that says \"Transcript\".")


class FrameTitle(Rule):
    """A screen reader announces an embedded frame (a simulation, a video player, a map) by its name;
    without one students hear only "frame" and cannot tell whether to enter it.

    Fires on ``<iframe>`` and ``<frame>`` with no ``title``, ``aria-label`` or ``aria-labelledby`` (text), unless
    marked ``role="presentation"``/``"none"`` or ``aria-hidden="true"``.

    axe-core: same verdicts as ``frame-title``.
    """

    id = "A212"
    name = "frame-title"
    category = "accessibility"
    severity = "error"
    summary = "Frame has no title"
    references = ("WCAG 2.2 SC 4.1.2 Name, Role, Value (Level A)", "WCAG 2.2 SC 2.4.1 Bypass Blocks (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('<iframe src="https://phet.colorado.edu/sims/html/gravity.html"></iframe>', fails=True),
        Example('<iframe src="sim.html" title=""></iframe>', fails=True),
        Example('<iframe src="sim.html" title="Gravity and orbits simulation"></iframe>', fails=False),
        Example('<iframe src="ad.html" aria-hidden="true" tabindex="-1"></iframe>', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for frame in _tags(doc, "iframe", "frame"):
            if frame.sourceline is None or _hidden(frame) or _role(frame) in ("presentation", "none"):
                continue
            name, _ = accessible_name(doc, frame, from_content=False)
            if not name:
                yield at_tag(doc, frame, f"This <{frame.name}> has no title, so a screen reader announces only "
                                         "\"frame\" and students cannot tell what it holds.",
                             suggestion='Add a title that says what it is: title="Gravity and orbits simulation".')


# forms and ids ---------------------------------------------------------------------------------------------------

_UNLABELLED_TYPES = frozenset({"hidden", "submit", "reset", "button", "image"})


class FormLabel(Rule):
    """Worksheet answer boxes, checkboxes and menus need labels, or a screen reader says only "edit text"
    and the student does not know what to type.

    Fires on ``<input>`` (except hidden, submit, reset, button and image), ``<select>`` and ``<textarea>``
    with no label: not wrapped in a ``<label>`` with text, no ``<label for=id>`` with text, no
    ``aria-label``/``aria-labelledby`` (text), no ``title`` and no ``placeholder``. Skips controls with
    ``role="presentation"``/``"none"``, ``aria-hidden`` or ``hidden``.

    axe-core: same verdicts as ``label`` (which also accepts ``title`` and, since 4.1, ``placeholder``,
    although a placeholder disappears as soon as the student types: label it properly anyway).
    """

    id = "A213"
    name = "form-label"
    category = "accessibility"
    severity = "error"
    summary = "Form field has no label"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",
                  "WCAG 2.2 SC 4.1.2 Name, Role, Value (Level A)",
                  "WCAG 2.2 SC 3.3.2 Labels or Instructions (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('<p>Your prediction: <input type="text" name="p"></p>', fails=True),
        Example('<label for="h"></label><input id="h">', fails=True),
        Example("<select><option>Yes</option></select>", fails=True),
        Example('<label>Your prediction <input type="text"></label>', fails=False),
        Example('<label for="h">Height (cm)</label><input id="h" type="number">', fails=False),
        Example('<input type="text" aria-label="Height in centimetres">', fails=False),
        Example('<input type="submit" value="Check"><input type="hidden" name="x">', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        labels_for: dict[str, list] = {}
        for label in _tags(doc, "label"):
            if label.get("for"):
                labels_for.setdefault(label["for"], []).append(label)
        for control in _tags(doc, "input", "select", "textarea"):
            if control.sourceline is None or _hidden(control) or _role(control) in ("presentation", "none"):
                continue
            if control.name == "input" and control.get("type", "text").strip().lower() in _UNLABELLED_TYPES:
                continue
            if self._labelled(doc, control, labels_for):
                continue
            what = {"select": "menu", "textarea": "text box"}.get(control.name, "field")
            yield at_tag(doc, control, f"This {what} has no label, so a screen reader cannot tell students what "
                                       "to enter.",
                         suggestion='Add a <label for="..."> with the question or prompt, or wrap the field in '
                                    "its <label>.")

    @staticmethod
    def _labelled(doc, control, labels_for) -> bool:
        name, _ = accessible_name(doc, control, from_content=False)
        if name or control.get("placeholder", "").strip():
            return True
        wrapper = control.find_parent("label")
        if wrapper is not None and content_text(wrapper).strip():
            return True
        ident = control.get("id")
        return bool(ident and any(content_text(label).strip() for label in labels_for.get(ident, [])))


class DuplicateIdAria(Rule):
    """When two elements share an id that a label or ARIA attribute points to, browsers use the first one,
    so the field or image may be named or described by the wrong text.

    Fires on every element after the first with an id that is referenced by ``aria-labelledby``,
    ``aria-describedby`` or ``<label for>``. Duplicate ids nothing refers to are not reported (they do not
    change what assistive technology announces).

    axe-core: ``duplicate-id-aria`` covers ids used in ARIA and in labels, the same set.
    """

    id = "A214"
    name = "duplicate-id-aria"
    category = "accessibility"
    severity = "error"
    summary = "Referenced id is used twice"
    references = ("WCAG 2.2 SC 4.1.2 Name, Role, Value (Level A)",
                  "WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('<p id="q">Height?</p><p id="q">Width?</p><input aria-labelledby="q">', fails=True),
        Example('<label for="a">Mass</label><input id="a"><input id="a" aria-label="Volume">', fails=True),
        Example('<p id="q1">Height?</p><p id="q2">Width?</p><input aria-labelledby="q1">', fails=False),
        Example('<p id="x">One</p><p id="x">Two</p>', fails=False, note="not referenced"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        referenced: set[str] = set()
        for tag in _tags(doc):
            for attr in ("aria-labelledby", "aria-describedby"):
                referenced.update(tag.get(attr, "").split())
            if tag.name == "label" and tag.get("for"):
                referenced.add(tag["for"].strip())
        seen: set[str] = set()
        for tag in _tags(doc):
            ident = tag.get("id")
            if ident is None:
                continue
            if ident not in referenced or tag.sourceline is None:
                continue
            if ident in seen:
                yield at_tag(doc, tag, f"The id {ident!r} is used more than once, and a label or ARIA attribute "
                                       "points to it; browsers use only the first, so this one is ignored.",
                             suggestion="Give each element its own id and update the reference.")
            seen.add(ident)


RULES = (HtmlLangMissing, HtmlLangInvalid, DocumentTitle, HeadingOne, HeadingOrder, EmptyHeading, LinkName,
         LinkTextVague, TableHeaders, VideoCaptions, AudioTranscript, FrameTitle, FormLabel, DuplicateIdAria)
