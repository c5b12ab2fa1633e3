"""The compiled-pattern store (auditor/regex_cache.py): a pattern served from it is the pattern ``re`` compiles
(the engine's patterns are equal only when their code is), and nothing about the store can fail a run."""
from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import regex_cache

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "cells-6-8.html"
COMPILER = re._compiler if hasattr(re, "_compiler") else __import__("sre_compile")  # type: ignore[attr-defined]
ORIGINAL = COMPILER.compile

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="the store is CPython's engine code")


@pytest.fixture
def store(tmp_path):
    """The store installed in a folder of the test's, and ``re`` given back its own compile afterwards."""
    assert regex_cache.install(tmp_path)
    yield tmp_path
    regex_cache.uninstall()


def reinstall(folder: Path) -> None:
    """A new process, as far as the store can tell: read again from its file."""
    regex_cache.uninstall()
    assert regex_cache.install(folder)


def the_file(folder: Path) -> Path:
    (path,) = folder.glob("regex-*.marshal")
    return path


def stored(folder: Path) -> dict:
    fmt, tag, entries = marshal.loads(the_file(folder).read_bytes())
    assert fmt == 1 and tag == regex_cache.build_tag()
    return entries


def test_a_pattern_served_from_the_store_is_the_pattern_re_compiles(store):
    patterns = [(r"(?P<word>\w+)-(\d{2,})", 0), (r"colou?r|gr[ae]y", re.IGNORECASE), (rb"\x00+[^\n]", 0),
                (r"(?x) a  b # comment", 0), ("[À-ÖØ-Þ]\\.(?=\\s)", re.MULTILINE | re.DOTALL)]
    first = [COMPILER.compile(p, f) for p, f in patterns]
    regex_cache.WORTH_SAVING, worth = 0.0, regex_cache.WORTH_SAVING
    try:
        regex_cache.save()
    finally:
        regex_cache.WORTH_SAVING = worth
    assert set(stored(store)) == {(p, int(f)) for p, f in patterns}
    reinstall(store)
    again = [COMPILER.compile(p, f) for p, f in patterns]
    assert not regex_cache._store.added  # every one from the store, none compiled
    for (p, f), a, b in zip(patterns, first, again, strict=True):
        reference = ORIGINAL(p, f)
        assert a == b == reference  # same pattern, flags and engine code
        assert (b.groups, b.groupindex, b.flags) == (reference.groups, reference.groupindex, reference.flags)
    assert again[0].match("tick-2026").group("word") == "tick"


def test_every_pattern_an_audit_keeps_is_the_one_re_compiles(tmp_path):
    """The real set: a whole audit of a sample in its own process (the rules', spaCy's and the libraries'
    patterns), then each stored entry compiled by the engine and compared with ``re``'s own compile."""
    env = {**os.environ, regex_cache.ENVIRONMENT: str(tmp_path), "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "auditor", str(SAMPLE), "--format", "json", "--no-cache", "--isolated"]
    first = subprocess.run(args, capture_output=True, env=env, timeout=600)
    entries = stored(tmp_path)
    assert len(entries) > 200
    for (pattern, flags), entry in entries.items():
        assert regex_cache._sre.compile(pattern, *entry) == ORIGINAL(pattern, flags), pattern
    written = the_file(tmp_path).stat().st_mtime_ns
    second = subprocess.run(args, capture_output=True, env=env, timeout=600)
    assert second.returncode == first.returncode == 1, second.stderr
    assert second.stdout == first.stdout and json.loads(second.stdout)["files"]
    assert the_file(tmp_path).stat().st_mtime_ns == written  # nothing new: not written again


def test_workers_keep_the_patterns_they_compile(tmp_path):
    """A folder's files are audited in worker processes, which compile the patterns made from each document's
    own names there: they are saved as each worker ends."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    for name in ("Chien-Shiung Wu", "Katherine Johnson", "Mae Jemison"):
        (lessons / f"{name.split()[-1]}.txt").write_text(f"{name} was a scientist. {name.split()[-1]} worked "
                                                         "on hard problems for many years.\n")
    store = tmp_path / "store"
    env = {**os.environ, regex_cache.ENVIRONMENT: str(store), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "auditor", str(lessons), "--format", "json", "--no-cache",
                           "--isolated", "--jobs", "2"], capture_output=True, env=env, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    patterns = [p for p, _ in stored(store) if isinstance(p, str)]
    for surname in ("Wu", "Johnson", "Jemison"):
        assert any(surname in p for p in patterns), surname


def test_damaged_foreign_and_wrong_entries_fall_back_to_re(store):
    regex_cache.uninstall()
    for content in (b"", b"\x00garbage", marshal.dumps((1, "another Python", {("a+", 0): (0, [], 0, {}, ())})),
                    marshal.dumps([1, 2, 3]), marshal.dumps((1, regex_cache.build_tag(), "not a table"))):
        assert regex_cache.install(store)
        regex_cache._store.path.write_bytes(content)
        reinstall(store)
        assert COMPILER.compile("a+b", 0) == ORIGINAL("a+b", 0)
        regex_cache.uninstall()
    assert regex_cache.install(store)
    bad = {("x(y)z", 0): (0, [999_999, 1, 2], 1, {}, (None, None)),  # code the engine refuses
           ("q", 0): ("not", "an", "entry")}
    regex_cache._store.path.write_bytes(marshal.dumps((1, regex_cache.build_tag(), bad)))
    reinstall(store)
    assert COMPILER.compile("x(y)z", 0) == ORIGINAL("x(y)z", 0)
    assert COMPILER.compile("q", 0) == ORIGINAL("q", 0)
    assert set(regex_cache._store.added) == {("x(y)z", 0), ("q", 0)}  # compiled again, to be stored right


def test_saving_never_fails_a_run_and_never_leaves_a_partial_file(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("a file where the folder would be\n")
    assert regex_cache.install(blocked)
    try:
        monkeypatch.setattr(regex_cache, "WORTH_SAVING", 0.0)
        COMPILER.compile("(ab)+c", 0)
        regex_cache.save()  # cannot make the folder: quietly nothing
        assert blocked.read_text() == "a file where the folder would be\n"
    finally:
        regex_cache.uninstall()
    folder = tmp_path / "store"
    assert regex_cache.install(folder)
    try:
        COMPILER.compile("(ab)+c", 0)

        def failing(*args):
            raise OSError("disk full")
        monkeypatch.setattr(regex_cache.os, "replace", failing)
        regex_cache.save()  # the temporary file is removed, and no store is left half written
        assert [p.name for p in folder.iterdir()] == [the_lock.name for the_lock in folder.glob("*.lock")]
        monkeypatch.undo()
        monkeypatch.setattr(regex_cache, "WORTH_SAVING", 0.0)

        def refusing(value):
            raise ValueError("unmarshallable object")
        monkeypatch.setattr(regex_cache.marshal, "dumps", refusing)
        regex_cache.save()
        assert not list(folder.glob("regex-*.marshal"))
    finally:
        regex_cache.uninstall()


def test_small_new_patterns_are_not_worth_a_write_and_the_store_stays_bounded(store, monkeypatch):
    COMPILER.compile("a", 0)
    regex_cache._store.compile_seconds = 0.0
    regex_cache.save()
    assert not list(store.iterdir())
    monkeypatch.setattr(regex_cache, "WORTH_SAVING", 0.0)
    monkeypatch.setattr(regex_cache, "LIMIT", 3)
    for p in ("b1", "b2", "b3"):
        COMPILER.compile(p, 0)
    regex_cache.save()
    reinstall(store)
    for p in ("c1", "c2", "b1"):
        COMPILER.compile(p, 0)
    regex_cache.save()  # five would pass the limit: only what this run used is kept
    assert set(stored(store)) == {("c1", 0), ("c2", 0), ("b1", 0)}
    monkeypatch.setattr(regex_cache, "LIMIT", 100)
    monkeypatch.setattr(regex_cache, "LIMIT_BYTES", len(the_file(store).read_bytes()))
    reinstall(store)
    COMPILER.compile("e1", 0)
    regex_cache.save()  # four would be more bytes than three: only this run's
    assert set(stored(store)) == {("e1", 0)}


def test_concurrent_runs_keep_each_others_patterns(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "WORTH_SAVING", 0.0)
    assert regex_cache.install(tmp_path)
    try:
        COMPILER.compile("second+", 0)  # this run's, not yet saved
        other = regex_cache._store
        regex_cache._store = regex_cache._Store(other.path, other.build, {})  # another run, finishing first
        COMPILER.compile("first+", 0)
        regex_cache.save()
        regex_cache._store = other
        regex_cache.save()
    finally:
        regex_cache.uninstall()
    assert set(stored(tmp_path)) == {("first+", 0), ("second+", 0)}


def test_only_the_command_installs_it(tmp_path):
    code = ("import re, auditor.cli, auditor.regex_cache as r; "
            "print(re._compiler.compile.__module__, r._store is None)")
    done = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert done.stdout.split() == ["re._compiler", "True"], done.stderr


@pytest.mark.parametrize("value", ["off", "OFF", "0", ""])
def test_the_environment_can_turn_it_off_or_move_it(monkeypatch, tmp_path, value):
    monkeypatch.setenv(regex_cache.ENVIRONMENT, value)
    assert regex_cache.folder() is None and not regex_cache.install()
    monkeypatch.setenv(regex_cache.ENVIRONMENT, str(tmp_path))
    assert regex_cache.folder() == tmp_path
    monkeypatch.delenv(regex_cache.ENVIRONMENT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform not in ("win32", "darwin"):
        assert regex_cache.folder() == tmp_path / "xdg" / "ssec-audit"


_ATOMS = st.sampled_from(["a", "b", "é", "\\d", "\\w", "\\s", "\\b", ".", "[a-z]", "[^aeiou]", "[À-Þ]", "\\.",
                          "x", "[\\w'’-]", "\\Z", "^", "$"])


def _regexes() -> st.SearchStrategy[str]:
    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map("|".join),
            inner.map("(?:{})".format),
            inner.map("({})".format),
            st.tuples(st.integers(0, 99), inner).map(lambda t: f"(?P<g{t[0]}>{t[1]})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{1,3}", "*?", "+?"])).map("".join),
            inner.map("(?={})".format),
            inner.map("(?i:{})".format),
        )
    return st.recursive(_ATOMS, grow, max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pattern=_regexes(), flags=st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.ASCII,
                                                  re.VERBOSE, re.IGNORECASE | re.UNICODE]),
       text=st.text(alphabet="abé1 .xÀ'’-\n", max_size=30))
def test_any_pattern_comes_back_from_the_store_as_re_compiles_it(tmp_path_factory, pattern, flags, text):
    try:
        reference = ORIGINAL(pattern, flags)
    except (re.error, ValueError):
        return  # (a grammar this loose makes some invalid patterns: re refuses them either way)
    folder = tmp_path_factory.mktemp("store")
    assert regex_cache.install(folder)
    try:
        regex_cache.WORTH_SAVING, worth = 0.0, regex_cache.WORTH_SAVING
        try:
            COMPILER.compile(pattern, flags)
            regex_cache.save()
        finally:
            regex_cache.WORTH_SAVING = worth
        reinstall(folder)
        served = COMPILER.compile(pattern, flags)
        assert not regex_cache._store.added
    finally:
        regex_cache.uninstall()
    assert served == reference
    assert [m.span() for m in served.finditer(text)] == [m.span() for m in reference.finditer(text)]
