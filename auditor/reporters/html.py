"""The writer's report: one self-contained HTML file (inline CSS, a little inline script, SVG charts) that a
curriculum writer can open from disk, send to a colleague or print for a review packet.

Overview first (the scores, what each means and how it is computed, what to fix first), then the units worst
first, charts with a table or a sentence for each, and per unit a scorecard and the findings grouped by rule,
each shown in its context with the words highlighted. It only formats what the run produced: scores, the
dimensions' blocks and each finding's ``context`` (see auditor/excerpts.py).

Everything from the audited documents is untrusted: it goes through :func:`esc` (HTML escaping, and control
characters, which HTML does not allow, replaced). The same results give the same bytes: no clock, no random
ids, everything sorted.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from auditor import __version__
from auditor.data import load_toml
from auditor.grades import band_top
from auditor.reporters.digest import LEVEL_WORDS, by_rule, fix_first, level, most_severe, rule_summary
from auditor.reporters.html_assets import CSS, JS
from auditor.results import CATEGORIES, SEVERITIES, SEVERITY_RANK, FileError, FileReport, Finding
from auditor.scoring import scoring_table

LABELS = {"inclusion": "Inclusion", "accessibility": "Accessibility", "readability": "Readability",
          "language": "Inclusive language", "representation": "Representation", "equity": "Equity", "other": "Other"}
SHORT = {"accessibility": "Access.", "readability": "Reading", "language": "Language", "representation": "Repr.",
         "equity": "Equity"}
MEANS = {
    "inclusion": "How inclusive the units are overall: every student able to use them and to see themselves in "
                 "STEM.",
    "accessibility": "Can every student use the images and the page, including with a screen reader?",
    "readability": "Does the running text read within the unit's grade band?",
    "language": "Is the wording free of words that leave students out?",
    "representation": "Can students recognise themselves in the featured scientists?",
    "equity": "Can every student do the activities, whatever their home, family, money or country?",
}
DOCS = {"accessibility": "docs/accessibility.md", "readability": "docs/readability.md",
        "language": "docs/language.md", "representation": "docs/representation.md",
        "equity": "docs/equity.md"}
GENDERS = ("woman", "man", "nonbinary", "unknown")
CHART_UNITS = 40  # units in the per-unit charts (all of them are in the table)
SHOWN = 60  # locations listed per rule group in a unit; the rest are counted
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def esc(text: Any) -> str:
    """Text for HTML content or a quoted attribute: escaped, control characters and lone surrogates replaced."""
    return html.escape(_CONTROL.sub("\ufffd", str(text)), quote=True)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _num(value: float) -> str:
    return f"{value:g}"


def score(value: float | None) -> str:
    """A score with its level in words (never colour alone)."""
    lv = level(value)
    if value is None:
        return '<span class="score none">not scored</span>'
    return f'<span class="score {lv}">{_num(value)} <span class="lv">({LEVEL_WORDS[lv]})</span></span>'


def _how(table: dict[str, Any]) -> dict[str, str]:
    """One line per score on how it is computed, with the numbers in effect."""
    pen = table.get("penalty", {})
    acc, read, lang = table.get("accessibility", {}), table.get("readability", {}), table.get("language", {})
    lpen, rep = lang.get("penalty", {}), table.get("representation", {})
    eq = table.get("equity", {})
    epen = eq.get("penalty", {})
    weights = table.get("weights", {})
    equal = len({float(weights.get(c, 1.0)) for c in CATEGORIES}) == 1
    cw = float(acc.get("coverage_weight", 0.5))
    return {
        "inclusion": "The mean of the scores below that could be judged"
                     + (" (equal weights)." if equal else ", weighted " + ", ".join(
                         f"{LABELS[c].lower()} {_num(float(weights.get(c, 1.0)))}" for c in CATEGORIES) + "."),
        "accessibility": f"{cw:.0%} image coverage (half credit for alt text to improve) and {1 - cw:.0%} 100 "
                         f"minus {_num(pen.get('error', 10))} points per error and "
                         f"{_num(pen.get('warning', 4))} per warning.",
        "readability": f"100 within or below the band; {_num(read.get('points_per_grade', 15))} points off per "
                       f"grade above its top. Needs {read.get('min_words', 100)} words of prose.",
        "language": f"100 minus {_num(lpen.get('error', 15))} points per error, {_num(lpen.get('warning', 5))} "
                    f"per warning and {_num(lpen.get('info', 1))} per info, for each "
                    f"{lang.get('per_words', 1000):,} words.",
        "representation": f"Women and nonbinary share against {rep.get('gender_target', 0.5):.0%}, world "
                          f"regions against {rep.get('regions_target', 3)}, born {rep.get('contemporary_from', 1960)}"
                          f" or later against {rep.get('contemporary_target', 0.3):.0%}. Needs "
                          f"{rep.get('min_people', 3)} featured scientists.",
        "equity": f"100 minus {_num(epen.get('warning', 3))} points per warning and {_num(epen.get('info', 0))} "
                  f"per info, for each {eq.get('per_words', 1000):,} words.",
    }


def _category(f: Finding | dict[str, Any]) -> str:
    cat = f.category if isinstance(f, Finding) else f["category"]
    return cat if cat in CATEGORIES else "other"


class _Ids:
    """Deterministic element ids: the unit's position in the run, never anything random."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"


# charts ------------------------------------------------------------------------------------------------------

def _svg_bars(rows: Sequence[tuple[str, float | None, str]], top: float, ident: str, *, label_width: int = 210,
              width: int = 640, marker: tuple[float, str] | None = None, hatched: Iterable[str] = ()) -> str:
    """Horizontal bars, each labelled with its name and value (so colour carries nothing). ``rows`` are
    ``(label, value, value_text)``; None draws no bar. ``marker`` draws a dashed line at a value with its text;
    rows whose label is in ``hatched`` (unknowns) are drawn with a hatch pattern."""
    bar_h, gap, value_w = 18, 8, 110 if width >= 600 else 40
    plot = width - label_width - value_w
    head = 22 if marker else 4
    height = head + len(rows) * (bar_h + gap) + 4
    hatched = set(hatched)
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
           f'focusable="false" xmlns="http://www.w3.org/2000/svg">']
    if hatched:
        out.append(f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
                   'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
                   '<line x1="0" y1="0" x2="0" y2="6" stroke="#4a4a4a" stroke-width="3"/></pattern></defs>')
    for i, (label, value, text) in enumerate(rows):
        y = head + i * (bar_h + gap)
        short = label if len(label) <= label_width // 7 else label[: label_width // 7 - 1] + "…"
        out.append(f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end" font-size="13">{esc(short)}</text>')
        if value is not None and top > 0:
            w = max(1.5, plot * min(value, top) / top) if value > 0 else 0
            fill = f"url(#{ident}-hatch)" if label in hatched else "var(--bar)"
            out.append(f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" '
                       'stroke="#1b1b1b" stroke-width="1"/>')
            tx = label_width + w + 6
        else:
            tx = label_width + 6
        out.append(f'<text x="{tx:.1f}" y="{y + 13}" font-size="13">{esc(text)}</text>')
    if marker and top > 0:
        x = label_width + plot * min(marker[0], top) / top
        out.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="var(--band)" stroke-width="2" '
                   'stroke-dasharray="5 3"/>')
        out.append(f'<text x="{x:.1f}" y="11" text-anchor="middle" font-size="12">{esc(marker[1])}</text>')
    out.append("</svg>")
    return "".join(out)


def _figure(ident: str, title: str, sentence: str, svg: str, table: str) -> str:
    """A chart: its caption (title and a sentence saying what it shows) names the picture; the same numbers
    are in a table under it."""
    return (f'<figure aria-labelledby="{ident}-cap"><figcaption id="{ident}-cap"><strong>{esc(title)}'
            f'</strong>{esc(sentence)}</figcaption>{svg}'
            f'<details><summary>The numbers as a table<span class="visually-hidden">: {esc(title)}</span>'
            f'</summary>{table}</details></figure>')


def _table(headers: list[str], rows: list[list[str]], numeric: Iterable[int] = (), caption: str = "") -> str:
    """A table; cells are HTML already (callers escape)."""
    numeric = set(numeric)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    head = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{h}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(
        (f'<th scope="row">{c}</th>' if i == 0 else f'<td{" class=num" if i in numeric else ""}>{c}</td>')
        for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _count_chart(ident: str, title: str, counts: dict[str, int], what: str) -> str:
    rows = [(k, float(v), str(v)) for k, v in counts.items()]
    top = max((v for _, v, _ in rows), default=0.0) or 1.0
    total = sum(counts.values())
    known = [f"{k} {v}" for k, v in counts.items() if v and k != "unknown"]
    sentence = (f" {_plural(total, what)}: " + (", ".join(known) or "none known") + f"; unknown "
                f"{counts.get('unknown', 0)}.")
    svg = _svg_bars(rows, top, ident, label_width=210, width=400, hatched=[k for k in counts if k == "unknown"])
    table = _table(["Group", "Count"], [[esc(k), str(v)] for k, v in counts.items()], numeric=[1])
    return _figure(ident, title, sentence, svg, table)


def _people_charts(ids: _Ids, metrics: dict[str, Any], scope: str) -> str:
    if not metrics or not metrics.get("scientists"):
        return ""
    gender = dict(metrics.get("scientists_by_gender") or {})
    parts = [
        _count_chart(ids("chart"), f"Featured scientists by gender{scope}", gender, "featured scientist"),
        _count_chart(ids("chart"), f"Featured scientists by world region{scope}",
                     dict(metrics.get("scientists_by_region") or {}), "featured scientist"),
        _count_chart(ids("chart"), f"Featured scientists by era of birth{scope}",
                     dict(metrics.get("scientists_by_era") or {}), "featured scientist"),
    ]
    return '<div class="charts">' + "".join(parts) + "</div>"


def _reading_chart(ids: _Ids, reading: dict[str, Any]) -> str:
    sections = [s for s in reading.get("sections") or [] if s.get("grade") is not None]
    top = band_top(str(reading.get("band", "")))
    if not sections or top is None:
        return ""
    highest = max([top + 2, *(s["grade"] for s in sections)])
    rows = []
    for s in sections:
        mark = " above" if s["grade"] > top + 0.5 else ""
        rough = "" if s.get("reliable", True) else " (short)"
        rows.append((s.get("heading") or "(no heading)", s["grade"], f"grade {_num(s['grade'])}{mark}{rough}"))
    above = sum(1 for s in sections if s["grade"] > top + 0.5)
    sentence = (f" {_plural(above, 'section')} of {len(sections)} read above the top of the {reading['band']} "
                f"band (grade {_num(top)}). Sections marked short have too few words for a firm estimate.")
    svg = _svg_bars(rows, highest, ids("chart"), label_width=260, marker=(top, f"top of band: {_num(top)}"))
    table = _table(["Section", "Line", "Grade", "Words", "Above the band?"],
                   [[esc(s.get("heading") or "(no heading)"), str(s.get("line", "")), _num(s["grade"]),
                     f"{s.get('words', 0):,}", "yes" if s["grade"] > top + 0.5 else "no"] for s in sections],
                   numeric=[1, 2, 3])
    return _figure(ids("chart"), f"Reading grade per section, against the {reading['band']} band", sentence, svg,
                   table)


# the page ----------------------------------------------------------------------------------------------------

def _units_order(reports: list[FileReport]) -> list[FileReport]:
    """Worst first: lowest inclusion score, units without one last, then by path."""
    return sorted(reports, key=lambda r: (r.scores.get("inclusion") is None, r.scores.get("inclusion") or 0.0,
                                          r.path))


def _overview(summary: dict[str, Any], how: dict[str, str], reports: list[FileReport],
              errors: list[FileError], notes: list[str]) -> list[str]:
    scores = summary.get("scores", {})
    counts = summary.get("findings", {})
    out = ['<section aria-labelledby="overview-title"><h2 id="overview-title">Overview</h2>']
    total = sum(counts.values())
    out.append(f'<p class="lead">{_plural(summary.get("files", 0), "unit")} audited: '
               f'{_plural(counts.get("error", 0), "error")}, {_plural(counts.get("warning", 0), "warning")} and '
               f'{counts.get("info", 0):,} info ({_plural(total, "finding")} in all)'
               + (f"; {_plural(len(errors), 'file')} could not be audited" if errors else "") + ".</p>")
    if notes:
        out.append('<div class="notes" role="note">' + "".join(f"<p>{esc(n)}</p>" for n in notes) + "</div>")
    out.append('<ul class="cards">')
    for key in ("inclusion", *CATEGORIES):
        value = scores.get(key)
        more = (f' <a href="#how-scores-{key}">How it is computed<span class="visually-hidden">: {LABELS[key]}'
                '</span></a>')
        out.append(f'<li class="card{" main" if key == "inclusion" else ""}"><h3>{LABELS[key]}</h3>'
                   f'<p class="big">{score(value)}</p><p>{esc(MEANS[key])}</p>'
                   f'<p class="how">{esc(how[key])}{more}</p></li>')
    out.append("</ul>")
    ranked = fix_first(f for r in reports for f in r.findings)
    if ranked:
        out.append('<h3 id="fix-first">What to fix first</h3><ol>')
        for rule_id, fs in ranked:
            worst = most_severe(fs)
            units = len({f.path for f in fs})
            out.append(f'<li><span class="sev {worst}">{worst}</span> <strong>{esc(rule_summary(rule_id))}</strong>: '
                       f'{_plural(len(fs), "place")} in {_plural(units, "unit")} '
                       f'<span class="rule">({esc(rule_id)} {esc(fs[0].name)})</span></li>')
        out.append("</ol>")
    out.append("</section>")
    return out


def _units_table(reports: list[FileReport], anchors: dict[str, str]) -> list[str]:
    out = ['<section aria-labelledby="units-title"><h2 id="units-title">Units, lowest score first</h2>',
           "<p>Select a column heading to sort by it. Each unit's name links to its scorecard and findings.</p>",
           '<div class="table-wrap" role="region" aria-label="Table of units" tabindex="0"><table data-sortable>'
           '<caption class="visually-hidden">Scores and findings per unit</caption><thead><tr>',
           '<th scope="col">Unit</th>']
    out += [f'<th scope="col" class="num">{LABELS[k]}</th>' for k in ("inclusion", *CATEGORIES)]
    out += ['<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th>'
            '<th scope="col" class="num">Info</th></tr></thead><tbody>']
    for r in reports:
        sev = Counter(f.severity for f in r.findings)
        cells = [f'<th scope="row" data-sort="{esc(r.path)}"><a href="#{anchors[r.path]}">{esc(r.path)}</a></th>']
        for k in ("inclusion", *CATEGORIES):
            v = r.scores.get(k)
            cells.append(f'<td class="num" data-sort="{"" if v is None else _num(v)}">{score(v)}</td>')
        cells += [f'<td class="num" data-sort="{sev.get(s, 0)}">{sev.get(s, 0)}</td>' for s in SEVERITIES]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div></section>")
    return out


def _charts(ids: _Ids, reports: list[FileReport], summary: dict[str, Any]) -> list[str]:
    out = ['<section aria-labelledby="charts-title"><h2 id="charts-title">Charts</h2>']
    shown = reports[:CHART_UNITS]
    # dimension scores per unit: one chart per dimension, the units in the table's order
    parts = []
    for key in CATEGORIES:
        values = [(r.path, r.scores.get(key)) for r in shown]
        rows = [(p, v, "not scored" if v is None else _num(v)) for p, v in values]
        scored = [v for _, v, _ in rows if v is not None]
        if not scored:
            continue
        low = min(rows, key=lambda row: (row[1] is None, row[1] or 0.0))
        sentence = (f" {_plural(len(scored), 'unit')} scored; lowest {low[0]} at {_num(low[1] or 0)}"
                    + (f" (the {CHART_UNITS} lowest-scoring units; all are in the units table)"
                       if len(reports) > CHART_UNITS else "") + ".")
        table = _table(["Unit", LABELS[key]], [[esc(p), t] for p, _, t in rows], numeric=[1])
        parts.append(_figure(ids("chart"), f"{LABELS[key]} score per unit (0-100)", sentence,
                             _svg_bars(rows, 100.0, ids("chart"), label_width=260), table))
    out.append('<h3>Scores per unit</h3><div class="charts">' + "".join(parts) + "</div>")
    people = summary.get("people")
    if isinstance(people, dict) and people.get("scientists"):
        out.append("<h3>Who the featured scientists are, in all units</h3>")
        out.append("<p>Attributes come from the knowledge base or from the text itself; where neither says, they "
                   "are counted as unknown, never guessed.</p>")
        out.append(_people_charts(ids, people, " (all units)"))
    images = summary.get("images")
    if isinstance(images, dict) and images.get("total"):
        rows = []
        for r in shown:
            im = r.blocks.get("images") or {}
            cov = im.get("coverage")
            rows.append((r.path, None if cov is None else cov * 100,
                         "no images to describe" if cov is None else
                         f"{cov:.0%} ({im.get('described', 0)} of {im.get('needing', 0)} described)"))
        cov = images.get("coverage")
        sentence = (f" {_plural(images.get('total', 0), 'image')} in all: {images.get('described', 0)} described, "
                    f"{images.get('missing', 0)} missing a description, {images.get('decorative', 0)} decorative"
                    + ("" if cov is None else f"; coverage {cov:.0%}") + ". Decorative images need no description.")
        table = _table(["Unit", "Images", "Described", "Missing", "Decorative", "Coverage"],
                       [[esc(r.path), *(str((r.blocks.get("images") or {}).get(k, 0))
                                        for k in ("total", "described", "missing", "decorative")),
                         "–" if (r.blocks.get("images") or {}).get("coverage") is None
                         else f"{r.blocks['images']['coverage']:.0%}"] for r in shown], numeric=[1, 2, 3, 4, 5])
        out.append("<h3>Images with a text alternative</h3>")
        out.append(_figure(ids("chart"), "Image coverage per unit (described images out of those needing a "
                           "description)", sentence, _svg_bars(rows, 100.0, ids("chart"), label_width=260), table))
    by_rule = Counter(f.rule for r in reports for f in r.findings)
    if by_rule:
        ranked = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        rows = [(f"{rule} {rule_summary(rule)}", float(n), str(n)) for rule, n in ranked]
        sentence = f" {_plural(len(ranked), 'rule')} found something; the most places: {ranked[0][0]} ({ranked[0][1]})."
        table = _table(["Rule", "What it finds", "Findings"],
                       [[esc(rule), esc(rule_summary(rule)), str(n)] for rule, n in ranked], numeric=[2])
        out.append("<h3>Findings by rule</h3>")
        out.append(_figure(ids("chart"), "Findings by rule, all units", sentence,
                           _svg_bars(rows, float(ranked[0][1]), ids("chart"), label_width=330), table))
    out.append("</section>")
    return out


def _filters() -> list[str]:
    cats = [*CATEGORIES, "other"]
    out = ['<div class="filters" role="search" aria-label="Filter the findings">',
           '<fieldset><legend>Show dimensions</legend>']
    out += [f'<label><input type="checkbox" id="f-cat-{c}" value="{c}" checked> {LABELS[c]}</label>' for c in cats]
    out.append('</fieldset><fieldset><legend>Show severities</legend>')
    out += [f'<label><input type="checkbox" id="f-sev-{s}" value="{s}" checked> {s.capitalize()}</label>'
            for s in SEVERITIES]
    out.append('</fieldset><p id="filter-status" class="status" role="status" aria-live="polite"></p></div>')
    return out


def _finding_item(f: Finding) -> str:
    where = f.where[0].upper() + f.where[1:]
    if f.context:
        before, match, after = f.context
        quote = f'<blockquote class="context">{esc(before)}<mark>{esc(match)}</mark>{esc(after)}</blockquote>'
    elif f.text:
        quote = f'<blockquote class="context"><mark>{esc(" ".join(f.text.split())[:300])}</mark></blockquote>'
    else:
        quote = ""
    suggestion = f'<p class="suggestion">{esc(f.suggestion)}</p>' if f.suggestion else ""
    return (f'<li class="finding" data-severity="{f.severity}"><p class="where"><span class="sev {f.severity}">'
            f'{f.severity}</span> {where}</p>{quote}<p>{esc(f.message)}</p>{suggestion}</li>')


def _groups(findings: list[Finding]) -> list[str]:
    """Findings grouped by rule: a count in the summary, the locations inside."""
    out = []
    for rule_id, fs in by_rule(findings):
        sevs = sorted({f.severity for f in fs}, key=lambda s: -SEVERITY_RANK[s])
        only = f' data-only="{sevs[0]}"' if len(sevs) == 1 else ""
        places = _plural(len(fs), "place")
        out.append(f'<details class="group" data-category="{_category(fs[0])}"{only}><summary>'
                   f'<span class="sev {sevs[0]}">{sevs[0]}</span> {esc(rule_summary(rule_id))}: {places} '
                   f'<span class="rule">({esc(rule_id)} {esc(fs[0].name)})</span></summary><ol class="findings">')
        out += [_finding_item(f) for f in fs[:SHOWN]]
        out.append("</ol>")
        if len(fs) > SHOWN:
            out.append(f'<p class="more">…and {_plural(len(fs) - SHOWN, "more place")}: the JSON, terminal and '
                       "Markdown reports list them all.</p>")
        out.append("</details>")
    return out


def _people_list(people: list[dict[str, Any]]) -> str:
    featured = [p for p in people if p.get("scientist")]
    if not featured:
        return ""
    items = []
    for p in featured:
        facts = []
        for key in ("gender", "region"):
            value = p.get(key) or "unknown"
            src = p.get(f"{key}_source")
            facts.append(esc(value) + (f' <span class="src">({esc(src)})</span>' if src and value != "unknown" else ""))
        born, src = p.get("born"), p.get("born_source")
        if born is None:
            facts.append("birth year unknown")
        else:
            facts.append(f"born {esc(born)}" + (f' <span class="src">({esc(src)})</span>' if src else ""))
        items.append(f"<li><strong>{esc(p.get('name', ''))}</strong>, {esc(p.get('role') or 'scientist')}: "
                     + ", ".join(facts) + f' <span class="src">(line {esc(p.get("line", "?"))})</span></li>')
    return "<h4>Featured scientists</h4><ul class=\"people\">" + "".join(items) + "</ul>"


def _unit(ids: _Ids, r: FileReport, anchor: str) -> list[str]:
    out = [f'<article aria-labelledby="{anchor}-title" id="{anchor}"><h3 id="{anchor}-title">{esc(r.path)}</h3>',
           f'<p>{esc(r.format.upper())} file · {_plural(len(r.findings), "finding")}.</p>']
    rows = [[LABELS[k], score(r.scores.get(k))] for k in ("inclusion", *CATEGORIES)]
    out.append(f'<h4 id="{anchor}-card">Scorecard</h4>')
    out.append(_table(["Score", "Value"], rows, caption=f"Scores for {r.path}"))
    facts = []
    images = r.blocks.get("images")
    if isinstance(images, dict) and images.get("total"):
        cov = images.get("coverage")
        facts.append(f"<li>Images: {_plural(images['total'], 'image')}, {images.get('described', 0)} described"
                     f" ({images.get('with_quality_findings', 0)} with alt text to improve), "
                     f"{images.get('decorative', 0)} decorative, {images.get('missing', 0)} missing a description"
                     + ("" if cov is None else f"; coverage {cov:.0%}") + ".</li>")
    reading = r.blocks.get("reading")
    if isinstance(reading, dict) and reading.get("grade") is not None:
        facts.append(f"<li>Reading level: grade {_num(reading['grade'])} for the {esc(reading.get('band', ''))} band "
                     f"(band from {esc(reading.get('band_source', '?'))}), {reading.get('words', 0):,} words"
                     + ("" if reading.get("reliable", True) else "; too short for a firm estimate") + ".</li>")
        terms = reading.get("defined_terms") or []
        if terms:
            facts.append("<li>Defined science terms, counted as everyday words: " + esc(", ".join(terms)) + ".</li>")
    people = r.blocks.get("people")
    if isinstance(people, list):
        sci = sum(1 for p in people if p.get("scientist"))
        facts.append(f"<li>People: {_plural(len(people), 'person', 'people')} named, {sci} featured as "
                     f"{'a scientist' if sci == 1 else 'scientists'}.</li>")
    places = r.blocks.get("places")
    if isinstance(places, dict) and places.get("mentions"):
        regions = ", ".join(f"{esc(k)} {v}" for k, v in places.get("by_region", {}).items())
        top = places.get("top_country")
        facts.append(f"<li>Places: {_plural(places['mentions'], 'mention')} of places, by world region: {regions}"
                     + (f"; most in {esc(top)} ({places['top_country_share']:.0%})"
                        if top and places.get("top_country_share", 0) >= 0.5 else "")
                     + ".</li>")
    if facts:
        out.append("<ul>" + "".join(facts) + "</ul>")
    if [*r.skipped, *r.warnings]:
        notes = "".join(f"<p>Note: {esc(w)}</p>" for w in [*r.skipped, *r.warnings])
        out.append(f'<div class="notes" role="note">{notes}</div>')
    if isinstance(reading, dict):
        out.append(_reading_chart(ids, reading))
    if isinstance(people, list):
        out.append(_people_list(people))
    out.append(_people_charts(ids, r.blocks.get("people_metrics") or {}, ""))
    out.append(f'<h4 id="{anchor}-findings">Findings ({len(r.findings)})</h4>')
    if not r.findings:
        out.append("<p>No findings. Nice work.</p>")
    cats = [c for c in (*CATEGORIES, "other") if any(_category(f) == c for f in r.findings)]
    for c in cats:
        fs = [f for f in r.findings if _category(f) == c]
        out.append(f'<div data-category="{c}"><h5>{LABELS[c]} ({len(fs)})</h5>')
        out += _groups(fs)
        out.append("</div>")
    out.append("</article>")
    return out


def _run_findings(run: list[dict[str, Any]]) -> list[str]:
    if not run:
        return []
    out = ['<section aria-labelledby="run-title"><h2 id="run-title">About all the units together</h2><ul>']
    for f in run:
        sugg = f'<p class="suggestion">{esc(f["suggestion"])}</p>' if f.get("suggestion") else ""
        out.append(f'<li data-category="{_category(f)}" data-severity="{esc(f["severity"])}"><p><span class="sev '
                   f'{esc(f["severity"])}">{esc(f["severity"])}</span> {esc(f["message"])} <span class="rule">'
                   f'({esc(f["rule"])} {esc(f["name"])})</span></p>{sugg}</li>')
    out.append("</ul></section>")
    return out


def _how_section(how: dict[str, str]) -> list[str]:
    out = ['<section aria-labelledby="how-title"><h2 id="how-title">How the scores are computed</h2>',
           "<p>Every score runs from 0 to 100. A dimension with nothing to judge in a unit (a text file has no "
           "images; a text too short for a reading grade; fewer featured scientists than needed) is not scored "
           "and leaves the inclusion score instead of counting as 0 or 100. A run's dimension score is the mean "
           "over its units. The numbers come from <code>rules/scoring.toml</code> and your configuration.</p><dl>"]
    for key in ("inclusion", *CATEGORIES):
        doc = f" Full detail: <code>{DOCS[key]}</code> in ssec-audit." if key in DOCS else ""
        out.append(f'<dt id="how-scores-{key}"><strong>{LABELS[key]}</strong></dt><dd>{esc(how[key])}{doc}</dd>')
    out.append("</dl><p>Levels: 85 or more is shown as good, 60 to 85 as fair, under 60 as needs work.</p></section>")
    return out


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, *, settings=None,
          notes: list[str] | None = None, **_: Any) -> None:
    reports = _units_order([r for r in results if isinstance(r, FileReport)])
    errors = sorted((r for r in results if isinstance(r, FileError)), key=lambda e: e.path)
    table = scoring_table(settings) if settings is not None else load_toml("scoring.toml")
    how = _how(table)
    anchors = {r.path: f"unit-{i}" for i, r in enumerate(reports, 1)}
    ids = _Ids()
    counts = summary.get("findings", {})
    inclusion = summary.get("scores", {}).get("inclusion")
    title = (f"Inclusion report: {_plural(summary.get('files', 0), 'unit')}, inclusion score "
             + ("not scored" if inclusion is None else _num(inclusion)))
    page = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="ssec-audit {esc(__version__)}">',
            f"<title>{esc(title)} · ssec-audit</title>", f"<style>{CSS}</style>", "</head>", "<body>",
            '<a class="skip" href="#main">Skip to the report</a>', "<header>",
            '<p class="brand">ssec-audit · Smithsonian Science Education Center inclusion audit</p>',
            "<h1>Inclusion report</h1>",
            f"<p>{_plural(summary.get('files', 0), 'unit')} · {_plural(counts.get('error', 0), 'error')} · "
            f"{_plural(counts.get('warning', 0), 'warning')} · {counts.get('info', 0):,} info</p>",
            '<nav aria-label="Contents"><ul><li><a href="#overview-title">Overview</a></li>'
            '<li><a href="#units-title">Units</a></li><li><a href="#charts-title">Charts</a></li>'
            '<li><a href="#findings-title">Findings</a></li><li><a href="#how-title">How scores work</a></li></ul>'
            "</nav></header>", '<main id="main">']
    page += _overview(summary, how, reports, errors, notes or [])
    if reports:
        page += _units_table(reports, anchors)
        page += _charts(ids, reports, summary)
    page += _run_findings(summary.get("run_findings") or [])
    if errors:
        page.append('<section aria-labelledby="errors-title"><h2 id="errors-title">Files that could not be audited'
                    "</h2><ul>" + "".join(f"<li><code>{esc(e.path)}</code>: {esc(e.message)}</li>" for e in errors)
                    + "</ul></section>")
    page.append('<section aria-labelledby="findings-title"><h2 id="findings-title">Units in detail</h2>'
                "<p>Each unit starts with its scorecard. Findings are grouped by what they are about, most "
                "serious first; open a group to see every place, with the words highlighted in their sentence.</p>")
    page += _filters()
    for r in reports:
        page += _unit(ids, r, anchors[r.path])
    page.append("</section>")
    page += _how_section(how)
    page += ["</main>", "<footer><p>Made by ssec-audit " + esc(__version__) + ". Run <code>ssec-audit rule ID</code>"
             " for any rule's documentation and examples. Findings are prompts for a writer's judgement, not "
             "verdicts.</p></footer>", f"<script>{JS}</script>", "</body>", "</html>"]
    out.write("\n".join(p for p in page if p) + "\n")
