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


#: ARIA 1.2 global states and properties (axe-core 4.14's list): any of them on an element cancels
#: role="none"/"presentation" (ARIA 1.2, 'Presentational Roles Conflict Resolution')
GLOBAL_ARIA = frozenset({
    "aria-atomic", "aria-braillelabel", "aria-brailleroledescription", "aria-busy", "aria-controls",
    "aria-current", "aria-describedby", "aria-description", "aria-details", "aria-disabled", "aria-dropeffect",
    "aria-errormessage", "aria-flowto", "aria-grabbed", "aria-haspopup", "aria-hidden", "aria-invalid",
    "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-live", "aria-owns", "aria-relevant",
    "aria-roledescription",
})
_DISABLEABLE = frozenset({"button", "input", "select", "textarea", "fieldset", "optgroup", "option"})
_TABINDEX = re.compile(r"^\s*[+-]?\d+\s*$")


def focusable(name: str, attrs) -> bool:
    """Whether a browser can focus the element (as axe-core's isFocusable decides from markup): a link or
    area with href, a form control that is not hidden or disabled, a summary, a button, or any element with
    a numeric tabindex."""
    if name in _DISABLEABLE and "disabled" in attrs:
        return False
    if name in ("a", "area") and "href" in attrs:
        return True
    if name == "input":
        return str(attrs.get("type", "")).strip().lower() != "hidden"
    if name in ("textarea", "select", "summary", "button"):
        return True
    return _TABINDEX.match(str(attrs.get("tabindex", ""))) is not None


def presentation_ignored(name: str, attrs) -> bool:
    """ARIA's conflict resolution: browsers ignore role="none"/"presentation" on an element that is
    focusable or has a global ARIA attribute, and expose it with its own role (which then needs a name)."""
    return focusable(name, attrs) or any(a in GLOBAL_ARIA for a in attrs)


def aria_role(tag) -> str:
    """The element's explicit role (the first of a list), lower-case; '' when it has none, or when it is
    "none"/"presentation" and browsers ignore that (conflict resolution)."""
    role = tag.get("role", "").strip().lower().split(" ")[0] if tag.get("role") else ""
    if role in ("none", "presentation") and presentation_ignored(tag.name, tag.attrs):
        return ""
    return role


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


def label_text(doc: Document, control) -> str:
    """Text of the <label> elements of a form control: the label around it, and labels whose ``for`` is its
    id (HTML-AAM: a labelable element's name comes from its labels)."""
    texts = []
    wrapper = control.find_parent("label")
    if wrapper is not None:
        texts.append(content_text(wrapper, doc))
    ident = attr(control, "id")
    if ident and doc.soup is not None:
        texts += [content_text(label, doc) for label in doc.soup.find_all("label", attrs={"for": ident})]
    return _WS.sub(" ", " ".join(texts)).strip()
