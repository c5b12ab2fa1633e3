"""Reporters only format: they get the finished results and write text. Register new formats here.

Every reporter is ``write(results, summary, out, *, color=None, width=None, quiet=False, settings=None,
notes=None)``; it ignores the keyword arguments it does not need (``color``, ``width`` and ``quiet`` are the
command line's choices for reports people read in a terminal). ``statistics`` has the same shape but is not a
format: ``--statistics`` writes it in place of the chosen format's report.

A reporter's module is imported when its format is first looked up, not before: a run that writes JSON never
imports rich (the terminal report) or the HTML report's assets, which is a tenth of a second of start-up.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

Reporter = Callable[..., None]

#: Format name -> the module (in this package) whose ``write`` writes it; the order is the one help lists.
MODULES = {
    "terminal": "terminal",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "markdown": "markdown",
    "concise": "concise",
    "html": "html",
}


class _Formats(Mapping[str, Reporter]):
    """The reporters by format name, each module imported on first use."""

    def __getitem__(self, name: str) -> Reporter:
        module = importlib.import_module(f"{__name__}.{MODULES[name]}")
        return module.write

    def __contains__(self, name: object) -> bool:  # (without importing the module)
        return name in MODULES

    def __iter__(self) -> Iterator[str]:
        return iter(MODULES)

    def __len__(self) -> int:
        return len(MODULES)


FORMATS: Mapping[str, Reporter] = _Formats()
