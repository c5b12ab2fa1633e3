"""Image coverage: every non-text element, whether it needs a text alternative, has one, and has a good one.

The analysis looks at each image once (its accessible name, what it sits in, whether it is a complex image and
whether that has a long description) so that the alt-text rules and the coverage metric agree with each other.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

from auditor.accessibility.accname import label_text, presentation_ignored
from auditor.accessibility.elements import has_root
from auditor.data import load_toml
from auditor.dimension import Dimension, penalty
from auditor.document import Block, Document, Image
from auditor.loaders.html import element_text, id_index, labelledby_text
from auditor.locations import Span
from auditor.results import Finding

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_FIGURE_LABEL = re.compile(r"^\s*(fig(ure|\.)?|table|diagram|chart|graph|image|photo|illustration)\s*"
                           r"[0-9]+[a-z]?([.:-][0-9]+[a-z]?)*\s*[.:—–-]?\s*", re.IGNORECASE)
#: a trailing credit: "(credit: NASA)", "(credit a: modification of work by ...)", "Photo credit: USGS"
# The two forms of a trailing credit, written so that no attempt rescans a blank run: each starts where a blank
# run starts (?<!\s), and "\s*\.?\s*$" became the same "\s*(?:\.\s*)?$" without two blank runs side by side.
_CREDIT_NOTE = re.compile(r"(?<!\s)\s*\(\s*(credits?|photo|image|source|courtesy)\b[^()]*\)\s*(?:\.\s*)?$",
                          re.IGNORECASE)
_CREDIT_LINE = re.compile(r"(?<!\s)\s*\b((photo|image)\s+)?(credits?|source|courtesy)\s*:[^.]*(?:\.\s*)?$",
                          re.IGNORECASE)


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    """The word lists in rules/accessibility/alt-text.toml (editable by curriculum staff)."""
    return load_toml("accessibility/alt-text.toml")


def quoted(text: str) -> str:
    """Text quoted for a message as a reader sees it: curly quotes, not Python's repr (which doubles
    backslashes and switches quote marks)."""
    return f"\u201c{text}\u201d"


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def _attr_true(attrs: dict[str, str], name: str) -> bool:
    return attrs.get(name, "").strip().lower() == "true"


def is_decorative(image: Image, element=None) -> bool:
    """Marked as decorative: aria-hidden="true" (on it or an ancestor), role presentation/none (unless
    browsers ignore it: a focusable element or one with a global ARIA attribute), or alt="" on an <img> with
    no other name. Markdown cannot mark an image decorative; an image button (<input>)
    or an <area> link always needs a name, so alt="" does not make them decorative."""
    attrs = image.attrs
    if image.kind == "word":  # Word: "Mark as decorative" in the Alt Text pane
        return attrs.get("decorative") == "true"
    if _attr_true(attrs, "aria-hidden"):
        return True
    if element is not None and any(_attr_true(p.attrs, "aria-hidden") for p in element.parents
                                   if getattr(p, "attrs", None)):
        return True
    if image.kind in ("img", "svg", "object", "embed", "role-img") and attrs.get("role", "").strip().lower() in (
            "presentation", "none") and not image.name and not presentation_ignored(element_name(image), attrs):
        return True
    # alt=" " is not alt="": axe-core fails it (alt-space-value) and screen readers may announce the file name
    return image.kind == "img" and image.alt == "" and not image.name


def element_name(image: Image) -> str:
    """The HTML element an image is (``role-img`` elements are judged by their attributes only)."""
    return image.kind if image.kind in ("img", "input", "area", "svg", "object", "embed") else ""


def strip_figure_label(text: str) -> str:
    """'Figure 4.2 A graph of...' -> 'A graph of...', and drop a trailing '(credit: ...)'."""
    text = _FIGURE_LABEL.sub("", text or "", count=1)
    return strip_credit(text).strip()


def strip_credit(text: str) -> str:
    """Drop a trailing credit: "... (credit: NASA)." or "... Photo credit: USGS".

    A "credit:" line runs to the end with no full stop but a last one, so it can only start after the full
    stop before that; searching from there tries each "credit:" at most once (from the start, "credit: "
    repeated thousands of times before a full stop was quadratic)."""
    body = text.rstrip()
    stop = text.rfind(".", 0, len(body) - 1 if body.endswith(".") else len(body))
    note = _CREDIT_NOTE.search(text)
    line = _CREDIT_LINE.search(text, stop + 1)
    found = note if note and (line is None or note.start() <= line.start()) else line
    return text[:found.start()] + text[found.end():] if found else text


def filename_words(src: str | None) -> list[str]:
    """Words in an image's file name: 'media/food-web_diagram2.png' -> ['food', 'web', 'diagram']."""
    if not src or src.startswith("data:"):
        return []
    name = src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    name = name.rsplit(".", 1)[0]
    name = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[^A-Za-z]+", name) if w]


@dataclass
class ImageInfo:
    """What the rules need to know about one image."""

    image: Image
    index: int
    status: str  # decorative | described | missing
    span: Span  # where the image is, to match findings to it
    element: Any = None  # the bs4 Tag (HTML only)
    link: Any = None  # enclosing <a href> or <button>, when there is one
    link_text: str = ""  # text of that link/button apart from this image
    container_text: str = ""  # text of the enclosing p, li, td or th apart from this image (outside links)
    figure: Any = None
    caption: str = ""  # text of the figure's caption (figcaption), label kept
    describedby: str = ""  # text of the aria-describedby targets
    details: str = ""  # text of a <details> in the figure or right after the image
    longdesc: str = ""
    before: Block | None = None  # nearest prose block before the image (or its figure)
    after: Block | None = None  # nearest prose block after it
    complex_kind: str | None = None  # "graph", "diagram"... when the image is a complex image
    complex_from: str | None = None  # where that was recognised: alt, file name, caption, text
    long_description: str | None = None  # where the long description is, when there is one

    @property
    def name(self) -> str:
        return self.image.name or ""

    @property
    def source(self) -> str | None:
        return self.image.name_source


@dataclass
class ImageStats:
    total: int = 0
    needing: int = 0  # images that need a text alternative (not decorative)
    described: int = 0
    missing: int = 0
    decorative: int = 0
    with_quality_findings: int = 0  # described images with at least one alt-quality finding (see stats_with)
    complex: int = 0  # complex images (charts, diagrams, maps...)
    complex_with_long_description: int = 0

    @property
    def coverage(self) -> float | None:
        return round(self.described / self.needing, 4) if self.needing else None

    @property
    def quality_coverage(self) -> float | None:
        """Share of the images needing a description that have one with no quality finding."""
        if not self.needing:
            return None
        return round((self.described - self.with_quality_findings) / self.needing, 4)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "coverage": self.coverage, "quality_coverage": self.quality_coverage}


@dataclass
class ImageAnalysis:
    """The images of one document and their counts. Which described images have alt-quality findings depends
    on the findings (selection, suppression), not on the document, so ``stats.with_quality_findings`` is 0 here
    and :meth:`stats_with` fills it in."""

    images: list[ImageInfo]
    stats: ImageStats
    #: the page's title (HTML <title> of a whole page, a Word document's Title property), for A219 across a run
    title: str | None = None

    def stats_with(self, findings: Iterable[Finding]) -> ImageStats:
        return replace(self.stats, with_quality_findings=images_with_quality_findings(self.images, findings))


# context ------------------------------------------------------------------------------------------------

def _text(tag) -> str:
    return element_text(tag) if tag is not None else ""


def _link_context(info: ImageInfo) -> None:
    element = info.element
    if element is None:
        return
    for parent in element.parents:
        if parent.name in ("a", "button") and (parent.name == "button" or parent.has_attr("href")):
            info.link = parent
            own = info.image.name or ""
            full = _text(parent)
            info.link_text = full.replace(own, " ", 1).strip() if own else full
            info.link_text = " ".join(info.link_text.split())
            return
        if parent.name in ("p", "li", "td", "th"):
            own = info.image.name or ""
            full = _text(parent)
            info.container_text = " ".join((full.replace(own, " ", 1) if own else full).split())
            return
        if parent.name in ("figure", "body", "section", "article", "div"):
            return


def _figure_context(info: ImageInfo, doc: Document, ids: dict) -> None:
    element = info.element
    if element is None:
        return
    figure = next((p for p in element.parents if p.name == "figure"), None)
    if figure is not None:
        info.figure = figure
        caption = figure.find("figcaption")
        if caption is not None:
            info.caption = _text(caption)
        details = figure.find("details")
        if details is not None:
            info.details = _text(details)
    if not info.details:
        sibling = (figure or element).find_next_sibling()
        if sibling is not None and sibling.name == "details":
            info.details = _text(sibling)
    if info.image.attrs.get("aria-describedby", "").strip():
        info.describedby = labelledby_text(doc, info.image.attrs["aria-describedby"], ids)
    info.longdesc = info.image.attrs.get("longdesc", "").strip()


def _neighbours(info: ImageInfo, doc: Document, starts: list[int], prose: list[Block]) -> None:
    """Prose blocks right before and after the image (or its whole figure)."""
    start, end = info.image.start, info.image.end
    if info.figure is not None and info.figure.sourceline is not None:
        start = doc.tag_range(info.figure)[0]
        close = doc.source.find("</figure>", end)
        end = close if close != -1 else end
    i = bisect.bisect_left(starts, start)
    if i > 0:
        info.before = prose[i - 1]
    j = bisect.bisect_left(starts, end)
    if j < len(prose):
        info.after = prose[j]


#: words after a kind word that show it is a verb: "plot their data", "map the route", "graph the results"
_VERB_OBJECT = r"\s+(their|the|a|an|his|her|its|our|your|my|them|it|this|these|those|each|every|data|points|results)\b"


def _caption_after(info: ImageInfo, doc: Document) -> None:
    """Outside <figure> (always in Markdown), a paragraph right after the image that starts with a figure
    label ("*Figure 2:* ...") is its caption."""
    after = info.after
    if info.caption or after is None or not _FIGURE_LABEL.match(after.text) or not re.match(
            r"\s*(fig(ure|\.)?|table|diagram|chart|graph)\s*[0-9]", after.text, re.IGNORECASE):
        return
    between = doc.source[info.image.end:after.map.start(0)]
    if re.search(r"<(img|svg|object|embed|picture|figure)\b|!\[", between, re.IGNORECASE) or between.count("\n") > 3:
        return
    info.caption = after.text


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[list[re.Pattern], re.Pattern]:
    """(phrases that are not complex images, any kind word), compiled once."""
    table = terms()["complex"]
    kinds = "|".join(re.escape(k) for k in sorted(table["kinds"], key=lambda k: (-len(k), k)))
    not_kinds = [re.compile(p, re.IGNORECASE) for p in table.get("not", [])]
    return not_kinds, re.compile(rf"\b(?P<kind>{kinds})s?\b")


def _complex(info: ImageInfo) -> None:
    """Charts, graphs, diagrams, maps, data tables...: recognised near the start of the alt text or caption
    ("A bar graph of..."), in the file name ("rainfall-chart.png") or in text that introduces the image."""
    table = terms()["complex"]
    not_kinds, anywhere_re = _kind_patterns()

    def find(text: str, first: int, anywhere: bool = False) -> str | None:
        head = " ".join(words(text)[:first]).lower()
        for pattern in not_kinds:
            head = pattern.sub(" ", head)
        # within the first four words unless anywhere; a noun, not a verb ("Students plot their data", "Map the
        # schoolyard"); "Graph (a) plots..." falls through to "plots"
        limit = len(head) if anywhere else len(" ".join(head.split()[:4]))
        for match in anywhere_re.finditer(head):
            if match.start() >= limit:
                break
            if not re.match(_VERB_OBJECT, head[match.end():]):
                return match.group("kind")
        return None

    limit = int(table.get("lead_words", 6))
    name_kind = find(info.name, limit) if info.source not in ("content",) else None
    if name_kind:
        info.complex_kind, info.complex_from = name_kind, "alt text"
        return
    file_kind = find(" ".join(filename_words(info.image.src)), 12, anywhere=True)
    if file_kind:
        info.complex_kind, info.complex_from = file_kind, "file name"
        return
    caption_kind = find(strip_figure_label(info.caption), limit)
    if caption_kind:
        info.complex_kind, info.complex_from = caption_kind, "caption"
        return
    intro = re.compile(table["introduced_by"], re.IGNORECASE)
    if info.before is not None and info.figure is None:
        match = intro.search(info.before.text[-200:])
        if match:
            info.complex_kind, info.complex_from = match.group("kind").lower(), "text before it"


def _long_description(info: ImageInfo) -> None:
    table = terms()["long_description"]
    min_caption = int(table.get("caption_words", 20))
    min_text = int(table.get("text_words", 30))
    data_kind = info.complex_kind in table.get("data_kinds", ())
    trend = re.compile(r"\d|\b(" + "|".join(table.get("trend_words", ())) + r")\b", re.IGNORECASE)
    if len(words(info.name)) >= int(table.get("alt_words", 12)) and info.source != "content" and (
            not data_kind or trend.search(info.name)):
        info.long_description = "alt text"
    elif info.longdesc:
        info.long_description = "longdesc"
    elif len(words(info.describedby)) >= int(table.get("describedby_words", 10)):
        info.long_description = "aria-describedby"
    elif len(words(info.details)) >= int(table.get("details_words", 10)):
        info.long_description = "details"
    elif len(words(strip_figure_label(info.caption))) >= min_caption:
        info.long_description = "caption"
    else:
        refs = _references(info)
        before, after = info.before, info.after
        size = {id(b): len(words(b.text)) for b in (before, after) if b is not None}
        cites_before = before is not None and any(r.search(before.text) for r in refs)
        cites_after = after is not None and any(r.search(after.text) for r in refs)
        if (cites_after and size[id(after)] >= min_text) or (cites_before and size[id(before)] >= min_text) or (
                # "The graph below shows plant height." then the paragraph right after it gives the details
                cites_before and after is not None and size[id(after)] >= min_text):
            info.long_description = "text near it"


def _references(info: ImageInfo) -> list[re.Pattern]:
    """Ways the text refers to this image: its figure label ("Figure 3"), or "the graph shows/above/below"."""
    refs = []
    label = re.match(r"\s*((fig(ure|\.)?|table|diagram|chart|graph)\s*[0-9]+[a-z]?([.:-][0-9]+[a-z]?)*)",
                     info.caption or "", re.IGNORECASE)
    if label:
        refs.append(re.compile(rf"\b{re.escape(label.group(1).strip())}\b", re.IGNORECASE))
    if info.complex_kind:
        names = {re.escape(info.complex_kind), re.escape(info.complex_kind.split()[-1]), "figure", "picture",
                 "image", "illustration"}
        kind = "(?:" + "|".join(sorted(names)) + ")"
        refs.append(re.compile(rf"\b(the|this|that)\s+{kind}s?\s+(above|below|shows|illustrates|"
                               rf"represents|compares|displays)\b|\b(in|on)\s+(the|this)\s+{kind}\b",
                               re.IGNORECASE))
    return refs


#: the alt-quality rules (images.py): a described image one of them reports counts as only partly described
ALT_QUALITY_RULES = frozenset({"A103", "A104", "A105", "A106", "A107", "A108", "A109"})


def images_with_quality_findings(images: list[ImageInfo], findings: Iterable[Finding]) -> int:
    """Described images with at least one alt-quality finding. A finding goes to the first image whose span
    holds its start (and that does not have one from the same rule yet); info findings are advice (A106 long
    alt), not a defect in the description."""
    reported: list[set[str]] = [set() for _ in images]
    for finding in findings:
        if finding.rule not in ALT_QUALITY_RULES or finding.severity == "info":
            continue
        for info, rules in zip(images, reported, strict=True):
            span = info.span
            if (span.line, span.column) <= (finding.span.line, finding.span.column) <= (
                    span.end_line, span.end_column) and finding.rule not in rules:
                rules.add(finding.rule)
                break
    return sum(1 for info, rules in zip(images, reported, strict=True) if info.status == "described" and rules)


def page_title(doc: Document) -> str | None:
    """The title a browser tab and a screen reader announce for a whole page (None for a fragment, or no title)."""
    if doc.format == "docx":
        title = str(doc.meta.get("title", ""))
    elif doc.format == "html" and doc.soup is not None and (has_root(doc, "html") or has_root(doc, "head")):
        tag = doc.soup.find("title")
        title = tag.get_text(" ") if tag is not None else ""
    else:
        return None
    return " ".join(title.split()) or None


class AccessibilityDimension(Dimension):
    category = "accessibility"
    reads_text = False  # images, links, headings, tables: markup and text, never tokens
    key = "images"
    metrics_key = "page"

    def analyze(self, doc: Document, ctx) -> ImageAnalysis:
        ids = id_index(doc)
        prose = [b for b in doc.prose if b.map]
        starts = [b.map.start(0) for b in prose]
        infos = []
        stats = ImageStats()
        for i, image in enumerate(doc.images):
            if image.kind == "area" and "href" not in image.attrs:
                continue  # an area that is not a link is not exposed (axe area-alt: map area[href])
            element = doc.element_at(image.start) if doc.soup is not None and image.kind != "markdown" else None
            if image.kind == "input" and not image.name and element is not None:
                labelled = label_text(doc, element)
                if labelled:  # an image button named by its <label> (HTML-AAM; axe-core agrees)
                    image = replace(image, name=labelled, name_source="label")
            if is_decorative(image, element):
                status = "decorative"
            elif image.name:
                status = "described"
            else:
                status = "missing"
            info = ImageInfo(image=image, index=i, status=status, span=doc.span(image.start, image.end),
                             element=element)
            _link_context(info)
            _figure_context(info, doc, ids)
            _neighbours(info, doc, starts, prose)
            _caption_after(info, doc)
            _complex(info)
            _long_description(info)
            infos.append(info)
            stats.total += 1
            setattr(stats, status, getattr(stats, status) + 1)
            if status != "decorative":
                stats.needing += 1
                if info.complex_kind:
                    stats.complex += 1
                    stats.complex_with_long_description += bool(info.long_description)
        # a chapter inside an EPUB is not a page of its own in a tab or a bookmark: reading systems show the book's
        # title and its table of contents, so chapters that share the book's title are not compared across the run
        return ImageAnalysis(infos, stats, None if "!/" in doc.path else page_title(doc))

    def to_json(self, result: ImageAnalysis, findings: Iterable[Finding] = ()) -> dict[str, Any]:
        return result.stats_with(findings).to_json()

    def score(self, doc, result: ImageAnalysis, findings, scoring) -> float | None:
        """Coverage counts a described image with alt-quality findings as partly described (the
        ``quality_credit`` in scoring.toml), so a page of "image.png" alts cannot score full coverage."""
        table = scoring.get("accessibility", {})
        base = max(0.0, 100.0 - penalty(findings, scoring))
        stats = result.stats_with(findings)
        if not stats.needing:
            return base if (doc.format in ("html", "docx", "epub") or findings) else None
        credit = float(table.get("quality_credit", 0.5))
        covered = (stats.described - stats.with_quality_findings) + credit * stats.with_quality_findings
        weight = float(table.get("coverage_weight", 0.5))
        return weight * 100.0 * covered / stats.needing + (1 - weight) * base

    def summarize(self, results: list[dict[str, Any]], scoring: dict[str, Any],
                  metrics: list[Any] | None = None) -> dict[str, Any]:
        total = ImageStats()
        for r in results:
            for key in ("total", "needing", "described", "missing", "decorative", "with_quality_findings",
                        "complex", "complex_with_long_description"):
                setattr(total, key, getattr(total, key) + int(r.get(key, 0)))
        summary = total.to_json()
        titles = Counter(m["title"] for m in metrics or () if isinstance(m, dict) and m.get("title"))
        shared = sorted(((n, t) for t, n in titles.items() if n >= 2), key=lambda p: (-p[0], p[1]))
        if shared:  # only then: a run of distinct titles keeps the summary it always had
            summary["shared_titles"] = [{"title": t, "pages": n} for n, t in shared]
            summary["pages_with_title"] = sum(titles.values())
        return summary

    def metrics(self, result: ImageAnalysis) -> dict[str, Any]:
        """The page's title, which A219 compares across the run."""
        return {"title": result.title}
