"""Configuration files: discovery, extend, precedence, every key's validation and `ssec-audit config`."""
import json
import os

import pytest
from auditkit import rule_ids
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import KEYS, ConfigError, Settings, find_config, resolve

MANKIND = "The history of mankind is long.\n"


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lessons" / "k2").mkdir(parents=True)
    (tmp_path / "lessons" / "k2" / "a.txt").write_text(MANKIND)
    return tmp_path


def write(path, text):
    path.write_text(text)
    return path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_closest_file_wins_and_dotfile_beats_pyproject(tree):
    write(tree / "pyproject.toml", '[tool.ssec-audit]\ngrade-band = "9-12"\n')
    assert find_config(tree / "lessons" / "k2" / "a.txt") == tree / "pyproject.toml"
    write(tree / "lessons" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.ssec-audit]: skipped
    assert find_config(tree / "lessons" / "k2") == tree / "pyproject.toml"
    write(tree / "lessons" / ".ssec-audit.toml", 'grade-band = "K-2"\n')
    assert find_config(tree / "lessons" / "k2") == tree / "lessons" / ".ssec-audit.toml"
    write(tree / "lessons" / "pyproject.toml", '[tool.ssec-audit]\ngrade-band = "3-5"\n')
    assert find_config(tree / "lessons") == tree / "lessons" / ".ssec-audit.toml"
    resolved = resolve({}, tree / "lessons" / "k2")
    assert resolved.settings.grade_band == "K-2"
    assert resolved.sources["grade-band"] == "lessons/.ssec-audit.toml"
    assert resolved.settings.grade_band_source == "lessons/.ssec-audit.toml"


def test_extend_cli_precedence_and_sources(tree):
    write(tree / "base.toml", 'grade-band = "3-5"\nignore = ["P101"]\n[severity]\nL101 = "info"\nA101 = "warning"\n')
    write(tree / ".ssec-audit.toml", 'extend = "base.toml"\nfail-on = "warning"\n[severity]\nL101 = "error"\n')
    resolved = resolve({"grade-band": "6-8", "ignore": ("A101",)}, tree)
    s = resolved.settings
    assert s.grade_band == "6-8" and resolved.sources["grade-band"] == "command line"
    assert s.fail_on == "warning" and resolved.sources["fail-on"] == ".ssec-audit.toml"
    assert s.severity == {"L101": "error", "A101": "warning"}  # tables merge key by key over extend
    assert resolved.sources["severity"] == "base.toml + .ssec-audit.toml"
    assert s.ignore == ("P101", "A101")  # --ignore adds to the configured list
    assert resolved.sources["ignore"] == "base.toml + command line"
    assert resolve({"select": ("L101",)}, tree).settings.select == ("L101",)


def test_isolated_and_explicit_config(tree):
    write(tree / ".ssec-audit.toml", 'grade-band = "K-2"\n')
    other = write(tree / "other.toml", 'grade-band = "9-12"\n')
    assert resolve({}, tree, isolated=True).settings.grade_band == "6-8"
    assert resolve({}, tree, config_file=str(other)).settings.grade_band == "9-12"
    with pytest.raises(ConfigError, match="extend each other in a loop"):
        write(tree / "x.toml", 'extend = "y.toml"\n')
        write(tree / "y.toml", 'extend = "x.toml"\n')
        resolve({}, tree, config_file=str(tree / "x.toml"))


@pytest.mark.parametrize("text,expected", [
    ('grade_band = "3-5"', "unknown key 'grade_band' (did you mean 'grade-band'?)"),
    ('selct = ["L101"]', "did you mean 'select'?"),
    ('select = ["languag"]', "select: unknown rule or category 'languag' (did you mean 'language'?)"),
    ('ignore = "L9999"', "ignore: unknown rule or category 'L9999'"),
    ('grade-band = "12-3"', "grade-band: grade band must look like"),
    ('grade-band = 5', "grade-band: must be a string, got a number"),
    ('grade-bands = { "a/*" = "K-20" }', "grade-bands: grade band must look like"),
    ('fail-on = "eror"', "fail-on: must be one of error, warning, info, never (got 'eror') (did you mean 'error'?)"),
    ('fail-under = 120', "fail-under: must be a number from 0 to 100"),
    ('fail-under = { readabilty = 50 }', "did you mean 'readability'?"),
    ('[severity]\nL101 = "eror"', "severity: L101: severity must be one of"),
    ('[severity]\nL999 = "error"', "severity: unknown rule 'L999'"),
    ('[options.A101]\nfoo = 1', "options: A101: rule A101 has no options"),
    ('[options.nope]\nfoo = 1', "options: unknown rule 'nope'"),
    ('[per-file-ignores]\n"a/*" = ["nope"]', "per-file-ignores: unknown rule or category 'nope'"),
    ('[scoring.weights]\nreadabilty = 2', "scoring: weights: unknown key 'readabilty' (did you mean 'readability'?)"),
    ('[scoring.wieghts]\nreadability = 2', "did you mean 'weights'?"),
    ('[scoring.weights]\nreadability = -1', "must be a number of 0 or more"),
    ('packs = ["missing.toml"]', "packs: file not found: missing.toml"),
    ('people = [{ gender = "woman" }]', "people: every person needs a name"),
    ('people = "people.toml"', "people: file not found"),
    ('vocabulary = "words.txt"', "vocabulary: file not found"),
    ('quotations = "skip"', "quotations: must be one of lower, report, ignore"),
    ('output-format = "xml"', "output-format: must be one of"),
    ('jobs = 0', "jobs: must be a whole number of 1 or more"),
    ('extend = "nowhere.toml"', "extend: file not found: nowhere.toml"),
    ('grade-band = [', "invalid TOML"),
])
def test_bad_keys_and_values_are_one_line_with_file_key_and_hint(tree, text, expected):
    write(tree / ".ssec-audit.toml", text + "\n")
    result = CliRunner().invoke(main, [str(tree / "lessons")])
    assert result.exit_code == 2
    assert expected in result.output and ".ssec-audit.toml" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("key,option,toml", [
    ("grade-band", ["--grade-band", "12-3"], '"12-3"'),
    ("select", ["--select", "L1,languag"], '["L1, languag"]'),
    ("ignore", ["--ignore", "L9999"], '["L9999"]'),
    ("fail-under", ["--fail-under", "120"], "120"),
    ("fail-under", ["--fail-under", "readabilty=50"], "{ readabilty = 50 }"),
    ("fail-under", ["--fail-under", "70", "--fail-under", "language=101"], "{ inclusion = 70, language = 101 }"),
    ("jobs", ["--jobs", "0"], "0"),
])
def test_command_line_values_are_judged_like_file_values(tree, key, option, toml):
    """One converter per key: the command line's message is the file's, with the option in place of the key."""
    on_command_line = CliRunner().invoke(main, ["lessons", *option])
    write(tree / ".ssec-audit.toml", f"{key} = {toml}\n")
    in_file = CliRunner().invoke(main, ["lessons"])
    assert on_command_line.exit_code == in_file.exit_code == 2
    assert len(on_command_line.output.strip().splitlines()) == 1
    prefix, _, message = on_command_line.output.strip().partition(f"{option[-2]}: ")
    assert prefix == "ssec-audit: error: " and message
    assert in_file.output.strip() == f"ssec-audit: error: .ssec-audit.toml: {key}: {message}"


def test_command_line_options_are_built_from_the_keys():
    """Flags, choices, help and defaults of the setting options come from KEYS, for `check` and `config`."""
    check, config = main.commands["check"], main.commands["config"]
    for name, key in KEYS.items():
        if key.flag is None:
            continue
        option = next(p for p in check.params if p.name == key.field)
        assert set(option.opts + option.secondary_opts) == set(key.flag.names)
        assert option.multiple == key.flag.repeatable
        assert tuple(getattr(option.type, "choices", ())) == key.choices
        assert option.help.startswith(key.help)
        if name not in ("output-format", "model", "jobs"):  # config has a --format of its own, and no run
            assert key.field in {p.name for p in config.params}
    assert KEYS["fail-on"].choices == ("error", "warning", "info", "never")
    help_text = " ".join(run("check", "--help").output.split())
    assert "Worker processes. Default: number of cores, at most 4." in help_text  # the engine's cap


def test_pyproject_errors_name_the_table(tree):
    write(tree / "pyproject.toml", '[tool.ssec-audit]\ngrade_band = "3-5"\n')
    result = CliRunner().invoke(main, [str(tree / "lessons")])
    assert result.exit_code == 2
    assert "pyproject.toml: [tool.ssec-audit] unknown key 'grade_band'" in result.output


def test_broken_pyproject_is_reported_only_when_it_is_ours(tree):
    write(tree / "pyproject.toml", '[project\nname = "x"\n')
    assert find_config(tree / "lessons") is None
    write(tree / "pyproject.toml", '[tool.ssec-audit]\ngrade-band = "3-5\n')
    result = CliRunner().invoke(main, [str(tree / "lessons")])
    assert result.exit_code == 2 and "pyproject.toml: invalid TOML" in result.output


def test_every_key_takes_effect(tree):
    (tree / "packs").mkdir()
    write(tree / "packs" / "extra.toml", "# an extra pack\n")
    write(tree / "people.toml", '[[person]]\nname = "Ada Example"\ngender = "woman"\n')
    write(tree / "words.txt", "photosynthesis  # defined in lesson 2\n\nchlorophyll\n")
    write(tree / ".ssec-audit.toml", """
include = ["*.txt"]
exclude = ["drafts"]
grade-band = "3-5"
select = ["language", "readability"]
ignore = ["R1"]
extend-select = ["A101"]
fail-on = "warning"
fail-under = 40
packs = ["packs/extra.toml"]
disabled-terms = ["mankind"]
vocabulary = "words.txt"
people = "people.toml"
quotations = "ignore"
output-format = "concise"
model = "blank"
jobs = 1
[grade-bands]
"lessons/k2/*" = "K-2"
[severity]
L101 = "info"
[per-file-ignores]
"lessons/k2/*" = ["A101"]
[scoring.weights]
language = 2.0
""")
    s = resolve({}, tree).settings
    assert s.include == ("*.txt",) and s.exclude == ("drafts",) and s.grade_band == "3-5"
    assert s.select == ("language", "readability") and s.ignore == ("R1",) and s.extend_select == ("A101",)
    assert s.fail_on == "warning" and s.fail_under == 40.0
    assert s.packs == (str((tree / "packs" / "extra.toml").resolve()),)
    assert s.disabled_terms == ("mankind",) and s.vocabulary == ("photosynthesis", "chlorophyll")
    assert s.people == ({"name": "Ada Example", "gender": "woman"},)
    assert s.quotations == "ignore" and s.output_format == "concise" and s.model == "blank" and s.jobs == 1
    assert s.band_for("lessons/k2/a.txt") == ("K-2", "configuration (lessons/k2/*)")
    assert s.band_for("lessons/b.txt")[0] == "3-5"
    assert s.severity == {"L101": "info"} and s.scoring == {"weights": {"language": 2.0}}
    assert s.ignored_for("lessons/k2/a.txt") == ("A101",) and s.ignored_for("other.txt") == ()


def test_per_file_ignores_apply_in_the_engine():
    doc = "The history of mankind is long.\n"
    settings = dict(per_file_ignores=(("notes/*", ("L101",)),))
    from auditkit import load_text

    from auditor.engine import audit_document
    assert "L101" not in rule_ids(audit_document(load_text(doc, "text", "notes/a.txt"), Settings(**settings)))
    assert "L101" in rule_ids(audit_document(load_text(doc, "text", "other/a.txt"), Settings(**settings)))


def test_options_are_validated_against_the_rule(monkeypatch, tree):
    from auditor.registry import RULES

    rule = next((r for r in RULES.values() if r.options), None)
    if rule is None:
        pytest.skip("no rule has options yet")
    name, default = next(iter(rule.options.items()))
    good = default if default is not None else 1
    write(tree / ".ssec-audit.toml", f'[options.{rule.id}]\n{name.replace("_", "-")} = {json.dumps(good)}\n')
    assert resolve({}, tree).settings.options == {rule.id: {name: good}}
    write(tree / ".ssec-audit.toml", f'[options.{rule.id}]\nno-such-option = 1\n')
    with pytest.raises(ConfigError, match="unknown option 'no-such-option'"):
        resolve({}, tree)


def test_config_command_shows_values_and_sources(tree):
    write(tree / ".ssec-audit.toml", 'grade-band = "3-5"\n[severity]\nL101 = "error"\n')
    out = run("config", str(tree / "lessons")).output
    assert "# configuration file: .ssec-audit.toml" in out
    assert 'grade-band = "3-5"  # .ssec-audit.toml' in out
    assert 'fail-on = "error"  # default' in out
    assert 'severity = { "L101" = "error" }  # .ssec-audit.toml' in out
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["config_file"] == ".ssec-audit.toml"
    assert data["settings"]["grade-band"] == {"value": "3-5", "source": ".ssec-audit.toml"}
    assert set(data["settings"]) == set(KEYS)
    assert "none (--isolated)" in run("config", "--isolated").output
    out = run("config", "--grade-band", "K-2", "--ignore", "P101", "--fail-under", "readability=50").output
    assert 'grade-band = "K-2"  # command line' in out
    assert 'ignore = ["P101"]  # command line' in out
    assert 'fail-under = { "readability" = 50 }  # command line' in out
    assert CliRunner().invoke(main, ["config", "--select", "nope"]).exit_code == 2


def test_config_drives_the_audit_and_cli_beats_it(tree):
    write(tree / ".ssec-audit.toml", 'output-format = "concise"\nignore = ["P101", "readability"]\n'
          '[severity]\nL101 = "info"\n')
    result = run("lessons")
    assert result.exit_code == 0  # L101 lowered to info
    assert result.output.startswith("lessons/k2/a.txt:1:16: L101 ")
    assert run("lessons", "--fail-on", "info").exit_code == 1
    assert json.loads(run("lessons", "--format", "json").stdout)["files"][0]["findings"][0]["severity"] == "info"
    isolated = json.loads(run("lessons", "--isolated", "--format", "json").stdout)
    assert {f["rule"]: f["severity"] for f in isolated["files"][0]["findings"]}["L101"] == "warning"


def test_fail_under_per_category(tree):
    (tree / "lessons" / "unit.html").write_text(
        '<html lang="en"><title>x</title><p>See the picture.</p><img src="a.png"></html>')
    assert run("lessons/unit.html", "--fail-on", "never", "--fail-under", "accessibility=90").exit_code == 1
    assert run("lessons/unit.html", "--fail-on", "never", "--fail-under", "language=90").exit_code == 0
    write(tree / ".ssec-audit.toml", 'fail-on = "never"\nfail-under = { accessibility = 90 }\n')
    assert run("lessons/unit.html").exit_code == 1
    assert run("lessons/unit.html", "--exit-zero").exit_code == 0
    bad = CliRunner().invoke(main, ["lessons", "--fail-under", "readabilty=3"])
    assert bad.exit_code == 2 and "unknown score 'readabilty'" in bad.output


def test_every_key_is_documented():
    doc = (os.path.join(os.path.dirname(__file__), "..", "docs", "configuration.md"))
    text = open(doc, encoding="utf-8").read()
    for name in (*KEYS, "extend"):
        assert f"`{name}`" in text, name


def test_include_and_exclude_from_configuration_choose_the_files(tree):
    (tree / "lessons" / "drafts").mkdir()
    (tree / "lessons" / "drafts" / "d.txt").write_text(MANKIND)
    (tree / "lessons" / "b.md").write_text("# B\n\n" + MANKIND)
    write(tree / ".ssec-audit.toml", 'include = ["*.txt"]\nexclude = ["drafts"]\n')
    out = json.loads(run("lessons", "--format", "json").stdout)
    assert [f["path"] for f in out["files"]] == ["lessons/k2/a.txt"]
    out = json.loads(run("lessons/b.md", "--format", "json").stdout)  # named files are always audited
    assert [f["path"] for f in out["files"]] == ["lessons/b.md"]
    out = json.loads(run("lessons", "--format", "json", "--isolated").stdout)
    assert len(out["files"]) == 3
