"""Reporters only format: they get the finished results and write text. Register new formats here."""
from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from auditor.reporters import json_report, terminal

Reporter = Callable[..., None]

FORMATS: dict[str, Reporter] = {
    "terminal": terminal.write,
    "json": json_report.write,
}
