"""The scientist knowledge base (rules/people/scientists/*.toml) is well-formed and balanced.

These files are edited by hand by curriculum staff, so the checks here catch the mistakes people make when
editing TOML: a misspelt key, a region in the wrong file, a birth year typed as a death year, the same person
entered twice under two spellings. Facts themselves are checked against each entry's Wikipedia article by the
people who add them; a test cannot do that offline.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from auditor.data import load_toml_file, rules_dir

SCIENTISTS_DIR = rules_dir() / "people" / "scientists"
FILES = sorted(SCIENTISTS_DIR.glob("*.toml"))

REGION_OF_FILE = {
    "africa": "Africa",
    "asia": "Asia",
    "europe": "Europe",
    "latin-america-and-the-caribbean": "Latin America and the Caribbean",
    "northern-america": "Northern America",
    "oceania": "Oceania",
}
GENDERS = {"woman", "man", "nonbinary"}
PRONOUNS = {"she", "he", "they"}
FIELDS = {
    "astronomy", "biology", "chemistry", "computer science", "earth science", "ecology", "engineering",
    "environmental science", "genetics", "geology", "mathematics", "medicine", "meteorology", "neuroscience",
    "oceanography", "physics", "space exploration", "botany", "zoology", "paleontology", "agriculture",
    "public health", "psychology", "anthropology", "materials science",
}
REQUIRED = {"id", "name", "gender", "pronouns", "region", "country", "born", "fields", "roles", "communities",
            "wikipedia"}
OPTIONAL = {"aliases", "died"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
THIS_YEAR = date.today().year


def _people(path: Path) -> list[dict]:
    return load_toml_file(path).get("person", [])


ENTRIES = [(path.stem, person) for path in FILES for person in _people(path)]


def _entry_id(param) -> str:
    stem, person = param
    return f"{stem}:{person.get('id', '?')}"


def test_region_files_exist_and_are_named_after_un_regions():
    assert FILES, "no knowledge-base files found"
    for path in FILES:
        assert path.stem in REGION_OF_FILE, f"{path.name}: file name must be one of {sorted(REGION_OF_FILE)}"
        assert _people(path), f"{path.name} has no [[person]] entries"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_entry_id(e) for e in ENTRIES])
def test_entry_is_well_formed(entry):
    stem, p = entry
    assert REQUIRED <= p.keys(), f"missing keys: {sorted(REQUIRED - p.keys())}"
    assert p.keys() <= REQUIRED | OPTIONAL, f"unknown keys (typo?): {sorted(p.keys() - REQUIRED - OPTIONAL)}"
    assert ID_RE.match(p["id"]), "id must be a lowercase slug with hyphens"
    for key in ("name", "country", "wikipedia"):
        assert isinstance(p[key], str) and p[key].strip() == p[key] and p[key], f"{key} must be non-empty text"
    assert p["gender"] in GENDERS
    assert p["pronouns"] in PRONOUNS
    assert p["region"] == REGION_OF_FILE[stem], f"region {p['region']!r} does not belong in {stem}.toml"
    assert " " not in p["wikipedia"] and not p["wikipedia"].startswith("http"), "wikipedia is an article title"
    assert isinstance(p["fields"], list) and p["fields"], "at least one field"
    assert set(p["fields"]) <= FIELDS, f"unknown fields: {sorted(set(p['fields']) - FIELDS)}"
    assert len(set(p["fields"])) == len(p["fields"]), "repeated field"
    assert isinstance(p["roles"], list) and p["roles"] and all(isinstance(r, str) and r for r in p["roles"])
    assert isinstance(p["communities"], list) and all(isinstance(c, str) and c for c in p["communities"])
    aliases = p.get("aliases", [])
    assert isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)
    surname = p["name"].split()[-1]
    for alias in aliases:
        assert alias != p["name"], "an alias repeats the name"
        if len(p["name"].split()) > 1:
            assert alias != surname, "a surname alone is not an alias (it would match other people)"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_entry_id(e) for e in ENTRIES])
def test_years_are_plausible(entry):
    _, p = entry
    born = p["born"]
    assert isinstance(born, int) and not isinstance(born, bool)
    assert -700 <= born <= 2005, "birth year out of range"
    if "died" in p:
        died = p["died"]
        assert isinstance(died, int) and not isinstance(died, bool)
        assert born <= died <= THIS_YEAR, "death year before birth or in the future"
        assert died - born <= 115, "lifespan over 115 years: check the years"
    else:
        # No death year means living: someone born long ago has probably lost their `died` line.
        assert born >= THIS_YEAR - 115, "no death year for someone born over 115 years ago"


def test_ids_are_unique_across_files():
    counts = Counter(p["id"] for _, p in ENTRIES)
    assert not [i for i, n in counts.items() if n > 1], "duplicate ids"


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").split())


def test_no_person_is_listed_twice_under_any_name_or_alias():
    seen: dict[str, str] = {}
    clashes = []
    for stem, p in ENTRIES:
        for label in {_norm(x) for x in [p["name"], *p.get("aliases", [])]}:
            owner = f"{stem}:{p['id']}"
            if label in seen and seen[label] != owner:
                clashes.append(f"{label!r}: {seen[label]} and {owner}")
            seen.setdefault(label, owner)
    assert not clashes, "names or aliases shared by two entries:\n" + "\n".join(clashes)


def test_wikipedia_articles_are_not_shared():
    counts = Counter(p["wikipedia"] for _, p in ENTRIES)
    assert not [w for w, n in counts.items() if n > 1], "two entries link the same article"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_region_file_is_balanced(path):
    people = _people(path)
    women = sum(p["gender"] == "woman" for p in people)
    assert women / len(people) >= 0.45, f"{path.name}: {women}/{len(people)} women (< 45%)"
    eras = Counter("before 1900" if p["born"] < 1900 else "1900-1959" if p["born"] < 1960 else "1960 on"
                   for p in people)
    assert set(eras) == {"before 1900", "1900-1959", "1960 on"}, f"{path.name}: eras {dict(eras)}"
    assert sum("died" not in p for p in people) >= len(people) // 4, f"{path.name}: too few living scientists"


@pytest.mark.skipif(len(FILES) < len(REGION_OF_FILE),
                    reason="overall counts are checked once all six region files are present")
def test_overall_size_and_gender_balance():
    assert len(ENTRIES) >= 400
    women = sum(p["gender"] == "woman" for _, p in ENTRIES)
    assert women / len(ENTRIES) >= 0.40
