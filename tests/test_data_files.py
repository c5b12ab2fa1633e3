"""Data files are found relative to the package, never the working directory, and every one parses."""
import subprocess
import sys
from pathlib import Path

from auditor.data import data_path, load_toml, rules_dir

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
