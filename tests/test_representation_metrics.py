"""Metrics, score, findings (per file and for the whole run) and their suggestions."""
import math

import pytest
from auditkit import audit_text, rule_ids
from people_fixture import PEOPLE, isolated_kb  # noqa: F401 - autouse fixture

from auditor.config import Settings
from auditor.engine import summarize
from auditor.representation import metrics as M

EUROPE_MEN = "<h1>Heredity</h1><p>Charles Darwin studied finches. Gregor Mendel studied peas in biology. " \
             "Albert Einstein studied light.</p>"
MIXED = "<h1>Life</h1><p>Wangari Maathai planted trees. Tu Youyou discovered artemisinin. " \
        "Ayana Elizabeth Johnson protects reefs. Charles Darwin studied finches.</p>"


def audit(html, **settings):
    settings.setdefault("people", PEOPLE)
    return audit_text(html, "html", select=("P",), **settings)


def person(**kw):
    base = {"name": "X", "kb": None, "scientist": True, "gender": "unknown", "region": "unknown", "born": None}
    base.update(kw)
    base["era"] = M.era(base["born"])
    return base


def test_metrics_count_featured_scientists_only():
    report = audit(MIXED + "<p>Maria and Jamal have 12 apples.</p>")
    m = report.blocks["people_metrics"]
    assert (m["people"], m["scientists"], m["others"]) == (6, 4, 2)
    assert m["scientists_by_gender"] == {"woman": 3, "man": 1, "nonbinary": 0, "unknown": 0}
    assert m["scientists_by_region"]["Africa"] == 1 and m["scientists_by_region"]["Asia"] == 1
    assert m["scientists_by_era"] == {"before 1900": 1, "1900-1959": 2, "1960 on": 1, "unknown": 0}
    assert m["women_nonbinary_share"] == 0.75 and m["regions"] == 4 and m["confidence"] == 1.0
    assert m["contemporary_share"] == 0.25


def test_region_diversity_is_normalised_shannon():
    assert M.region_diversity({}) is None
    assert repr(M.region_diversity({"Europe": 5})) == "0.0"  # not -0.0
    assert M.region_diversity({r: 1 for r in M.REGIONS}) == 1.0
    assert M.region_diversity({"Europe": 1, "Asia": 1}) == round(math.log(2) / math.log(6), 3)


def test_confidence_counts_known_attributes():
    m = M.metrics([person(gender="woman"), person()])
    assert m["confidence"] == round(1 / 6, 3) and m["women_nonbinary_share"] == 1.0


@pytest.mark.parametrize("people,expected", [
    ([], None),
    ([person(gender="man"), person(gender="woman")], None),  # too few known: counts, no score
    ([person(gender="man")] * 3, 0.0),  # gender part only, no women
    ([person(gender="man")] * 2 + [person(gender="woman")], round(100 * (1 / 3) / 0.5, 1)),
    ([person(gender="woman", region=r, born=1970) for r in ("Africa", "Asia", "Europe")], 100.0),
    ([person(gender="man", region="Europe", born=1800)] * 3, round(100 * (0 + 1 / 3 + 0) / 3, 1)),
])
def test_score_formula(people, expected):
    assert M.score(M.metrics(people), {"min_people": 3, "gender_target": 0.5, "regions_target": 3,
                                       "contemporary_target": 0.3}) == expected


def test_unknown_attributes_lower_confidence_not_score():
    known = [person(gender="woman", region="Africa"), person(gender="man", region="Asia"),
             person(gender="woman", region="Oceania")]
    table = {"min_people": 3}
    assert M.score(M.metrics(known), table) == M.score(M.metrics(known + [person(), person()]), table) == 100.0


def test_score_targets_are_configurable():
    report = audit(EUROPE_MEN, scoring={"representation": {"regions_target": 1, "gender_weight": 0.0,
                                                           "contemporary_weight": 0.0}})
    assert report.scores["representation"] == 100.0
    assert audit(EUROPE_MEN).scores["representation"] == round(100 * (1 / 3) / 3, 1)


def test_too_few_people_give_no_score():
    assert audit("<p>Wangari Maathai planted trees.</p>").scores["representation"] is None


def test_balance_findings_fire_with_kind_suggestions_from_the_knowledge_base():
    report = audit(EUROPE_MEN)
    assert {"P102", "P103", "P104"} <= set(rule_ids(report))
    p102 = next(f for f in report.findings if f.rule == "P102")
    assert "All 3 featured scientists whose gender is known are men" in p102.message
    assert p102.severity == "warning" and p102.span.line == 1 and p102.text == "Charles Darwin"
    # women in the unit's field (biology), most recently born first: deterministic
    assert p102.suggestion.startswith("Consider also featuring women or nonbinary scientists in biology")
    assert "Ayana Elizabeth Johnson" in p102.suggestion
    p103 = next(f for f in report.findings if f.rule == "P103")
    assert "Wangari Maathai" in p103.suggestion and "Elizabeth Blackburn" in p103.suggestion
    p104 = next(f for f in report.findings if f.rule == "P104")
    assert "born 1879" in p104.message and "Ayana Elizabeth Johnson" in p104.suggestion
    assert audit(EUROPE_MEN).findings == report.findings  # deterministic


def test_balance_findings_do_not_fire_for_a_balanced_unit():
    report = audit(MIXED)
    assert not {"P102", "P103", "P104", "P105"} & set(rule_ids(report))


def test_balance_findings_need_three_known():
    report = audit("<p>Charles Darwin studied finches. Gregor Mendel studied peas. Engineer Dr. Lin designs "
                   "pumps.</p>")
    assert not {"P102", "P103", "P104"} & set(rule_ids(report))


def test_min_known_is_an_option():
    report = audit("<p>Charles Darwin studied finches. Gregor Mendel studied peas.</p>",
                   options={"P102": {"min_known": 2}})
    assert "P102" in rule_ids(report)


def test_no_scientist_featured_is_information():
    text = "<p>" + "Plants make sugar from light, water and carbon dioxide in their leaves. " * 10 + "</p>"
    report = audit(text)
    p105 = [f for f in report.findings if f.rule == "P105"]
    assert len(p105) == 1 and p105[0].severity == "info"
    assert "Ynes Mexia" in p105[0].suggestion  # the botanist: the text is about plants
    short = audit("<p>Plants make sugar.</p>")
    assert "P105" not in rule_ids(short)
    example = audit("<p>" + "Plants make sugar from light and water. " * 12 + "Maria has 3 plants.</p>")
    p105 = next(f for f in example.findings if f.rule == "P105")
    assert "It names 1 person (Maria), but does not describe this person as a scientist" in p105.message


def test_pronoun_balance_counts_people_including_example_characters():
    html = ("<p>Dr. Lee measured the pond. She recorded it.</p><p>A student checks his data. He writes it "
            "down. He draws a chart. He shares his results. He cleans up. Then he goes home.</p>")
    report = audit(html)
    m = report.blocks["people_metrics"]
    assert m["pronouns"] == {"he": 7, "she": 1, "they": 0}
    assert m["example_pronouns"]["she"] == 0 and m["example_pronouns"]["he"] == 7
    finding = next(f for f in report.findings if f.rule == "P106")
    assert finding.text == "his" and finding.severity == "info"


@pytest.mark.parametrize("model", [None, "blank"])
def test_they_counts_only_when_it_refers_to_people(model):
    report = audit("<p>Plants need light. They grow toward it. Over a week they get taller.</p>", model=model)
    assert report.blocks["people_metrics"]["pronouns"]["they"] == 0
    report = audit("<p>The students measured the plants. They wrote the results on the board.</p>", model=model)
    assert report.blocks["people_metrics"]["pronouns"]["they"] == 1


def test_run_level_summary_and_findings():
    settings = Settings(select=("P",), people=PEOPLE)
    one = audit(EUROPE_MEN)
    two = audit("<p>" + "Plants make sugar from light, water and carbon dioxide. " * 12 + "</p>")
    three = audit("<p>Charles Darwin sailed far. Isaac Newton studied light. Physicist Mr. Lindqvist "
                  "measured it.</p>")
    summary = summarize([one, two, three], settings)
    people = summary["people"]
    assert people["files"] == 3 and people["files_without_scientists"] == 1
    assert people["scientists"] == 5  # Darwin counted once across files
    assert people["features"] == 6
    run = {f["rule"]: f for f in summary["run_findings"]}
    assert set(run) == {"P102", "P103", "P104", "P105"}
    assert run["P102"]["path"] == "(all files)" and run["P102"]["severity"] == "warning"
    assert run["P105"]["message"].startswith("1 of 3 files feature no scientist")
    ignored = summarize([one, two, three], Settings(select=("P",), ignore=("P102",), people=PEOPLE))
    assert "P102" not in {f["rule"] for f in ignored["run_findings"]}
    assert "run_findings" not in summarize([one], settings)


def test_run_level_checks_use_each_rules_own_options():
    one = audit(EUROPE_MEN)
    three = audit("<p>Charles Darwin sailed far. Isaac Newton studied light. Physicist Mr. Lindqvist "
                  "measured it.</p>")
    strict = Settings(select=("P",), people=PEOPLE, options={"P102": {"min_known": 50}})
    run = {f["rule"] for f in summarize([one, three], strict).get("run_findings", [])}
    assert "P102" not in run and "P103" in run  # P102's threshold is not borrowed by P103, nor the reverse


@pytest.mark.parametrize("born,year,label", [(1965, 1970, "1900-1969"), (1975, 1970, "1970 on"),
                                             (1899, 1970, "before 1900"), (1960, 1960, "1960 on"),
                                             (1959, 1960, "1900-1959"), (None, 1970, "unknown")])
def test_era_labels_follow_contemporary_from(born, year, label):
    assert M.era(born, year) == label


def test_configured_contemporary_from_names_the_eras_and_the_share():
    scoring = {"representation": {"contemporary_from": 1970}}
    m = audit(EUROPE_MEN, scoring=scoring).blocks["people_metrics"]
    assert list(m["scientists_by_era"]) == ["before 1900", "1900-1969", "1970 on", "unknown"]
    assert m["contemporary_share"] == 0.0


def test_run_counts_one_person_under_variant_names():
    settings = Settings(select=("P",), people=PEOPLE)
    one = audit("<p>Biochemist Fred Sanger sequenced insulin. Physicist E.O. Lindqvist studied light.</p>")
    two = audit("<p>Frederick Sanger sequenced DNA. Physicist E. O. Lindqvist measured it.</p>")
    featured = summarize([one, two], settings)["people"]["featured"]
    assert sorted(p["name"] for p in featured) == ["E. O. Lindqvist", "Frederick Sanger"] or \
        sorted(p["name"] for p in featured) == ["E.O. Lindqvist", "Frederick Sanger"]


def test_run_merges_only_names_that_agree_and_never_keeps_a_conflicting_fact():
    from auditor.representation.grouping import run_people
    people = run_people([
        person(name="Peter Grant", gender="man"), person(name="Rosemary Grant", gender="woman"),
        person(name="Carl Anderson"), person(name="Carla Anderson"),
        person(name="Jackson"), person(name="Shirley Jackson"), person(name="Mary Jackson"),
        person(name="Fred Sanger", born=1918), person(name="Frederick Sanger", born=1919),
        person(name="Galilei"), person(name="Galileo Galilei", region="Europe"),
    ])
    names = sorted(p["name"] for p in people)
    assert names == ["Carl Anderson", "Carla Anderson", "Frederick Sanger", "Galileo Galilei", "Jackson",
                     "Mary Jackson", "Peter Grant", "Rosemary Grant", "Shirley Jackson"]
    sanger = next(p for p in people if p["name"] == "Frederick Sanger")
    assert sanger["born"] is None  # the two files disagree: unknown, not a guess
