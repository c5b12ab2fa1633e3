"""Term packs: inclusive-language entries kept as data in ``rules/language/*.toml``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.data import load_toml


@dataclass(frozen=True)
class Term:
    id: str
    match: tuple[str, ...]
    suggest: tuple[str, ...]
    reason: str
    severity: str = "warning"
    fixable: bool = False
    source: str = ""
    exceptions: tuple[str, ...] = ()
    pattern: re.Pattern = field(compare=False, repr=False, default=None)


def _forms(phrase: str) -> str:
    """A regex for a phrase and the usual inflections of its last word (plural, -men, verb endings)."""
    words = [re.escape(w) for w in re.split(r"\s+", phrase.strip())]
    last = words[-1]
    if last.endswith("man"):
        last = last[:-3] + "(?:man|men|man's|men's)"
    elif last.endswith("y") and len(last) > 2:
        last = last[:-1] + "(?:y|ies|ied)"
    else:
        last = last + "(?:s|es|'s|ed|d|ing)?"
    words[-1] = last
    return r"[\s\-]+".join(words)


@lru_cache(maxsize=None)
def load_pack(name: str) -> tuple[Term, ...]:
    terms = []
    for entry in load_toml("language", f"{name}.toml").get("term", []):
        alternatives = "|".join(_forms(m) for m in entry["match"])
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        terms.append(Term(
            id=entry["id"], match=tuple(entry["match"]), suggest=tuple(entry.get("suggest", ())),
            reason=entry["reason"], severity=entry.get("severity", "warning"),
            fixable=bool(entry.get("fixable", False)), source=entry.get("source", ""),
            exceptions=tuple(entry.get("exceptions", ())), pattern=pattern,
        ))
    return tuple(terms)


def keep_case(original: str, replacement: str) -> str:
    """Give the replacement the case pattern of the original ("Mankind" -> "Humankind")."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
