"""Rules about text alternatives for images."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.accessibility.analysis import accessible_name, is_decorative
from auditor.rule import Example, Problem, Rule


class ImageAltMissing(Rule):
    """An image that carries information needs a text alternative, or a blind student loses it.

    Fires on ``<img>``, ``<input type="image">``, ``<area>`` and ``<embed>`` with no ``alt`` (and no
    ``aria-label``, ``aria-labelledby`` or ``title``), and on Markdown images with empty brackets
    (``![](cell.png)``), which Markdown cannot mark as decorative.

    Does not fire on images marked decorative: ``alt=""``, ``role="presentation"``/``"none"`` or
    ``aria-hidden="true"``. Same verdicts as axe-core's ``image-alt`` rule for these cases.
    """

    id = "A101"
    name = "image-alt-missing"
    category = "accessibility"
    severity = "error"
    summary = "Image has no text alternative"
    references = ("WCAG 2.2 SC 1.1.1 Non-text Content (Level A)",)
    examples = (
        Example('<img src="cell.png">', fails=True),
        Example("![](cell.png)", fails=True, format="markdown"),
        Example('<img src="cell.png" alt="A plant cell with its nucleus, chloroplasts and cell wall labelled">',
                fails=False),
        Example('<img src="divider.png" alt="">', fails=False, note="decorative"),
        Example('<img src="icon.png" aria-label="Safety: wear goggles">', fails=False),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for image in doc.images:
            if image.kind not in ("img", "input", "area", "embed", "markdown"):
                continue
            if is_decorative(image) or accessible_name(image):
                continue
            name = (image.src or "").rsplit("/", 1)[-1] or "this image"
            what = "Markdown image" if image.kind == "markdown" else f"<{image.kind}>"
            yield Problem(
                span=doc.span(image.start, image.end),
                text=doc.source[image.start:image.end],
                message=f"The {what} {name!r} has no text alternative, so students using a screen reader "
                        "miss what it shows.",
                suggestion="Describe what the image shows and why it matters in the alt text, or use alt=\"\" "
                           "if it is purely decorative." if image.kind != "markdown" else
                           "Put a short description between the brackets: ![description](...).",
            )
