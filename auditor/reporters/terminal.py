"""The report people read in a terminal, writer-first: the run's summary (scores in numbers and words, what to
fix first, the lowest-scoring files), then each file's details, with repeated findings of one rule in a file on
one line with their count and places, then a one-line recap.

The command line decides colour (``--color``, ``NO_COLOR``, ``FORCE_COLOR``), the width to wrap to and
``quiet`` (the summary and the files that could not be audited, nothing else); this module only lays out.
Text from documents goes into rich ``Text`` objects, never into markup, so it is shown as written.
"""
from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from auditor.grades import band_top
from auditor.reporters.digest import LEVEL_WORDS, by_rule, fix_first, level, most_severe, rule_summary
from auditor.reporters.safe import printable_data, printable_results
from auditor.results import CATEGORIES, FileError, FileReport, Finding

LABELS = {"inclusion": "Inclusion", "accessibility": "Accessibility", "readability": "Readability",
          "language": "Inclusive language", "representation": "Representation", "equity": "Equity",
          "suppression": "Suppression comments"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LEVEL_STYLE = {"good": "green", "fair": "yellow", "low": "red", "none": "dim"}
WIDTH = 100  # when the command line gives none (a file, a pipe)
LOWEST = 3  # files named under "lowest scores" in a run of several
PLACES = 40  # places listed on a group's line; the rest are counted
SHORT_QUOTE = 30  # a group lists each place's words when every one is at most this long
SUGGESTIONS = 3  # different suggestions shown for a group
SEV_WIDTH = 8  # "warning " column
INDENT = 4  # findings under a category heading
HANG = INDENT + SEV_WIDTH + 1  # continuation lines start under the rule id


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _score(value: float | None, words: bool = True) -> Text:
    lv = level(value)
    if value is None:
        return Text("not scored", style="dim")
    return Text(f"{value:g}" + (f" ({LEVEL_WORDS[lv]})" if words else ""), style=LEVEL_STYLE[lv])


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _counts(counts: dict[str, int]) -> str:
    return (f"{_plural(counts.get('error', 0), 'error')} · {_plural(counts.get('warning', 0), 'warning')} · "
            f"{counts.get('info', 0):,} info")


class _Out:
    """Paragraphs wrapped to the width, with a first-line indent and a hanging indent for the rest."""

    def __init__(self, console: Console, width: int) -> None:
        self.console = console
        self.width = width

    def para(self, text: Text | str, indent: int = 0, hang: int | None = None, style: str = "") -> None:
        text = Text(text, style=style) if isinstance(text, str) else text
        hang = indent if hang is None else hang
        room = max(20, self.width - max(indent, hang))
        for i, line in enumerate(text.wrap(self.console, room, overflow="fold")):
            line.rstrip()
            self.console.print(Text(" " * (indent if i == 0 else hang)) + line, soft_wrap=True)

    def blank(self) -> None:
        self.console.print()


# the run's summary -------------------------------------------------------------------------------------------

def _scores_line(scores: dict[str, Any], words: bool = True) -> Text:
    parts: list[Text] = []
    for c in CATEGORIES:
        parts.append(Text.assemble(f"{LABELS[c]} ", _score(scores.get(c), words)))
    return Text(" · ").join(parts)


def _summary(out: _Out, reports: list[FileReport], errors: list[FileError], summary: dict[str, Any]) -> None:
    scores = summary.get("scores", {})
    files = summary.get("files", len(reports))
    out.para(Text.assemble(("Inclusion score ", "bold"), _score(scores.get("inclusion"))), hang=2)
    out.para(_scores_line(scores), indent=2)
    counted = Text(f"{_plural(files, 'file')} audited: {_counts(summary.get('findings', {})).replace(' ·', ',')}")
    if errors:
        counted.append(f"; {_plural(len(errors), 'file')} could not be audited", style="red")
    out.para(counted, indent=2, hang=4)
    ranked = fix_first(f for r in reports for f in r.findings)
    if ranked:
        out.blank()
        out.para(Text("What to fix first", style="bold"))
        for i, (rule_id, fs) in enumerate(ranked, 1):
            sev = most_severe(fs)
            units = len({f.path for f in fs})
            where = _plural(len(fs), "place") + (f" in {_plural(units, 'file')}" if len(reports) > 1 else "")
            out.para(Text.assemble(f"{i}. ", (f"{sev:<{SEV_WIDTH}}", SEVERITY_STYLE[sev]),
                                   (rule_summary(rule_id), "bold"), f": {where} ",
                                   (f"({rule_id} {fs[0].name})", "dim")), indent=2, hang=5 + SEV_WIDTH)
    elif any(_scored(r) for r in reports) and not any(r.findings for r in reports):
        out.blank()
        out.para(Text("No findings. Nice work.", style="green"))
    scored = [r for r in reports if r.scores.get("inclusion") is not None]
    if len(scored) > 1:
        lowest = sorted(scored, key=lambda r: (r.scores["inclusion"], r.path))[:LOWEST]
        out.blank()
        line = Text("Lowest inclusion scores: ", style="bold")
        line.append_text(Text("; ").join(Text.assemble(r.path + " ", _score(r.scores.get("inclusion")))
                                         for r in lowest))
        out.para(line, hang=2)


def _scored(report: FileReport) -> bool:
    return any(v is not None for v in report.scores.values())


def _run_findings(out: _Out, run: list[dict[str, Any]]) -> None:
    out.blank()
    out.para(Text("About all the files together", style="bold"))
    for f in run:
        out.para(Text.assemble((f"{f['severity']:<{SEV_WIDTH}}", SEVERITY_STYLE[f["severity"]]),
                               (f["rule"], "dim"), " ", f["message"]), indent=INDENT, hang=HANG)
        if f.get("suggestion"):
            out.para(f"→ {f['suggestion']}", indent=HANG, hang=HANG + 2, style="green")


# one file ----------------------------------------------------------------------------------------------------

def _people_lines(people: list[dict[str, Any]], limit: int = 8) -> list[str]:
    """One line per person: role, then each known attribute with where it came from."""
    scientists = sum(1 for p in people if p.get("scientist"))
    lines = [f"People: {_plural(len(people), 'person', 'people')} named, {scientists} featured as "
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
        lines.append(f"  and {len(people) - limit} more (see the JSON or HTML report)")
    return lines


def _images_line(images: dict[str, Any]) -> str:
    coverage = "n/a" if images.get("coverage") is None else f"{images['coverage']:.0%}"
    parts = [f"{images.get('described', 0)} described"]
    if images.get("with_quality_findings"):
        parts[0] += f" ({images['with_quality_findings']} with alt text to improve)"
    parts += [f"{images.get('decorative', 0)} decorative", f"{images.get('missing', 0)} missing a description"]
    return f"Images: {images['total']} — {', '.join(parts)} (coverage {coverage})"


def _places_line(places: dict[str, Any]) -> str:
    regions = ", ".join(f"{r} {n}" for r, n in places.get("by_region", {}).items())
    top, share = places.get("top_country"), places.get("top_country_share") or 0
    most = f"; most in {top} ({share:.0%})" if top and share >= 0.5 else ""
    return f"Places: {_plural(places['mentions'], 'mention')} — {regions}{most}"


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


def _place(f: Finding) -> str:
    return f"paragraph {f.span.line}" if f.location_kind == "paragraph" else f"line {f.span.line}"


def _one(out: _Out, f: Finding) -> None:
    out.para(Text.assemble((f"{f.severity:<{SEV_WIDTH}}", SEVERITY_STYLE[f.severity]), (f.rule, "dim"),
                           f"  {_place(f)}  ", f.message), indent=INDENT, hang=HANG)
    if f.text:
        out.para(f"“{_clip(f.text)}”", indent=HANG, hang=HANG + 1, style="dim")
    if f.suggestion:
        out.para(f"→ {f.suggestion}", indent=HANG, hang=HANG + 2, style="green")


def _group(out: _Out, rule_id: str, fs: list[Finding]) -> None:
    """Several findings of one rule in a file: one line with the count and the places, then the suggestions
    (once when they are all the same; else each place's own, up to three)."""
    sev = most_severe(fs)
    quoted = all(f.text and len(" ".join(f.text.split())) <= SHORT_QUOTE for f in fs)
    same_line = len({f.span.line for f in fs}) < len(fs)  # then the column tells them apart
    places = [(f"{f.span.line}:{f.span.column}" if same_line else f"{f.span.line}")
              + (f" “{' '.join(f.text.split())}”" if quoted else "") for f in fs[:PLACES]]
    more = f" and {len(fs) - PLACES} more" if len(fs) > PLACES else ""
    out.para(Text.assemble((f"{sev:<{SEV_WIDTH}}", SEVERITY_STYLE[sev]), (rule_id, "dim"), "  ",
                           (rule_summary(rule_id), "bold"), f": {_plural(len(fs), 'place')}, "
                           + ("in paragraphs " if fs[0].location_kind == "paragraph" else "on lines "),
                           ", ".join(places) + more), indent=INDENT, hang=HANG)
    if fs[0].suggestion and all(f.suggestion == fs[0].suggestion for f in fs):
        out.para(f"→ {fs[0].suggestion}", indent=HANG, hang=HANG + 2, style="green")
        return
    # different advice per place: each place's suggestion, or its message where the message is the advice
    suggestions: dict[str, Finding] = {}
    for f in fs:
        suggestions.setdefault(f.suggestion or f.message, f)
    for text, f in list(suggestions.items())[:SUGGESTIONS]:
        label = f"“{' '.join(f.text.split())}”" if quoted else _place(f)
        out.para(f"→ {label}: {text}", indent=HANG, hang=HANG + 2, style="green")
    if len(suggestions) > SUGGESTIONS:
        out.para(f"→ and {len(suggestions) - SUGGESTIONS} more (--format html shows every place in its sentence)",
                 indent=HANG, hang=HANG + 2, style="green")


def _file(out: _Out, report: FileReport, scores_line: bool) -> None:
    out.blank()
    head = Text.assemble((report.path, "bold"), (f"  ({report.format})", "dim"))
    scored = _scored(report)
    if scores_line and scored:
        head.append_text(Text.assemble(" · inclusion score ", _score(report.scores.get("inclusion"))))
    out.para(head, hang=2)
    if scores_line and scored:
        out.para(_scores_line(report.scores, words=False), indent=2)
    lines: list[str] = []
    images = report.blocks.get("images")
    if images and images["total"]:
        lines.append(_images_line(images))
    reading = report.blocks.get("reading")
    if reading and reading.get("grade") is not None:
        lines += _reading_lines(reading)
    people = report.blocks.get("people")
    if people is not None:
        lines += _people_lines(people) if people else ["People: none named"]
    places = report.blocks.get("places")
    if places and places.get("mentions"):
        lines.append(_places_line(places))
    for line in lines:
        nested = line.startswith("  ")
        out.para(line.strip(), indent=4 if nested else 2, hang=6 if nested else 4)
    for warning in [*report.skipped, *report.warnings]:
        out.para(Text.assemble(("note: ", "yellow"), warning), indent=2, hang=4)
    if not report.findings:
        if scored:
            out.para(Text("No findings. Nice work.", style="green"), indent=2)
        return
    # the four scored categories first, then any other (``suppression``: S001 unused-suppression)
    extra = sorted({f.category for f in report.findings} - set(CATEGORIES))
    for category in (*CATEGORIES, *extra):
        group = [f for f in report.findings if f.category == category]
        if not group:
            continue
        out.blank()
        out.para(Text.assemble((LABELS.get(category, category.capitalize()), "bold underline"),
                               f" ({len(group)})"), indent=2)
        for rule_id, fs in by_rule(group):
            if len(fs) == 1:
                _one(out, fs[0])
            else:
                _group(out, rule_id, fs)


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, *,
          color: bool | None = None, width: int | None = None, quiet: bool = False, **_: Any) -> None:
    """``color``: ANSI styles or plain text (None: plain); ``width``: columns to wrap to (None: 100);
    ``quiet``: the summary and the files that could not be audited only."""
    width = width or WIDTH
    console = Console(file=out, force_terminal=bool(color), no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, markup=False,
                      width=width)
    printer = _Out(console, width)
    results, summary = printable_results(results), printable_data(summary)
    reports = [r for r in results if isinstance(r, FileReport)]
    errors = [r for r in results if isinstance(r, FileError)]
    _summary(printer, reports, errors, summary)
    run = summary.get("run_findings", [])
    if run and not quiet:
        _run_findings(printer, run)
    if not quiet:
        for report in reports:
            _file(printer, report, scores_line=len(reports) > 1)
    if errors:
        printer.blank()
        for error in errors:
            printer.para(Text.assemble(("error: ", "red"), f"{error.path}: {error.message}"), hang=4)
    if not quiet and reports:
        printer.blank()
        printer.para(Text.assemble(("Summary: ", "bold"), f"{_plural(summary.get('files', 0), 'file')} audited · "
                                   f"{_counts(summary.get('findings', {}))} · inclusion score ",
                                   _score(summary.get("scores", {}).get("inclusion")),
                                   "; what to fix first is at the top" if any(r.findings for r in reports)
                                   else ""))
