"""Data files are found relative to the package, never the working directory, and every one parses; the TOML
mirror (rules/parsed-toml.json) is up to date and gives what tomllib gives."""
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import data
from auditor.data import data_path, load_toml, rules_dir
from auditor.representation import kb

ROOT = Path(__file__).resolve().parent.parent


def test_rules_dir_found_from_another_working_directory(tmp_path):
    code = "from auditor.data import rules_dir; print(rules_dir())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True)
    assert Path(out.stdout.strip()) == rules_dir()


def test_every_toml_file_parses():
    files = sorted(rules_dir().rglob("*.toml"))
    assert files
    for path in files:
        assert isinstance(load_toml(*path.relative_to(rules_dir()).parts), dict), path


def test_syllable_table_ships_with_its_licence():
    assert data_path("readability", "cmudict-syllables.txt").stat().st_size > 1_000_000
    assert "Carnegie Mellon" in data_path("readability", "CMUDICT-LICENSE.txt").read_text()


# The TOML mirror (rules/parsed-toml.json) ------------------------------------------------------------------

def _same_types(a, b, where):
    assert type(a) is type(b), f"{where}: {type(a).__name__} in the mirror, {type(b).__name__} from tomllib"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys in another order"
        for key in a:
            _same_types(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same_types(x, y, f"{where}[{i}]")


def test_toml_mirror_is_up_to_date():
    """rules/parsed-toml.json is what the TOML files parse to now; rebuild it with tools/build_toml_mirror.py."""
    assert data_path(data.MIRROR).read_text(encoding="utf-8") == data.mirror_json(), \
        "rules/parsed-toml.json is out of date: run python tools/build_toml_mirror.py"


def test_the_mirror_gives_what_tomllib_gives_for_every_shipped_toml_file():
    mirror = data._mirror()
    files = sorted(path.relative_to(rules_dir()).as_posix() for path in rules_dir().rglob("*.toml"))
    assert sorted(mirror) == files  # (none holds a date, a time, inf or nan: those would be left out)
    for name in files:
        expected = data.load_toml_file(rules_dir() / name)  # (tomllib, or tomli on Python 3.10)
        assert mirror[name]["data"] == expected, name
        _same_types(mirror[name]["data"], expected, name)


def test_load_toml_serves_the_mirror_while_it_is_fresh():
    data.load_toml.cache_clear()
    try:
        assert load_toml("people", "demonyms.toml") is data._mirror()["people/demonyms.toml"]["data"]
    finally:
        data.load_toml.cache_clear()


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of rules/ with its mirror, for load_toml and the knowledge base to read instead."""
    root = tmp_path / "rules"
    shutil.copytree(rules_dir(), root)
    monkeypatch.setattr(data, "rules_dir", lambda: root)
    for cached in (data.load_toml, data._mirror, kb.shipped):
        cached.cache_clear()
    yield root
    monkeypatch.undo()
    for cached in (data.load_toml, data._mirror, kb.shipped):
        cached.cache_clear()


def test_an_edited_file_is_parsed_from_its_toml_not_served_stale(rules_copy):
    scoring = rules_copy / "scoring.toml"
    scoring.write_text(scoring.read_text(encoding="utf-8") + "\n[added]\nkey = 1.0\n", encoding="utf-8")
    people = rules_copy / "people" / "scientists" / "oceania.toml"
    people.write_text(people.read_text(encoding="utf-8").replace('"Constance Stone"', '"Constance Stone-Edited"'),
                      encoding="utf-8")
    assert load_toml("scoring.toml")["added"] == {"key": 1.0}
    assert load_toml("accessibility", "alt-text.toml") is data._mirror()["accessibility/alt-text.toml"]["data"]
    names = {entry.name for entry in kb.shipped()}
    assert "Constance Stone-Edited" in names and "Constance Stone" not in names and "Dorothy Hill" in names


def test_without_the_mirror_every_file_is_parsed_from_its_toml(rules_copy):
    (rules_copy / data.MIRROR).unlink()
    assert data._mirror() == {}
    assert load_toml("people", "demonyms.toml") == data.load_toml_file(rules_copy / "people" / "demonyms.toml")
    assert kb.shipped()


def test_a_file_json_cannot_carry_exactly_is_left_out_of_the_mirror(rules_copy):
    (rules_copy / "dated.toml").write_text("when = 2024-05-01\n", encoding="utf-8")
    (rules_copy / "infinite.toml").write_text("x = inf\n", encoding="utf-8")
    text = data.mirror_json()
    assert '"dated.toml"' not in text and '"infinite.toml"' not in text and '"scoring.toml"' in text
    assert load_toml("dated.toml") == {"when": datetime.date(2024, 5, 1)}
