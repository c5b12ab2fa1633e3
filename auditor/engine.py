"""The engine: selects rules, runs them over documents and turns their problems into findings and scores.

It knows no particular rule or dimension: both come from :mod:`auditor.registry`.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import suppression
from auditor.baseline import fingerprint_findings
from auditor.config import Settings
from auditor.context import Context
from auditor.data import load_toml
from auditor.document import Document
from auditor.errors import InputError, UsageError
from auditor.loaders import load
from auditor.nlp import pipeline
from auditor.registry import DIMENSIONS, RULES
from auditor.rule import CATEGORIES, Finding, Rule
from auditor.sources import SourceText, from_bytes, read_source


@dataclass
class FileReport:
    path: str
    format: str
    scores: dict[str, float | None]
    analyses: dict[str, Any]  # category -> the dimension's JSON block
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileError:
    path: str
    message: str


def _matches(rule: type[Rule], selector: str) -> bool:
    return suppression.target_matches(selector, rule.id, rule.name, rule.category)


#: Rules the engine itself reports (not a rule family's): unused suppression comments.
META_RULES: dict[str, type[Rule]] = {suppression.UnusedSuppression.id: suppression.UnusedSuppression}


def all_rules() -> dict[str, type[Rule]]:
    """Every rule by id: the families' rules and the engine's own."""
    return {**RULES, **META_RULES}


def rule_by_key(key: str) -> type[Rule] | None:
    """A rule by id or name (case-insensitive)."""
    rules = all_rules()
    return rules.get(key.strip().upper()) or next((r for r in rules.values() if r.name == key.strip().lower()), None)


def selector_known(selector: str) -> bool:
    return any(_matches(rule, selector) for rule in all_rules().values())


def known_selectors() -> list[str]:
    rules = all_rules().values()
    return sorted({r.id for r in rules} | {r.name for r in rules} | {r.category for r in rules} | {"ALL"})


def select_rules(settings: Settings, path: str | None = None) -> list[type[Rule]]:
    """Rules to run, in id order: ``select`` (default all), plus ``extend_select``, minus ``ignore`` (and,
    given a path, minus the ``per-file-ignores`` that match it)."""
    ignore = tuple(settings.ignore) + (settings.ignored_for(path) if path else ())
    selectors = tuple(settings.select) + tuple(settings.extend_select) + ignore
    for selector in selectors:
        if not selector_known(selector):
            raise UsageError(f"unknown rule or category {selector!r} (see `ssec-audit rules`)")
    chosen = []
    rules = all_rules()
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        selected = (any(_matches(rule, s) for s in settings.select) if settings.select
                    else getattr(rule, "default_enabled", True))
        selected = selected or any(_matches(rule, s) for s in settings.extend_select)
        if selected and not any(_matches(rule, s) for s in ignore):
            chosen.append(rule)
    return chosen


def scoring_table(settings: Settings) -> dict[str, Any]:
    table = {k: (dict(v) if isinstance(v, dict) else v) for k, v in load_toml("scoring.toml").items()}
    for key, value in settings.scoring.items():
        if isinstance(value, dict) and isinstance(table.get(key), dict):
            table[key].update(value)
        else:
            table[key] = value
    return table


def audit_document(doc: Document, settings: Settings, rules: list[type[Rule]] | None = None) -> FileReport:
    if rules is None:
        rules = select_rules(settings, doc.path)
    elif settings.per_file_ignores:
        ignored = settings.ignored_for(doc.path)
        rules = [r for r in rules if not any(_matches(r, s) for s in ignored)]
    instances = [rule() for rule in rules if doc.format in rule.formats]
    active = {rule.category for rule in rules}
    dimensions = {c: d() for c, d in DIMENSIONS.items() if c in active}
    nlp = pipeline(settings.model)
    askers: list[Any] = [*instances, *dimensions.values()]
    needs = []
    for block in doc.blocks:
        wanted: set[str] = set()
        for asker in askers:
            if asker.needs and not asker.needs <= wanted and asker.wants(block):
                wanted |= asker.needs
        needs.append(frozenset(wanted))
    if doc.blocks:
        nlp.annotate(doc.blocks, needs)
    ctx = Context(doc, settings, {c: d for c, d in dimensions.items()}, nlp)
    findings: list[Finding] = []
    for rule in instances:
        severity = settings.severity.get(rule.id, rule.severity)
        for problem in rule.check(doc, ctx):
            findings.append(Finding(
                rule=rule.id, name=rule.name, category=rule.category,
                severity=settings.severity.get(rule.id) or problem.severity or severity,
                path=doc.path, span=problem.span, text=problem.text, message=problem.message,
                suggestion=problem.suggestion, references=tuple(rule.references), fix=problem.fix,
                data=tuple(sorted(problem.data.items())),
            ))
    sups, problems = suppression.parse(doc)
    findings = suppression.apply(findings, sups)
    meta = suppression.UnusedSuppression
    if meta in rules:
        for problem in suppression.unused(doc, sups, rules, list(all_rules().values())):
            findings.append(Finding(
                rule=meta.id, name=meta.name, category=meta.category,
                severity=settings.severity.get(meta.id, meta.severity), path=doc.path, span=problem.span,
                text=problem.text, message=problem.message, suggestion=problem.suggestion,
                references=tuple(meta.references)))
    findings.sort(key=lambda f: f.sort_key)
    findings = fingerprint_findings(findings, doc.source, doc.lines.offset)
    table = scoring_table(settings)
    scores: dict[str, float | None] = {}
    analyses: dict[str, Any] = {}
    for category in CATEGORIES:
        dim = dimensions.get(category)
        if dim is None:
            scores[category] = None
            continue
        result = ctx.analysis(category)
        cat_findings = [f for f in findings if f.category == category]
        value = dim.score(doc, result, cat_findings, table)
        if dim.key:
            analyses[category] = dim.to_json(result, cat_findings)
        if dim.metrics_key:
            analyses[dim.metrics_key] = dim.metrics(result)
        scores[category] = None if value is None else round(max(0.0, min(100.0, value)), 1)
    scores = {"inclusion": overall(scores, table), **scores}
    return FileReport(doc.path, doc.format, scores, analyses, findings, list(doc.warnings) + problems)


def overall(scores: dict[str, float | None], table: dict[str, Any]) -> float | None:
    weights = table.get("weights", {})
    pairs = [(float(weights.get(c, 1.0)), s) for c, s in scores.items() if s is not None and c in CATEGORIES]
    total = sum(w for w, _ in pairs)
    if not pairs or total <= 0:
        return None
    return round(sum(w * s for w, s in pairs) / total, 1)


# running over many inputs ------------------------------------------------------------------------------------

Input = tuple[str, Any]  # ("path", Path) or ("stdin", (bytes, display name, format))


def _audit_one(item: Input, settings: Settings) -> FileReport | FileError:
    kind, value = item
    try:
        if kind == "path":
            src: SourceText = read_source(value)
        else:
            data, display, fmt = value
            src = from_bytes(data, display, fmt)
        return audit_document(load(src), settings)
    except InputError as exc:
        name = str(value) if kind == "path" else value[1]
        return FileError(name if kind != "path" else _display(value), str(exc))


def _display(path: Path) -> str:
    from auditor.sources import display_path

    return display_path(path)


def _worker(args: tuple[Input, Settings]) -> FileReport | FileError:
    return _audit_one(*args)


def audit(inputs: list[Input], settings: Settings,
          progress: Callable[[int, int, str], None] | None = None) -> list[FileReport | FileError]:
    """Audit every input, in parallel across files when there are several; results keep input order."""
    select_rules(settings)  # fail fast on a bad selector
    jobs = settings.jobs or min(os.cpu_count() or 1, 4)
    jobs = max(1, min(jobs, len(inputs)))
    results: list[FileReport | FileError] = []
    if jobs == 1 or len(inputs) < 3:
        for i, item in enumerate(inputs):
            results.append(_audit_one(item, settings))
            if progress:
                progress(i + 1, len(inputs), _label(item))
        return results
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for i, result in enumerate(pool.map(_worker, [(item, settings) for item in inputs], chunksize=1)):
            results.append(result)
            if progress:
                progress(i + 1, len(inputs), _label(inputs[i]))
    return results


def _label(item: Input) -> str:
    return str(item[1]) if item[0] == "path" else item[1][1]


def summarize(results: Iterable[FileReport | FileError], settings: Settings) -> dict[str, Any]:
    reports = [r for r in results if isinstance(r, FileReport)]
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for finding in report.findings:
            counts[finding.severity] += 1
    scores: dict[str, float | None] = {}
    for category in CATEGORIES:
        values = [r.scores[category] for r in reports if r.scores.get(category) is not None]
        scores[category] = round(sum(values) / len(values), 1) if values else None
    table = scoring_table(settings)
    summary: dict[str, Any] = {
        "files": len(reports),
        "findings": counts,
        "scores": {"inclusion": overall(scores, table), **scores},
    }
    run: list[dict[str, Any]] = []
    selected = {rule.id: rule for rule in select_rules(settings)} if len(reports) >= 2 else {}
    for category, dim_cls in DIMENSIONS.items():
        if dim_cls.key:
            dim = dim_cls()
            with_block = [r for r in reports if category in r.analyses]
            per_file = [r.analyses[category] for r in with_block]
            if dim.metrics_key:
                aggregate = dim.summarize(per_file, metrics=[r.analyses.get(dim.metrics_key) for r in with_block])
            else:
                aggregate = dim.summarize(per_file)
            if aggregate is not None:
                summary[dim_cls.key] = aggregate
                if len(with_block) >= 2:
                    run.extend(run_finding(selected[rule_id], found, settings)
                               for rule_id, found in dim.run_findings(aggregate, settings) if rule_id in selected)
    if run:
        summary["run_findings"] = run
    return summary


RUN_PATH = "(all files)"


def run_finding(rule: type[Rule], found: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """A finding about the whole run, shaped like a file finding without a position."""
    return {"rule": rule.id, "name": rule.name, "category": rule.category,
            "severity": settings.severity.get(rule.id, rule.severity), "path": RUN_PATH,
            "message": found["message"], "suggestion": found.get("suggestion"),
            "references": list(rule.references), "data": found.get("data", {})}
