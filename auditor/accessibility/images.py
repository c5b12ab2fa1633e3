"""Rules about text alternatives for images: present (A101), marked decorative only when that is right (A102),
and useful (A103-A109). All read the shared image analysis, so the rules and the coverage metric agree."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.accessibility.accname import presentation_ignored
from auditor.accessibility.analysis import ImageInfo, filename_words, quoted, strip_figure_label, terms, words
from auditor.accessibility.word import ALT_SUGGESTION
from auditor.document import Document
from auditor.loaders.html import attribute_offsets
from auditor.rule import ENGLISH, Example, MarkupRule, Problem

SC_111 = "WCAG 2.2 SC 1.1.1 Non-text Content (Level A)"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z©(])")


def images(ctx) -> list[ImageInfo]:
    return ctx.analysis("accessibility").images


def name_range(doc: Document, info: ImageInfo) -> tuple[int, int]:
    """Source offsets of the text alternative itself when it is an attribute of the element, else the tag."""
    image = info.image
    if image.kind == "markdown":
        if image.alt_block is not None:
            return image.alt_block.source_range(0, len(image.alt_block.text))
        return image.start, image.end
    if info.source in ("alt", "aria-label", "title"):
        raw = doc.source[image.start:image.end]
        found = attribute_offsets(raw).get(info.source)
        if found and found[1] > found[0]:
            return image.start + found[0], image.start + found[1]
    return image.start, image.end


def at_name(doc: Document, info: ImageInfo, message: str, **kwargs) -> Problem:
    start, end = name_range(doc, info)
    return Problem(span=doc.span(start, end), text=doc.source[start:end], message=message,
                   data={"name_source": info.source or "", "image": info.image.src or ""}, **kwargs)


def at_tag(doc: Document, info: ImageInfo, message: str, **kwargs) -> Problem:
    image = info.image
    return Problem(span=doc.span(image.start, image.end), text=doc.source[image.start:image.end],
                   message=message, data={"image": image.src or ""}, **kwargs)


def _what(info: ImageInfo) -> str:
    kind = info.image.kind
    return {"markdown": "image", "word": "picture", "role-img": 'element with role="img"', "input": "image button",
            "area": "image-map area", "svg": "<svg> image"}.get(kind, f"<{kind}>")


def normalise(text: str) -> str:
    return " ".join(w.lower().strip("'’-") for w in words(text))


def _presentational(info: ImageInfo) -> bool:
    """role="presentation"/"none" that browsers honour: the image is not exposed, so its alt text is not read."""
    attrs = info.image.attrs
    return attrs.get("role", "").strip().lower() in ("presentation", "none") and not presentation_ignored(
        info.image.kind, attrs)


class ImageAltMissing(MarkupRule):
    """An image that carries information needs a text alternative, or a blind student loses it.

    Fires on ``<img>`` (also inside ``<picture>`` and links), ``<input type="image">``, ``<area href>`` of an
    image map, ``<svg role="img">``, ``<object>``, ``<embed>`` and any element with ``role="img"`` that has
    no accessible name (``aria-labelledby`` pointing at text, ``aria-label``, ``alt`` where the element has
    one, an SVG ``<title>``, a ``<label>`` for an image button, or ``title``), and on Markdown images with empty
    brackets (``![](cell.png)``), which Markdown cannot mark as decorative.

    Does not fire on images marked decorative: ``alt=""`` on an ``<img>``, ``role="presentation"``/``"none"``
    or ``aria-hidden="true"`` on the image or an ancestor. Browsers ignore ``role="presentation"``/``"none"``
    on an element that is focusable (``tabindex``) or has a global ARIA attribute (``aria-live``,
    ``aria-describedby``...): ARIA's conflict resolution exposes it as an image again, and it needs a name.

    axe-core: the same verdicts as ``image-alt``, ``input-image-alt`` (``alt=""`` on an image button fails),
    ``area-alt`` (only areas with ``href``), ``svg-img-alt``, ``role-img-alt`` and ``object-alt``. Differences:
    ``<embed>`` is checked too (axe has no rule for it). As in axe 4, an ``<object>``'s fallback content is not
    its name (it shows only when the object fails to load), and inline ``<svg>`` with no role and no name is
    skipped.
    """

    id = "A101"
    name = "image-alt-missing"
    category = "accessibility"
    severity = "error"
    summary = "Image has no text alternative"
    references = (SC_111,)
    examples = (
        Example('{{<img src="cell.png">}}'),
        Example("{{![](cell.png)}}", format="markdown"),
        Example('{{<input type="image" src="go.png" alt="">}}', note="image buttons need a name"),
        Example('<label>Search <input type="image" src="go.png"></label>', note="named by its label"),
        Example('{{<svg role="img">}}<circle r="4"/></svg>'),
        Example('{{<div role="img" class="chart">}}</div>'),
        Example('<img src="cell.png" alt="A plant cell with its nucleus, chloroplasts and cell wall labelled">'),
        Example('<img src="divider.png" alt="">', note="decorative"),
        Example('{{<img src="cell.png" role="presentation" tabindex="0">}}',
                note="a focusable element cannot be presentational (ARIA conflict resolution)"),
        Example('{{<img src="cell.png" role="none" aria-live="polite">}}',
                note="nor can one with a global ARIA attribute"),
        Example('<img src="icon.png" aria-label="Safety: wear goggles">'),
        Example('<svg role="img"><title>Sun and Earth</title></svg>'),
        Example('<p id="cap">Rainfall by month</p><img src="r.png" aria-labelledby="cap">'),
        Example('<object data="sim.swf" title="Pendulum simulation"></object>'),
        Example('{{<object data="sim.swf">}}Pendulum simulation</object>',
                note="fallback text is not a name (axe-core agrees)"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for info in images(ctx):
            if info.status != "missing":
                continue
            image = info.image
            name = (image.src or "").rsplit("/", 1)[-1] or "this image"
            broken_ref = image.attrs.get("aria-labelledby", "").strip()
            message = (f"The {_what(info)} {quoted(name)} has no text alternative, so students using a screen reader "
                       "miss what it shows.")
            if broken_ref:
                message += f" (aria-labelledby points at {quoted(broken_ref)}, which has no text.)"
            if image.kind == "markdown":
                suggestion = "Put a short description between the brackets: ![description](...)."
            elif image.kind == "word":
                suggestion = ALT_SUGGESTION
            elif image.kind in ("img", "area", "input"):
                suggestion = ("Describe what the image shows and why it matters in the alt attribute"
                              + (", or use alt=\"\" if it is purely decorative." if image.kind == "img" else "."))
            else:
                suggestion = ('Give it a name with aria-label (or a <title> first inside an <svg>), or mark it '
                              'aria-hidden="true" if it is purely decorative.')
            yield at_tag(doc, info, message, suggestion=suggestion)


_REFERENCE = re.compile(
    r"\b(as|like)\s+(the|this)\s+(picture|image|photo|photograph|diagram|drawing|illustration|figure|graph|"
    r"chart|map|model)\s+(shows|below|above|illustrates)\b|\b(the|this)\s+(picture|image|photo|photograph|"
    r"diagram|drawing|illustration|graph|chart|map)\s+(below|above|shows|illustrates)\b", re.IGNORECASE)


class ImageDecorativeSuspicious(MarkupRule):
    """An image marked decorative that looks like it carries meaning, so a screen reader skips something
    the student needs.

    Fires when an image marked decorative (``alt=""``, ``role="presentation"``/``"none"``, ``aria-hidden``):
    is the only content of a link or button (the control then has no name at all); sits in a ``<figure>``
    that has a caption (a captioned figure is content, not decoration); or is referred to by the text right
    next to it ("as the diagram shows", "the picture below").

    Does not fire on decorative images next to link text ("<a><img alt=''> Next lesson</a>"), in figures
    without captions, or in text that does not point at a picture. Markdown cannot mark images decorative.

    axe-core has no such rule (it accepts any ``alt=""``); for the link/button case axe's ``link-name`` and
    ``button-name`` fail the control, as our A207 does for links.
    """

    id = "A102"
    name = "image-decorative-suspicious"
    category = "accessibility"
    severity = "warning"
    summary = "Image marked decorative looks like content"
    references = (SC_111, "WCAG 2.2 SC 2.4.4 Link Purpose (In Context) (Level A)")
    formats = frozenset({"html"})
    examples = (
        Example('<a href="quiz.html">{{<img src="start.png" alt="">}}</a>'),
        Example('<figure>{{<img src="cycle.png" alt="">}}<figcaption>The water cycle</figcaption></figure>'),
        Example('<p>As the diagram shows, water evaporates from the ocean.</p>{{<img src="cycle.png" alt="">}}'),
        Example('<a href="quiz.html"><img src="arrow.png" alt=""> Start the quiz</a>'),
        Example('<p>Water evaporates from the ocean.</p><img src="wave-divider.png" alt="">'),
        Example('<figure><img src="line.png" alt=""></figure>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        all_images = images(ctx)
        for info in all_images:
            if info.status != "decorative" or info.image.kind == "markdown":
                continue
            if info.element is not None and any(
                    p.get("aria-hidden", "").strip().lower() == "true" for p in info.element.parents
                    if getattr(p, "attrs", None)):
                continue  # the whole region is hidden: nothing here to reach
            reason = self._reason(doc, info, all_images)
            if reason:
                yield at_tag(doc, info, f"This image is marked decorative, but {reason}, so a screen reader "
                                        "user misses it.",
                             suggestion="Give it alt text that says what it shows (or, in a link, where the "
                                        "link goes).")

    @staticmethod
    def _reason(doc, info: ImageInfo, all_images: list[ImageInfo]) -> str | None:
        link = info.link
        if link is not None and not info.link_text and not any(
                link.get(a, "").strip() for a in ("aria-label", "aria-labelledby", "title")):
            return f"it is the only content of a {'button' if link.name == 'button' else 'link'}"
        if info.figure is not None and strip_figure_label(info.caption):
            return "it sits in a figure with a caption"
        for block, side in ((info.before, "before"), (info.after, "after")):
            if block is None:
                continue
            lo, hi = (block.map.end(len(block.text)), info.image.start) if side == "before" else (
                info.image.end, block.map.start(0))
            if any(lo <= other.image.start < hi for other in all_images if other is not info):
                continue  # the text is about a nearer image
            text = block.text[-160:] if side == "before" else block.text[:160]
            match = _REFERENCE.search(text)
            if match and ("below" not in match.group(0).lower() or side == "before") and (
                    "above" not in match.group(0).lower() or side == "after"):
                return f"the text next to it refers to it (\u201c{match.group(0)}\u201d)"
        return None


#: a file name or a file path ("cell.png", "images/cell.png", "C:\\Users\\ms\\cell.png"); web addresses are A108's
_FILE = re.compile(r"^(?![a-z][\w+.-]*://|//|www\.)\S.*\.(png|jpe?g|gif|svg|webp|bmp|tiff?|heic|avif|ico|eps|pdf)$",
                   re.IGNORECASE)
#: camera and screenshot names: "IMG_2041", "DSC00012", "PXL_20230401_101233", "image001", "Screen Shot
#: 2023-04-01 at 10.12.33 AM". Short numbered words ("Image 3") are placeholders, A104's business.
# \d{3}[\d_.-]* rather than \d{3,}[\d_.-]*: the same names, without trying every split of a long digit run
_CAMERA = re.compile(r"^((img|dsc[nf]?|dcim|pxl|mvimg|gopr|p|image|photo|pic|scan|capture)[\s_-]*\d{3}[\d_.-]*"
                     r"|(screen\s?shot|screenshot|screen\s+recording)[\s_-]*\d[\d\s_.:-]*"
                     r"(at\s+[\d.:]+\s*(am|pm)?)?)$", re.IGNORECASE)


class ImageAltFilename(MarkupRule):
    """Alt text that is a file name ("IMG_2041.jpg", "cell-diagram.png") is read out letter by letter and
    tells the student nothing; it usually means a tool filled the alt in automatically.

    Fires when the text alternative is a file name or path with an image extension, a camera or screenshot name
    ("IMG_2041", "DSC00012", "Screen Shot 2023-04-01 at 10.12"), or the image's own file name without its
    extension when that is written as one token ("cell-diagram" for ``cell-diagram.png``).

    Does not fire on ordinary words that happen to match the file name ("Cell diagram" for
    ``cell-diagram.png``), or on text that mentions a number ("Plant 2 grew taller").

    axe-core has no rule for this (its ``image-alt`` accepts any non-empty alt); axe's "image-redundant-alt"
    is about repeated link text, our A107.
    """

    id = "A103"
    name = "image-alt-filename"
    category = "accessibility"
    severity = "warning"
    summary = "Alt text is a file name"
    references = (SC_111,)
    examples = (
        Example('<img src="photos/IMG_2041.jpg" alt="{{IMG_2041.jpg}}">'),
        Example('<img src="a.png" alt="{{cell-diagram.png}}">'),
        Example('<img src="cell-diagram.png" alt="{{cell-diagram}}">'),
        Example('<img src="x.png" alt="{{DSC00012}}">'),
        Example("![{{IMG_2041.JPG}}](IMG_2041.JPG)", format="markdown"),
        Example('<img src="cell-diagram.png" alt="Cell diagram with the nucleus labelled">'),
        Example('<img src="img2.png" alt="Plant 2 grew taller than plant 1">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for info in images(ctx):
            if info.status != "described" or info.source in ("content", "aria-labelledby"):
                continue
            name = info.name.strip()
            stem = "-".join(filename_words(info.image.src))
            own = bool(stem) and " " not in name and re.search(r"[_-]", name) and \
                "-".join(filename_words(name)) == stem
            if _FILE.match(name) or _CAMERA.match(name) or own:
                yield at_name(doc, info, f"The alt text {quoted(name)} is a file name. A screen reader reads it out "
                                         "character by character and it does not say what the image shows.",
                              suggestion="Replace it with a short description of what the image shows and why "
                                         "it is there.")


_ARTICLE = re.compile(r"^(a|an|the|my|our|this|your)\s+", re.IGNORECASE)
# The word is everything before the first digit up to its last character that is not a separator: the
# shortest word the lazy ``[^\d]*?`` found, without rescanning the separators after each character.
_NUMBERED = re.compile(r"^(?P<word>(?:[^\d]*[^\d\s#_.-])?)[\s#_.-]*\d+([.:-]\d+)*[a-z]?$", re.IGNORECASE)


class ImageAltPlaceholder(MarkupRule):
    """Alt text that is only a generic word ("image", "photo", "graphic", "spacer", "untitled") or a lone
    number tells a blind student that there is a picture but not what it shows.

    Fires when the whole text alternative, ignoring case, punctuation, a leading article and a trailing
    number, is one of the placeholder words in ``rules/accessibility/alt-text.toml`` ("Image", "photo 3",
    "Figure 2.1", "spacer.", "1").

    Does not fire when the placeholder word is part of a description ("Photo of the class garden in May"
    is handled by A105; "Diagram of a plant cell" passes). Spacer images should have ``alt=""``.

    axe-core: no equivalent (axe accepts any non-empty alt); this is the WebAIM guidance on useless alt text.
    """

    languages = ENGLISH

    id = "A104"
    name = "image-alt-placeholder"
    category = "accessibility"
    severity = "warning"
    summary = "Alt text is a placeholder"
    references = (SC_111,)
    examples = (
        Example('<img src="a.png" alt="{{image}}">'),
        Example('<img src="a.png" alt="{{Photo}}">'),
        Example('<img src="a.png" alt="{{spacer}}">'),
        Example('<img src="a.png" alt="{{3}}">'),
        Example('<img src="a.png" alt="{{Figure 2.1}}">'),
        Example("![{{picture}}](a.png)", format="markdown"),
        Example('<img src="a.png" alt="Diagram of a plant cell with the nucleus labelled">'),
        Example('<img src="a.png" alt="Planet Earth seen from the Moon">'),
        Example('<img src="a.png" alt="Beaker 3 holds salt water">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        placeholders = {w.lower() for w in terms()["placeholder"]["words"]}
        for info in images(ctx):
            if info.status != "described" or info.source == "content":
                continue
            text = " ".join(info.name.lower().strip(" .:;,!?-_*\"'()[]").split())
            bare = _ARTICLE.sub("", text)
            numbered = _NUMBERED.match(bare)
            core = numbered.group("word").strip() if numbered else bare
            if bare.replace(" ", "").isdigit() or (core in placeholders) or (not core and numbered):
                yield at_name(doc, info, f"The alt text {quoted(info.name)} does not say what the image shows; a "
                                         "screen reader user only learns that there is a picture.",
                              suggestion="Describe the content and purpose of the image (\"Bar graph: "
                                         "rainfall is highest in April\"), or use alt=\"\" if it is purely "
                                         "decorative.")


class ImageAltRedundantLeadIn(MarkupRule):
    """Screen readers already announce "image" or "graphic", so alt text that starts "Image of..." makes the
    student hear it twice before the content.

    Fires when the text alternative begins with "image of", "picture of", "photo of", "photograph of",
    "graphic of", "an image showing", "this is a picture of", "Image shows", "Photo depicts", "This picture
    illustrates" or "Image:" (list in
    ``rules/accessibility/alt-text.toml``). The fix drops the lead-in and capitalises what follows.

    Does not fire when the kind of image is the information ("An MRI image of a brain", "A painting of
    Darwin", "Screenshot of the simulation"), nor when the words come later ("A scientist takes a photo of a
    bird").

    axe-core: no equivalent rule; WebAIM's alt-text guidance.
    """

    languages = ENGLISH

    id = "A105"
    name = "image-alt-redundant-lead-in"
    category = "accessibility"
    severity = "warning"
    summary = "Alt text starts with \"image of\""
    references = (SC_111,)
    examples = (
        Example('<img src="a.png" '
                'alt="{{Image of a monarch butterfly on milkweed->A monarch butterfly on milkweed}}">'),
        Example('<img src="a.png" alt="{{A picture of students measuring rainfall->Students measuring rainfall}}">'),
        Example('<img src="a.png" alt="{{photo of a volcano erupting at night->A volcano erupting at night}}">'),
        Example('<img src="a.png" alt="{{Image shows a frog on a leaf->A frog on a leaf}}">'),
        Example('<img src="a.png" alt="{{Photo depicts two students testing water->Two students testing water}}">'),
        Example("![{{Picture of a frog on a lily pad->A frog on a lily pad}}](frog.jpg)", format="markdown"),
        Example('<img src="a.png" alt="A monarch butterfly on milkweed">'),
        Example('<img src="a.png" alt="An MRI image of a human brain">'),
        Example('<img src="a.png" alt="A scientist takes a photo of a bird">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        patterns = [re.compile(p, re.IGNORECASE) for p in terms()["lead_in"]["patterns"]]
        for info in images(ctx):
            if info.status != "described" or info.source in ("content", "aria-labelledby"):
                continue
            name = info.name
            for pattern in patterns:
                match = pattern.match(name)
                if match and words(name[match.end():]):
                    rest = name[match.end():]
                    fixed = rest[:1].upper() + rest[1:]
                    lead = match.group(0).strip()
                    yield at_name(doc, info, f"The alt text starts with {quoted(lead)}; screen readers already say "
                                             "it is an image, so students hear it twice.",
                                  suggestion=f"Start with what it shows: {quoted(fixed)}.",
                                  fix=fixed if self._exact(doc, info) else None)
                    break

    @staticmethod
    def _exact(doc: Document, info: ImageInfo) -> bool:
        """A fix replaces the source text, so only offer one when the source is the plain alt text."""
        start, end = name_range(doc, info)
        return doc.source[start:end] == info.name


class ImageAltTooLong(MarkupRule):
    """Alt text is meant to be short: it stands in for the picture in the middle of the text. A long
    description read as alt text is one unbroken item, with no paragraphs, lists or headings to move by, and it
    is hidden from sighted students who could use it too.

    Fires when a text alternative (alt, aria-label, title) is longer than ``max_length`` characters (option,
    default 250; set ``[tool.ssec-audit.options.A106] max_length`` to change it). Neither WCAG nor HTML sets a
    limit. The default follows the guidance it cites: WebAIM's "Alternative Text" article says alt text
    should be succinct, "no more than a few words ... rarely a short sentence or two"; two full sentences of
    descriptive prose run to about 40 words, 250 characters. The often repeated 125-character ceiling is not
    used: it rests on a claim about old versions of JAWS that current screen readers do not bear out, and it
    would flag good two-sentence descriptions of science photos. Info only: it is advice, not a failure.

    Does not fire on names that come from visible text (``aria-labelledby``), which everyone can read.

    axe-core: no equivalent rule.
    """

    id = "A106"
    name = "image-alt-too-long"
    category = "accessibility"
    severity = "info"
    summary = "Alt text is very long"
    references = (SC_111, "WebAIM: Alternative Text (succinct: rarely more than a short sentence or two)")
    options = {"max_length": 250}
    examples = (
        Example('<img src="a.png" alt="{{' + "A long description of a food web " * 9 + '}}">'),
        Example('<img src="a.png" alt="{{A food web: grass feeds rabbits, rabbits feed foxes and hawks}}">',
                options={"max_length": 50}),
        Example('<img src="a.png" alt="A food web: grass feeds rabbits, rabbits feed foxes and hawks">'),
        Example('<img src="a.png" alt="A brown bear stands in a shallow river with a salmon in its mouth, '
                'water splashing around its legs. Behind it, two more bears wait on the rocks at the edge of '
                'the falls.">', note="two sentences (205 characters)"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        limit = int(ctx.option(self, "max_length"))
        for info in images(ctx):
            if info.status != "described" or info.source not in ("alt", "aria-label", "title"):
                continue
            if len(info.name) > limit:
                yield at_name(doc, info, f"The alt text is {len(info.name)} characters long (more than "
                                         f"{limit}, about two sentences). Alt text is read as one item, with "
                                         "no paragraphs or lists to move by, and sighted students never see it.",
                              suggestion="Keep the alt text to the one or two key points, and move the detail "
                                         "into a caption, a paragraph next to the image, or a <details> "
                                         "description linked with aria-describedby, where everyone can read "
                                         "it.")


class ImageAltRepeatsText(MarkupRule):
    """Alt text that repeats the caption or link text next to it word for word makes a screen reader user
    hear the same thing twice and still learn nothing the caption did not say.

    Fires when the text alternative equals, word for word (ignoring case and punctuation, a "Figure 3"
    label and a trailing credit), the ``<figcaption>`` of its figure (in Markdown, or outside a figure: the
    paragraph right after the image when it starts with "Figure N"), the other text of the link or button
    the image is in, or the other text of the paragraph, list item or table cell it is in (an icon with alt
    "Hydrogen" next to the word "Hydrogen"). Images marked decorative (alt="", or role="presentation"/"none"
    where browsers honour it) are not checked: they are not read.

    Does not fire when the alt adds to the caption, or when only a few words overlap.

    axe-core: like ``image-redundant-alt`` (best practice), which compares alt text with the text of the
    enclosing link or button; we also compare it with the figure caption.
    """

    id = "A107"
    name = "image-alt-repeats-text"
    category = "accessibility"
    severity = "warning"
    summary = "Alt text repeats the caption or link text"
    references = (SC_111,)
    examples = (
        Example('<figure><img src="a.png" alt="{{The water cycle}}"><figcaption>Figure 1. The water cycle.'
                '</figcaption></figure>'),
        Example('<a href="frogs.html"><img src="frog.png" alt="{{Frog life cycle}}"> Frog life cycle</a>'),
        Example('<figure><img src="a.png" alt="Water evaporates from the sea, forms clouds and falls as rain">'
                '<figcaption>Figure 1. The water cycle.</figcaption></figure>'),
        Example('<a href="frogs.html"><img src="frog.png" alt=""> Frog life cycle</a>'),
        Example('<table><tr><td><img src="h.png" alt="{{Hydrogen}}"> Hydrogen</td></tr></table>'),
        Example('<ul><li><img src="h.png" alt=""> Hydrogen</li></ul>', note="presentational: not read"),
        Example('<p><img src="h.png" alt="Hydrogen" role="presentation"> Hydrogen</p>',
                note="role=presentation: browsers do not expose the image, so its alt is not read"),
        Example('<p><img src="h.png" alt="A hydrogen atom: one proton, one electron"> Hydrogen</p>'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for info in images(ctx):
            if info.status != "described" or info.source in ("content", "aria-labelledby") or _presentational(info):
                continue
            alt = normalise(strip_figure_label(info.name))
            if not alt:
                continue
            if info.caption and alt == normalise(strip_figure_label(info.caption)):
                yield at_name(doc, info, "The alt text repeats the figure caption word for word, so a screen "
                                         "reader reads the same words twice.",
                              suggestion="Use the alt text for what the caption does not say: what the picture "
                                         "shows. If the caption already describes it fully, keep the alt short.")
            elif info.link is not None and info.link_text and alt == normalise(info.link_text):
                yield at_name(doc, info, "The alt text repeats the link text next to it, so a screen reader "
                                         "reads it twice.",
                              suggestion="Use alt=\"\" here: the link text already says where the link goes.")
            elif info.link is None and info.container_text and alt == normalise(info.container_text):
                yield at_name(doc, info, "The alt text repeats the text next to it, so a screen reader reads the "
                                         "same words twice.",
                              suggestion="Use alt=\"\" if the picture adds nothing to the text, or describe what "
                                         "it shows that the text does not.")


_URL_SCHEME = re.compile(r"(https?://|ftp://|www\.)\S+", re.IGNORECASE)
_URL_DOMAIN = re.compile(r"\b[\w-]+(\.[\w-]+)*\.(com|org|net|edu|gov|io|co\.uk)(/\S*)?\b", re.IGNORECASE)
_DOTTED = re.compile(r"[\w-]+(?:\.[\w-]+)*")
_WORD_CHAR = re.compile(r"\w")


def find_url(text: str) -> str | None:
    r"""The first web address in ``text``: a scheme or ``www.`` address, or a bare domain ("nasa.gov").

    Same result as searching ``scheme\S+|\b[\w-]+(\.[\w-]+)*\.(com|...)(/\S*)?\b``, but a bare domain is
    tried once per dotted run (``a-b.c-d.e``), from its first letter: if it fails there it fails from every
    later start in the run, and retrying each of them made ``a-a-a-...`` alt text quadratic.
    """
    scheme = _URL_SCHEME.search(text)
    limit = scheme.start() if scheme else len(text)
    for run in _DOTTED.finditer(text, 0, limit):
        first = _WORD_CHAR.search(text, run.start(), run.end())
        if first is None:
            continue
        if first.start() >= limit:
            break
        domain = _URL_DOMAIN.match(text, first.start())
        if domain:
            return domain.group(0)
    return scheme.group(0) if scheme else None


class ImageAltUrlOrCredit(MarkupRule):
    """A web address or a photo credit in the alt text is read out to a blind student instead of a
    description of the picture; credits belong in a caption or credit line that everyone can see.

    Fires when the text alternative contains a web address (``https://...``, ``www...``, ``nasa.gov``) or
    when one of its sentences is an attribution: "Photo by ...", "Image courtesy of ...", "Credit: NASA",
    "© 2024 ...", "Source: ...", "CC BY 4.0", a stock-photo agency name (patterns in
    ``rules/accessibility/alt-text.toml``).

    Does not fire on descriptions that mention an organisation ("NASA's Curiosity rover on Mars") or the
    word "credit" in another sense ("A student earns extra credit").

    axe-core: no equivalent rule.
    """

    languages = ENGLISH

    id = "A108"
    name = "image-alt-url-or-credit"
    category = "accessibility"
    severity = "warning"
    summary = "Alt text is a web address or a credit"
    references = (SC_111,)
    examples = (
        Example('<img src="a.png" alt="{{https://example.org/images/cell.png}}">'),
        Example('<img src="a.png" alt="{{Photo by Jane Doe}}">'),
        Example('<img src="a.png" alt="{{Credit: NASA}}">'),
        Example('<img src="a.png" alt="{{© 2021 Science Press}}">'),
        Example('<img src="a.png" alt="{{A red fox in snow. Photo courtesy of the Forest Service.}}">'),
        Example('<img src="a.png" alt="NASA\'s Curiosity rover on the surface of Mars">'),
        Example('<img src="a.png" alt="A student earns extra credit for a model volcano">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        credits = [re.compile(p, re.IGNORECASE) for p in terms()["credit"]["patterns"]]
        trailing = [re.compile(p, re.IGNORECASE) for p in terms()["credit"].get("trailing_patterns", [])]
        for info in images(ctx):
            if info.status != "described" or info.source == "content":
                continue
            url = find_url(info.name)
            if url:
                yield at_name(doc, info, f"The alt text contains a web address ({quoted(url)}), which a "
                                         "screen reader reads out instead of describing the image.",
                              suggestion="Describe what the image shows; put any link or source in the visible "
                                         "text or caption.")
                continue
            for i, sentence in enumerate(_SENTENCE.split(info.name)):
                sentence = sentence.strip().strip("()[]").strip()
                if any(p.fullmatch(sentence) for p in credits) or (
                        i and any(p.fullmatch(sentence) for p in trailing)):
                    yield at_name(doc, info, f"The alt text contains a credit ({quoted(sentence)}); a screen reader "
                                             "reads it instead of, or on top of, a description of the image.",
                                  suggestion="Move the credit to the caption or a credit line, and use the alt "
                                             "text to describe what the image shows.")
                    break


class ImageComplexNoLongDescription(MarkupRule):
    """Charts, graphs, diagrams, maps and data tables shown as pictures carry more than a short alt text can
    hold; students who cannot see them need a longer description (the data, the trend, the labelled parts).

    An image is complex when a word like chart, graph, diagram, map, plot, data table, infographic,
    flowchart, timeline, food web or Punnett square (list in ``rules/accessibility/alt-text.toml``) is among the
    first words of its alt text or caption ("A bar graph of rainfall..."), is in its file name
    (``rainfall-graph.png``), or the text right before it introduces it ("The graph below shows...").
    It has a long description when it has a ``longdesc``, an ``aria-describedby`` target of at least ten words,
    a ``<details>`` in its figure or right after it, a figure caption of at least twenty words, or a
    paragraph right before or after it of at least thirty words that refers to it ("Figure 3 shows...",
    "the graph shows").

    Fires on complex images with a text alternative but none of those. Does not fire when the alt text is
    itself over A106's length limit (A106 already asks for the detail to move into a long description), on
    decorative images, or on images without alt text (A101 reports those).

    axe-core: no equivalent (this needs reading, not rendering). WCAG technique G92 / W3C WAI "Complex images"
    tutorial.
    """

    languages = ENGLISH

    id = "A109"
    name = "image-complex-no-long-description"
    category = "accessibility"
    severity = "warning"
    summary = "Complex image has no long description"
    references = (SC_111, "W3C WAI Images Tutorial: Complex Images")
    examples = (
        Example('{{<img src="rain.png" alt="Bar graph of rainfall in Denver">}}'),
        Example('<figure>{{<img src="foodweb-diagram.png" alt="Pond food web">}}<figcaption>Figure 2.</figcaption>'
                '</figure>'),
        Example("{{![Line graph of temperature over a day](temp.png)}}", format="markdown"),
        Example('<figure><img src="rain.png" alt="Bar graph of rainfall in Denver"><figcaption>Figure 1. Rainfall '
                'in Denver by month. It is lowest in January at 10 mm, rises to a peak of 60 mm in May, and '
                'falls again through the autumn.</figcaption></figure>'),
        Example('<img src="rain.png" alt="Bar graph of rainfall in Denver" aria-describedby="d">'
                '<p id="d">Rainfall is lowest in January at 10 mm and highest in May at 60 mm; the summer '
                'months are dry.</p>'),
        Example('<img src="fox.jpg" alt="A red fox standing in the snow">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        limit = int(ctx.option(ImageAltTooLong, "max_length"))
        for info in images(ctx):
            if info.status != "described" or not info.complex_kind or info.long_description:
                continue
            if info.source in ("alt", "aria-label", "title") and len(info.name) > limit:
                continue
            yield at_tag(doc, info, f"This looks like a {info.complex_kind} (from its {info.complex_from}), but "
                                    "it has no long description, so students who cannot see it miss the data "
                                    "or relationships it shows.",
                         suggestion="Keep the alt text short and add a longer description: a caption or nearby "
                                    "paragraph that gives the key values and trend, a <details> element, or "
                                    "text linked with aria-describedby. For a chart, a data table works too.")


#: A103-A109 judge the quality of a text alternative: the coverage score counts an image they report as partly
#: described (analysis.ALT_QUALITY_RULES)
RULES = (ImageAltMissing, ImageDecorativeSuspicious, ImageAltFilename, ImageAltPlaceholder, ImageAltRedundantLeadIn,
         ImageAltTooLong, ImageAltRepeatsText, ImageAltUrlOrCredit, ImageComplexNoLongDescription)
