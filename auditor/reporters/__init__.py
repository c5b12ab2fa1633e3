"""Reporters only format: they get the finished results and write text. Register new formats here.

Every reporter is ``write(results, summary, out, *, color=None, width=None, quiet=False, settings=None,
notes=None)``; it ignores the keyword arguments it does not need (``color``, ``width`` and ``quiet`` are the
command line's choices for reports people read in a terminal). ``statistics`` has the same shape but is not a
format: ``--statistics`` writes it in place of the chosen format's report.
"""
from __future__ import annotations

from collections.abc import Callable

from auditor.reporters import concise, github, gitlab, html, json_report, junit, markdown, sarif, terminal

Reporter = Callable[..., None]

FORMATS: dict[str, Reporter] = {
    "terminal": terminal.write,
    "json": json_report.write,
    "sarif": sarif.write,
    "github": github.write,
    "gitlab": gitlab.write,
    "junit": junit.write,
    "markdown": markdown.write,
    "concise": concise.write,
    "html": html.write,
}
