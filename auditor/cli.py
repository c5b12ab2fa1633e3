"""Command line: ``ssec-audit PATH...`` audits; ``ssec-audit rules`` and ``ssec-audit rule ID`` document;
``ssec-audit config`` shows the configuration in effect.

Reports go to stdout (or ``-o FILE``); everything for people (errors, notes, progress) goes to stderr.

Exit codes: 0 clean; 1 findings at or above ``--fail-on`` or a score under ``--fail-under``; 2 usage or input
error. Errors are one line on stderr, never a traceback (unless ``--debug``).
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from auditor import __version__
from auditor import baseline as baselines
from auditor.config import FAIL_UNDER_KEYS, KEYS, _Bad, _band, check_selector, effective, resolve
from auditor.engine import audit, summarize
from auditor.errors import InputError, UsageError
from auditor.registry import RULES
from auditor.reporters import FORMATS
from auditor.results import SEVERITY_RANK, FileError, FileReport
from auditor.selection import rule_by_key
from auditor.sources import discover, display_path, format_for

FORMAT_CHOICES = ("terminal", "json", "sarif", "github", "gitlab", "junit", "markdown", "concise", "html")


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


def note(message: str) -> None:
    """Status for people: always on stderr, so machine formats on stdout stay clean."""
    click.echo(f"ssec-audit: {message}", err=True)


def _parse_fail_under(values: tuple[str, ...]) -> tuple[float | None, dict[str, float]] | None:
    """``70`` (the inclusion score) or ``readability=60`` (a category), repeatable."""

    if not values:
        return None
    overall: float | None = None
    per: dict[str, float] = {}
    for value in _split(values):
        name, _, number = value.rpartition("=")
        name = name.strip().lower() or "inclusion"
        if name not in FAIL_UNDER_KEYS:
            raise UsageError(f"--fail-under {value!r}: unknown score {name!r}; use {', '.join(FAIL_UNDER_KEYS)}")
        try:
            score = float(number)
        except ValueError:
            raise UsageError(f"--fail-under {value!r}: {number!r} is not a number") from None
        if not 0 <= score <= 100:
            raise UsageError(f"--fail-under must be between 0 and 100 (got {score:g})")
        if name == "inclusion":
            overall = score
        else:
            per[name] = score
    return overall, per


def _cli_values(select, ignore, extend_select, exclude, grade_band, fail_on, fail_under, fmt,
                model=None, jobs=None) -> dict[str, Any]:
    """Command-line options as configuration values (``None``: not given)."""

    values: dict[str, Any] = {
        "select": _split(select) or None, "ignore": _split(ignore) or None,
        "extend-select": _split(extend_select) or None, "exclude": tuple(exclude) or None,
        "grade-band": grade_band, "fail-on": fail_on, "fail-under": _parse_fail_under(fail_under),
        "output-format": fmt, "model": model, "jobs": jobs,
    }
    try:
        for option in ("select", "ignore", "extend-select"):
            for selector in values[option] or ():
                check_selector(selector)
        if grade_band is not None:
            _band(grade_band, Path.cwd())
    except _Bad as exc:
        raise UsageError(str(exc)) from None
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more (got {jobs})")
    return values


def _start(paths: tuple[str, ...]) -> Path:
    first = next((p for p in paths if p != "-"), None)
    return Path(first) if first else Path.cwd()


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssec-audit")
def main() -> None:
    """Audit K-12 science curriculum for inclusion: accessibility, readability, inclusive language and
    representation.

    \b
    ssec-audit unit.html                 report in the terminal
    ssec-audit lessons/ --format json    machine-readable report
    ssec-audit lessons/ --format sarif -o ssec-audit.sarif
    ssec-audit rules                     every rule, with its id
    ssec-audit config                    the configuration in effect, and where it came from

    Exit codes: 0 nothing to fail on, 1 findings or scores fail the check, 2 usage, configuration or
    input error.
    """


def _config_options(f):
    f = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")(f)
    f = click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Use this configuration file (.ssec-audit.toml or pyproject.toml) instead of "
                          "searching for one.")(f)
    return f


def _setting_options(f):
    """Options that override configuration keys (shared by ``check`` and ``config``)."""
    options = [
        click.option("--select", multiple=True, help="Only these rules (ids, id prefixes, names or categories)."),
        click.option("--ignore", multiple=True, help="Skip these rules, in addition to the configured ones."),
        click.option("--extend-select", multiple=True, help="Add these rules to the selection."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB."),
        click.option("--grade-band", default=None,
                     help="Target grade band: K-2, 3-5, 6-8, 9-12 or a grade (default 6-8)."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
                     help="Exit 1 when a finding is at least this severe (default: error)."),
        click.option("--fail-under", multiple=True, metavar="[SCORE=]N",
                     help="Exit 1 when the inclusion score (or SCORE, e.g. readability=60) is below N."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Report format (default: terminal; github when GITHUB_ACTIONS=true).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--report", "extra_reports", multiple=True, metavar="FORMAT=FILE",
              help="Also write a report in FORMAT to FILE, from the same run (repeatable), e.g. "
                   "--report sarif=ssec-audit.sarif --report markdown=summary.md.")
@_config_options
@_setting_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings or scores would fail the check.")
@click.option("--baseline", default=None, metavar="FILE", help="Report only findings not recorded in FILE.")
@click.option("--write-baseline", default=None, metavar="FILE",
              help="Record every current finding in FILE (to accept them) and exit.")
@click.option("--diff-against", default=None, metavar="REF",
              help="Report only findings on lines changed since the git REF (e.g. origin/main).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has, instead of the report.")
@click.option("--stdin-filename", default=None, help="Name (and so format) of the document read from '-'.")
@click.option("--model", default=None, help="spaCy pipeline to use ('blank' for the rule-based fallback).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: number of cores).")
@click.option("--no-progress", is_flag=True, help="Do not show progress on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
def check(paths: tuple[str, ...], fmt: str | None, output: str | None, **options: Any) -> None:
    """Audit files and folders (.html, .md, .txt; '-' reads standard input; default '.')."""
    debug = options["debug"]
    try:
        code = _check(paths or (".",), fmt, output, **options)
    except (UsageError, InputError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted")
    except Exception as exc:  # noqa: BLE001 - the user gets one line; --debug shows the rest
        if debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
    sys.exit(code)


def _check(paths, fmt, output, *, extra_reports, config_file, isolated, select, ignore, extend_select, exclude, grade_band,
           fail_on, fail_under, exit_zero, baseline, write_baseline, diff_against, statistics, stdin_filename,
           model, jobs, no_progress, debug) -> int:

    extras = _parse_reports(extra_reports)
    cli = _cli_values(select, ignore, extend_select, exclude, grade_band, fail_on, fail_under, fmt, model, jobs)
    resolved = resolve(cli, _start(paths), config_file, isolated, debug=debug)
    settings = resolved.settings
    if baseline and write_baseline:
        raise UsageError("use --baseline or --write-baseline, not both")
    changed = baselines.ChangedLines(diff_against) if diff_against else None
    accepted = baselines.read_baseline(baseline) if baseline else None

    inputs: list[tuple[str, Any]] = []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        name = stdin_filename or "stdin.txt"
        fmt_in = format_for(name)
        if fmt_in is None:
            raise UsageError(f"--stdin-filename {name!r} must end in .html, .md or .txt")
        inputs.append(("stdin", (sys.stdin.buffer.read(), name, fmt_in)))
    found, problems = discover(file_paths, settings.exclude) if file_paths else ([], [])
    found = _included(found, file_paths, settings)
    inputs.extend(("path", p) for p in found)
    if not inputs:
        raise UsageError(problems[0] if len(problems) == 1 else "; ".join(problems) or "nothing to audit")
    for problem in problems:
        click.echo(f"ssec-audit: error: {problem}", err=True)

    show_progress = not no_progress and _stderr_is_terminal() and len(inputs) > 3
    progress = _progress_printer() if show_progress else None
    results = audit(inputs, settings, progress=progress)
    if show_progress:
        click.echo("\r\033[K", err=True, nl=False)
    failed_inputs = bool(problems) or any(isinstance(r, FileError) for r in results)

    if write_baseline:
        findings = [f for r in results if isinstance(r, FileReport) for f in r.findings]
        count = baselines.write_baseline(write_baseline, findings)
        note(f"wrote {count} finding{'s' if count != 1 else ''} to baseline {write_baseline}; "
             f"use --baseline {write_baseline} to report only new ones")
        _report_file_errors(results)
        return 2 if failed_inputs else 0

    notes: list[str] = []
    if changed is not None:
        before = sum(len(r.findings) for r in results if isinstance(r, FileReport))
        results = [replace(r, findings=[f for f in r.findings if changed.keep(f)]) if isinstance(r, FileReport)
                   else r for r in results]
        after = sum(len(r.findings) for r in results if isinstance(r, FileReport))
        notes.append(f"--diff-against {diff_against}: {after} of {before} findings are on changed lines")
    if accepted is not None:
        total = kept = 0
        gone: Any = type(accepted)()
        left = accepted
        new_results = []
        for r in results:
            if isinstance(r, FileReport):
                new, left = baselines.filter_baseline(r.findings, left)
                total, kept = total + len(r.findings), kept + len(new)
                new_results.append(replace(r, findings=new))
            else:
                new_results.append(r)
        gone = sum(left.values())
        results = new_results
        notes.append(baselines.summary_line(kept, total, gone, baseline))

    summary = summarize(results, settings)
    fmt = fmt or settings.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "terminal")
    for extra_fmt, extra_file in extras:
        _emit(results, summary, settings, extra_fmt, extra_file, False, notes)
    try:
        _emit(results, summary, settings, fmt, output, statistics, notes)
    except BrokenPipeError:
        _quiet_stdout()  # `ssec-audit ... | head`: the reader left; exit quietly with the real status
    for message in notes:
        note(message)
    if fmt != "terminal" or output or not sys.stdout.isatty():  # errors reach a person even when stdout does not
        _report_file_errors(results)
    if failed_inputs:
        return 2
    code = _exit_code([r for r in results if isinstance(r, FileReport)], summary, settings)
    return 0 if exit_zero else code


def _parse_reports(values: tuple[str, ...]) -> list[tuple[str, str]]:
    reports = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or not path:
            raise UsageError(f"--report {value!r}: use FORMAT=FILE, e.g. sarif=ssec-audit.sarif")
        if fmt not in FORMAT_CHOICES:
            raise UsageError(f"--report {value!r}: unknown format {fmt!r}; use one of {', '.join(FORMAT_CHOICES)}")
        reports.append((fmt, path))
    return reports


def _included(found: list[Path], given: list[str], settings) -> list[Path]:
    """Files found inside folders must match ``include`` (files named on the command line always count)."""
    if not settings.include:
        return found
    named = {Path(p).resolve() for p in given if Path(p).is_file()}

    return [p for p in found if p.resolve() in named
            or any(settings.path_matches(display_path(p), g) for g in settings.include)]


def _emit(results, summary, settings, fmt: str, output: str | None, statistics: bool, notes: list[str]) -> None:

    def render(out, color):
        if statistics:
            _statistics(results, out, fmt)
        else:
            FORMATS[fmt](results, summary, out, color=color, settings=settings, notes=notes)

    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as out:
                render(out, False)
        except OSError as exc:
            raise UsageError(f"-o {output}: {exc.strerror or exc}") from None
    else:
        render(sys.stdout, None)
        sys.stdout.flush()


def _statistics(results, out, fmt: str) -> None:


    counts: Counter[tuple[str, str, str]] = Counter(
        (f.rule, f.name, f.severity) for r in results if isinstance(r, FileReport) for f in r.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        data = [{"rule": rule, "name": name, "severity": sev, "count": n} for (rule, name, sev), n in rows]
        out.write(json.dumps(data, indent=2) + "\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    for (rule, name, severity), n in rows:
        out.write(f"{n:>{width}}  {rule}  {name}  [{severity}]\n")
    total = sum(counts.values())
    out.write(f"Found {total} finding{'s' if total != 1 else ''}.\n")


def _report_file_errors(results) -> None:

    for result in results:
        if isinstance(result, FileError):
            click.echo(f"ssec-audit: error: {result.path}: {result.message}", err=True)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _exit_code(reports, summary: dict[str, Any], settings) -> int:
    if settings.fail_on != "never":
        threshold = SEVERITY_RANK[settings.fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings):
            return 1
    minimums = dict(settings.fail_under_categories)
    if settings.fail_under is not None:
        minimums["inclusion"] = settings.fail_under
    for name, minimum in minimums.items():
        score = summary["scores"].get(name)
        if score is not None and score < minimum:
            return 1
    return 0


def _progress_printer():
    def show(done: int, total: int, label: str) -> None:
        click.echo(f"\r\033[Kaudited {done}/{total}: {label[-60:]}", err=True, nl=False)

    return show


@main.command("config")
@click.argument("paths", nargs=-1)
@_config_options
@_setting_options
@click.option("--format", "--output-format", "fmt", type=click.Choice(["toml", "json"]), default="toml",
              help="toml (default): the effective settings with their sources as comments; json.")
def show_config(paths: tuple[str, ...], config_file: str | None, isolated: bool, fmt: str, select, ignore,
                extend_select, exclude, grade_band, fail_on, fail_under) -> None:
    """Print the configuration in effect for PATHS (default '.') and where each value came from: default, a
    configuration file, or the command line (the same options as `check` can be given)."""

    try:
        cli = _cli_values(select, ignore, extend_select, exclude, grade_band, fail_on, fail_under, None)
        resolved = resolve(cli, _start(paths), config_file, isolated)
    except UsageError as exc:
        fail(str(exc))
    rows = effective(resolved)
    if fmt == "json":
        data = {"config_file": resolved.config_file,
                "settings": {k: {"value": v, "source": s} for k, v, s in rows}}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    source = resolved.config_file or ("none (--isolated)" if isolated else "none found")
    click.echo(f"# configuration file: {source}")
    click.echo("# key = value  # where the value came from")
    for name, value, origin in rows:
        if value is None:
            click.echo(f"# {name} is not set ({KEYS[name].default})  # {origin}")
        else:
            click.echo(f"{name} = {_toml(value)}  # {origin}")


def _toml(value: Any) -> str:
    """A value in TOML syntax (inline tables for tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()
                          if v is not None)
        return "{ " + items + " }" if items else "{}"
    return json.dumps(str(value))


@main.command("rules")
@click.option("--format", "--output-format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal")
def list_rules(fmt: str) -> None:
    """List every rule: id, name, category, default severity and summary."""

    rows = [RULES[k] for k in sorted(RULES)]
    if fmt == "json":
        click.echo(json.dumps([_rule_json(r) for r in rows], indent=2, ensure_ascii=False))
        return
    current = None
    width = max(len(r.name) for r in rows)
    for rule in sorted(rows, key=lambda r: (r.category, r.id)):
        if rule.category != current:
            current = rule.category
            click.echo(f"\n{current.capitalize()}")
        click.echo(f"  {rule.id}  {rule.name:<{width}}  {rule.severity:<8} {rule.summary}")
    click.echo("\nRun `ssec-audit rule ID` for a rule's documentation and examples.")


def _rule_json(rule) -> dict[str, Any]:
    return {"id": rule.id, "name": rule.name, "category": rule.category, "severity": rule.severity,
            "summary": rule.summary, "references": list(rule.references), "docs": rule.docs(),
            "needs": sorted(rule.needs), "formats": sorted(rule.formats)}


@main.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Show one rule's documentation, with examples that fire and examples that do not."""

    rule = rule_by_key(rule_id)
    if rule is None:
        fail(f"unknown rule {rule_id!r} (see `ssec-audit rules`)")
    click.echo(f"{rule.id} {rule.name} ({rule.category}, {rule.severity})\n")
    click.echo(rule.docs())
    if rule.options:
        click.echo("\nOptions (set them under [tool.ssec-audit.options." + rule.id + "]):")
        for name, default in sorted(rule.options.items()):
            click.echo(f"  {name.replace('_', '-')} = {_toml(default) if default is not None else '(not set)'}")
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
