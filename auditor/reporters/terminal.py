"""The report people read in a terminal: per file a score summary, then findings grouped by category.

Colour only when writing to a terminal and ``NO_COLOR`` is unset; otherwise the same layout in plain text.
"""
from __future__ import annotations

import os
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape

from auditor.grades import band_top
from auditor.results import CATEGORIES, FileError, FileReport

LABELS = {"accessibility": "Accessibility", "readability": "Readability", "language": "Inclusive language",
          "representation": "Representation", "equity": "Equity", "suppression": "Suppression comments"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _score(value: float | None) -> str:
    if value is None:
        return "[dim]n/a[/]"
    style = "green" if value >= 85 else "yellow" if value >= 60 else "red"
    return f"[{style}]{value:g}[/]"


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _people_lines(people: list[dict[str, Any]], limit: int = 8) -> list[str]:
    """One line per person: role, then each known attribute with where it came from."""
    scientists = sum(1 for p in people if p.get("scientist"))
    lines = [f"People: {len(people)} {'person' if len(people) == 1 else 'people'} named, {scientists} featured as "
             f"scientist{'' if scientists == 1 else 's'}"]
    for p in people[:limit]:
        facts = [p.get("role") or ("scientist" if p.get("scientist") else "person")]
        sources = set()
        for key in ("gender", "region"):
            if p.get(key, "unknown") != "unknown":
                facts.append(str(p[key]))
                sources.add(p.get(f"{key}_source", "?"))
        if p.get("born") is not None:
            facts.append(f"born {p['born']}")
            sources.add(p.get("born_source", "?"))
        unknown = [k for k in ("gender", "region") if p.get(k, "unknown") == "unknown"]
        where = f" (from the {' and '.join(sorted(sources))})" if sources else ""
        missing = f"; {' and '.join(unknown)} unknown" if unknown else ""
        lines.append(f"  {p['name']} — {', '.join(facts)}{where}{missing}")
    if len(people) > limit:
        lines.append(f"  and {len(people) - limit} more (see the JSON report)")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _images_line(images: dict[str, Any]) -> str:
    coverage = "n/a" if images.get("coverage") is None else f"{images['coverage']:.0%}"
    parts = [f"{images.get('described', 0)} described"]
    if images.get("with_quality_findings"):
        parts[0] += f" ({images['with_quality_findings']} with alt text to improve)"
    parts += [f"{images.get('decorative', 0)} decorative", f"{images.get('missing', 0)} missing a description"]
    return f"Images: {images['total']} — {', '.join(parts)} (coverage {coverage})"


def _reading_lines(reading: dict[str, Any]) -> list[str]:
    grade, raw = reading["grade"], reading.get("raw_grade")
    adjusted = f" ({raw:g} before counting defined terms as everyday words)" if raw not in (None, grade) else ""
    note = "" if reading.get("reliable", True) else " — too short for a reliable estimate"
    lines = [f"Reading level: grade {grade:g}{adjusted} for a {reading['band']} band "
             f"(band from {reading['band_source']}), {reading['words']:,} words{note}"]
    top = band_top(reading["band"])
    hard = [s for s in reading.get("sections", []) if s.get("reliable") and s.get("grade") is not None
            and top is not None and s["grade"] > top + 0.5]
    if hard:
        listed = "; ".join(f"“{_clip(s['heading'], 40)}” grade {s['grade']:g} (line {s['line']})" for s in hard[:4])
        more = f" and {len(hard) - 4} more" if len(hard) > 4 else ""
        lines.append(f"  Sections above the band: {listed}{more}")
    terms = reading.get("defined_terms") or []
    if terms:
        shown = ", ".join(terms[:8]) + (f" and {len(terms) - 8} more" if len(terms) > 8 else "")
        lines.append(f"  Defined science terms (counted as everyday words): {shown}")
    return lines


def _places_line(places: dict[str, Any]) -> str:
    regions = ", ".join(f"{r} {n}" for r, n in places.get("by_region", {}).items())
    top = places.get("top_country")
    share = f"; most in {top} ({places['top_country_share']:.0%})" if top and places["top_country_share"] >= 0.5 else ""
    return f"Places: {_plural(places['mentions'], 'mention')} — {regions}{share}"


def _file(console: Console, report: FileReport) -> None:
    console.print(f"[bold]{escape(report.path)}[/]  [dim]({report.format})[/]")
    scores = report.scores
    console.print("  Inclusion score " + _score(scores.get("inclusion")) + "   " + " · ".join(
        f"{LABELS[c]} {_score(scores.get(c))}" for c in CATEGORIES))
    images = report.blocks.get("images")
    if images and images["total"]:
        console.print("  " + escape(_images_line(images)))
    reading = report.blocks.get("reading")
    if reading and reading.get("grade") is not None:
        for line in _reading_lines(reading):
            console.print("  " + escape(line))
    people = report.blocks.get("people")
    if people is not None:
        for line in (_people_lines(people) if people else ["People: none named"]):
            console.print("  " + escape(line))
    places = report.blocks.get("places")
    if places and places.get("mentions"):
        console.print("  " + escape(_places_line(places)))
    for warning in report.warnings:
        console.print(f"  [yellow]note:[/] {escape(warning)}")
    if not report.findings:
        console.print("  [green]No findings.[/] Nice work.\n")
        return
    # the four scored categories first, then any other (``suppression``: S001 unused-suppression)
    extra = sorted({f.category for f in report.findings} - set(CATEGORIES))
    for category in (*CATEGORIES, *extra):
        group = [f for f in report.findings if f.category == category]
        if not group:
            continue
        console.print(f"\n  [bold underline]{LABELS.get(category, category.capitalize())}[/] ({len(group)})")
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
