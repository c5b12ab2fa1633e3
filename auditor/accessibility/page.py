"""Page-level checks: the page's language (A201, and every lang attribute, A202) and its title (A203, and whether
it tells the page apart, A219). Only whole pages are checked for a language and a title: a fragment gets both from
the page that includes it."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from auditor.accessibility import word
from auditor.accessibility.analysis import page_title, quoted
from auditor.accessibility.elements import at_tag, elements, has_root
from auditor.data import data_path
from auditor.rule import Example, MarkupRule, Problem, RunProblem


class HtmlLangMissing(MarkupRule):
    """Without a page language, screen readers read the page with the user's default voice and
    pronunciation rules, which garbles it when they differ.

    Word documents: fires when neither the document properties nor the default style give a language.

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
    formats = frozenset({"html", "docx"})
    examples = (
        Example("{{<html>}}<head><title>Cells</title></head><body><p>Hi</p></body></html>"),
        Example('{{<html lang="">}}<body><p>Hi</p></body></html>'),
        Example('<html lang="en"><head><title>Cells</title></head><body><p>Hi</p></body></html>'),
        Example('<html xml:lang="en"><body><p>Hi</p></body></html>'),
        Example("<p>A fragment with no html element.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "docx":
            yield from word.language_problems(doc)
            return
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
            return f"{quoted(value)} uses an underscore; language tags use a hyphen ({quoted(tag.replace('_', '-'))})"
        return f"{quoted(value)} is not a valid language tag"
    primary = (match.group("lang") or "").lower()
    if primary and primary not in language_codes() and not ("qaa" <= primary <= "qtz"):
        return f"{quoted(primary)} is not a known language code"
    return None


class HtmlLangInvalid(MarkupRule):
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
        Example('{{<html lang="foo">}}<body><p>Hi</p></body></html>'),
        Example('{{<html lang="en_US">}}<body><p>Hi</p></body></html>'),
        Example('{{<html lang="english">}}<body><p>Hi</p></body></html>'),
        Example('<p>Say {{<span lang="xx">}}hola</span>.</p>'),
        Example('<html lang="en-US"><body><p>Hi</p></body></html>'),
        Example('<html lang="es-419"><body><p>Hola</p></body></html>'),
        Example('<html lang="zh-Hant-TW"><body><p>Hi</p></body></html>'),
        Example('<p>Say <span lang="es">hola</span>.</p>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        for tag in [t for t in elements(doc) if "lang" in t.attrs or "xml:lang" in t.attrs]:
            if tag.sourceline is None:
                continue
            for attr in ("lang", "xml:lang"):
                value = tag.get(attr)
                if value is None or not value.strip():
                    continue
                why = lang_problem(value)
                if why:
                    where = "page" if tag.name == "html" else "text in this element"
                    yield at_tag(doc, tag, f"The {where} has language {quoted(value)}, but {why}, so screen readers "
                                           "cannot pick the right voice.",
                                 suggestion='Use a language code such as "en", "en-US", "es" or "fr".')


class DocumentTitle(MarkupRule):
    """The page title is the first thing a screen reader announces and what students see in their tabs and
    bookmarks; without one every lesson is "Untitled".

    Word documents: fires when File › Info › Properties › Title is empty.

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
    formats = frozenset({"html", "docx"})
    examples = (
        Example('<html lang="en">{{<head>}}</head><body><h1>Cells</h1></body></html>'),
        Example('<html lang="en"><head>{{<title>}} </title></head><body><h1>Cells</h1></body></html>'),
        Example('<html lang="en"><head><title>Cells: Lesson 2</title></head><body></body></html>'),
        Example("<h1>Cells</h1><p>A fragment.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "docx":
            yield from word.title_problems(doc)
            return
        if doc.soup is None or not (has_root(doc, "html") or has_root(doc, "head")):
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


#: titles that name no page at all: what editors and exporters write when nobody typed one
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled(?:[ -]document|[ -]page)?|new[ -](?:page|document)(?:\s*\d+)?|document\s*\d*|page\s*\d*|"
    r"title|insert title here|your title here|index|default|[\w.-]+\.(?:html?|xhtml|docx?|md))$", re.IGNORECASE)


class PageTitleNotDistinct(MarkupRule):
    """A page title exists to tell pages apart: it is what a screen reader announces first, what students see in
    their tabs, bookmarks and history, and how they find their way back to a lesson. When every page of a unit
    has the same title ("Biology", "Science Unit"), or a placeholder ("Untitled Document", "index.html"), that
    does not work.

    Fires (once per file) on a placeholder title left by an editor or exporter ("Untitled", "Untitled Document",
    "New Page 1", "Document", a file name); and (once per run, in a run of two or more files) when two or more
    pages share an identical title, naming the title, how many pages carry it and which (in path order, the first
    ten and then how many more), so the writer knows which files to retitle. The share of pages is in the run
    summary (``summary.images.shared_titles``).

    Does not fire on a missing or empty title (A203 reports those) or on fragments without ``<html>``/
    ``<head>``; the chapters of an EPUB are not compared with each other (a reading system shows the book's title
    and its table of contents, not a chapter's ``<title>``). Titles that share a site or book name but differ
    ("Cells – Biology", "Genes – Biology") are distinct and fine.

    axe-core has no equivalent (it sees one page at a time). WCAG 2.4.2 asks for titles that describe the
    page's topic or purpose; Understanding 2.4.2 names identifying each page within a set of pages.
    """

    id = "A219"
    name = "page-title-not-distinct"
    category = "accessibility"
    severity = "warning"
    summary = "Page title does not tell the page apart"
    references = ("WCAG 2.2 SC 2.4.2 Page Titled (Level A)",)
    formats = frozenset({"html", "docx"})
    examples = (
        Example('<html lang="en"><head>{{<title>}}Untitled Document</title></head><body><h1>Cells</h1></body></html>'),
        Example('<html lang="en"><head><title>Cells: Lesson 2</title></head><body><h1>Cells</h1></body></html>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        title = page_title(doc)
        if title is None or not _PLACEHOLDER_TITLE.match(title):
            return
        if doc.format == "docx":
            yield from word.placeholder_title_problems(doc, title)
            return
        tag = doc.soup.find("title") if doc.soup is not None else None
        if tag is not None and tag.sourceline is not None:
            yield at_tag(doc, tag, f"The page title {quoted(title)} is a placeholder: it does not say what the page "
                                   "is, and screen readers announce it first.",
                         suggestion="Give the page a short title that names its topic and where it belongs, such as "
                                    "\"Lesson 3: How Plants Make Food – Life Science\".")

    def check_run(self, summary: Any, ctx) -> Iterator[RunProblem]:
        for shared in summary.get("shared_titles", ()):
            # the summary has no paths; the run's files (the same "page" blocks it was built from) name the pages
            paths = sorted(path for path, blocks in ctx.files if (blocks.get("page") or {}).get("title")
                           == shared["title"])
            yield RunProblem(
                (f"All {shared['pages']} pages" if shared["pages"] == summary.get("pages_with_title") else
                 f"{shared['pages']} of the {summary.get('pages_with_title', 0)} titled pages")
                + f" in this run share the title {quoted(shared['title'])}{_named(paths)}, so students cannot tell "
                "them apart in their tabs, bookmarks and history, and a screen reader announces the same title for "
                "each.",
                "Give each page a title that names its own topic first, then the unit or book: \"Cell Membranes – "
                "Biology Unit 2\".",
                {"title": shared["title"], "pages": shared["pages"]})


#: how many pages a run finding names before "and N more"
_NAMED_PAGES = 10


def _named(paths: list[str]) -> str:
    """The pages a writer has to retitle, as " (a.html, b.html and 3 more)": bounded for a run of hundreds."""
    if not paths:
        return ""
    more = f" and {len(paths) - _NAMED_PAGES} more" if len(paths) > _NAMED_PAGES else ""
    return f" ({', '.join(paths[:_NAMED_PAGES])}{more})"


RULES = (HtmlLangMissing, HtmlLangInvalid, DocumentTitle, PageTitleNotDistinct)
