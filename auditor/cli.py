"""Command line: ``ssec-audit PATH...`` audits; ``ssec-audit rules`` and ``ssec-audit rule ID`` document;
``ssec-audit config`` shows the configuration in effect.

Reports go to stdout (or ``-o FILE``); everything for people (errors, notes, progress) goes to stderr.

Exit codes: 0 clean; 1 findings at or above ``--fail-on`` or a score under ``--fail-under``; 2 usage or input
error. Errors are one line on stderr, never a traceback (unless ``--debug``).
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from auditor import __version__
from auditor import baseline as baselines
from auditor.cache import open_cache
from auditor.cases import highlight
from auditor.config import KEYS, cli_value, did_you_mean, effective, resolve
from auditor.engine import audit, summarize
from auditor.errors import InputError, UsageError, WorkerError
from auditor.outputs import is_own_report, refuse_inputs, write_atomically
from auditor.registry import RULES
from auditor.reporters import FORMATS
from auditor.reporters import statistics as statistics_report
from auditor.reporters.safe import printable
from auditor.results import SEVERITY_RANK, FileError, FileReport
from auditor.selection import rule_by_key
from auditor.sources import discover, display_path, format_for, is_skip_note, read_stdin
from auditor.watch import watch

#: An audit allocates millions of short-lived objects (tokens, spans, matches) and few reference cycles:
#: collecting the youngest generation every 700 allocations (Python's default) cost 7% of a folder's CPU; every
#: 50,000 costs about 16 MB more at the peak. Forked workers inherit it. (mypy does the same.)
GC_THRESHOLD = (50_000, 20, 20)

F = TypeVar("F", bound=Callable[..., Any])
COLOR_CHOICES = ("auto", "always", "never")
# configuration keys whose options only `check` has, each in its own place (`config` has a --format of its own)
_CHECK_ONLY = ("output-format", "model", "jobs")


class DefaultGroup(click.Group):
    """``ssec-audit unit.html`` means ``ssec-audit check unit.html``; ``ssec-audit chek`` (no such file, and
    close to a command) asks whether the command was meant."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            if args:
                _command_typo(args[0], sorted(self.commands))
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _command_typo(word: str, commands: list[str]) -> None:
    """Stop with a did-you-mean when ``word`` looks like a mistyped command rather than a path: it does not
    exist, has no folder or suffix, and is close to a command's name."""
    if word.startswith("-") or "/" in word or "." in word or os.path.lexists(word):
        return
    close = did_you_mean(word.lower(), commands)
    if close:
        fail(f"{word!r} is not a command, file or folder (did you mean `ssec-audit {close}`?)")


def fail(message: str) -> NoReturn:
    click.echo(f"ssec-audit: error: {_line(message)}", err=True)
    sys.exit(2)


def note(message: str) -> None:
    """Status for people: always on stderr, so machine formats on stdout stay clean."""
    click.echo(f"ssec-audit: {_line(message)}", err=True)


def _line(message: str) -> str:
    """One line, with control characters from file names or documents made visible (a newline in a file
    name must not start a forged line, such as a GitHub workflow command)."""
    return printable(message).replace("\n", "␤")


def _cli_values(options: dict[str, Any]) -> dict[str, Any]:
    """The options that set configuration keys, as configuration values by key name (``None``: not given)."""
    return {name: cli_value(name, options[key.field]) for name, key in KEYS.items()
            if key.flag and key.field in options}


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


def _key_option(name: str) -> Callable[[F], F]:
    """The option of configuration key ``name``: its flags, help, default and choices come from ``KEYS``, and
    its value is checked later by the key's converter (``cli_value``), as a configuration file's would be."""
    key = KEYS[name]
    flag = key.flag
    assert flag is not None, name
    help_text = key.help
    if flag.adds:
        help_text += " Adds to the configured list."
    if not flag.repeatable:
        help_text += f" Default: {key.default}."
    if flag.switch:
        on, off = flag.names
        return click.option(f"{on}/{off}", key.field, default=None, help=help_text)
    return click.option(*flag.names, key.field, type=click.Choice(key.choices) if key.choices else flag.value_type,
                        multiple=flag.repeatable, metavar=flag.metavar, default=None, help=help_text)


def _setting_options(f: F) -> F:
    """Options that override configuration keys (shared by ``check`` and ``config``), in ``KEYS`` order."""
    for name in reversed([name for name, key in KEYS.items() if key.flag and name not in _CHECK_ONLY]):
        f = _key_option(name)(f)
    return f


@main.command()
@click.argument("paths", nargs=-1)
@_key_option("output-format")
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
@_key_option("model")
@_key_option("jobs")
@click.option("-q", "--quiet", is_flag=True,
              help="Terminal report: only the summary (scores, what to fix first) and files that could not be "
                   "audited. No progress.")
@click.option("--color", "--colour", "color", type=click.Choice(COLOR_CHOICES), default="auto",
              help="Colour in the terminal report: auto (when writing to a terminal; NO_COLOR turns it off, "
                   "FORCE_COLOR on), always or never. Files written with -o or --report are never coloured. "
                   "Default: auto.")
@click.option("--no-progress", is_flag=True, help="Do not show progress on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.option("--watch", is_flag=True,
              help="Audit, then audit again each time a file is saved, until Ctrl-C. The model stays loaded, so "
                   "a changed page takes about a tenth of a second.")
def check(paths: tuple[str, ...], **options: Any) -> None:
    """Audit files and folders (.html, .md, .txt; '-' reads standard input; default '.')."""
    gc.set_threshold(*GC_THRESHOLD)
    debug = options["debug"]
    watching = options.pop("watch")
    try:
        code = _watch(paths or (".",), options) if watching else _check(paths or (".",), **options)
    except (UsageError, InputError, WorkerError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted")
    except Exception as exc:  # noqa: BLE001 - the user gets one line; --debug shows the rest
        if debug:
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
    sys.exit(code)


def _check(paths: tuple[str, ...], *, output: str | None, extra_reports: tuple[str, ...], config_file: str | None,
           isolated: bool, exit_zero: bool, baseline: str | None, write_baseline: str | None,
           diff_against: str | None, statistics: bool, stdin_filename: str | None, no_progress: bool, debug: bool,
           quiet: bool, color: str, **setting_options: Any) -> int:

    extras = _parse_reports(extra_reports)
    cli = _cli_values(setting_options)
    resolved = resolve(cli, _start(paths), config_file, isolated, debug=debug)
    settings = resolved.settings
    if baseline and write_baseline:
        raise UsageError("use --baseline or --write-baseline, not both")
    changed = baselines.ChangedLines(diff_against) if diff_against else None
    accepted = baselines.read_baseline(baseline) if baseline else Counter()

    inputs: list[tuple[str, Any]] = []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        name = stdin_filename or "stdin.txt"
        fmt_in = format_for(name)
        if fmt_in is None:
            raise UsageError(f"--stdin-filename {name!r} must end in .html, .md or .txt")
        inputs.append(("stdin", (read_stdin(sys.stdin.buffer), name, fmt_in)))
    found, problems = discover(file_paths, settings.exclude) if file_paths else ([], [])
    for skipped in [p for p in problems if is_skip_note(p)]:
        note(skipped)
    problems = [p for p in problems if not is_skip_note(p)]
    found = _included(found, file_paths, settings)
    own = [p for p in found if is_own_report(p)]
    if own:
        note(f"skipped {len(own)} report{'s' if len(own) != 1 else ''} written by ssec-audit "
             f"({', '.join(display_path(p) for p in own[:3])}{', ...' if len(own) > 3 else ''})")
        found = [p for p in found if p not in own]
    outputs = [("-o", output)] if output else []
    outputs += [("--report", path) for _, path in extras]
    outputs += [("--write-baseline", write_baseline)] if write_baseline else []
    refuse_inputs(outputs, found)
    inputs.extend(("path", p) for p in found)
    if not inputs:
        raise UsageError(problems[0] if len(problems) == 1 else "; ".join(problems) or "nothing to audit")
    for problem in problems:
        click.echo(f"ssec-audit: error: {_line(problem)}", err=True)

    show_progress = not no_progress and not quiet and _stderr_is_terminal() and len(inputs) > 3
    progress = _progress_printer() if show_progress else None
    results = audit(inputs, settings, progress=progress, cache=open_cache(settings))
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
        results, line = baselines.changed_only(results, changed.keep, changed.ref)
        notes.append(line)
    if baseline:
        results, line = baselines.new_only(results, accepted, baseline)
        notes.append(line)

    summary = summarize(results, settings)
    fmt = settings.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "terminal")
    for extra_fmt, extra_file in extras:
        _emit(results, summary, settings, extra_fmt, extra_file, False, notes, quiet=quiet, color=color,
              report=True)
    try:
        _emit(results, summary, settings, fmt, output, statistics, notes, quiet=quiet, color=color)
    except BrokenPipeError:
        _quiet_stdout()  # `ssec-audit ... | head`: the reader left; exit quietly with the real status
    for message in notes:
        note(message)
    if fmt != "terminal" or output or not sys.stdout.isatty():  # errors reach a person even when stdout does not
        _report_file_errors(results)
    if failed_inputs:
        return 2
    failed = _failed_gates([r for r in results if isinstance(r, FileReport)], summary, settings, resolved.sources)
    if exit_zero or not failed:
        return 0
    for reason in failed:  # a failing exit code always says why
        click.echo(f"ssec-audit: check failed: {reason}", err=True)
    return 1


def _watch(paths: tuple[str, ...], options: dict[str, Any]) -> int:
    """``--watch``: the same run as ``_check``, again after every change (auditor/watch.py)."""
    if "-" in paths:
        raise UsageError("--watch watches files: it cannot read standard input ('-')")
    if options["write_baseline"]:
        raise UsageError("--watch and --write-baseline cannot be used together")
    resolved = resolve(_cli_values(options), _start(paths), options["config_file"], options["isolated"],
                       debug=options["debug"])
    settings = resolved.settings
    config = [Path(f) for f in (resolved.config_file, *settings.packs, *settings.equity_packs, options["baseline"])
              if f]
    written = {Path(f).resolve() for f in (options["output"], *(p for _, p in _parse_reports(options["extra_reports"])))
               if f}
    own: dict[Path, bool] = {}

    def lessons() -> list[Path]:
        found, _ = discover(list(paths), settings.exclude)
        return [p for p in found if p.resolve() not in written
                and not (own[p] if p in own else own.setdefault(p, is_own_report(p)))]

    def run() -> None:
        try:
            _check(paths, **options)
        except (UsageError, InputError) as exc:  # e.g. every file deleted: say so, and keep watching
            click.echo(f"ssec-audit: error: {_line(str(exc))}", err=True)

    def clear() -> None:
        if sys.stdout.isatty() and not options["output"]:
            click.echo("\033[2J\033[H", nl=False)

    return watch(run, lessons, lambda: config, note, clear=clear)


def _parse_reports(values: tuple[str, ...]) -> list[tuple[str, str]]:
    reports = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or not path:
            raise UsageError(f"--report {value!r}: use FORMAT=FILE, e.g. sarif=ssec-audit.sarif")
        if fmt not in FORMATS:
            raise UsageError(f"--report {value!r}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        reports.append((fmt, path))
    return reports


def _included(found: list[Path], given: list[str], settings) -> list[Path]:
    """Files found inside folders must match ``include`` (files named on the command line always count)."""
    if not settings.include:
        return found
    named = {Path(p).resolve() for p in given if Path(p).is_file()}

    return [p for p in found if p.resolve() in named
            or any(settings.path_matches(display_path(p), g) for g in settings.include)]


def _emit(results, summary, settings, fmt: str, output: str | None, statistics: bool, notes: list[str], *,
          quiet: bool = False, color: str = "auto", report: bool = False) -> None:
    """Write one report (``report``: for --report rather than -o); with ``statistics``, the number of findings
    per rule instead. A file gets plain text at the default width, written whole or not at all; standard output
    gets colour as ``--color`` says and the terminal's width."""
    if statistics:
        write = statistics_report.write_json if fmt == "json" else statistics_report.write
    else:
        write = FORMATS[fmt]

    def render(out, use_color: bool, width: int | None):
        write(results, summary, out, color=use_color, width=width, quiet=quiet, settings=settings, notes=notes)

    if output:
        write_atomically(output, "--report" if report else "-o", lambda out: render(out, False, None))
    else:
        render(sys.stdout, _use_color(color, sys.stdout), _terminal_width())
        sys.stdout.flush()


def _use_color(choice: str, stream) -> bool:
    """``--color``: always and never are final; auto colours a terminal, unless NO_COLOR is set (and not
    empty), or when FORCE_COLOR is (https://no-color.org, https://force-color.org). NO_COLOR wins over
    FORCE_COLOR."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int | None:
    """Columns to wrap the terminal report to: $COLUMNS, else the terminal's; None (the reporter's default)
    when standard output is not a terminal."""
    columns = shutil.get_terminal_size((0, 0)).columns
    return max(columns, 40) if columns > 0 else None


def _report_file_errors(results) -> None:

    for result in results:
        if isinstance(result, FileError):
            click.echo(f"ssec-audit: error: {_line(result.path)}: {_line(result.message)}", err=True)


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


def _failed_gates(reports, summary: dict[str, Any], settings, sources: dict[str, str]) -> list[str]:
    """Why the check fails (exit code 1), one line per gate: ``--fail-on`` and each ``--fail-under``; empty
    when it passes. Each line says where a setting not given on the command line came from."""

    def origin(key: str) -> str:
        source = sources.get(key, "default")
        if source == "default":
            return " (the default)"
        return "" if source == "command line" else f" (set in {source.removesuffix(' + command line')})"

    failed = []
    if settings.fail_on != "never":
        threshold = SEVERITY_RANK[settings.fail_on]
        count = sum(1 for r in reports for f in r.findings if SEVERITY_RANK[f.severity] >= threshold)
        if count:
            failed.append(f"{count} finding{'s' if count != 1 else ''} at or above --fail-on {settings.fail_on}"
                          f"{origin('fail-on')}")
    minimums = {}
    if settings.fail_under is not None:
        minimums["inclusion"] = settings.fail_under
    minimums.update(settings.fail_under_categories)
    for name, minimum in minimums.items():
        score = summary["scores"].get(name)
        if score is not None and score < minimum:
            flag = f"{minimum:g}" if name == "inclusion" else f"{name}={minimum:g}"
            failed.append(f"{name} score {score:g} is below --fail-under {flag}{origin('fail-under')}")
    return failed


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
def show_config(paths: tuple[str, ...], config_file: str | None, isolated: bool, fmt: str,
                **setting_options: Any) -> None:
    """Print the configuration in effect for PATHS (default '.') and where each value came from: default, a
    configuration file, or the command line (the options below that set configuration keys work as in
    `check`)."""

    try:
        cli = _cli_values(setting_options)
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
        close = (did_you_mean(rule_id.strip().upper(), sorted(RULES))
                 or did_you_mean(rule_id.strip().lower(), sorted(r.name for r in RULES.values())))
        fail(f"unknown rule {rule_id!r}" + (f" (did you mean `ssec-audit rule {close}`?)" if close else "")
             + " (see `ssec-audit rules`)")
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
                note = f"  ({example.caption()})" if example.caption() else ""
                text = highlight(example.text)
                text = text if len(text) < 200 else text[:197] + "..."
                click.echo(f"  [{example.format}] {text}{note}")
    if any(e.fails for e in rule.examples):
        click.echo("\n«…» marks what the rule reports, and → the fix it offers.")
