"""Settings for one run. They flow one way: defaults, then configuration files, then the command line, and
the result is read (never changed) by the engine, the rules and the reporters.

Configuration lives in ``[tool.ssec-audit]`` of a ``pyproject.toml`` or at the top level of a
``.ssec-audit.toml``; the file closest to the audited path (walking up the folders) wins, and ``extend`` builds
on another file. Keys are kebab-case, like ruff's. Every key is declared once in :data:`KEYS` with its type,
default and a one-line description, so validation, ``ssec-audit config`` and docs/configuration.md agree. A
key that can also be set on the command line says so in :data:`KEYS` too (its :class:`Flag`): the command
line's options are built from that table, and :func:`cli_value` checks their values with the key's own
converter, so a value is judged the same way wherever it is written.
"""
from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from auditor.data import load_toml, load_toml_file
from auditor.equity.places import canonical_country
from auditor.errors import UsageError
from auditor.grades import normalize_band
from auditor.reporters import FORMATS
from auditor.results import CATEGORIES, SEVERITIES, split_member
from auditor.rule import Rule
from auditor.selection import known_selectors, rule_by_key, selector_known

CONFIG_FILES = (".ssec-audit.toml", "pyproject.toml")  # checked in this order in each folder
FAIL_UNDER_KEYS = ("inclusion",) + CATEGORIES
FAIL_ON = SEVERITIES + ("never",)
QUOTATIONS = ("lower", "report", "ignore")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # globs: files found in folders must match one (empty: every supported file)
    exclude: tuple[str, ...] = ()
    grade_band: str = "6-8"
    grade_band_source: str = "default"
    fail_on: str = "error"
    fail_under: float | None = None  # overall inclusion score
    fail_under_categories: dict[str, float] = field(default_factory=dict)  # category -> minimum score
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> option overrides
    scoring: dict[str, Any] = field(default_factory=dict)  # overrides of rules/scoring.toml
    # per-glob grade bands from configuration: ((glob, band), ...); the first match wins
    grade_bands: tuple[tuple[str, str], ...] = ()
    # the documents' language from configuration: ((glob, language), ...), "" matching every file; first wins
    languages: tuple[tuple[str, str], ...] = ()
    # per-glob rule selectors switched off: ((glob, (selector, ...)), ...)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    vocabulary: tuple[str, ...] = ()  # extra defined science terms (readability)
    teacher_selectors: tuple[str, ...] = ()  # CSS selectors of teacher-only HTML, besides the built-in ones
    packs: tuple[str, ...] = ()  # extra language rule-pack files (absolute paths)
    disabled_terms: tuple[str, ...] = ()  # language pack entry ids switched off
    quotations: str = "lower"  # wording inside direct quotations: lower (severity) | report | ignore
    people: tuple[dict[str, Any], ...] = ()  # extra knowledge-base entries (representation)
    audience_country: str | None = None  # the country a unit is written for: place checks become notes (equity)
    materials_budget: float = 0.0  # a price a family can be asked to pay without a finding (equity)
    equity_packs: tuple[str, ...] = ()  # extra equity pack files (absolute paths)
    equity_disabled: tuple[str, ...] = ()  # equity pack entry ids switched off
    output_format: str | None = None  # the report format when --format is not given
    root: str | None = None  # folder of the configuration file: globs are relative to it
    model: str | None = None
    jobs: int | None = None
    cache: bool = True  # reuse a file's cached report while nothing it depends on has changed (auditor/cache.py)
    cache_dir: str | None = None  # absolute; None: .ssec-audit-cache beside the configuration file, else in cwd
    debug: bool = False

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)} (got {self.fail_on!r})")
        for value in (self.fail_under, *self.fail_under_categories.values()):
            if value is not None and not 0 <= value <= 100:
                raise UsageError(f"--fail-under must be between 0 and 100 (got {value})")
        normalize_band(self.grade_band)
        if self.quotations not in QUOTATIONS:
            raise UsageError(f"quotations must be one of {', '.join(QUOTATIONS)} (got {self.quotations!r})")

    def band_for(self, path: str) -> tuple[str, str]:
        """The grade band configured for ``path`` and where it came from (before the document's own)."""
        for glob, band in self.grade_bands:
            if self.path_matches(path, glob):
                return band, f"configuration ({glob})"
        return self.grade_band, self.grade_band_source

    def language_for(self, path: str) -> str | None:
        """The language configured for ``path`` (a document's own ``lang`` still wins), or None."""
        return next((lang for glob, lang in self.languages if not glob or self.path_matches(path, glob)), None)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rule selectors that ``per-file-ignores`` switches off for ``path``."""
        return tuple(s for glob, selectors in self.per_file_ignores if self.path_matches(path, glob)
                     for s in selectors)

    def path_matches(self, path: str, glob: str) -> bool:
        """Whether a report path matches a configured glob: as given, under any folder, or relative to the
        configuration file's folder (so ``lessons/*.md`` works from wherever the tool is run)."""
        candidates = {path, split_member(path)[0]}  # a file inside an EPUB also matches the EPUB's globs
        if self.root and not path.startswith("stdin"):
            try:
                candidates |= {Path(os.path.relpath(os.path.abspath(c), self.root)).as_posix() for c in set(candidates)}
            except ValueError:  # another drive on Windows
                pass
        return any(fnmatch(c, glob) or fnmatch(c, f"*/{glob}") for c in candidates)


# reading configuration files ---------------------------------------------------------------------------------


class ConfigError(UsageError):
    """A bad key or value; the message names the file and the key and gives a hint."""


class _Bad(Exception):
    """Raised by a converter; turned into a ConfigError that names the file and key."""


@dataclass(frozen=True)
class Flag:
    """How a key is set on the command line. Its values go through the key's converter like a file's."""

    names: tuple[str, ...]  # e.g. ("--format", "--output-format"); the first names the option in messages
    metavar: str | None = None
    repeatable: bool = False  # may be given several times; the values make one list
    adds: bool = False  # adds to the configured list instead of replacing it
    value_type: type = str  # what the command line's text is turned into before the converter sees it
    switch: bool = False  # an on/off flag: names are ("--name", "--no-name")
    # the option's values -> the value a configuration file would hold (default: the list, or the one value)
    parse: Callable[[tuple[str, ...]], Any] | None = None


@dataclass(frozen=True)
class Key:
    """One configuration key: the Settings field it fills, how to read it, and its documentation (``default``
    and ``help`` are for people: ``ssec-audit config`` and the command line's help show them)."""

    name: str
    field: str
    convert: Callable[[Any, Path], Any]  # (raw TOML value, folder of the file) -> Settings value
    type: str
    default: str
    help: str
    merge: bool = False  # tables from ``extend``-ed files are merged key by key instead of replaced
    flag: Flag | None = None  # the command-line option, if the key has one

    @property
    def choices(self) -> tuple[str, ...]:
        """The values the converter accepts, when it accepts only a few strings (empty otherwise)."""
        return self.convert.choices if isinstance(self.convert, _Choice) else ()


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice closest to a mistyped ``word`` (``grade_band`` -> ``grade-band``), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.replace("-", "_") == word.replace("-", "_").lower()]
    return close[0] if close else None


def _hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = did_you_mean(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


def _str(value: Any, _: Path) -> str:
    if not isinstance(value, str):
        raise _Bad(f"must be a string, got {_tname(value)}")
    return value


def _tname(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _str_list(value: Any, base: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"must be a list of strings, got {_tname(value)}")
    return tuple(value)


def _selectors(value: Any, base: Path) -> tuple[str, ...]:
    items = tuple(s.strip() for v in _str_list(value, base) for s in v.split(",") if s.strip())
    for item in items:
        _check_selector(item)
    return items


def _check_selector(selector: str) -> None:
    """A rule id, id prefix, name, category or ALL; raises _Bad with a did-you-mean otherwise."""
    if not selector_known(selector):
        raise _Bad(f"unknown rule or category {selector!r}{_hint(selector, known_selectors())}"
                   " (see `ssec-audit rules`)")


def _rule(key: str) -> type[Rule]:
    rule = rule_by_key(key)
    if rule is None:
        raise _Bad(f"unknown rule {key!r}{_hint(key, known_selectors())} (see `ssec-audit rules`)")
    return rule


def _band(value: Any, base: Path) -> str:
    text = _str(value, base)
    try:
        normalize_band(text)
    except UsageError as exc:
        raise _Bad(str(exc)) from None
    return text


def _band_table(value: Any, base: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _Bad('must be a table of glob = "band", e.g. { "lessons/k2/*" = "K-2" }')
    return tuple((glob, _band(band, base)) for glob, band in value.items())


def _severity_table(value: Any, base: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Bad('must be a table of rule = "error" | "warning" | "info", e.g. { L101 = "error" }')
    out = {}
    for key, sev in value.items():
        if sev not in SEVERITIES:
            raise _Bad(f"{key}: severity must be one of error, warning, info (got {sev!r})"
                       f"{_hint(str(sev), SEVERITIES)}")
        out[_rule(key).id] = sev
    return out


def _options_table(value: Any, base: Path) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise _Bad("must be a table of tables, e.g. [tool.ssec-audit.options.R101] max-words = 30")
    out: dict[str, dict[str, Any]] = {}
    for key, opts in value.items():
        rule = _rule(key)
        known = dict(rule.options)
        chosen = {}
        for name, setting in opts.items():
            py_name = name.replace("-", "_")
            if py_name not in known:
                if not known:
                    raise _Bad(f"{key}: rule {rule.id} has no options")
                raise _Bad(f"{key}: unknown option {name!r}{_hint(py_name, list(known))}; "
                           f"options: {', '.join(sorted(known))}")
            default = known[py_name]
            if default is not None and not _same_type(default, setting):
                raise _Bad(f"{key}.{name}: must be {_tname(default)} like the default {default!r}, "
                           f"got {_tname(setting)}")
            chosen[py_name] = tuple(setting) if isinstance(setting, list) and isinstance(default, tuple) else setting
        out[rule.id] = chosen
    return out


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def _per_file_ignores(value: Any, base: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _Bad('must be a table of glob = ["rule", ...], e.g. { "archive/*" = ["readability"] }')
    return tuple((glob, _selectors(sel, base)) for glob, sel in value.items())


def _score(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise _Bad(f"{what}must be a number from 0 to 100 (got {value!r})")
    return float(value)


def _fail_under(value: Any, base: Path) -> tuple[float | None, dict[str, float]]:
    if isinstance(value, dict):
        overall = None
        per: dict[str, float] = {}
        for key, score in value.items():
            if key not in FAIL_UNDER_KEYS:
                raise _Bad(f"unknown score {key!r}{_hint(key, FAIL_UNDER_KEYS)}; use {', '.join(FAIL_UNDER_KEYS)}")
            if key == "inclusion":
                overall = _score(score, "inclusion: ")
            else:
                per[key] = _score(score, f"{key}: ")
        return overall, per
    return _score(value, ""), {}


def _score_options(values: tuple[str, ...]) -> float | dict[str, float] | None:
    """``--fail-under 70`` (the inclusion score) and ``--fail-under readability=60`` (a category), repeatable
    and comma-separated, as the number or table a file would hold; :func:`_fail_under` judges it."""
    table: dict[str, float] = {}
    for item in (v.strip() for value in values for v in value.split(",")):
        if not item:
            continue
        name, _, number = item.rpartition("=")
        name = name.strip().lower() or "inclusion"
        try:
            score = float(number)
        except ValueError:
            raise _Bad(f"{'' if name == 'inclusion' else name + ': '}{number.strip()!r} is not a number") from None
        table[name] = int(score) if score.is_integer() else score  # shown as written: "(got 120)"
    return table["inclusion"] if list(table) == ["inclusion"] else table or None


def _scoring(value: Any, base: Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad("must be a table, e.g. [tool.ssec-audit.scoring.weights] readability = 2.0")
    shipped = load_toml("scoring.toml")
    for section, entries in value.items():
        if section not in shipped:
            raise _Bad(f"unknown section {section!r}{_hint(section, list(shipped))}; sections: {', '.join(shipped)}")
        if isinstance(shipped[section], dict):
            if not isinstance(entries, dict):
                raise _Bad(f"{section}: must be a table")
            for key, number in entries.items():
                if key not in shipped[section]:
                    raise _Bad(f"{section}: unknown key {key!r}{_hint(key, list(shipped[section]))}; "
                               f"keys: {', '.join(shipped[section])}")
                if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
                    raise _Bad(f"{section}.{key}: must be a number of 0 or more (got {number!r})")
    return value


def _paths(value: Any, base: Path) -> tuple[str, ...]:
    out = []
    for item in _str_list(value, base):
        path = (base / item).resolve()
        if not path.is_file():
            raise _Bad(f"file not found: {item} (paths are relative to the configuration file)")
        out.append(str(path))
    return tuple(out)


MAX_LIST_BYTES = 10_000_000


def _vocabulary(value: Any, base: Path) -> tuple[str, ...]:
    """A list of terms, or a path to a text file with one term per line (# starts a comment)."""
    if isinstance(value, str):
        path = (base / value).resolve()
        if not path.is_file():
            raise _Bad(f"file not found: {value} (paths are relative to the configuration file)")
        try:
            with path.open("rb") as f:
                raw = f.read(MAX_LIST_BYTES + 1)
            if len(raw) > MAX_LIST_BYTES:
                raise _Bad(f"{value}: larger than {MAX_LIST_BYTES // 1_000_000} MB; a vocabulary is a short list")
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _Bad(f"{value}: not a UTF-8 text file (one term per line)") from None
        except OSError as exc:
            raise _Bad(f"{value}: {exc.strerror or exc}") from None
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return tuple(line for line in lines if line)
    return _str_list(value, base)


def _css_selectors(value: Any, base: Path) -> tuple[str, ...]:
    """CSS selectors, each checked by soupsieve (what BeautifulSoup's ``select`` uses)."""
    import soupsieve

    selectors = _str_list(value, base)
    for selector in selectors:
        try:
            soupsieve.compile(selector)
        except (soupsieve.SelectorSyntaxError, ValueError) as exc:
            raise _Bad(f"{selector!r} is not a CSS selector: {str(exc).splitlines()[0]}") from None
    return selectors


def _people(value: Any, base: Path) -> tuple[dict[str, Any], ...]:
    """Inline tables, or a path to a TOML file of ``[[person]]`` tables."""
    if isinstance(value, str):
        path = (base / value).resolve()
        if not path.is_file():
            raise _Bad(f"file not found: {value} (paths are relative to the configuration file)")
        try:
            value = load_toml_file(path).get("person", [])
        except Exception as exc:  # noqa: BLE001 - tomllib's error is the hint
            raise _Bad(f"{value}: invalid TOML: {exc}") from None
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise _Bad("must be a list of tables or a path to a TOML file of [[person]] tables")
    for person in value:
        if not isinstance(person.get("name"), str) or not person["name"].strip():
            raise _Bad(f"every person needs a name (got {person!r})")
    return tuple(value)


def _country(value: Any, base: Path) -> str:
    """A country the gazetteer knows (rules/people/demonyms.toml), as it names it: "USA" -> "United States"."""
    name = canonical_country(_str(value, base))
    if name is None:
        raise _Bad(f"unknown country {value!r} (a country name from rules/people/demonyms.toml, e.g. "
                   '"United States", "Kenya", "India")')
    return name


def _budget(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise _Bad(f"must be a number of 0 or more (an amount of money, without a currency sign; got {value!r})")
    return float(value)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _language(value: Any, base: Path) -> tuple[tuple[str, str], ...]:
    """``"es"`` for every file, or ``{ "unidades/*" = "es" }`` per glob."""
    table = value if isinstance(value, dict) else {"": value}
    out = []
    for glob, lang in table.items():
        if not isinstance(lang, str) or not _LANGUAGE_TAG.fullmatch(lang.strip()):
            raise _Bad(f'must be a language code such as "es" or "en", or a table of glob = "code" (got {lang!r})')
        out.append((glob, lang.strip().lower()))
    return tuple(out)


@dataclass(frozen=True)
class _Choice:
    """A converter that accepts one of a few strings; the command line offers the same ``choices``."""

    choices: tuple[str, ...]

    def __call__(self, value: Any, base: Path) -> str:
        text = _str(value, base)
        if text not in self.choices:
            raise _Bad(f"must be one of {', '.join(self.choices)} (got {text!r}){_hint(text, self.choices)}")
        return text


def _model(value: Any, base: Path) -> str:
    return _str(value, base)


def _bool(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"must be true or false, got {_tname(value)}")
    return value


def _folder(value: Any, base: Path) -> str:
    """A folder that need not exist yet, relative to the configuration file (or, on the command line, to the
    working directory)."""
    text = _str(value, base)
    if not text.strip():
        raise _Bad("must be a path to a folder")
    path = Path(os.path.abspath(base / text))
    if path.exists() and not path.is_dir():
        raise _Bad(f"not a folder: {text}")
    return str(path)


def _jobs(value: Any, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _Bad(f"must be a whole number of 1 or more (got {value!r})")
    return value


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("include", "include", _str_list, "list of globs", "[] (every .html, .htm, .xhtml, .md, .markdown, .txt)",
        "Files found in folders must match one of these globs to be audited."),
    Key("exclude", "exclude", _str_list, "list of globs", "[]",
        "Files and folders to skip (matched against the path, its parts and its name).",
        flag=Flag(("--exclude",), metavar="GLOB", repeatable=True, adds=True)),
    Key("grade-band", "grade_band", _band, "string", "6-8",
        "Target grade band: K-2, 3-5, 6-8, 9-12 or a single grade. A document's own metadata wins.",
        flag=Flag(("--grade-band",))),
    Key("grade-bands", "grade_bands", _band_table, "table glob -> band", "{}",
        "Grade bands for parts of the tree; the first matching glob wins.", merge=True),
    Key("language", "languages", _language, "string or table glob -> string", "none (declared, else detected)",
        "The documents' language (\"es\"), or per glob; a document's own lang attribute or front matter wins."),
    Key("select", "select", _selectors, "list of rule selectors", "[] (every rule)",
        "Only these rules: ids (L101), id prefixes (A1), names, categories or ALL.",
        flag=Flag(("--select",), repeatable=True)),
    Key("ignore", "ignore", _selectors, "list of rule selectors", "[]", "Skip these rules.",
        flag=Flag(("--ignore",), repeatable=True, adds=True)),
    Key("extend-select", "extend_select", _selectors, "list of rule selectors", "[]",
        "Add these rules to the selection (e.g. rules that are off by default).",
        flag=Flag(("--extend-select",), repeatable=True, adds=True)),
    Key("severity", "severity", _severity_table, "table rule -> severity", "{}",
        "Change a rule's severity: error, warning or info.", merge=True),
    Key("options", "options", _options_table, "table rule -> table", "{}",
        "Per-rule options (see `ssec-audit rule ID`).", merge=True),
    Key("per-file-ignores", "per_file_ignores", _per_file_ignores, "table glob -> list of rule selectors", "{}",
        "Rules switched off for files matching a glob.", merge=True),
    Key("fail-on", "fail_on", _Choice(FAIL_ON), "string", "error",
        "Exit 1 when a finding is at least this severe.", flag=Flag(("--fail-on",))),
    Key("fail-under", "fail_under", _fail_under, "number or table", "none",
        "Exit 1 when the inclusion score is below N, or a category's score below its own (a table in a file; "
        "SCORE=N on the command line, e.g. readability=60).",
        flag=Flag(("--fail-under",), metavar="[SCORE=]N", repeatable=True, parse=_score_options)),
    Key("scoring", "scoring", _scoring, "table", "rules/scoring.toml",
        "Overrides of the shipped scoring table: weights, penalty, per-category numbers.", merge=True),
    Key("packs", "packs", _paths, "list of paths", "[]",
        "Extra inclusive-language rule packs (TOML), relative to the configuration file."),
    Key("disabled-terms", "disabled_terms", _str_list, "list of strings", "[]",
        "Language pack entries switched off, by entry id."),
    Key("vocabulary", "vocabulary", _vocabulary, "list of strings or path", "[]",
        "Science terms your unit defines on purpose (not counted as hard words)."),
    Key("teacher-selectors", "teacher_selectors", _css_selectors, "list of CSS selectors",
        "[] (built in: .os-teacher, .teacher-note, .answer-key, [data-audience=teacher] and others)",
        "HTML elements that hold teacher-facing text, besides the built-in ones: left out of the student "
        "reading grade and reported apart."),
    Key("people", "people", _people, "list of tables or path", "[]",
        "Extra knowledge-base people: {name, gender, region, born, scientist...} or a TOML file of [[person]]."),
    Key("audience-country", "audience_country", _country, "string", "none (every country)",
        "The country a unit is written for; equity's place checks (E105) become notes (info)."),
    Key("materials-budget", "materials_budget", _budget, "number", "0",
        "A price a family may be asked to pay without an E102 finding (same currency as the text)."),
    Key("equity-packs", "equity_packs", _paths, "list of paths", "[]",
        "Extra equity packs (TOML), relative to the configuration file."),
    Key("equity-disabled", "equity_disabled", _str_list, "list of strings", "[]",
        "Equity pack entries switched off, by entry id."),
    Key("quotations", "quotations", _Choice(QUOTATIONS), "string", "lower",
        "Wording inside direct quotations: lower its severity, report as usual, or ignore."),
    Key("output-format", "output_format", _Choice(tuple(FORMATS)), "string",
        "terminal; github when GITHUB_ACTIONS=true", "Report format.",
        flag=Flag(("--format", "--output-format"))),
    Key("model", "model", _model, "string",
        "$SSEC_AUDIT_MODEL, else the best installed English pipeline, else blank",
        "spaCy pipeline to use ('blank' for the rule-based fallback).", flag=Flag(("--model",))),
    Key("jobs", "jobs", _jobs, "integer", "number of cores, at most 4", "Worker processes.",
        flag=Flag(("--jobs", "-j"), value_type=int)),
    Key("cache", "cache", _bool, "boolean", "true",
        "Reuse each file's report while the file, configuration, rules, data and tool are unchanged.",
        flag=Flag(("--cache", "--no-cache"), switch=True, value_type=bool)),
    Key("cache-dir", "cache_dir", _folder, "path", ".ssec-audit-cache beside the configuration file, else in the "
        "working directory", "Folder of the result cache.", flag=Flag(("--cache-dir",), metavar="DIR")),
)}
META_KEYS = ("extend",)


def cli_value(name: str, given: Any) -> Any:
    """The value of key ``name`` from its command-line option, as click parsed it (a tuple of strings for a
    repeatable option), judged by the key's own converter; ``None`` when the option was not given. A bad value
    raises UsageError naming the option, e.g. ``--fail-on: must be one of error, ...``."""
    key = KEYS[name]
    flag = key.flag
    if flag is None:
        raise ValueError(f"{name} has no command-line option")
    if given is None or given == ():
        return None
    try:
        raw = flag.parse(given) if flag.parse else list(given) if flag.repeatable else given
        return None if raw is None else key.convert(raw, Path.cwd())
    except _Bad as exc:
        raise UsageError(f"{flag.names[0]}: {exc}") from None


@dataclass
class Layer:
    """Values read from one file (or the command line) and where each came from."""

    values: dict[str, Any] = field(default_factory=dict)  # key name -> converted value
    origin: str = "default"
    root: str | None = None


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``: .ssec-audit.toml, or a pyproject.toml with
    a [tool.ssec-audit] table."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        dotfile = candidate / ".ssec-audit.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "ssec-audit" in load_toml_file(pyproject).get("tool", {}):
                    return pyproject
            except Exception:  # noqa: BLE001 - a broken pyproject is ours only if it mentions us
                if b"ssec-audit" in pyproject.read_bytes():
                    return pyproject  # read_file reports the TOML error with the file name
                continue
    return None


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def non_finite(data: Any, where: str = "") -> str | None:
    """The dotted key of the first nan or inf anywhere in TOML data, or None. TOML allows them, and a weight or
    threshold of nan makes every comparison false: a CI gate would silently pass."""
    if isinstance(data, float) and not math.isfinite(data):
        return where or "value"
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = non_finite(value, f"{where}.{key}" if where else str(key))
        if found:
            return found
    return None


def read_file(path: Path, _seen: tuple[Path, ...] = ()) -> list[Layer]:
    """The layers a configuration file contributes: those of the file it extends first, then its own."""
    path = path.resolve()
    shown = _shown(path)
    if path in _seen:
        raise ConfigError(f"{shown}: extend: files extend each other in a loop")
    if not path.is_file():
        raise ConfigError(f"{shown}: configuration file not found")
    try:
        data = load_toml_file(path)
    except Exception as exc:  # noqa: BLE001 - tomllib's message says where
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None
    bad = non_finite(data)
    if bad:
        raise ConfigError(f"{shown}: {bad}: must be a finite number (nan and inf would switch checks off)")
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("ssec-audit", {})
        prefix = "[tool.ssec-audit] "
    else:
        prefix = ""
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: {prefix}must be a table")
    layers: list[Layer] = []
    base = path.parent
    if "extend" in data:
        target = data["extend"]
        if not isinstance(target, str):
            raise ConfigError(f"{shown}: {prefix}extend: must be a path to another configuration file")
        if not (base / target).is_file():
            raise ConfigError(f"{shown}: {prefix}extend: file not found: {target} (relative to this file)")
        layers.extend(read_file(base / target, (*_seen, path)))
    layer = Layer(origin=shown, root=str(base))
    for name, raw in data.items():
        if name in META_KEYS:
            continue
        key = KEYS.get(name)
        if key is None:
            raise ConfigError(f"{shown}: {prefix}unknown key {name!r}{_hint(name, [*KEYS, *META_KEYS])}")
        try:
            layer.values[name] = key.convert(raw, base)
        except _Bad as exc:
            raise ConfigError(f"{shown}: {prefix}{name}: {exc}") from None
    layers.append(layer)
    return layers


@dataclass
class Resolved:
    """The effective settings and, for every key, where its value came from."""

    settings: Settings
    sources: dict[str, str]
    config_file: str | None
    values: dict[str, Any]


def resolve(cli: dict[str, Any], start: Path | None = None, config_file: str | None = None,
            isolated: bool = False, **runtime: Any) -> Resolved:
    """Defaults, then the configuration file chain, then ``cli`` (already-converted values by key name)."""
    layers: list[Layer] = []
    found: Path | None = None
    if config_file and isolated:
        raise UsageError("--config and --isolated cannot be used together")
    if config_file:
        found = Path(config_file)
    elif not isolated:
        found = find_config(start or Path.cwd())
    if found is not None:
        layers = read_file(found)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {name: "default" for name in KEYS}
    root: str | None = None
    for layer in layers:
        root = layer.root
        for name, value in layer.values.items():
            if KEYS[name].merge and isinstance(value, dict) and isinstance(values.get(name), dict):
                value = {**values[name], **value}
            elif KEYS[name].merge and isinstance(value, tuple) and isinstance(values.get(name), tuple):
                value = tuple(dict((*values[name], *value)).items())
            values[name] = value
            sources[name] = layer.origin if sources[name] in ("default", layer.origin) or not KEYS[name].merge \
                else f"{sources[name]} + {layer.origin}"
    for name, value in cli.items():
        if value is None or value == ():
            continue
        if name == "fail-under" and name in values:
            overall, per = value
            old_overall, old_per = values[name]
            values[name] = (overall if overall is not None else old_overall, {**old_per, **per})
            sources[name] = f"{sources[name]} + command line" if overall is None or old_per else "command line"
        elif (flag := KEYS[name].flag) and flag.adds and values.get(name):
            values[name] = tuple(values[name]) + tuple(value)
            sources[name] = f"{sources[name]} + command line"
        else:
            values[name] = value
            sources[name] = "command line"
    settings = build_settings(values, sources, root, **runtime)
    return Resolved(settings, sources, _shown(found.resolve()) if found else None, values)


def build_settings(values: dict[str, Any], sources: dict[str, str], root: str | None = None,
                   **runtime: Any) -> Settings:
    kwargs: dict[str, Any] = {}
    for name, value in values.items():
        key = KEYS[name]
        if name == "fail-under":
            overall, per = value
            kwargs["fail_under"] = overall
            kwargs["fail_under_categories"] = per
        else:
            kwargs[key.field] = value
    if "grade-band" in values:
        kwargs["grade_band_source"] = sources["grade-band"]
    valid = {f.name for f in fields(Settings)}
    kwargs.update({k: v for k, v in runtime.items() if k in valid and v is not None})
    return Settings(root=root, **kwargs)


def effective(resolved: Resolved) -> list[tuple[str, Any, str]]:
    """(key, value as TOML-ish data, source) for every key, for ``ssec-audit config``."""
    s = resolved.settings
    rows = []
    for name, key in KEYS.items():
        if name == "fail-under":
            value: Any = {"inclusion": s.fail_under, **s.fail_under_categories} if s.fail_under_categories \
                else s.fail_under
        else:
            value = getattr(s, key.field)
        if isinstance(value, tuple) and value and isinstance(value[0], tuple):
            value = {k: list(v) if isinstance(v, tuple) else v for k, v in value}
        elif isinstance(value, tuple):
            value = list(value)
        if name == "output-format" and value is None:
            value = "terminal"
        if name == "language" and list(value) == [""]:
            value = value[""]  # one language for every file, as it was written
        rows.append((name, value, resolved.sources.get(name, "default")))
    return rows

