"""The equity settings: audience country, materials budget, switching entries off, user packs; and the score."""
import pytest
from auditkit import assert_case, audit_text

from auditor.config import KEYS, ConfigError, read_file
from auditor.errors import UsageError

FAHRENHEIT = "Record the temperature in degrees Fahrenheit every hour."


def test_audience_country_turns_place_checks_into_notes():
    plain = audit_text(FAHRENHEIT, "text", select=("E105",)).findings
    noted = audit_text(FAHRENHEIT, "text", select=("E105",), audience_country="United States").findings
    assert [f.severity for f in plain] == ["warning"] and [f.severity for f in noted] == ["info"]
    assert "written for United States" in noted[0].message
    assert audit_text(FAHRENHEIT, "text", select=("equity",), audience_country="United States").scores["equity"] == 100


def test_audience_country_accepts_common_names_and_rejects_unknown_ones(tmp_path):
    (tmp_path / ".ssec-audit.toml").write_text('audience-country = "USA"\n')
    assert read_file(tmp_path / ".ssec-audit.toml")[-1].values["audience-country"] == "United States"
    (tmp_path / ".ssec-audit.toml").write_text('audience-country = "Atlantis"\n')
    with pytest.raises(ConfigError, match="unknown country"):
        read_file(tmp_path / ".ssec-audit.toml")


def test_materials_budget_quiets_prices_at_or_below_it():
    text = "Each student will need a {{$4}} hand lens."
    assert_case("E102", text, "text")
    assert_case("E102", "Each student will need a $4 hand lens.", "text", materials_budget=5.0)
    assert_case("E102", "Each student will need a {{$6}} hand lens.", "text", materials_budget=5.0)


def test_entries_can_be_switched_off():
    assert_case("E105", "Water boils at 212 °F.", "text", equity_disabled=("fahrenheit-only",))


def test_user_packs_add_entries_and_are_validated(tmp_path):
    pack = tmp_path / "ours.toml"
    pack.write_text('''[pack]\ncategory = "home"\n[[entry]]\nid = "piano"\ntriggers = ["piano"]
match = ["your piano"]\nreason = "Not every student has a piano."\nsuggest = ["a class keyboard"]\n''')
    assert_case("E101", "Play the scale on {{your piano}}.", "text", equity_packs=(str(pack),))
    pack = tmp_path / "bad.toml"
    pack.write_text('[[entry]]\nid = "x"\ncategory = "home"\ntriggers = ["x"]\nmatch = ["x"]\nreason = "r"\n'
                    'severity = "error"\n')
    with pytest.raises(UsageError, match="never errors"):
        audit_text("x", "text", select=("E101",), equity_packs=(str(pack),))


def test_every_equity_key_is_declared():
    assert {"audience-country", "materials-budget", "equity-packs", "equity-disabled"} <= set(KEYS)


def test_score_falls_with_findings_per_length():
    report = audit_text("Ask your parents to buy a bag of soil. Observe your pet for an hour.", "text",
                        select=("equity",))
    assert report.scores["equity"] == 100 - 2 * 3.0
