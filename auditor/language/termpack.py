"""Rule packs: inclusive-language entries kept as data in ``rules/language/*.toml`` (format: docs/language.md).

A pack is read once per process into one regular expression per entry (compiled when first needed), plus a set
of trigger words per entry. A block's words are collected once (a set lookup per word, far cheaper than running a
large regex alternation over every block); only entries whose trigger words occur in the block run their regex,
and NLP runs only on blocks with candidates.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from auditor.data import data_path, load_toml, load_user_toml
from auditor.errors import UsageError
from auditor.language.forms import noun_forms, phrase_forms
from auditor.results import SEVERITIES

#: Category of an entry -> the rule that reports it (one rule id per category).
CATEGORY_RULES = {
    "gender": "L101", "disability": "L103", "race": "L104", "colonial": "L105", "age": "L106",
    "lgbtq": "L107", "religion": "L108", "normal": "L109",
}
#: Findings of the two detectors that read the parse instead of a word list -> the rule that reports them.
DETECTOR_RULES = {"generic-he": "L102", "discovered-place": "L105"}
#: The packs that ship with ssec-audit, one file per category.
BUILTIN_PACKS = ("gender", "disability", "race", "colonial", "age", "lgbtq", "religion", "normal")
#: Packs for documents in other languages: rules/language/<language>/<name>.toml (docs/language.md#spanish).
LANGUAGE_PACKS = {"es": ("es/gender", "es/disability", "es/race", "es/colonial")}


def builtin_names(language: str = "en") -> tuple[str, ...]:
    """The built-in packs for documents in ``language`` (English: BUILTIN_PACKS)."""
    return BUILTIN_PACKS if language == "en" else LANGUAGE_PACKS.get(language, ())
INFLECTIONS = ("plural", "verb", "none")
_CONTEXT_KEYS = ("not_before", "not_after", "only_before", "only_after", "not_within", "not_near", "only_near")
_KNOWN_KEYS = frozenset({
    "id", "category", "match", "suggest", "reason", "severity", "fixable", "source", "inflect", "pos",
    "as_noun", "no_determiner", "generic", "note", "fires", "passes", "case_sensitive", *_CONTEXT_KEYS,
})
_DASH = "[\\-\u2010\u2011]"
_APOSTROPHE = "['\u2019]"
_SEPARATOR_RUNS = re.compile(r"([ -]+)")


@dataclass(frozen=True)
class Entry:
    """One pack entry: what to look for, what to say, and when to stay quiet."""

    id: str
    category: str
    match: tuple[str, ...]
    suggest: tuple[str, ...]
    reason: str
    severity: str
    fixable: bool
    source: str
    inflect: str
    pos: frozenset[str]
    as_noun: bool
    no_determiner: bool
    generic: bool
    note: str
    fires: tuple[str, ...]
    passes: tuple[str, ...]
    contexts: dict[str, tuple[tuple[str, ...], ...]] = field(compare=False, repr=False)
    forms: dict[str, str] = field(compare=False, repr=False)  # normalised form -> label
    regex: str = field(compare=False, repr=False)  # compiled on first use: see ``pattern``
    triggers: frozenset[str] = field(compare=False, repr=False, default=frozenset())
    pack: str = ""
    flags: int = field(compare=False, repr=False, default=re.I)

    @property
    def pattern(self) -> re.Pattern:
        """The entry's regular expression, compiled the first time a block has one of its trigger words (most
        entries never do in a given run, and compiling every one costs a good part of a one-page run)."""
        return _compile(self.regex, self.flags)

    @property
    def rule(self) -> str:
        return CATEGORY_RULES[self.category]

    @property
    def names_term(self) -> bool:
        """The entry is itself capitalised ("Oriental", "New World"), so capitals do not mean a proper noun."""
        return any(any(c.isupper() for c in m) for m in self.match)

    def label(self, matched: str) -> str:
        """Which form of the entry the text is (base, plural, possessive, past...)."""
        return self.forms.get(normalise(matched), "base")


STOPWORDS = frozenset({"the", "a", "an", "of", "to", "in", "on", "s", "and", "or", "by", "with", "from", "for",
                       "as", "at", "is", "be", "so", "bit", "little"})
_WORD = re.compile(r"[a-z0-9]+")
# (?<![a-z0-9]): only from the start of a word; from inside a long word without a hyphen every start failed
# after scanning to its end
_HYPHENATED = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:-[a-z0-9]+)+")


@lru_cache(maxsize=8192)
def block_words(text: str) -> frozenset[str]:
    """The lowercase words of a text, for trigger lookups (a hyphenated word gives its parts and the whole)."""
    lower = text.lower()
    words = set(_WORD.findall(lower))
    words.update(w.replace("-", "") for w in _HYPHENATED.findall(lower))
    return frozenset(words)


def triggers_of(form: str) -> set[str]:
    """Words one of which must occur in a block for ``form`` to match it."""
    tokens = _WORD.findall(form.lower())
    content = [t for t in tokens if t not in STOPWORDS] or tokens
    # a hyphen may be left out ("manmade"): the joined word is a trigger too
    return {max(content, key=len), "".join(_WORD.findall(form.lower()))} if "-" in form else {max(content, key=len)}


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, no spaces or hyphens: the key under which forms are compared."""
    return re.sub(r"[\s\-\u2010\u2011]+", "", text.lower().replace("\u2019", "'"))


def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: spaces match any run of whitespace, hyphens match a hyphen, a space or nothing
    ("man-made", "man made", "manmade"), apostrophes match straight or curly ones.

    Phrases come from packs that users write, and the text from pull requests, so the regex must run in linear
    time whatever the phrase: everything but the separators is literal, and a run of several spaces and
    hyphens in a phrase ("a  b", "a - b", "a--b") is one separator (a hyphen if it has one, else a space).
    Side by side, their quantifiers would retry every split of a long blank run in the text."""
    out = []
    for run in _SEPARATOR_RUNS.split(phrase):
        if not run:
            continue
        if run[0] in " -":
            out.append(f"(?:{_DASH}|\\s+)?" if "-" in run else r"\s+")
            continue
        for ch in run:
            out.append(_APOSTROPHE if ch in "'\u2019" else re.escape(ch))
    return "".join(out)


def bounded(alternatives: list[str]) -> str:
    """Whole words only: not inside a longer word or a hyphenated compound (double-blind, colour-blind)."""
    return rf"(?<![\w\-\u2010\u2011])(?:{'|'.join(alternatives)})(?![\w\u2010\u2011]|-\w)"


@lru_cache(maxsize=1)
def wordsets() -> dict[str, tuple[str, ...]]:
    """Named word lists (``@people``, ``@organisms``...) that entries use in their contexts."""
    sets = load_toml("language", "wordsets.toml")
    return {name: tuple(words) for name, words in sets.items() if isinstance(words, list)}


def expand(values: list[str], where: str) -> tuple[tuple[str, ...], ...]:
    """Context values as word tuples; ``@set`` expands to every word of the set and its plural."""
    out: list[tuple[str, ...]] = []
    for value in values:
        if value.startswith("@"):
            forms = _set_forms(value[1:])
            if forms is None:
                raise UsageError(f"{where}: unknown word set {value!r} (see rules/language/wordsets.toml)")
            out.extend(forms)
        else:
            out.append(tuple(value.lower().replace("\u2019", "'").split()))
    return tuple(sorted(set(out)))


@cache
def _set_forms(name: str) -> tuple[tuple[str, ...], ...] | None:
    """Every word of a word set and its plural, as word tuples; once per set (many entries name the same set,
    and inflecting it again for each was a good part of loading the packs)."""
    words = wordsets().get(name)
    if words is None:
        return None
    out: list[tuple[str, ...]] = []
    for word in words:
        for form in {word, *noun_forms(word).values()} if " " not in word else {word}:
            out.append(tuple(form.lower().split()))
    return tuple(out)


def build_entry(raw: dict[str, Any], pack: str, defaults: dict[str, Any]) -> Entry:
    where = f"{pack}: entry {raw.get('id', '?')!r}"
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "match", "reason"):
        if key not in raw:
            raise UsageError(f"{where}: missing {key!r}")
    category = raw.get("category", defaults.get("category"))
    if category not in CATEGORY_RULES:
        raise UsageError(f"{where}: category must be one of {', '.join(CATEGORY_RULES)} (got {category!r})")
    severity = raw.get("severity", defaults.get("severity", "warning"))
    if severity not in SEVERITIES:
        raise UsageError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    inflect = raw.get("inflect", defaults.get("inflect", "plural"))
    if inflect not in INFLECTIONS:
        raise UsageError(f"{where}: inflect must be one of {', '.join(INFLECTIONS)}")
    forms: dict[str, str] = {}
    alternatives: list[str] = []
    triggers: set[str] = set()
    for phrase in raw["match"]:
        for form, label in phrase_forms(phrase, inflect).items():
            forms.setdefault(normalise(form), label)
            alternatives.append(phrase_regex(form))
            triggers |= triggers_of(form.replace("'", " "))
    alternatives.sort(key=len, reverse=True)  # longest first, so "firemen's" wins over "firemen"
    pos = raw.get("pos", ())
    return Entry(
        id=raw["id"], category=category, match=tuple(raw["match"]), suggest=tuple(raw.get("suggest", ())),
        reason=raw["reason"].strip(), severity=severity, fixable=bool(raw.get("fixable", False)),
        source=raw.get("source", defaults.get("source", "")), inflect=inflect,
        pos=frozenset([pos] if isinstance(pos, str) else pos), as_noun=bool(raw.get("as_noun", False)),
        no_determiner=bool(raw.get("no_determiner", False)), generic=bool(raw.get("generic", False)),
        note=raw.get("note", ""),
        fires=tuple(raw.get("fires", ())), passes=tuple(raw.get("passes", ())),
        contexts={k: expand(raw.get(k, []), where) for k in _CONTEXT_KEYS if raw.get(k)},
        forms=forms, regex=bounded(alternatives), flags=0 if raw.get("case_sensitive") else re.I,
        triggers=frozenset(triggers), pack=pack,
    )


@lru_cache(maxsize=4096)
def _compile(regex: str, flags: int) -> re.Pattern:
    return re.compile(regex, flags)


def parse_pack(data: dict[str, Any], name: str) -> tuple[Entry, ...]:
    defaults = data.get("pack", {})
    entries = tuple(build_entry(raw, name, defaults) for raw in data.get("entry", []))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise UsageError(f"{name}: entry id {entry.id!r} is used twice")
        seen.add(entry.id)
    return entries


@cache
def builtin_pack(name: str) -> tuple[Entry, ...]:
    prebuilt = _prebuilt().get(name)
    if prebuilt is not None:
        return tuple(entry_from_json(raw) for raw in prebuilt)
    return parse_pack(load_toml("language", f"{name}.toml"), f"rules/language/{name}.toml")


# Prebuilt packs ---------------------------------------------------------------------------------------------
# Reading the eight English packs (TOML, then every entry's forms, regex, triggers and expanded word sets) was
# a tenth of a one-page run's first-use work. rules/language/packs.json holds the built entries, with a digest
# of each file they were built from: it is used only while every digest still matches (an edited pack is read
# from its TOML, as before), tests/test_language_packs.py fails when it is out of date, and
# ``python tools/build_language_packs.py`` rebuilds it.

PREBUILT = ("language", "packs.json")


def prebuilt_names() -> tuple[str, ...]:
    """Every built-in pack, English and the other languages'."""
    return BUILTIN_PACKS + tuple(name for names in LANGUAGE_PACKS.values() for name in names)


def source_digests() -> dict[str, str]:
    """SHA-256 of each file the built-in packs are built from (the packs and the word sets)."""
    files = [f"{name}.toml" for name in prebuilt_names()] + ["wordsets.toml"]
    return {file: hashlib.sha256(data_path("language", file).read_bytes()).hexdigest() for file in files}


@lru_cache(maxsize=1)
def _prebuilt() -> dict[str, list[dict[str, Any]]]:
    """The prebuilt entries by pack name, or nothing if packs.json is missing or was built from other files."""
    try:
        data = json.loads(data_path(*PREBUILT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data["packs"] if data.get("sources") == source_digests() else {}


def entry_json(entry: Entry) -> dict[str, Any]:
    """Every field of a built entry, as JSON values (sets sorted, tuples as lists)."""
    return {
        "id": entry.id, "category": entry.category, "match": list(entry.match), "suggest": list(entry.suggest),
        "reason": entry.reason, "severity": entry.severity, "fixable": entry.fixable, "source": entry.source,
        "inflect": entry.inflect, "pos": sorted(entry.pos), "as_noun": entry.as_noun,
        "no_determiner": entry.no_determiner, "generic": entry.generic, "note": entry.note,
        "fires": list(entry.fires), "passes": list(entry.passes),
        "contexts": {key: [list(words) for words in values] for key, values in entry.contexts.items()},
        "forms": entry.forms, "regex": entry.regex, "triggers": sorted(entry.triggers), "pack": entry.pack,
        "flags": int(entry.flags),
    }


def entry_from_json(raw: dict[str, Any]) -> Entry:
    return Entry(
        id=raw["id"], category=raw["category"], match=tuple(raw["match"]), suggest=tuple(raw["suggest"]),
        reason=raw["reason"], severity=raw["severity"], fixable=raw["fixable"], source=raw["source"],
        inflect=raw["inflect"], pos=frozenset(raw["pos"]), as_noun=raw["as_noun"],
        no_determiner=raw["no_determiner"], generic=raw["generic"], note=raw["note"],
        fires=tuple(raw["fires"]), passes=tuple(raw["passes"]),
        contexts={key: tuple(map(tuple, values)) for key, values in raw["contexts"].items()},
        forms=raw["forms"], regex=raw["regex"], triggers=frozenset(raw["triggers"]), pack=raw["pack"],
        flags=raw["flags"],
    )


def prebuilt_json() -> str:
    """The text of packs.json, built from the TOML files as they are now."""
    packs = {name: [entry_json(entry) for entry in parse_pack(load_toml("language", f"{name}.toml"),
                                                                f"rules/language/{name}.toml")]
             for name in prebuilt_names()}
    lines = [f"  {json.dumps(name)}: [\n" + ",\n".join(f"    {json.dumps(e, ensure_ascii=False)}" for e in entries)
             + "\n  ]" for name, entries in packs.items()]
    return ('{\n"comment": "Generated by tools/build_language_packs.py from the packs in this folder; do not edit.",\n'
            f'"sources": {json.dumps(source_digests(), indent=0)},\n"packs": {{\n' + ",\n".join(lines) + "\n}}\n")


@cache
def user_pack(path: str) -> tuple[Entry, ...]:
    return parse_pack(load_user_toml(path, "language pack"), path)


class TriggerIndex:
    """Trigger word -> the entries it triggers, so that a block's trigger words lead straight to its candidates
    instead of every entry's triggers meeting the block's words (the language and equity packs)."""

    def __init__(self, entries: tuple[Any, ...]) -> None:
        self.entries = entries
        index: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            for word in entry.triggers:
                index.setdefault(word, []).append(i)
        self._positions = {word: tuple(positions) for word, positions in index.items()}

    def entries_for(self, words: frozenset[str]) -> list[Any]:
        """The entries with a trigger among ``words`` (each a trigger of some entry), in pack order."""
        entries, index = self.entries, self._positions
        return [entries[i] for i in sorted({i for word in words for i in index[word]})]


@dataclass(frozen=True)
class PackSet:
    """Every active entry, and the trigger words of each category."""

    entries: tuple[Entry, ...]
    triggers: dict[str, frozenset[str]]

    def by_category(self, category: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.category == category)

    @cached_property
    def _all_triggers(self) -> frozenset[str]:
        return frozenset().union(*self.triggers.values())

    @cached_property
    def _by_trigger(self) -> TriggerIndex:
        return TriggerIndex(self.entries)

    def candidates(self, text: str, category: str | None = None) -> list[Entry]:
        """Entries (of ``category``) whose trigger words occur in ``text``, in pack order: the only ones worth a
        regex."""
        found = (self._all_triggers if category is None else self.triggers.get(category, frozenset())) \
            & block_words(text)
        if not found:
            return []
        return [e for e in self._by_trigger.entries_for(found) if category is None or e.category == category]

    def wants(self, text: str, category: str) -> bool:
        """Whether some entry of ``category`` matches ``text`` (before any context check)."""
        if category not in self._triggered(text):
            return False
        return any(e.pattern.search(text) for e in self.candidates(text, category))

    @cached_property
    def _triggered_by_text(self) -> dict[str, frozenset[str]]:
        return {}

    def _triggered(self, text: str) -> frozenset[str]:
        """The categories with a trigger word in ``text``: found once for the eight rules that ask of a block."""
        memo = self._triggered_by_text
        found = memo.get(text)
        if found is None:
            words = block_words(text)
            found = frozenset(c for c, t in self.triggers.items() if t & words) if self._all_triggers & words \
                else frozenset()
            if len(memo) >= 4096:
                memo.clear()
            memo[text] = found
        return found


@cache
def user_pack_language(path: str) -> str:
    """The language a user pack is for: ``language`` in its ``[pack]`` table, English by default."""
    return str(load_user_toml(path, "language pack").get("pack", {}).get("language", "en")).lower()


@lru_cache(maxsize=16)
def packset(extra: tuple[str, ...] = (), disabled: tuple[str, ...] = (), language: str = "en") -> PackSet:
    """The built-in packs for ``language`` plus the ``extra`` pack files written for it, minus entries whose id
    is in ``disabled``.

    A user entry with the id of a built-in entry replaces it (so a pack can reword or narrow an entry)."""
    by_id: dict[str, Entry] = {}
    for name in builtin_names(language):
        for entry in builtin_pack(name):
            by_id[entry.id] = entry
    for path in extra:
        if user_pack_language(path) != language:
            continue
        for entry in user_pack(path):
            by_id[entry.id] = entry
    entries = tuple(e for e in by_id.values() if e.id not in set(disabled))
    triggers = {c: frozenset().union(*(e.triggers for e in entries if e.category == c)) for c in CATEGORY_RULES}
    return PackSet(entries, triggers)


def packs_for(settings: Any, language: str = "en") -> PackSet:
    return packset(tuple(settings.packs), tuple(sorted(settings.disabled_terms)), language)


@lru_cache(maxsize=1)
def _science_alternatives() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every form of every science term as (regex, anchors), longest regex first (see :func:`_anchors`)."""
    data = load_toml("language", "science-terms.toml")
    alternatives = []
    for group in data.get("group", []):
        for phrase in group.get("terms", []):
            for form in phrase_forms(phrase, "plural"):
                alternatives.append((phrase_regex(form), _anchors(form)))
    alternatives.sort(key=lambda a: len(a[0]), reverse=True)
    return tuple(alternatives)


def science_terms() -> re.Pattern:
    """Established science terms in which a pack word is not about people (rules/language/science-terms.toml)."""
    return _compile(bounded([regex for regex, _ in _science_alternatives()]), re.I)


#: Characters that match an ASCII letter under re.I but do not lower-case to it (İ ı ſ K): a text with one may
#: match a term whose anchor is not among its words (tests/test_language_context.py checks the list).
CASE_FOLD_ODDITIES = frozenset("\u0130\u0131\u017f\u212a")


def _anchors(form: str) -> tuple[str, ...]:
    """Words one of which every match of the form's regex has whole among the words of the text
    (:func:`block_words`). A hyphen may be left out ("double-blind" also matches "doubleblind"), so a word next
    to a hyphen is not whole in every match: the form's longest word with no hyphen beside it, else the first
    word joined to each of the hyphenated words after it ("man-of-war": man, manof, manofwar). Empty: the form
    is always tried."""
    lower = form.lower()
    words, hyphen_before, hyphen_after = [], [], []
    for m in _WORD.finditer(lower):
        before, after = lower[:m.start()], lower[m.end():]
        words.append(m.group())
        hyphen_before.append("-" in before[len(before.rstrip(" -")):])
        hyphen_after.append("-" in after[:len(after) - len(after.lstrip(" -"))])
    whole = [w for w, b, a in zip(words, hyphen_before, hyphen_after, strict=True) if not b and not a]
    if whole:
        return (max(whole, key=len),)
    for i, word in enumerate(words):
        if not hyphen_before[i]:
            joined = [word]
            for j in range(i + 1, len(words)):
                if not hyphen_after[j - 1]:
                    break
                joined.append(joined[-1] + words[j])
            return tuple(joined)
    return ()


@lru_cache(maxsize=1)
def _science_index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Anchor word -> the science alternatives it anchors, and the alternatives without anchors."""
    index: dict[str, list[int]] = {}
    always = []
    for i, (_, anchors) in enumerate(_science_alternatives()):
        if not anchors:
            always.append(i)
        for word in anchors:
            index.setdefault(word, []).append(i)
    return {word: tuple(ids) for word, ids in index.items()}, tuple(always)


def science_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each science term in ``text``: what :func:`science_terms` finds, with a regex of only
    the terms whose anchor words occur in the text (the others cannot match; compiling all of them was a good
    part of the language rules' first use)."""
    pattern: re.Pattern | None
    if CASE_FOLD_ODDITIES.intersection(text):
        pattern = science_terms()
    else:
        index, always = _science_index()
        chosen = tuple(sorted({*always, *(i for word in block_words(text) for i in index.get(word, ()))}))
        if not chosen:
            return []
        pattern = _subset_patterns.get(chosen)
        if pattern is None:
            if len(_subset_patterns) < _SUBSETS:
                alternatives = _science_alternatives()
                pattern = _subset_patterns[chosen] = re.compile(
                    bounded([alternatives[i][0] for i in chosen]), re.I)
            else:  # a long run meets many different selections: one regex of every term then costs less
                pattern = science_terms()
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


#: How many selections of science terms get a regex of their own before the others get the whole regex.
_SUBSETS = 16
_subset_patterns: dict[tuple[int, ...], re.Pattern] = {}
