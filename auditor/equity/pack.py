"""Equity packs: assumptions about students' homes, money, families, holidays and country, kept as data in
``rules/equity/*.toml`` (format: the comment at the top of ``rules/equity/home.toml``; guide: docs/equity.md).

An entry is a few regular expressions with the conditions under which they count: who the sentence speaks
to (``scope``), words in the same sentence or block that keep it quiet (``unless``, ``unless_block``) or that it
needs (``requires``), and longer phrases it may sit inside (``not_within``). Each entry also lists trigger
words; a block whose words include none of them costs one set intersection (the same cached word set the
language packs use), so the dimension stays cheap on long texts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from auditor.data import load_toml, load_user_toml
from auditor.errors import UsageError
from auditor.language.termpack import TriggerIndex

#: Category of an entry -> the rule that reports it.
CATEGORY_RULES = {"home": "E101", "cost": "E102", "family": "E103", "holiday": "E104", "place": "E105"}
BUILTIN_PACKS = ("home", "cost", "family", "holiday", "place")
SCOPES = ("student", "any")
SEVERITIES = ("warning", "info")  # prompts for reflection: never an error
_PATTERN_KEYS = ("match", "unless", "unless_block", "requires", "not_within")
_KNOWN_KEYS = frozenset({"id", "category", "triggers", "scope", "reason", "suggest", "severity", "source",
                         "fires", "passes", "skip_kinds", *_PATTERN_KEYS})
_MACRO = re.compile(r"@([a-z_]+)")


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    triggers: frozenset[str]
    scope: str
    reason: str
    suggest: tuple[str, ...]
    severity: str
    source: str
    fires: tuple[str, ...]
    passes: tuple[str, ...]
    #: Regex sources (``compile_any``), compiled on first use: a run meets a few of the ~110 entries' triggers
    #: and compiling all of them up front was a fifth of a second of every start-up.
    match_source: str = field(compare=False, repr=False)
    unless_source: str | None = field(compare=False, repr=False, default=None)
    unless_block_source: str | None = field(compare=False, repr=False, default=None)
    requires_source: str | None = field(compare=False, repr=False, default=None)
    not_within_source: str | None = field(compare=False, repr=False, default=None)
    skip_kinds: frozenset[str] = frozenset()
    pack: str = ""

    @property
    def rule(self) -> str:
        return CATEGORY_RULES[self.category]

    @property
    def pattern(self) -> re.Pattern:
        return _compiled(self.match_source)

    @property
    def unless(self) -> re.Pattern | None:
        return _compiled(self.unless_source) if self.unless_source is not None else None

    @property
    def unless_block(self) -> re.Pattern | None:
        return _compiled(self.unless_block_source) if self.unless_block_source is not None else None

    @property
    def requires(self) -> re.Pattern | None:
        return _compiled(self.requires_source) if self.requires_source is not None else None

    @property
    def not_within(self) -> re.Pattern | None:
        return _compiled(self.not_within_source) if self.not_within_source is not None else None


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """rules/equity/words.toml: the macros and the scope word lists."""
    return load_toml("equity", "words.toml")


def expand(pattern: str, where: str) -> str:
    """A pack pattern as a regex: ``@name`` becomes the macro's alternation, a space any run of spaces and
    an optional space ("back ?yard") any run or none."""
    macros = words()["macros"]

    def macro(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise UsageError(f"{where}: unknown list @{name} (see rules/equity/words.toml [macros])")
        return "(?:" + "|".join(re.escape(w).replace("\\ ", " ") for w in sorted(macros[name], key=len,
                                                                                reverse=True)) + ")"

    return _MACRO.sub(macro, pattern).replace(" ?", r"\s*").replace(" ", r"\s+")


def compile_any(patterns: list[str], where: str) -> re.Pattern | None:
    source = any_source(patterns, where)
    if source is None:
        return None
    try:
        return _compiled(source)
    except re.error as exc:
        raise UsageError(f"{where}: invalid pattern: {exc}") from None


def any_source(patterns: list[str], where: str) -> str | None:
    """The regex (case-insensitive, whole words) matching any of ``patterns``, as text; None for none."""
    if not patterns:
        return None
    parts = [expand(p, where) for p in patterns]
    body = "|".join(f"(?:{p})" for p in parts)
    # whole words: a match that starts (ends) with a letter or digit does not start (end) inside a longer word
    # or hyphenated compound; one that starts or ends with a symbol ("$15", "100°C") has its own edge
    return rf"(?:(?<![\w\-])(?=\w)|(?=\W))(?:{body})(?:(?<=\w)(?!\w)|(?<=\W))"


@cache
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.I)


def _strings(raw: dict[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{where}: {key} must be a list of strings")
    return value


def build_entry(raw: dict[str, Any], pack: str, defaults: dict[str, Any], check: bool = True) -> Entry:
    where = f"{pack}: entry {raw.get('id', '?')!r}"
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "match", "reason", "triggers"):
        if key not in raw:
            raise UsageError(f"{where}: missing {key!r}")
    category = raw.get("category", defaults.get("category"))
    if category not in CATEGORY_RULES:
        raise UsageError(f"{where}: category must be one of {', '.join(CATEGORY_RULES)} (got {category!r})")
    severity = raw.get("severity", defaults.get("severity", "warning"))
    if severity not in SEVERITIES:
        raise UsageError(f"{where}: severity must be warning or info (equity findings are prompts, never errors)")
    triggers = _strings(raw, "triggers", where)
    odd = [t for t in triggers if not re.fullmatch(r"[a-z0-9]+", t)]
    if odd:
        raise UsageError(f"{where}: triggers are single lower-case words of letters and digits (a block's words "
                         f"are split at hyphens and apostrophes): {', '.join(map(repr, odd))}")
    scope = raw.get("scope", defaults.get("scope", "student"))
    if scope not in SCOPES:
        raise UsageError(f"{where}: scope must be one of {', '.join(SCOPES)}")
    patterns = {key: any_source(_strings(raw, key, where), where) for key in _PATTERN_KEYS}
    assert patterns["match"] is not None
    if check:  # a user's pack: a bad pattern is reported when the pack is read, not when a block meets it
        for key in _PATTERN_KEYS:
            compile_any(_strings(raw, key, where), where)
    return Entry(
        id=raw["id"], category=category, triggers=frozenset(triggers),
        scope=scope, reason=raw["reason"].strip(), suggest=tuple(_strings(raw, "suggest", where)),
        severity=severity, source=raw.get("source", defaults.get("source", "")),
        fires=tuple(_strings(raw, "fires", where)), passes=tuple(_strings(raw, "passes", where)),
        match_source=patterns["match"], unless_source=patterns["unless"],
        unless_block_source=patterns["unless_block"], requires_source=patterns["requires"],
        not_within_source=patterns["not_within"],
        skip_kinds=frozenset(_strings(raw, "skip_kinds", where)), pack=pack,
    )


def parse_pack(data: dict[str, Any], name: str, check: bool = True) -> tuple[Entry, ...]:
    """A pack's entries; ``check`` compiles every pattern now (the built-in packs' are checked by the tests)."""
    defaults = data.get("pack", {})
    entries = tuple(build_entry(raw, name, defaults, check) for raw in data.get("entry", []))
    ids = [e.id for e in entries]
    for entry_id in ids:
        if ids.count(entry_id) > 1:
            raise UsageError(f"{name}: entry id {entry_id!r} is used twice")
    return entries


@cache
def builtin_pack(name: str) -> tuple[Entry, ...]:
    return parse_pack(load_toml("equity", f"{name}.toml"), f"rules/equity/{name}.toml", check=False)


@cache
def user_pack(path: str) -> tuple[Entry, ...]:
    return parse_pack(load_user_toml(path, "equity pack"), path)


@dataclass(frozen=True)
class PackSet:
    entries: tuple[Entry, ...]
    triggers: frozenset[str]

    def candidates(self, block_words: frozenset[str]) -> list[Entry]:
        """The entries with a trigger word among ``block_words``, in pack order."""
        found = self.triggers & block_words
        return self._by_trigger.entries_for(found) if found else []

    @cached_property
    def _by_trigger(self) -> TriggerIndex:
        return TriggerIndex(self.entries)


@lru_cache(maxsize=16)
def packset(extra: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> PackSet:
    """The built-in packs plus ``extra`` pack files, minus entries whose id is in ``disabled``; a user entry
    with the id of a built-in one replaces it."""
    by_id: dict[str, Entry] = {}
    for name in BUILTIN_PACKS:
        for entry in builtin_pack(name):
            by_id[entry.id] = entry
    for path in extra:
        for entry in user_pack(path):
            by_id[entry.id] = entry
    entries = tuple(e for e in by_id.values() if e.id not in set(disabled))
    return PackSet(entries, frozenset().union(*(e.triggers for e in entries)))
