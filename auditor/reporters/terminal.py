"""The report people read in a terminal: per file a score summary, then findings grouped by category.

Colour only when writing to a terminal and ``NO_COLOR`` is unset; otherwise the same layout in plain text.
"""
from __future__ import annotations

import os
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape

from auditor.engine import FileError, FileReport
from auditor.rule import CATEGORIES

LABELS = {"accessibility": "Accessibility", "readability": "Readability", "language": "Inclusive language",
          "representation": "Representation"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _score(value: float | None) -> str:
    if value is None:
        return "[dim]n/a[/]"
    style = "green" if value >= 85 else "yellow" if value >= 60 else "red"
    return f"[{style}]{value:g}[/]"


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _people_line(people: list[dict[str, Any]]) -> str:
    parts = []
    for p in people[:8]:
        facts = []
        if p["gender"] != "unknown":
            facts.append(f"{p['gender']} ({p['gender_source']})")
        if p.get("region", "unknown") != "unknown":
            facts.append(f"{p['region']} ({p.get('region_source', 'knowledge-base')})")
        if p.get("born"):
            facts.append(f"born {p['born']}")
        role = "scientist" if p["scientist"] else "person"
        parts.append(f"{p['name']} [{role}{'; ' + '; '.join(facts) if facts else ''}]")
    more = f" and {len(people) - 8} more" if len(people) > 8 else ""
    return ", ".join(parts) + more


def _file(console: Console, report: FileReport) -> None:
    console.print(f"[bold]{escape(report.path)}[/]  [dim]({report.format})[/]")
    scores = report.scores
    console.print("  Inclusion score " + _score(scores.get("inclusion")) + "   " + " · ".join(
        f"{LABELS[c]} {_score(scores.get(c))}" for c in CATEGORIES))
    images = report.analyses.get("accessibility")
    if images and images["total"]:
        coverage = "n/a" if images["coverage"] is None else f"{images['coverage']:.0%}"
        console.print(f"  Images: {images['total']} — {images['described']} described, {images['decorative']} "
                      f"decorative, {images['missing']} missing a description (coverage {coverage})")
    reading = report.analyses.get("readability")
    if reading and reading.get("grade") is not None:
        note = "" if reading.get("reliable", True) else " — too short for a reliable estimate"
        console.print(f"  Reading level: grade {reading['grade']:g} for a {reading['band']} band "
                      f"(band from {reading['band_source']}), {reading['words']:,} words{note}")
    people = report.analyses.get("representation")
    if people is not None:
        console.print("  People: " + (escape(_people_line(people)) if people else "none named"))
    for warning in report.warnings:
        console.print(f"  [yellow]note:[/] {escape(warning)}")
    if not report.findings:
        console.print("  [green]No findings.[/] Nice work.\n")
        return
    for category in CATEGORIES:
        group = [f for f in report.findings if f.category == category]
        if not group:
            continue
        console.print(f"\n  [bold underline]{LABELS[category]}[/] ({len(group)})")
        for f in group:
            where = f"{f.span.line}:{f.span.column}"
            console.print(f"    {where:<8} [{SEVERITY_STYLE[f.severity]}]{f.severity:<7}[/] [dim]{f.rule}[/] "
                          f"{escape(f.message)}")
            if f.text:
                console.print(f"             [dim]“{escape(_clip(f.text))}”[/]")
            if f.suggestion:
                console.print(f"             [green]→ {escape(f.suggestion)}[/]")
    console.print()


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, *,
          color: bool | None = None, **_: Any) -> None:
    if color is None:
        color = out.isatty() and "NO_COLOR" not in os.environ
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True,
                      emoji=False, width=120 if not color else None)
    for result in results:
        if isinstance(result, FileReport):
            _file(console, result)
    for result in results:
        if isinstance(result, FileError):
            console.print(f"[red]error:[/] {escape(result.path)}: {escape(result.message)}")
    run = summary.get("run_findings", [])
    if run:
        console.print("[bold](all files)[/]")
        for f in run:
            console.print(f"  [{SEVERITY_STYLE[f['severity']]}]{f['severity']:<7}[/] [dim]{f['rule']}[/] "
                          f"{escape(f['message'])}")
            if f.get("suggestion"):
                console.print(f"          [green]→ {escape(f['suggestion'])}[/]")
        console.print()
    counts = summary["findings"]
    scores = summary["scores"]
    console.print(
        f"[bold]Summary:[/] {summary['files']} file{'s' if summary['files'] != 1 else ''} audited · "
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''} · {counts['warning']} "
        f"warning{'s' if counts['warning'] != 1 else ''} · {counts['info']} info · inclusion score "
        f"{_score(scores.get('inclusion'))}")
