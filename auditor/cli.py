"""Command line: ``ssec-audit PATH...`` audits; ``ssec-audit rules`` and ``ssec-audit rule ID`` document.

Exit codes: 0 clean; 1 findings at or above ``--fail-on`` or a score under ``--fail-under``; 2 usage or input
error. Errors are one line on stderr, never a traceback (unless ``--debug``).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from auditor import __version__
from auditor.errors import InputError, UsageError
from auditor.rule import SEVERITY_RANK

FORMAT_CHOICES = ("terminal", "json")


class DefaultGroup(click.Group):
    """``ssec-audit unit.html`` means ``ssec-audit check unit.html``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def fail(message: str) -> None:
    click.echo(f"ssec-audit: error: {message}", err=True)
    sys.exit(2)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssec-audit")
def main() -> None:
    """Audit K-12 science curriculum for inclusion: accessibility, readability, inclusive language and
    representation.

    \b
    ssec-audit unit.html                 report in the terminal
    ssec-audit lessons/ --format json    machine-readable report
    ssec-audit rules                     every rule, with its id
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Report format (default: terminal).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--select", multiple=True, help="Only these rules (ids, id prefixes, names or categories).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, id prefixes, names or categories).")
@click.option("--extend-select", multiple=True, help="Add these rules to the selection.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB.")
@click.option("--grade-band", default=None, help="Target grade band: K-2, 3-5, 6-8, 9-12 or a grade (default 6-8).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding is at least this severe (default: error).")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when the inclusion score is below this.")
@click.option("--stdin-filename", default=None, help="Name (and so format) of the document read from '-'.")
@click.option("--model", default=None, help="spaCy pipeline to use ('blank' for the rule-based fallback).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: number of cores).")
@click.option("--no-progress", is_flag=True, help="Do not show progress on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
def check(paths: tuple[str, ...], fmt: str | None, output: str | None, select, ignore, extend_select, exclude,
          grade_band, fail_on, fail_under, stdin_filename, model, jobs, no_progress, debug) -> None:
    """Audit files and folders (.html, .md, .txt; '-' reads standard input)."""
    try:
        code = _check(paths, fmt, output, select, ignore, extend_select, exclude, grade_band, fail_on,
                      fail_under, stdin_filename, model, jobs, no_progress, debug)
    except (UsageError, InputError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted")
    except Exception as exc:  # noqa: BLE001 - the user gets one line; --debug shows the rest
        if debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
    sys.exit(code)


def _check(paths, fmt, output, select, ignore, extend_select, exclude, grade_band, fail_on, fail_under,
           stdin_filename, model, jobs, no_progress, debug) -> int:
    from auditor.config import Settings
    from auditor.engine import FileError, FileReport, audit, summarize
    from auditor.reporters import FORMATS
    from auditor.sources import discover, format_for

    settings = Settings(
        select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select),
        exclude=tuple(exclude), grade_band=grade_band or "6-8",
        grade_band_source="command line" if grade_band else "default",
        fail_on=fail_on or "error", fail_under=fail_under, model=model, jobs=jobs, debug=debug,
    )
    inputs: list[tuple[str, Any]] = []
    problems: list[str] = []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        name = stdin_filename or "stdin.txt"
        fmt_in = format_for(name)
        if fmt_in is None:
            raise UsageError(f"--stdin-filename {name!r} must end in .html, .md or .txt")
        inputs.append(("stdin", (sys.stdin.buffer.read(), name, fmt_in)))
    found, problems = discover(file_paths, settings.exclude)
    inputs.extend(("path", p) for p in found)
    if not inputs:
        raise UsageError(problems[0] if len(problems) == 1 else "; ".join(problems) or "nothing to audit")
    for problem in problems:
        click.echo(f"ssec-audit: error: {problem}", err=True)

    show_progress = not no_progress and sys.stderr.isatty() and len(inputs) > 3
    progress = _progress_printer() if show_progress else None
    results = audit(inputs, settings, progress=progress)
    if show_progress:
        click.echo("\r\033[K", err=True, nl=False)
    summary = summarize(results, settings)
    fmt = fmt or "terminal"
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as out:
            FORMATS[fmt](results, summary, out, color=False)
    else:
        FORMATS[fmt](results, summary, sys.stdout)
    for result in results:
        if isinstance(result, FileError) and fmt != "terminal":
            click.echo(f"ssec-audit: error: {result.path}: {result.message}", err=True)
    if problems or any(isinstance(r, FileError) for r in results):
        return 2
    return _exit_code([r for r in results if isinstance(r, FileReport)], summary, settings)


def _exit_code(reports, summary: dict[str, Any], settings) -> int:
    if settings.fail_on != "never":
        threshold = SEVERITY_RANK[settings.fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings):
            return 1
    if settings.fail_under is not None:
        score = summary["scores"].get("inclusion")
        if score is not None and score < settings.fail_under:
            return 1
    return 0


def _progress_printer():
    def show(done: int, total: int, label: str) -> None:
        click.echo(f"\r\033[Kaudited {done}/{total}: {label[-60:]}", err=True, nl=False)

    return show


@main.command("rules")
@click.option("--format", "--output-format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal")
def list_rules(fmt: str) -> None:
    """List every rule: id, name, category, default severity and summary."""
    from auditor.registry import RULES

    rows = [RULES[k] for k in sorted(RULES)]
    if fmt == "json":
        click.echo(json.dumps([_rule_json(r) for r in rows], indent=2, ensure_ascii=False))
        return
    current = None
    for rule in sorted(rows, key=lambda r: (r.category, r.id)):
        if rule.category != current:
            current = rule.category
            click.echo(f"\n{current.capitalize()}")
        click.echo(f"  {rule.id}  {rule.name:<34} {rule.severity:<8} {rule.summary}")
    click.echo("\nRun `ssec-audit rule ID` for a rule's documentation and examples.")


def _rule_json(rule) -> dict[str, Any]:
    return {"id": rule.id, "name": rule.name, "category": rule.category, "severity": rule.severity,
            "summary": rule.summary, "references": list(rule.references), "docs": rule.docs(),
            "needs": sorted(rule.needs), "formats": sorted(rule.formats)}


@main.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Show one rule's documentation, with examples that fire and examples that do not."""
    from auditor.registry import RULES

    rule = RULES.get(rule_id.upper()) or next((r for r in RULES.values() if r.name == rule_id.lower()), None)
    if rule is None:
        fail(f"unknown rule {rule_id!r} (see `ssec-audit rules`)")
    click.echo(f"{rule.id} {rule.name} ({rule.category}, {rule.severity})\n")
    click.echo(rule.docs())
    if rule.references:
        click.echo("\nReferences:\n" + "\n".join(f"  - {r}" for r in rule.references))
    for label, fails in (("Fires on", True), ("Does not fire on", False)):
        examples = [e for e in rule.examples if e.fails == fails]
        if examples:
            click.echo(f"\n{label}:")
            for example in examples:
                note = f"  ({example.note})" if example.note else ""
                text = example.text if len(example.text) < 200 else example.text[:197] + "..."
                click.echo(f"  [{example.format}] {text}{note}")
