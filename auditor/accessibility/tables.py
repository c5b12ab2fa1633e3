"""Data tables have header cells (A209), so a screen reader can say which row and column a value is in, and their
title in a caption (A218), so it is the table's name."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.accessibility import word
from auditor.accessibility.accname import aria_role, is_hidden
from auditor.accessibility.analysis import quoted
from auditor.accessibility.elements import at_tag, elements
from auditor.rule import Example, MarkupRule, Problem


def data_tables(doc) -> Iterator:
    """The tables a screen reader treats as data: shown, not marked as layout (role="presentation"/"none"), and
    not nested in another table (almost always layout)."""
    if doc.soup is None:
        return
    for table in elements(doc, "table"):
        if table.sourceline is None or aria_role(table) in ("presentation", "none") or is_hidden(table):
            continue
        if table.find_parent("table") is None:
            yield table


def _rows(table) -> list:
    """The table's own rows (not those of tables nested in it), in order."""
    return [r for r in table.find_all("tr") if r.find_parent("table") is table]


def _span(cell) -> int:
    value = str(cell.get("colspan") or "1").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 1000 else 1


class TableHeaders(MarkupRule):
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

    Word documents: a table whose first row is not marked as a header row ("Repeat Header Rows", which is how
    Word tells assistive technology about headers), with the same size thresholds.
    """

    id = "A209"
    name = "table-headers"
    category = "accessibility"
    severity = "warning"
    summary = "Data table has no header cells"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A)",)
    formats = frozenset({"html", "docx"})
    examples = (
        Example("{{<table>}}<tr><td>Plant</td><td>Height</td></tr><tr><td>A</td><td>4 cm</td></tr></table>"),
        Example("<table><tr><th>Plant</th><th>Height</th></tr><tr><td>A</td><td>4 cm</td></tr></table>"),
        Example('<table role="presentation"><tr><td>Left</td><td>Right</td></tr><tr><td>a</td><td>b</td></tr>'
                '</table>'),
        Example("<table><tr><td>Only one row</td><td>of cells</td></tr></table>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        if doc.format == "docx":
            yield from word.table_problems(doc)
            return
        for table in data_tables(doc):
            rows = _rows(table)
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



class TableTitleInRow(MarkupRule):
    """A table's title belongs in ``<caption>``: that makes it the table's name, which a screen reader announces
    when students reach the table and lists in its table navigation. A title written as the table's first row,
    one cell wide across the table, is none of that: the table has no name, and when the cell is a ``<th>`` the
    title is read as the heading of every column, before each real one.

    Fires on a data table whose first row is a single cell (``<th>`` or ``<td>``) with a short text (at most 20
    words), followed by at least two rows of two or more cells, when the table has no caption and no
    ``aria-label``/``aria-labelledby``. Skips layout tables (``role="presentation"``/``"none"``), hidden tables and
    tables nested in another table.

    axe-core has no equivalent (it does not judge which cell is a title). WCAG technique H39 (using caption
    elements to associate data table captions with data tables) is the fix.
    """

    id = "A218"
    name = "table-title-in-row"
    category = "accessibility"
    severity = "warning"
    summary = "Table title is a row, not a caption"
    references = ("WCAG 2.2 SC 1.3.1 Info and Relationships (Level A), technique H39",)
    formats = frozenset({"html"})
    examples = (
        Example("<table><tr>{{<th colspan=\"2\">}}Plant heights</th></tr><tr><th>Plant</th><th>Height</th></tr>"
                "<tr><td>A</td><td>4 cm</td></tr></table>"),
        Example("<table><caption>Plant heights</caption><tr><th>Plant</th><th>Height</th></tr>"
                "<tr><td>A</td><td>4 cm</td></tr></table>"),
        Example("<table><tr><th>Plant</th><th>Height</th></tr><tr><td>A</td><td>4 cm</td></tr>"
                "<tr><td>B</td><td>6 cm</td></tr></table>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        for table in data_tables(doc):
            if table.get("aria-label", "").strip() or table.get("aria-labelledby", "").strip():
                continue
            caption = table.find("caption")
            if caption is not None and caption.find_parent("table") is table and caption.get_text(strip=True):
                continue
            rows = _rows(table)
            if len(rows) < 3:
                continue
            first = rows[0].find_all(["td", "th"], recursive=False)
            rest = [sum(_span(c) for c in r.find_all(["td", "th"], recursive=False)) for r in rows[1:]]
            if len(first) != 1 or first[0].sourceline is None or sum(1 for w in rest if w >= 2) < 2:
                continue
            if _span(first[0]) not in (1, max(rest)) and _span(first[0]) < max(rest):
                continue  # a cell spanning only some columns is a group heading, not the table's title
            title = " ".join(first[0].get_text(" ").split())
            if not title or len(title.split()) > 20 or first[0].find(["table", "ul", "ol", "img"]) is not None:
                continue
            yield at_tag(doc, first[0], f"The table's title {quoted(title)} is written as its first row, not as a "
                                        "caption: the table has no name for screen readers to announce, and the "
                                        "title is read as a header of the cells below it.",
                         suggestion=f"Put the title in a caption right after <table> (<caption>{title}</caption>) "
                                    "and remove the row.")


RULES = (TableHeaders, TableTitleInRow)
