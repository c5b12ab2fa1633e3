"""Form fields have labels (A213), and the ids that labels and ARIA attributes point to are unique (A214)."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.accessibility.accname import accessible_name, aria_role, content_text, is_hidden
from auditor.accessibility.analysis import quoted
from auditor.accessibility.elements import at_tag, elements
from auditor.rule import Example, MarkupRule, Problem

_UNLABELLED_TYPES = frozenset({"hidden", "submit", "reset", "button", "image"})


class FormLabel(MarkupRule):
    """Worksheet answer boxes, checkboxes and menus need labels, or a screen reader says only "edit text"
    and the student does not know what to type.

    Fires on ``<input>`` (except hidden, submit, reset, button and image), ``<select>`` and ``<textarea>``
    with no label: not wrapped in a ``<label>`` with text, no ``<label for=id>`` with text, no
    ``aria-label``/``aria-labelledby`` (text), no ``title`` and no ``placeholder``. Skips controls with
    ``aria-hidden`` or ``hidden``, and with ``role="presentation"``/``"none"`` only when they are disabled:
    browsers ignore that role on a focusable control (ARIA conflict resolution).

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
        Example('<p>Your prediction: {{<input type="text" name="p">}}</p>'),
        Example('<label for="h"></label>{{<input id="h">}}'),
        Example("{{<select>}}<option>Yes</option></select>"),
        Example('<label>Your prediction <input type="text"></label>'),
        Example('<label for="h">Height (cm)</label><input id="h" type="number">'),
        Example('<input type="text" aria-label="Height in centimetres">'),
        Example('<input type="submit" value="Check"><input type="hidden" name="x">'),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        labels_for: dict[str, list] = {}
        for label in elements(doc, "label"):
            if label.get("for"):
                labels_for.setdefault(label["for"], []).append(label)
        for control in elements(doc, "input", "select", "textarea"):
            if control.sourceline is None or is_hidden(control) or aria_role(control) in ("presentation", "none"):
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


class DuplicateIdAria(MarkupRule):
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
        Example('<p id="q">Height?</p>{{<p id="q">}}Width?</p><input aria-labelledby="q">'),
        Example('<label for="a">Mass</label><input id="a">{{<input id="a" aria-label="Volume">}}'),
        Example('<p id="q1">Height?</p><p id="q2">Width?</p><input aria-labelledby="q1">'),
        Example('<p id="x">One</p><p id="x">Two</p>', note="not referenced"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.soup is None:
            return
        referenced: set[str] = set()
        for tag in elements(doc):
            attrs = tag.attrs
            if not attrs:
                continue
            for attr in ("aria-labelledby", "aria-describedby"):
                if attr in attrs:
                    referenced.update(attrs[attr].split())
            if tag.name == "label" and attrs.get("for"):
                referenced.add(attrs["for"].strip())
        if not referenced:
            return
        seen: set[str] = set()
        for tag in elements(doc):
            ident = tag.get("id")
            if ident is None:
                continue
            if ident not in referenced or tag.sourceline is None:
                continue
            if ident in seen:
                yield at_tag(doc, tag, f"The id {quoted(ident)} is used more than once, and a label or ARIA attribute "
                                       "points to it; browsers use only the first, so this one is ignored.",
                             suggestion="Give each element its own id and update the reference.")
            seen.add(ident)



RULES = (FormLabel, DuplicateIdAria)
