"""Hostile input (issue 12): documents come from pull requests, including forks, so a crafted file is the normal
threat. Nothing outside the audited folder is read, only regular files are read and never more than the cap,
no declared charset can crash the run, and no input of a few kilobytes takes minutes.

Timing tests assert generous bounds (tens of seconds where the fixed code takes well under one), so they
catch a quadratic regression without flaking on a busy machine.
"""
from __future__ import annotations

import io
import os
import sys
import time

import pytest

from auditor.errors import InputError
from auditor.sources import (MAX_BYTES, _LABELS, declared_encoding, decode, discover, from_bytes, read_source,
                             read_stdin)

posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs as on POSIX")


# 1. links that leave the audited folder --------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """A checkout with a secret next to the lessons, and links pointing at it from inside them."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic SECRET\n")
    lessons = tmp_path / "lessons"
    (lessons / "unit").mkdir(parents=True)
    (lessons / "a.html").write_text("<p>Plants need light.</p>")
    (lessons / "unit" / "b.md").write_text("Roots take up water.\n")
    return tmp_path


@pytest.fixture
def outside(tmp_path_factory):
    """A folder outside the checkout with something in it that must never be read."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "secret.md").write_text("SECRET\n")
    return folder


@posix_only
def test_link_to_a_file_outside_is_skipped_with_a_note(repo, monkeypatch):
    monkeypatch.chdir(repo)
    os.symlink("../.git/config", "lessons/notes.txt")
    files, problems = discover(["lessons"])
    assert sorted(f.name for f in files) == ["a.html", "b.md"]
    assert len(problems) == 1 and "lessons/notes.txt" in problems[0] and "outside" in problems[0]
    assert "SECRET" not in problems[0] and ".git" not in problems[0]


@posix_only
def test_link_to_a_folder_outside_is_skipped_with_a_note(repo, monkeypatch, outside):
    monkeypatch.chdir(repo)
    os.symlink(outside, "lessons/unit/more")
    files, problems = discover(["lessons"])
    assert "secret.md" not in [f.name for f in files]
    assert any("lessons/unit/more" in p and "folder outside" in p for p in problems)


@posix_only
def test_links_inside_the_tree_are_fine(repo, monkeypatch):
    monkeypatch.chdir(repo)
    os.symlink("unit/b.md", "lessons/same.md")  # a second name for a file inside
    os.symlink("../unit", "lessons/unit/loop")  # a folder link back up must not loop
    files, problems = discover(["lessons"])
    assert not problems
    assert sorted(f.resolve().name for f in files) == ["a.html", "b.md"]  # each real file once


@posix_only
def test_named_link_pointing_outside_its_folder_is_refused(repo, monkeypatch):
    monkeypatch.chdir(repo)
    os.symlink("../.git/config", "lessons/notes.txt")
    os.symlink("a.html", "lessons/alias.html")
    files, problems = discover(["lessons/notes.txt", "lessons/alias.html"])
    assert [str(f) for f in files] == ["lessons/alias.html"]
    assert "lessons/notes.txt" in problems[0] and "outside its folder" in problems[0]


@posix_only
def test_named_folder_that_is_a_link_outside_is_refused(repo, monkeypatch, outside):
    monkeypatch.chdir(repo)
    os.symlink(outside, "shared")
    files, problems = discover(["shared"])
    assert not files and "shared" in problems[0] and "outside" in problems[0]


def test_within_fences_every_path(repo, monkeypatch):
    monkeypatch.chdir(repo / "lessons")
    files, problems = discover(["a.html", "../.git/config"], within=repo / "lessons")
    assert [f.name for f in files] == ["a.html"] and "outside" in problems[0]


def test_hidden_folders_stay_skipped(repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "lessons" / ".drafts").mkdir()
    (repo / "lessons" / ".drafts" / "c.md").write_text("Draft.\n")
    files, _ = discover(["lessons"])
    assert "c.md" not in [f.name for f in files]


@posix_only
def test_secret_never_reaches_a_report(repo, monkeypatch):
    from click.testing import CliRunner

    from auditor.cli import main

    monkeypatch.chdir(repo)
    os.symlink("../.git/config", "lessons/notes.txt")
    result = CliRunner().invoke(main, ["lessons", "--format", "json", "--no-progress", "--model", "blank"])
    assert "SECRET" not in result.output and "lessons/notes.txt" in result.output
    assert result.exit_code == 2  # a skipped input is an input problem


# 2. only regular files, never more than the cap ---------------------------------------------------------------

@posix_only
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "lesson.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match="not a regular file"):
        read_source(fifo)
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_device_is_refused(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        read_source(__import__("pathlib").Path("/dev/zero"), "text")


def test_cap_applies_while_reading_standard_input():
    class Endless(io.RawIOBase):
        """Like /dev/zero: never ends. Counts what was handed out."""

        handed = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            n = len(buffer)
            buffer[:n] = b"a" * n
            Endless.handed += n
            return n

    data = read_stdin(io.BufferedReader(Endless()))
    assert len(data) == MAX_BYTES + 1 and Endless.handed <= MAX_BYTES + 2 * 1024 * 1024
    with pytest.raises(InputError, match="over 10 MB"):
        from_bytes(data, "stdin.txt", "text")
    assert read_stdin(io.BytesIO(b"short")) == b"short"


# 3. declared charsets ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["hex", "rot13", "base64", "zip", "bz2", "uu", "quopri", "punycode", "idna",
                                   "mbcs", "undefined", "unicode_escape", "raw_unicode_escape", "nonsense",
                                   "utf-32", "utf-32le", "utf-7", "x"])
def test_unknown_or_non_text_charset_reads_as_utf8_with_a_note(label):
    data = f'<meta charset="{label}"><p>Caf\u00e9 and plants.</p>'.encode("utf-8")
    text, encoding, warnings = decode(data, "html")
    assert encoding == "utf-8" and "Caf\u00e9 and plants." in text
    assert warnings and "read as UTF-8" in warnings[0]


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "unicode", "ucs-2"])
def test_utf16_declared_without_bom_reads_as_utf8(label):
    text, encoding, warnings = decode(f'<meta charset="{label}"><p>Light.</p>'.encode(), "html")
    assert encoding == "utf-8" and "<p>Light.</p>" in text and "byte-order mark" in warnings[0]


def test_utf16_with_bom_still_decodes():
    text, encoding, _ = decode('<meta charset="utf-16"><p>Light.</p>'.encode("utf-16"), "html")
    assert "<p>Light.</p>" in text and encoding.startswith("utf-16")


def test_whatwg_labels_map_to_python_text_codecs():
    import codecs

    for label, codec in _LABELS.items():
        assert codecs.lookup(codec)._is_text_encoding, label
    assert declared_encoding(" Latin1 ")[0] == "cp1252"  # browsers read Latin-1 as windows-1252
    assert declared_encoding("shift_jis")[0] == "cp932"


def test_bad_charset_file_is_audited_not_fatal(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    (tmp_path / "hex.html").write_bytes(b'<meta charset="hex"><title>T</title><p>Plants need light.</p>')
    result = CliRunner().invoke(main, [str(tmp_path / "hex.html"), "--format", "json", "--model", "blank"])
    assert result.exit_code in (0, 1) and "internal error" not in result.output
