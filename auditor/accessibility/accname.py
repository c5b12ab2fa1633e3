"""What assistive technology hears of an HTML element: whether it is hidden, its ARIA role, and its accessible
name (the parts of W3C accname 1.2 that static HTML allows: aria-labelledby, aria-label, name from content,
title). The page rules (headings, links, frames, forms) all judge elements by these."""
from __future__ import annotations

import re

from auditor.document import Document
from auditor.loaders.html import id_index, labelledby_text

_WS = re.compile(r"\s+")
_HIDDEN_TEXT = ("script", "style", "template", "noscript")
_INVISIBLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(tag) -> bool:
    """Hidden from everyone (``hidden``, inline display:none) or from assistive technology (aria-hidden)."""
    return (tag.get("aria-hidden", "").strip().lower() == "true" or tag.has_attr("hidden")
            or bool(_INVISIBLE.search(tag.get("style", ""))))


def aria_role(tag) -> str:
    """The element's explicit role (the first of a list), lower-case; '' when it has none."""
    return tag.get("role", "").strip().lower().split(" ")[0] if tag.get("role") else ""


def attr(tag, name: str) -> str:
    """An attribute as text ('' when absent); bs4 gives multi-valued attributes such as class as lists."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


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
            if child.name in _HIDDEN_TEXT or is_hidden(child):
                continue
            if doc is not None and attr(child, "aria-labelledby").strip():
                labelled = labelledby_text(doc, attr(child, "aria-labelledby"), id_index(doc))
                if labelled:
                    parts.append(f" {labelled} ")
                    continue
            if attr(child, "aria-label").strip():
                parts.append(f" {attr(child, 'aria-label')} ")
            elif child.name in ("img", "area") or (child.name == "input" and attr(child, "type").lower() == "image"):
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
    if attr(tag, "aria-labelledby").strip():
        text = labelledby_text(doc, attr(tag, "aria-labelledby"), id_index(doc))
        if text:
            return text, "aria-labelledby"
    if attr(tag, "aria-label").strip():
        return _WS.sub(" ", attr(tag, "aria-label")).strip(), "aria-label"
    if from_content:
        text = content_text(tag, doc)
        if text:
            return text, "content"
    if attr(tag, "title").strip():
        return _WS.sub(" ", attr(tag, "title")).strip(), "title"
    return "", ""
