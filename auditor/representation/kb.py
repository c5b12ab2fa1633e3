"""The knowledge base of real scientists: loading, validation and fast name look-up.

Entries come from every ``rules/people/scientists/*.toml`` file (one per UN macro-region) plus the
``people`` entries of the user's configuration (their own institution's scientists). Every fact about a real
person that the tool ever states comes from here or from the text itself, so a malformed entry stops the run
with an error that names the file and the entry instead of silently producing wrong facts.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.data import data_path, load_toml, load_toml_file, served_from_mirror
from auditor.errors import UsageError

REGIONS = ("Africa", "Asia", "Europe", "Latin America and the Caribbean", "Northern America", "Oceania")
GENDERS = ("woman", "man", "nonbinary")
PRONOUNS = ("she", "he", "they")
#: key -> (type, required in the shipped files, required in configuration)
FIELDS: dict[str, tuple[type | tuple[type, ...], bool, bool]] = {
    "id": (str, True, False),
    "name": (str, True, True),
    "aliases": (list, False, False),
    "gender": (str, True, False),
    "pronouns": (str, False, False),
    "region": (str, True, False),
    "country": (str, True, False),
    "born": (int, True, False),
    "died": (int, False, False),
    "fields": (list, True, False),
    "roles": (list, False, False),
    "communities": (list, False, False),
    "wikipedia": (str, True, False),
    "scientist": (bool, False, False),  # configuration only: false for a person who is not a scientist
}
#: Region names people write in configuration, mapped to the UN macro-region.
REGION_ALIASES = {"Latin America": "Latin America and the Caribbean", "Caribbean": "Latin America and the Caribbean",
                  "Latin America and Caribbean": "Latin America and the Caribbean", "North America (US and Canada)":
                  "Northern America", "United States": "Northern America", "Canada": "Northern America"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Lower-case particles that may sit inside a name ("Ynes Mexia", "Jacques-Yves Cousteau", "Ibn al-Haytham").
PARTICLES = frozenset({"de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den",
                       "la", "le", "y", "al", "el", "bin", "ibn", "bint", "ten", "ter", "zu", "e"})


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str
    region: str
    born: int | None
    pronouns: str | None = None
    country: str | None = None
    died: int | None = None
    fields: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    wikipedia: str | None = None
    scientist: bool = True
    origin: str = "knowledge base"  # "knowledge base" or "configuration": the *_source of its attributes

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class KnowledgeBaseError(UsageError):
    """A knowledge-base entry that cannot be trusted (the message names the file and the entry)."""


def validate(raw: Any, where: str, strict: bool, origin: str) -> Entry:
    """One entry from its TOML/config dict; ``where`` names the file and position for error messages."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: each person must be a table of keys, got {type(raw).__name__}")
    label = f"{where} ({raw['id']})" if isinstance(raw.get("id"), str) else where
    if not strict:
        raw = dict(raw)
        if isinstance(raw.get("name"), str) and "id" not in raw:
            raw["id"] = re.sub(r"[^a-z0-9]+", "-", raw["name"].casefold()).strip("-") or "person"
        if isinstance(raw.get("region"), str):
            raw["region"] = REGION_ALIASES.get(raw["region"], raw["region"])
    elif "scientist" in raw:
        raise KnowledgeBaseError(f"{label}: 'scientist' is only for configuration entries (everyone in the "
                                 "knowledge base is a scientist)")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise KnowledgeBaseError(f"{label}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(FIELDS)}")
    for key, (kind, required_shipped, required_config) in FIELDS.items():
        required = required_shipped if strict else required_config
        if key not in raw:
            if required:
                raise KnowledgeBaseError(f"{label}: missing required key {key!r}")
            continue
        value = raw[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise KnowledgeBaseError(f"{label}: {key} must be a whole number (a year), got {value!r}")
        if not isinstance(value, kind):
            name = kind.__name__ if isinstance(kind, type) else "value"
            raise KnowledgeBaseError(f"{label}: {key} must be a {name}, got {value!r}")
        if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeBaseError(f"{label}: {key} must be a list of non-empty strings, got {value!r}")
        if isinstance(value, str) and not value.strip():
            raise KnowledgeBaseError(f"{label}: {key} must not be empty")
    if not _ID.match(raw["id"]) and strict:
        raise KnowledgeBaseError(f"{label}: id must be a lower-case slug like 'wangari-maathai'")
    checks = (("gender", GENDERS), ("region", REGIONS), ("pronouns", PRONOUNS))
    for key, allowed in checks:
        if key in raw and raw[key] not in allowed:
            raise KnowledgeBaseError(f"{label}: {key} must be one of {', '.join(allowed)} (got {raw[key]!r})")
    born, died = raw.get("born"), raw.get("died")
    if born is not None and not -3000 <= born <= 2025:
        raise KnowledgeBaseError(f"{label}: born must be a plausible year, got {born}")
    if died is not None and (born is None or not born < died <= born + 125):
        raise KnowledgeBaseError(f"{label}: died ({died}) must come after born ({born}) within a lifetime")
    if strict and not raw.get("fields"):
        raise KnowledgeBaseError(f"{label}: fields must list at least one field")
    if not raw["name"][0].isupper():
        raise KnowledgeBaseError(f"{label}: name must start with a capital letter, got {raw['name']!r}")
    return _entry(raw, born, died, origin)


def _entry(raw: dict[str, Any], born: int | None, died: int | None, origin: str) -> Entry:
    """The entry an already checked table describes (names stripped, fields and roles in lower case)."""
    return Entry(
        id=raw["id"], name=raw["name"].strip(), aliases=tuple(a.strip() for a in raw.get("aliases", ())),
        gender=raw.get("gender", "unknown"), region=raw.get("region", "unknown"), born=born,
        pronouns=raw.get("pronouns"), scientist=raw.get("scientist", True),
        country=raw.get("country"), died=died, fields=tuple(f.lower() for f in raw.get("fields", ())),
        roles=tuple(r.lower() for r in raw.get("roles", ())), communities=tuple(raw.get("communities", ())),
        wikipedia=raw.get("wikipedia"), origin=origin,
    )


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(data_path().parent))
    except ValueError:
        return str(path)


@lru_cache(maxsize=4)
def shipped(folder: str | None = None) -> tuple[Entry, ...]:
    """Every entry of the shipped knowledge base, validated once per process."""
    root = Path(folder) if folder else data_path("people", "scientists")
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    if not root.is_dir():
        return ()
    for path in sorted(root.glob("*.toml")):
        try:  # (the shipped files through load_toml, which serves them from the TOML mirror while it is fresh)
            table = load_toml_file(path) if folder else load_toml("people", "scientists", path.name)
        except ValueError as exc:  # tomllib.TOMLDecodeError
            raise KnowledgeBaseError(f"{_display(path)}: not valid TOML: {exc}") from None
        extra = sorted(set(table) - {"person"})
        if extra:
            raise KnowledgeBaseError(f"{_display(path)}: unexpected top-level key(s) {', '.join(extra)}; "
                                     "entries go in [[person]] tables")
        shown = _display(path)  # (once per file, not per entry)
        # a file served from the mirror holds the bytes tests/test_knowledge_base_data.py validated, entry by
        # entry: its entries are built without checking each again (a third of building the knowledge base)
        checked = not folder and served_from_mirror(table, "people", "scientists", path.name)
        for i, raw in enumerate(table.get("person", []), start=1):
            entry = _entry(raw, raw.get("born"), raw.get("died"), "knowledge base") if checked else validate(
                raw, f"{shown}: person #{i}", strict=True, origin="knowledge base")
            if entry.id in seen:
                raise KnowledgeBaseError(f"{shown}: person #{i}: id {entry.id!r} is already used in "
                                         f"{seen[entry.id]}")
            seen[entry.id] = shown
            entries.append(entry)
    return tuple(entries)


_WORD_DELIMITERS = r"\s.,;:!?()\[\]\"“”'’"
_WORD_START = re.compile(rf"(?<![\w'’-])[^\W_][^{_WORD_DELIMITERS}]*?(?=[{_WORD_DELIMITERS}]|$)")
_NAME_CONTINUES = re.compile(r"[\w-]")


_FIRST_WORD = re.compile(rf"[^{_WORD_DELIMITERS}]+")


def _first_word(name: str) -> str:
    match = _FIRST_WORD.match(name)
    return match.group() if match else name


class KnowledgeBase:
    """The merged entries with a name index: full names and aliases by their first word, and a surname map."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        by_id: dict[str, Entry] = {}
        for entry in entries:
            by_id[entry.id] = entry  # configuration comes last and may correct a shipped entry
        self.entries = tuple(sorted(by_id.values(), key=lambda e: e.id))
        self.by_id = by_id
        self.by_name: dict[str, Entry | None] = {}
        surnames: dict[str, set[str]] = {}
        self.given: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}  # surname -> (entry, given names)
        for entry in self.entries:
            for name in entry.names:
                key = name.casefold()
                previous = self.by_name.get(key, entry)
                self.by_name[key] = entry if previous is entry else None  # a name two entries share is ambiguous
                parts = _name_parts(name)
                if len(parts) >= 2:
                    surname = fold(parts[-1])
                    surnames.setdefault(surname, set()).add(entry.id)
                    self.given.setdefault(surname, []).append((entry, tuple(parts[:-1])))
        # a surname alone links to an entry only when exactly one entry has it ...
        self.surnames = {s: by_id[next(iter(ids))] for s, ids in surnames.items() if len(ids) == 1}
        # ... or exactly one of the entries that have it fits the context (see ``surname_fit``)
        self.by_surname = {s: tuple(by_id[i] for i in sorted(ids)) for s, ids in surnames.items()}
        names = sorted({n for e in self.entries for n in e.names if " " in n or "-" in n or len(n) >= 5},
                       key=lambda n: (-len(n), n))
        # names by their first word, longest first: find() looks only where a word starts one of them (one
        # regex of a thousand alternatives tried at every position was the slowest step of people detection)
        self.by_first: dict[str, list[str]] = {}
        for name in names:
            self.by_first.setdefault(_first_word(name), []).append(name)

    def find(self, text: str) -> Iterable[tuple[int, int, Entry]]:
        """Full-name and alias matches in ``text`` (exact capitalisation)."""
        if self.by_first.keys().isdisjoint(_WORD_START.findall(text)):
            return  # (most blocks name nobody: their words are compared in one step, not one by one)
        end = 0
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < end:
                continue
            for name in self.by_first.get(word.group(), ()):
                stop = start + len(name)
                if text.startswith(name, start) and not (stop < len(text) and _NAME_CONTINUES.match(text, stop)):
                    entry = self.by_name.get(name.casefold())
                    if entry is not None:
                        yield start, stop, entry
                        end = stop
                    break

    def surname_fit(self, surname: str, fields: Iterable[str]) -> Entry | None:
        """The one entry with this surname whose fields include one of the document's fields; None when no
        entry or several fit (without a known field, the only entry with that surname fits; "Thomson" in a
        physics unit is J. J. Thomson, not the microbiologist Jennifer Thomson; in a unit about both, nobody)."""
        wanted = set(fields)
        candidates = self.by_surname.get(fold(surname), ())
        fits = [e for e in candidates if wanted & set(e.fields)] if wanted else list(candidates)
        return fits[0] if len(fits) == 1 else None

    def lookup(self, name: str) -> Entry | None:
        return self.by_name.get(name.casefold())

    def consistent(self, name: str) -> Entry | None:
        """The one entry whose name agrees with a full name written differently: same surname, and every first
        name or initial agrees, in order ("Marie M. Daly" is Marie Maynard Daly, "Shirley Jackson" is Shirley
        Ann Jackson; "Thomas Morgan" is not Garrett Morgan). None when no entry or several agree."""
        parts = _name_parts(name)
        if len(parts) < 2:
            return None
        fits = {entry.id: entry for entry, given in self.given.get(fold(parts[-1]), ())
                if _given_agree(parts[:-1], given)}
        return next(iter(fits.values())) if len(fits) == 1 else None


def fold(word: str) -> str:
    """A name word compared without case or accents ("Ampere" and "Ampère")."""
    if word.isascii():
        return word.casefold()  # (NFKD leaves ASCII as it is, and no ASCII character is combining)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _name_parts(name: str) -> list[str]:
    """The words of a name without particles, initials written together split ("H.C." -> "H.", "C.")."""
    parts: list[str] = []
    for word in name.split():
        if word.casefold() in PARTICLES:
            continue
        parts.extend(re.findall(r"[^\W\d_]\.", word) if word.endswith(".") and re.fullmatch(r"(?:[^\W\d_]\.)+", word)
                     else [word])  # (only a word ending in a full stop can be initials)
    return parts


def _given_agree(written: list[str], known: tuple[str, ...]) -> bool:
    """The written first names agree with the entry's: the first with the first, the others with later ones in
    order; an initial agrees with a name of that letter."""
    def same(a: str, b: str) -> bool:
        if a.endswith(".") and len(a) == 2:
            return fold(b).startswith(fold(a[0]))
        return fold(a) == fold(b)
    if not written or not known or not same(written[0], known[0]):
        return False
    rest = iter(known[1:])
    return all(any(same(w, k) for k in rest) for w in written[1:])


@lru_cache(maxsize=8)
def _knowledge_base(config: tuple[tuple[tuple[str, Any], ...], ...]) -> KnowledgeBase:
    extra = [validate(_thaw(raw), f"configuration: people entry #{i}", strict=False, origin="configuration")
             for i, raw in enumerate(config, start=1)]
    return KnowledgeBase([*shipped(), *extra])


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("__list__", tuple(_freeze(v) for v in value))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and value[0] == "__list__":
        return [_thaw(v) for v in value[1]]
    if isinstance(value, tuple):
        return {k: _thaw(v) for k, v in value}
    return value


def knowledge_base(people: Iterable[dict[str, Any]] = ()) -> KnowledgeBase:
    """The shipped entries plus configured ``people`` (same keys), built once per distinct configuration."""
    frozen = []
    for i, raw in enumerate(people, start=1):
        if not isinstance(raw, dict):
            raise KnowledgeBaseError(f"configuration: people entry #{i} must be a table of keys")
        frozen.append(_freeze(raw))
    return _knowledge_base(tuple(frozen))
