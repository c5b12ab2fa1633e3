"""Publication-level checks for EPUB (A301-A307): what EPUB Accessibility 1.1 and DAISY Ace ask of the package as a
whole and static files allow checking: accessibility metadata, a navigation document, page navigation for a book
with a print edition, the package language and the title. They read the :class:`~auditor.loaders.epub.Package`
the EPUB loader builds and point at the package document (``book.epub!/OEBPS/content.opf``); the content
documents get the page checks (A1xx, A2xx) like any XHTML page."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.accessibility.page import lang_problem
from auditor.document import Document
from auditor.loaders.epub import Meta, Package
from auditor.loaders.languages import primary
from auditor.rule import Example, MarkupRule, Problem

A11Y_META = "EPUB Accessibility 1.1, Discoverability › Package metadata (#sec-disc-package)"
PAGE_LIST = "EPUB Accessibility 1.1, Page navigation › Page list (#sec-page-list)"
PAGE_SOURCE = "EPUB Accessibility 1.1, Page navigation › Pagination source (#sec-page-src)"
ACE = "DAISY Ace, EPUB rules"
_PACKAGE = ('<package xmlns="http://www.idpf.org/2007/opf" version="3.0">\n'
            '<<M>>\n{}\n</metadata>\n'
            '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            '</manifest>\n</package>')
_GOOD_META = ('<dc:title>Cells</dc:title><dc:language>en</dc:language>\n'
              '<meta property="schema:accessMode">textual</meta>\n'
              '<meta property="schema:accessMode">visual</meta>\n'
              '<meta property="schema:accessibilityFeature">alternativeText</meta>\n'
              '<meta property="schema:accessibilityHazard">none</meta>\n'
              '<meta property="schema:accessibilitySummary">Images are described.</meta>')


_METADATA = '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'


def _package(metadata: str, marked: bool = False) -> str:
    """A small package document for an example; ``marked``: the finding is on the <metadata> tag."""
    return _PACKAGE.replace("{}", metadata, 1).replace("<<M>>", "{{" + _METADATA + "}}" if marked else _METADATA)


def _at(doc: Document, start: int, end: int, message: str, suggestion: str) -> Problem:
    return Problem(span=doc.span(start, end), text=doc.source[start:end], message=message, suggestion=suggestion)


def _metadata_problem(doc: Document, package: Package, message: str, suggestion: str) -> Problem:
    start, end = package.metadata_at
    return _at(doc, start, end, message, suggestion)


def _entry_problem(doc: Document, entry: Meta, message: str, suggestion: str) -> Problem:
    return _at(doc, entry.start, entry.end, message, suggestion)


class PublicationRule(MarkupRule):
    """A check of an EPUB's package: runs only on the package document (format ``epub``)."""

    category = "accessibility"
    formats = frozenset({"epub"})

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.package is not None:
            yield from self.check_package(doc, doc.package)

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        raise NotImplementedError
        yield  # pragma: no cover


_REQUIRED = (
    ("schema:accessMode", "how the content is perceived (textual, visual, auditory)",
     '<meta property="schema:accessMode">textual</meta>, plus one with visual if it has images that carry '
     "meaning"),
    ("schema:accessibilityFeature", "what makes it accessible (alternative text, structural navigation, a page "
     "list...)", '<meta property="schema:accessibilityFeature">alternativeText</meta> (one per feature: '
     "structuralNavigation, tableOfContents, pageNavigation...)"),
    ("schema:accessibilityHazard", "whether it has flashing, motion or sound hazards",
     '<meta property="schema:accessibilityHazard">none</meta> (or flashing, motionSimulation, sound)'),
)


class AccessibilityMetadataMissing(PublicationRule):
    """Readers who use a screen reader, a braille display or large print choose books by their accessibility
    metadata: bookshops, libraries and reading apps show it before the book is opened. Without it, an accessible
    book looks like an inaccessible one.

    Fires once, naming which of ``schema:accessMode``, ``schema:accessibilityFeature`` and
    ``schema:accessibilityHazard`` the package document does not give (EPUB 3 ``<meta property=...>``, or
    EPUB 2 ``<meta name=... content=...>``), the three that EPUB Accessibility 1.1 requires. The summary
    (``schema:accessibilitySummary``, recommended) is A302. It does not check that the values are true of the
    book: a person has to.

    DAISY Ace reports each missing property on its own (``metadata-accessmode``, ``metadata-accessibilityfeature``,
    ``metadata-accessibilityhazard``); here one finding lists them, as they are fixed in one place.
    """

    id = "A301"
    name = "publication-accessibility-metadata-missing"
    severity = "warning"
    summary = "EPUB package lacks accessibility metadata"
    references = (A11Y_META, ACE + ": metadata-accessmode, metadata-accessibilityfeature, "
                  "metadata-accessibilityhazard")
    examples = (
        Example(_package("<dc:title>Cells</dc:title><dc:language>en</dc:language>", marked=True), format="epub"),
        Example(_package(_GOOD_META), format="epub"),
        Example(_package('<dc:title>Cells</dc:title><dc:language>en</dc:language>\n'
                         '<meta name="schema:accessMode" content="textual"/>\n'
                         '<meta name="schema:accessibilityFeature" content="none"/>\n'
                         '<meta name="schema:accessibilityHazard" content="none"/>'), format="epub",
                note="the EPUB 2 form"),
    )

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        missing = [(key, what, example) for key, what, example in _REQUIRED if not package.values(key)]
        if not missing:
            return
        keys = _and([key for key, _, _ in missing])
        whats = _and([what for _, what, _ in missing])
        yield _metadata_problem(
            doc, package, f"The package does not say {whats} ({keys}), so readers, libraries and bookshops cannot "
                          "tell whether the book suits them.",
            "Add to <metadata>: " + "; ".join(example for _, _, example in missing) + ".")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class AccessibilitySummaryMissing(PublicationRule):
    """The accessibility summary is the one sentence a reader sees in a bookshop or library: what the book
    offers and where it falls short ("Images are described; the maps have no text alternative").

    Fires when the package has no non-empty ``schema:accessibilitySummary``. EPUB Accessibility 1.1 recommends
    it (it was required in 1.0; DAISY Ace lowered it to moderate), hence a note, not a warning.

    DAISY Ace: ``metadata-accessibilitysummary``, at moderate impact.
    """

    id = "A302"
    name = "publication-accessibility-summary-missing"
    severity = "info"
    summary = "EPUB package has no accessibility summary"
    references = (A11Y_META, ACE + ": metadata-accessibilitysummary")
    examples = (
        Example(_package("<dc:title>Cells</dc:title>", marked=True), format="epub"),
        Example(_package(_GOOD_META), format="epub"),
    )

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        if not package.values("schema:accessibilitySummary"):
            yield _metadata_problem(
                doc, package, "The package has no accessibility summary (schema:accessibilitySummary): the "
                              "sentence readers see before they open the book.",
                'Add to <metadata>: <meta property="schema:accessibilitySummary">What the book offers (described '
                "images, a page list...) and any shortcomings.</meta>")


class NavigationMissing(PublicationRule):
    """The table of contents is how screen-reader users move through a book: a reading system builds its
    navigation menu from the EPUB 3 navigation document (``<nav epub:type="toc">``), or from the NCX in EPUB 2.

    Fires when an EPUB 3 package declares no navigation document (a manifest item with ``properties="nav"``;
    an NCX alone is not enough in EPUB 3), when an EPUB 2 package has no NCX, or when the navigation document
    (or the NCX) has no table of contents or cannot be read. On a
    package document read without its container, only the declaration is checked.

    DAISY Ace has no rule for it: EPUBCheck, the validator, reports an EPUB 3 without a navigation document as
    invalid. This rule also looks inside the navigation document for the table of contents.
    """

    id = "A303"
    name = "publication-navigation-missing"
    severity = "error"
    summary = "EPUB has no table of contents navigation"
    references = ("WCAG 2.2 SC 2.4.5 Multiple Ways (Level AA)", "EPUB 3.3, EPUB navigation document")
    examples = (
        Example('<package xmlns="http://www.idpf.org/2007/opf" version="3.0">\n'
                '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Cells</dc:title></metadata>\n'
                '{{<manifest>}}<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>\n'
                '</package>', format="epub"),
        Example(_package(_GOOD_META), format="epub"),
    )

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        start, end = _manifest_at(doc, package)
        epub2 = package.version.startswith("2")
        if package.nav is None and (not epub2 or package.ncx is None):
            if epub2 and not package.complete:
                return  # EPUB 2 names its NCX in the spine, which a lone package document may not show us
            ncx = " (an NCX is EPUB 2's table of contents, which EPUB 3 reading systems need not read)" \
                if package.ncx else ""
            yield _at(doc, start, end, "The publication has no navigation document, so reading systems cannot "
                                       f"offer a table of contents to move through the book{ncx}.",
                      'Add an XHTML navigation document with <nav epub:type="toc"> listing the chapters and '
                      'sections, and declare it in the manifest with properties="nav".')
        elif package.nav_error:
            yield _at(doc, start, end, f"The navigation document cannot be read: {package.nav_error}.",
                      "Fix the navigation document so reading systems can show its table of contents.")
        elif package.toc is False:
            yield _at(doc, start, end, f"The navigation document {package.nav or package.ncx!r} has no table of "
                                       "contents, so reading systems cannot offer one.",
                      'Add <nav epub:type="toc"> with a list of links to the chapters and sections.')


def _manifest_at(doc: Document, package: Package) -> tuple[int, int]:
    start = doc.source.find("<manifest")
    if start == -1:
        start = doc.source.find(":manifest")
    if start == -1:
        return package.metadata_at
    return start, doc.source.find(">", start) + 1


def _print_source(package: Package) -> list[Meta]:
    """The entries that say which print edition the page numbers follow (dc:source, pageBreakSource)."""
    found = package.values("dc:source")
    found += [m for m in package.values("pageBreakSource") if m.value.strip().lower() != "none"]
    return found


def _born_digital(package: Package) -> bool:
    return any(m.value.strip().lower() == "none" for m in package.values("pageBreakSource"))


class PageListMissing(PublicationRule):
    """Students reading the EPUB beside classmates with the printed book need to turn to "page 42" too: a page
    list in the navigation document takes them there.

    Fires when the package names a print source (``dc:source``, or ``pageBreakSource`` other than ``none``) or
    the content documents mark page breaks (``epub:type="pagebreak"``, ``role="doc-pagebreak"``), and the
    navigation document (or EPUB 2 NCX) has no page list. Needs the whole container: a package document read on
    its own is not checked.

    DAISY Ace has no rule for it; EPUB Accessibility 1.1 asks for page navigation when a publication follows a
    print source.
    """

    id = "A304"
    name = "publication-page-list-missing"
    severity = "warning"
    summary = "EPUB with a print source has no page list"
    references = (PAGE_LIST, "WCAG 2.2 SC 2.4.5 Multiple Ways (Level AA)")
    examples = ()  # needs the navigation document and content: tests/test_epub.py builds the cases

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        if package.page_list is not False or _born_digital(package):
            return
        sources = _print_source(package)
        breaks = [c.name for c in package.content if c.page_breaks]
        if sources:
            yield _entry_problem(doc, sources[0], f"The book follows a print edition ({sources[0].value!r}) but "
                                                  "its navigation has no page list, so readers cannot go to a "
                                                  "page number their class is using.",
                                 'Add <nav epub:type="page-list"> to the navigation document, linking each page '
                                 "number to its page break marker.")
        elif breaks:
            yield _metadata_problem(doc, package, f"The content marks print page breaks ({breaks[0]} and others) "
                                                  "but the navigation has no page list to reach them.",
                                    'Add <nav epub:type="page-list"> to the navigation document, linking each '
                                    "page number to its page break marker.")


class PageSourceMissing(PublicationRule):
    """Page numbers help only when readers know which print edition they follow: a class using the softcover
    edition needs to know the EPUB's pages match it.

    Fires when the navigation has a page list, or the content marks page breaks, and the package names no
    source: neither ``dc:source`` nor ``pageBreakSource``. Page numbers made for a digital-only book must not
    name a source (EPUB Accessibility 1.1); ``pageBreakSource`` ``none`` says so, and keeps this rule quiet.
    Needs the whole container.

    DAISY Ace: ``epub-pagesource`` reports page breaks without ``dc:source``; this rule also accepts the newer
    ``pageBreakSource`` and also checks a page list that has no page break markers.
    """

    id = "A305"
    name = "publication-page-source-missing"
    severity = "warning"
    summary = "EPUB has page numbers but no page source"
    references = (PAGE_SOURCE, ACE + ": epub-pagesource", "W3C Publishing CG, Page Source Identification "
                                                       "(pageBreakSource)")
    examples = ()  # needs the navigation document and content: tests/test_epub.py builds the cases

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        if _print_source(package) or _born_digital(package):
            return
        breaks = [c.name for c in package.content if c.page_breaks]
        if package.page_list or breaks:
            what = "a page list" if package.page_list else f"page break markers ({breaks[0]})"
            yield _metadata_problem(doc, package, f"The book has {what} but does not say which print edition "
                                                  "the page numbers come from.",
                                    "Add <dc:source>urn:isbn:...</dc:source> (the ISBN of the print edition) and "
                                    '<meta property="a11y:pageBreakSource">the same</meta>, or '
                                    '<meta property="a11y:pageBreakSource">none</meta> when the pages are the '
                                    "EPUB's own.")


class LanguageMissing(PublicationRule):
    """Reading systems use the package language for the voice and pronunciation of text-to-speech and for
    hyphenation; EPUB requires ``dc:language``.

    Fires when the package has no non-empty ``dc:language``, or when its value is not a valid BCP 47 tag
    ("en", "es-419"), as A202 checks ``lang`` attributes.

    DAISY Ace has no package-level rule for it (EPUBCheck rejects a package without ``dc:language``); Ace checks
    each content document's language with axe-core, as A201 does here on each content document.
    """

    id = "A306"
    name = "publication-language-missing"
    severity = "error"
    summary = "EPUB package has no (valid) language"
    references = ("WCAG 2.2 SC 3.1.1 Language of Page (Level A)", "EPUB 3.3, dc:language")
    examples = (
        Example(_package("<dc:title>Cells</dc:title>", marked=True), format="epub"),
        Example(_package("<dc:title>Cells</dc:title>{{<dc:language>}}english</dc:language>"), format="epub"),
        Example(_package(_GOOD_META), format="epub"),
    )

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        languages = package.values("dc:language")
        if not languages:
            yield _metadata_problem(doc, package, "The package does not say what language the book is in "
                                                  "(dc:language), so text-to-speech may read it with the wrong "
                                                  "voice.", "Add to <metadata>: <dc:language>en</dc:language> "
                                                            '(or "es" for Spanish).')
            return
        for entry in languages:
            why = lang_problem(entry.value)
            if why:
                yield _entry_problem(doc, entry, f"The package language is not valid: {why}.",
                                     'Use a language tag such as "en", "en-US" or "es".')


class LanguageMismatch(PublicationRule):
    """When a chapter declares a different language from the package, one of them is wrong (a template's
    ``lang="en"`` left in a Spanish book is common), and text-to-speech reads a chapter in the wrong voice.

    Fires when a content document's root element declares a language (``xml:lang`` or ``lang``) whose primary
    subtag is none of the package's ``dc:language`` values; one finding lists the documents. A content document
    with no language is A201's, in that document. Needs the whole container.

    DAISY Ace has no rule for it.
    """

    id = "A307"
    name = "publication-language-mismatch"
    severity = "warning"
    summary = "EPUB content language differs from the package language"
    references = ("WCAG 2.2 SC 3.1.1 Language of Page (Level A)", "EPUB 3.3, dc:language")
    examples = ()  # needs the content documents: tests/test_epub.py builds the cases

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        languages = package.values("dc:language")
        declared = {primary(m.value) for m in languages}
        if not languages:
            return
        other = [c for c in package.content if c.lang and primary(c.lang) not in declared]
        if not other:
            return
        listed = ", ".join(f"{c.name} ({c.lang})" for c in other[:3]) + (f" and {len(other) - 3} more"
                                                                         if len(other) > 3 else "")
        verb = "declares" if len(other) == 1 else "declare"
        yield _entry_problem(doc, languages[0], f"The package says the book is in {languages[0].value!r}, but "
                                                f"{listed} {verb} another language.",
                             "Make the content documents' lang and xml:lang match dc:language, or add the other "
                             "language as a second dc:language if the book really is in both.")


class TitleMissing(PublicationRule):
    """The title is what reading systems, bookshelves and screen readers announce for the book; EPUB requires
    ``dc:title``.

    Fires when the package has no non-empty ``dc:title``.

    DAISY Ace: same verdicts as ``epub-title``.
    """

    id = "A308"
    name = "publication-title-missing"
    severity = "error"
    summary = "EPUB package has no title"
    references = ("WCAG 2.2 SC 2.4.2 Page Titled (Level A)", "EPUB 3.3, dc:title", ACE + ": epub-title")
    examples = (
        Example(_package("<dc:language>en</dc:language>", marked=True), format="epub"),
        Example(_package(_GOOD_META), format="epub"),
    )

    def check_package(self, doc: Document, package: Package) -> Iterator[Problem]:
        if not package.values("dc:title"):
            yield _metadata_problem(doc, package, "The package has no title (dc:title), so reading systems and "
                                                  "screen readers cannot announce the book's name.",
                                    "Add to <metadata>: <dc:title>The book's title</dc:title>.")


RULES = (AccessibilityMetadataMissing, AccessibilitySummaryMissing, NavigationMissing, PageListMissing,
         PageSourceMissing, LanguageMissing, LanguageMismatch, TitleMissing)
