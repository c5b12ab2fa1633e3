"""The result cache (auditor/cache.py): hits, misses on every change a report depends on, damaged entries,
concurrent writers, and --no-cache."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import cache as cache_module
from auditor import engine
from auditor.cache import FOLDER, Cache, decode_report, encode_report
from auditor.cli import main
from auditor.config import Settings
from auditor.engine import audit
from auditor.results import FileReport

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REAL_DEFAULT = cache_module.default_folder  # before the autouse fixture in conftest.py replaces it

LESSON = """<!doctype html><html lang="en"><head><title>Forces</title></head><body><main>
<h1>Forces</h1><p>Every fireman knows that mankind has long studied how forces act on objects. Marie Curie and
Isaac Newton both measured carefully.</p><img src="a.png"></main></body></html>
"""


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "a.html").write_text(LESSON, encoding="utf-8")
    (tmp_path / "lessons" / "b.md").write_text("# Heat\n\nThe chairman said heat flows from hot to cold.\n",
                                                encoding="utf-8")
    (tmp_path / "lessons" / "c.txt").write_text("Mankind measured the speed of light.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def audited(monkeypatch):
    """The names of the files the engine really audits (not served from the cache) in this process."""
    seen: list[str] = []
    real = engine.audit_document

    def counting(doc, settings, rules=None):
        seen.append(doc.path)
        return real(doc, settings, rules)

    monkeypatch.setattr(engine, "audit_document", counting)
    return seen


def run(*args):
    result = CliRunner().invoke(main, ["lessons", "--format", "json", "--jobs", "1", "--cache-dir", "cache", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def test_second_run_is_served_from_the_cache_byte_for_byte(tree, audited):
    cold = run()
    assert sorted(audited) == ["lessons/a.html", "lessons/b.md", "lessons/c.txt"]
    assert len(entries(tree / "cache")) == 3
    assert (tree / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    audited.clear()
    assert run() == cold and audited == []
    for fmt in ("sarif", "markdown", "terminal"):  # every reporter gets the same results
        assert run("--format", fmt) == CliRunner().invoke(
            main, ["lessons", "--format", fmt, "--no-cache", "--jobs", "1"]).stdout
    assert audited == ["lessons/a.html", "lessons/b.md", "lessons/c.txt"] * 3  # only the --no-cache runs


def test_run_findings_are_computed_over_cached_and_fresh_reports(tree, audited):
    cold = json.loads(run())
    (tree / "lessons" / "c.txt").write_text("Mankind measured the speed of sound.\n", encoding="utf-8")
    audited.clear()
    warm = json.loads(run())
    assert audited == ["lessons/c.txt"]
    assert warm["summary"]["files"] == 3 and set(warm["summary"]) == set(cold["summary"])


def test_a_changed_file_configuration_or_pack_misses(tree, audited):
    run()
    (tree / "lessons" / "b.md").write_text("# Heat\n\nThe chairwoman said heat flows.\n", encoding="utf-8")
    audited.clear()
    run()
    assert audited == ["lessons/b.md"]
    audited.clear()
    run("--grade-band", "3-5")  # a setting that changes reports
    assert len(audited) == 3
    audited.clear()
    run("--grade-band", "3-5", "--fail-on", "never", "--format", "sarif")  # ones that only change the exit/format
    assert audited == []
    (tree / "pack.toml").write_text('[pack]\ncategory = "gender"\n[[entry]]\nid = "x"\nmatch = ["heat"]\n'
                                    'reason = "r"\n', encoding="utf-8")
    (tree / ".ssec-audit.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    audited.clear()
    run()
    assert len(audited) == 3
    (tree / "pack.toml").write_text('[pack]\ncategory = "gender"\n[[entry]]\nid = "x"\nmatch = ["light"]\n'
                                    'reason = "r"\n', encoding="utf-8")
    audited.clear()
    run()  # same configuration file, different pack contents
    assert len(audited) == 3


def test_a_changed_data_file_or_tool_source_misses(tree, audited, monkeypatch):
    run()
    monkeypatch.setattr(cache_module, "_fingerprints", {**cache_module._fingerprints, "data": "changed rules/"})
    audited.clear()
    run()
    assert len(audited) == 3
    monkeypatch.setattr(cache_module, "_fingerprints", {**cache_module._fingerprints, "code": "changed auditor/"})
    audited.clear()
    run()
    assert len(audited) == 3


def test_a_checkout_at_another_place_is_served_from_the_cache(tree, audited, monkeypatch):
    """A CI job checks the project out at a new path each time: no absolute path may be part of the key."""
    (tree / "pack.toml").write_text('[pack]\ncategory = "gender"\n[[entry]]\nid = "x"\nmatch = ["heat"]\n'
                                    'reason = "r"\n', encoding="utf-8")
    (tree / ".ssec-audit.toml").write_text('packs = ["pack.toml"]\n[per-file-ignores]\n"lessons/c.txt" = ["L"]\n',
                                           encoding="utf-8")
    shared = tree.parent / (tree.name + "-cache")
    first = CliRunner().invoke(main, ["lessons", "--format", "json", "--jobs", "1", "--cache-dir", str(shared)])
    moved = tree.parent / (tree.name + "-moved") / "checkout"
    moved.mkdir(parents=True)
    for item in ("lessons", "pack.toml", ".ssec-audit.toml"):
        os.rename(tree / item, moved / item)
    monkeypatch.chdir(moved)
    audited.clear()
    second = CliRunner().invoke(main, ["lessons", "--format", "json", "--jobs", "1", "--cache-dir", str(shared)])
    assert first.exit_code in (0, 1) and len(json.loads(first.stdout)["files"]) == 3, first.output
    assert audited == [] and second.stdout == first.stdout
    (moved / "pack.toml").write_text('[pack]\ncategory = "gender"\n[[entry]]\nid = "x"\nmatch = ["light"]\n'
                                     'reason = "r"\n', encoding="utf-8")
    CliRunner().invoke(main, ["lessons", "--format", "json", "--jobs", "1", "--cache-dir", str(shared)])
    assert len(audited) == 3  # still never stale


def test_where_the_working_directory_lies_in_the_project_is_part_of_the_key(tmp_path, monkeypatch):
    """Globs match report paths relative to the working directory and to the configuration's folder."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    top = cache_module.run_fingerprint(Settings(root=str(tmp_path)))
    monkeypatch.chdir(tmp_path / "sub")
    assert cache_module.run_fingerprint(Settings(root=str(tmp_path))) != top


def test_equity_pack_contents_are_part_of_the_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "equity.toml"
    pack.write_text("a = 1\n", encoding="utf-8")
    before = cache_module.run_fingerprint(Settings(equity_packs=(str(pack),)))
    pack.write_text("a = 2\n", encoding="utf-8")
    assert cache_module.run_fingerprint(Settings(equity_packs=(str(pack),))) != before


def test_fingerprints_cover_every_data_file_and_module(tmp_path):
    rules = tmp_path / "rules"
    (rules / "language").mkdir(parents=True)
    (rules / "language" / "age.toml").write_text("a = 1\n")
    before = cache_module._tree_digest(rules, None)
    (rules / "language" / "age.toml").write_text("a = 2\n")
    assert cache_module._tree_digest(rules, None) != before
    code = cache_module._tree_digest(Path(cache_module.__file__).parent, (".py",))
    assert code == cache_module._fingerprints.get("code", code)


def test_damaged_entries_are_misses_and_are_replaced(tree, audited):
    cold = run()
    for i, entry in enumerate(entries(tree / "cache")):
        data = entry.read_bytes()
        entry.write_bytes([data[: len(data) // 2], b"not json", b'{"format": 1, "key": "x"}'][i % 3])
    audited.clear()
    assert run() == cold and len(audited) == 3
    audited.clear()
    assert run() == cold and audited == []


def test_no_cache_flag_and_key(tree, audited):
    CliRunner().invoke(main, ["lessons", "--no-cache", "--cache-dir", "cache"])
    assert not (tree / "cache").exists()
    (tree / ".ssec-audit.toml").write_text("cache = false\n", encoding="utf-8")
    run()
    assert not (tree / "cache").exists()
    run("--cache")  # the command line beats the file
    assert len(entries(tree / "cache")) == 3
    (tree / ".ssec-audit.toml").write_text("cache = 1\n", encoding="utf-8")
    assert "cache: must be true or false" in CliRunner().invoke(main, ["lessons"]).output


def test_default_folder_is_beside_the_configuration_file(tree):
    assert REAL_DEFAULT(Settings()) == Path(os.getcwd()) / FOLDER
    assert REAL_DEFAULT(Settings(root=str(tree / "x"))) == tree / "x" / FOLDER
    (tree / ".ssec-audit.toml").write_text('cache-dir = "build/audit-cache"\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["config", "--format", "json"]).output
    assert json.loads(out)["settings"]["cache-dir"]["value"] == str(tree / "build" / "audit-cache")


def test_the_cache_folder_is_never_audited(tree):
    CliRunner().invoke(main, ["lessons", "--cache-dir", "lessons/.ssec-audit-cache"])
    assert len(entries(tree / "lessons" / ".ssec-audit-cache")) == 3
    out = json.loads(CliRunner().invoke(main, ["lessons", "--format", "json", "--no-cache"]).stdout)
    assert [f["path"] for f in out["files"]] == ["lessons/a.html", "lessons/b.md", "lessons/c.txt"]


def test_symbolic_links_are_never_followed(tree, audited):
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    (tree / "cache").symlink_to(elsewhere)
    run()
    assert list(elsewhere.iterdir()) == []  # a link in the folder's place: no cache at all
    (tree / "cache").unlink()
    cold = run()
    entry = entries(tree / "cache")[0]
    target = tree / "target.json"
    target.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(target)
    audited.clear()
    assert run() == cold and len(audited) == 1  # the linked entry is a miss, and is replaced by a file
    assert not entry.is_symlink()
    with pytest.raises(ValueError):
        Cache(tree / "cache", Settings())._entry("../../etc/passwd")


def test_concurrent_writers_and_readers_never_see_half_an_entry(tmp_path):
    report = audit([("path", SAMPLES / "cells-6-8.html")], Settings())[0]
    cache = Cache(tmp_path / "c", Settings())
    key = cache.key(b"x", "x.html", "html")
    stop = threading.Event()
    seen = []

    def read():
        while not stop.is_set():
            got = cache.get(key)
            if got is not None:
                seen.append(got == report)

    def write():
        for _ in range(30):
            Cache(tmp_path / "c", Settings()).put(key, report)

    readers = [threading.Thread(target=read) for _ in range(2)]
    writers = [threading.Thread(target=write) for _ in range(3)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert seen and all(seen)
    assert [p.name for p in (tmp_path / "c").iterdir() if p.name.startswith(".tmp")] == []


def test_parallel_workers_fill_one_cache(tree, audited):
    cold = CliRunner().invoke(main, ["lessons", "--format", "json", "--jobs", "2", "--cache-dir", "cache"]).stdout
    assert len(entries(tree / "cache")) == 3
    audited.clear()  # (the parent audits a primer page before it forks the workers)
    assert run() == cold and audited == []


def test_reports_round_trip_exactly():
    for report in audit([("path", p) for p in sorted(SAMPLES.iterdir())], Settings()):
        back = decode_report(json.loads(json.dumps(encode_report(report))))
        assert back == report and same_types(back, report)
        assert [f.fingerprint for f in back.findings] == [f.fingerprint for f in report.findings]
        assert [f.context for f in back.findings] == [f.context for f in report.findings]


def test_every_report_field_round_trips():
    # a French page carries a "skipped" note; a Word file counts paragraphs: both once fell out of the cache
    fields = [f.name for f in dataclasses.fields(FileReport)]
    report = FileReport("unit.docx", "docx", {"accessibility": 90.0}, {}, [], ["a warning"],
                        location_kind="paragraph", skipped=["English checks were skipped"])
    back = decode_report(json.loads(json.dumps(encode_report(report))))
    assert back == report and same_types(back, report)
    assert set(encode_report(report)) == set(fields)


def test_a_skipped_note_survives_a_warm_run(tree, audited):
    (tree / "lessons" / "d.html").write_text(
        '<!doctype html><html lang="fr"><head><title>Les volcans</title></head><body><h1>Les volcans</h1>'
        '<p>Les volcans sont des montagnes qui crachent de la lave.</p></body></html>', encoding="utf-8")
    cold = run()
    assert any(f["skipped"] for f in json.loads(cold)["files"] if f["path"].endswith("d.html"))
    audited.clear()
    assert run() == cold and audited == []


def same_types(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_types(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return all(same_types(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "__dataclass_fields__"):
        return all(same_types(getattr(a, n), getattr(b, n)) for n in a.__dataclass_fields__)
    return True


def test_prune_removes_the_least_recently_used(tmp_path):
    cache = Cache(tmp_path, Settings())
    report = audit([("path", SAMPLES / "ecosystems-lesson.md")], Settings())[0]
    keys = [cache.key(bytes([i]), "x.md", "markdown") for i in range(5)]
    for i, key in enumerate(keys):
        cache.put(key, report)
        os.utime(cache._entry(key), ns=(i * 10**9, i * 10**9))
    size = os.path.getsize(cache._entry(keys[0]))
    cache.prune(limit=size * 3)
    assert [k for k in keys if os.path.exists(cache._entry(k))] == keys[3:]


WARM_RUN = """
import sys
from auditor.cli import main
try:
    main([sys.argv[1], "--format", "json", "--no-progress", "--cache-dir", sys.argv[2]])
except SystemExit:
    pass
heavy = sorted(m for m in ("spacy", "bs4", "rich", "docx") if m in sys.modules)
print("imported:", heavy, file=sys.stderr)
"""


def test_a_warm_run_imports_neither_spacy_nor_the_html_parser(tmp_path):
    """A re-run over unchanged files is served from the cache: loading spaCy's model (about a second) or
    parsing HTML there would waste most of it."""
    page = tmp_path / "a.html"
    page.write_text(LESSON, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-c", WARM_RUN, str(page), str(tmp_path / "cache")]
    cold = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert "imported: ['bs4', 'spacy']" in cold.stderr, cold.stderr
    assert warm.stdout == cold.stdout and "imported: []" in warm.stderr, warm.stderr
