"""What the tool writes, from hostile input: never over an input, never half-written, never a raw control
character or a document's Markdown in a report, and a clear one-line error for bad configuration."""
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from auditor import outputs
from auditor.cli import main
from auditor.reporters.safe import printable

LESSON = "<p>Plants need light.</p>\n"


def run(*args, cwd=None):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("option", [("-o",), ("--report", "json="), ("--write-baseline",)])
def test_an_output_that_is_an_audited_input_is_refused(tmp_path, option):
    lesson = tmp_path / "l.html"
    lesson.write_text(LESSON, encoding="utf-8")
    target = [option[0], option[1] + str(lesson)] if len(option) == 2 else [option[0], str(lesson)]
    result = run(lesson, *target)
    assert result.exit_code == 2
    assert "is one of the files being audited" in result.stderr
    assert lesson.read_text(encoding="utf-8") == LESSON


def test_an_output_reached_through_a_folder_argument_is_refused_too(tmp_path):
    (tmp_path / "l.html").write_text(LESSON, encoding="utf-8")
    result = run(tmp_path, "-o", tmp_path / "l.html")
    assert result.exit_code == 2 and (tmp_path / "l.html").read_text(encoding="utf-8") == LESSON


def test_a_report_is_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("previous\n", encoding="utf-8")

    def half(out):
        out.write("{ half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        outputs.write_atomically(str(target), "-o", half)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind
    outputs.write_atomically(str(target), "-o", lambda out: out.write("new\n"))
    assert target.read_text(encoding="utf-8") == "new\n"


def test_our_own_reports_in_an_audited_folder_are_not_audited(tmp_path):
    (tmp_path / "l.html").write_text(LESSON, encoding="utf-8")
    for fmt, name in (("markdown", "summary.md"), ("html", "report.html")):
        assert run(tmp_path / "l.html", "--format", fmt, "-o", tmp_path / name).exit_code == 0
    result = run(tmp_path, "--format", "json")
    assert [f["path"].rsplit("/", 1)[-1] for f in json.loads(result.stdout)["files"]] == ["l.html"]
    assert "skipped 2 reports written by ssec-audit" in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_numbers_in_configuration_are_refused(tmp_path, value):
    (tmp_path / "l.html").write_text(LESSON, encoding="utf-8")
    (tmp_path / ".ssec-audit.toml").write_text(f"[scoring.weights]\nreadability = {value}\n", encoding="utf-8")
    result = run(tmp_path / "l.html")
    assert result.exit_code == 2
    assert "scoring.weights.readability: must be a finite number" in result.stderr


def test_a_binary_vocabulary_file_is_named_in_one_line(tmp_path):
    (tmp_path / "l.html").write_text(LESSON, encoding="utf-8")
    (tmp_path / "words.bin").write_bytes(b"\x00\xff\xfe\x80" * 100)
    (tmp_path / ".ssec-audit.toml").write_text('vocabulary = "words.bin"\n', encoding="utf-8")
    result = run(tmp_path / "l.html")
    assert result.exit_code == 2
    assert "vocabulary: words.bin: not a UTF-8 text file" in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("content,expected", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"schema": "ssec-audit/baseline/v1", "findings": [{"fingerprint": ["a"]}]}', None),
    ("\xff\xfe not json", "not a baseline file"),
])
def test_malformed_baselines_are_named_not_internal_errors(tmp_path, content, expected):
    (tmp_path / "l.html").write_text(LESSON, encoding="utf-8")
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    result = run(tmp_path / "l.html", "--baseline", tmp_path / "b.json")
    assert "internal error" not in result.stderr
    if expected:
        assert result.exit_code == 2 and expected in result.stderr


HOSTILE = ("<html lang='en'><title>T</title><p>The \x1b]0;pwned\x07 history of mankind "
           "\x1b[2J is [a link](http://evil) and **bold** and `code`.</p><img src='x.png'></html>")


@pytest.mark.parametrize("fmt", ["terminal", "concise", "github", "junit", "markdown"])
def test_control_characters_never_reach_a_report(tmp_path, fmt):
    lesson = tmp_path / "l\x1b[31mred.html"
    lesson.write_text(HOSTILE, encoding="utf-8")
    result = run(lesson, "--format", fmt, "--color", "never") if fmt == "terminal" else run(lesson, "--format", fmt)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x1b" not in result.stderr
    if fmt == "junit":
        ET.fromstring(result.stdout)  # parseable XML
    if fmt == "markdown":
        assert "[a link](http://evil)" not in result.stdout and "**bold**" not in result.stdout


def test_a_newline_in_a_file_name_cannot_forge_a_line_on_stderr(tmp_path):
    lesson = tmp_path / "bad\n::error::forged.txt"
    lesson.write_bytes(b"\x00\x01\x02binary")
    result = run(lesson, tmp_path / "missing.txt")
    assert not any(line.startswith("::error::") for line in result.stderr.splitlines())


def test_printable_keeps_text_and_shows_controls():
    assert printable("plain text\twith tab\n") == "plain text\twith tab\n"
    assert printable("a\x1bb\x7fc\x9bd\u202ee") == "a\u241bb\u2421c<U+009B>d<U+202E>e"
