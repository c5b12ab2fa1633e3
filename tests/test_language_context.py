"""Context: science terms, names, literal senses, quotations, case-keeping suggestions, inflections, fixes,
user packs and switched-off entries, and the blank-pipeline fallback."""
import pytest
from auditkit import assert_case, audit_text

import auditor.nlp as nlp_module
from auditor.errors import UsageError
from auditor.language.termpack import BUILTIN_PACKS, builtin_pack, science_terms

LANGUAGE = ("language",)

#: Science sentences full of words the packs look for; none of them may produce a finding.
TRAPS = [
    "A black hole forms when a massive star collapses.",
    "The white dwarf slowly cools over billions of years.",
    "Pluto was reclassified as a dwarf planet in 2006.",
    "Betelgeuse is a red giant near the end of its life.",
    "The drug was tested in a double-blind trial.",
    "Every eye has a blind spot where the optic nerve leaves the retina.",
    "Heights in the class follow a normal distribution.",
    "The normal force from the table balances the weight of the book.",
    "Engineers use a crash-test dummy to measure forces in a collision.",
    "The primitive streak appears on day 15 of development.",
    "The pituitary is often called the master gland.",
    "Crazy ants have invaded parts of Texas.",
    "She earned a master's degree in marine biology.",
    "The Isle of Man has a mild climate.",
    "Dr. Savage measured the boiling point of water.",
    "Native species are adapted to the local climate.",
    "Native plants support pollinators.",
    "Exotic species can outcompete native species.",
    "The Portuguese man-of-war is a colony of organisms.",
    "Dumb cane is a common houseplant.",
    "In a blind study, participants do not know which pill they receive.",
    "Normal saline is used to clean wounds.",
    "The lame horse was treated by a veterinarian.",
    "New World monkeys have prehensile tails.",
    "Friction will retard the motion of the block.",
    "Flame retardants slow the spread of fire.",
    "The normal line is perpendicular to the mirror.",
    "A primitive cell contains one lattice point.",
    "Humans belong to the tribe Hominini.",
    "The Eskimo curlew may be extinct.",
    "Pygmy marmosets are the smallest monkeys.",
    "William Herschel discovered Uranus in 1781.",
    "Scientists discovered that the Earth's core is solid.",
    "Explorers discovered Antarctica in 1820.",
    "Clownfish can change sex; a male may undergo a sex change.",
    "Homosexual behavior has been observed in many bird species.",
    "The elderly oak tree had a hollow trunk.",
    "Senile plaques build up in the brain.",
    "Normal body temperature is about 37 degrees Celsius.",
    "The cells looked normal under the microscope.",
    "The man in the photograph is Albert Einstein.",
    "Blind people use canes and guide dogs.",
    "Many deaf people use American Sign Language.",
    "A savage storm battered the coast.",
    "The native range of the species is Asia.",
    "Kudzu is native to Japan.",
    "A blind salamander lives in Texas caves.",
    "The geneticist and businessman Craig Venter sequenced a genome.",
    "Science opens a new world to us if we open our eyes.",
    "Jane Savage studied beetles in Peru.",
    "Scientists discovered a new species of frog in Peru.",
    "The man who discovered penicillin was Alexander Fleming.",
    "Gregor Mendel was an Augustinian friar; he bred pea plants.",
    "Baby hedgehogs are born blind.",
    "The tribe Bovini includes cattle and bison.",
    "Dr. Manning studied the blind spot in the eye.",
]


def language(text, fmt="text", **settings):
    return [f for f in audit_text(text, fmt, select=LANGUAGE, **settings).findings]


@pytest.mark.parametrize("sentence", TRAPS)
def test_science_traps_are_quiet(sentence):
    assert_case("language", sentence, "text")


def test_trap_corpus_as_one_document_is_quiet():
    html = "<h1>Traps</h1>" + "".join(f"<p>{s}</p>" for s in TRAPS)
    assert language(html, "html") == []


def test_every_science_term_is_quiet():
    terms = [t for group in __import__("auditor.data", fromlist=["x"]).load_toml(
        "language", "science-terms.toml")["group"] for t in group["terms"]]
    text = "\n\n".join(f"We studied the {t} today." for t in terms)
    assert language(text) == []
    assert science_terms().search("Two black holes merged.")


@pytest.mark.parametrize("rule,case", [
    ("L101", "The history of {{mankind->humankind}} is long."),
    ("L101", "{{Mankind->Humankind}} first used fire."),
    ("L101", "{{MANKIND->HUMANKIND}} FIRST USED FIRE."),
    ("L101", "Two {{firemen->firefighters}} came."),
    ("L101", "{{Firemen->Firefighters}} use water."),
    ("L101", "The {{fireman's->firefighter's}} hose leaked."),
    ("L101", "The {{chairmen->chairs}} met."),
    ("L101", "The {{chairman->chair}} met us."),
    ("L101", "It took 400 {{man-hours->person-hours}}."),
    ("L101", "Our {{forefathers->ancestors}} farmed here."),
    ("L101", "Plastic is {{man made->human-made}}."),
    ("L105", "Potatoes came from the {{New World->Americas}}."),
    ("L103", "The poet {{committed suicide->died by suicide}}."),
])
def test_suggestion_and_fix_keep_form_and_case(rule, case):
    (finding,) = assert_case("language", case, "text")
    assert finding.rule == rule and f'"{finding.fix}"' in finding.suggestion


def test_exact_span_and_matched_text():
    (finding,) = assert_case("language", "<p>Water is\n  used by {{firemen}}.</p>", "html")
    assert finding.text == "firemen"
    assert dict(finding.data)["term"] == "fireman"
    assert finding.message.startswith("Job titles")


def test_no_fix_when_the_swap_is_not_one_to_one():
    (finding,) = language("The dam took years of manpower.")
    assert finding.fix is None and "workforce" in finding.suggestion


@pytest.mark.parametrize("text", [
    "The Isle of Man lies in the Irish Sea.",
    "Dr. Savage measured the boiling point.",
    "Professor Jane Savage studied beetles. Savage found a new species.",
    "Crazy Horse was a Lakota leader.",
    "The United Negro College Fund awards scholarships.",
])
def test_names_are_not_wording(text):
    assert_case("language", text, "text")


QUOTE = ('<blockquote cite="https://example.org/lecture"><p>Men of science have always served mankind.</p>'
         '</blockquote>')
INLINE = '<p>Darwin wrote that "man is descended from a hairy quadruped".</p>'


def test_quotation_lowered_by_default():
    found = language(QUOTE, "html")
    assert {f.severity for f in found} == {"info"} and len(found) == 2
    assert all("quotation" in f.message and f.fix is None for f in found)


def test_inline_quotation_marks_count_as_quotation():
    found = language(INLINE, "html")
    assert [f.severity for f in found] == ["info"]


def test_quotation_policy_report_and_ignore():
    assert {f.severity for f in language(QUOTE, "html", quotations="report")} == {"warning"}
    assert language(QUOTE, "html", quotations="ignore") == []


def test_disabled_terms_switch_entries_off():
    text = "Mankind made firemen."
    assert {dict(f.data)["term"] for f in language(text)} == {"mankind", "fireman"}
    assert {dict(f.data)["term"] for f in language(text, disabled_terms=("mankind",))} == {"fireman"}


def test_code_driven_checks_can_be_switched_off_too():
    text = "Columbus discovered America. A scientist must record his data."
    assert {dict(f.data)["term"] for f in language(text)} == {"discovered-place", "generic-he"}
    assert language(text, disabled_terms=("discovered-place", "generic-he")) == []


def test_user_pack_adds_and_replaces_entries(tmp_path):
    pack = tmp_path / "district.toml"
    pack.write_text('''
[pack]
category = "gender"
[[entry]]
id = "lunch-lady"
match = ["lunch lady"]
suggest = ["cafeteria worker"]
fixable = true
reason = "Gendered job title."
fires = ["The lunch lady served soup."]
passes = ["The cafeteria worker served soup."]

[[entry]]
id = "mankind"
match = ["mankind"]
suggest = ["humanity"]
reason = "District wording."
''', encoding="utf-8")
    found = language("The lunch ladies said mankind eats soup.", packs=(str(pack),))
    by_term = {dict(f.data)["term"]: f for f in found}
    assert by_term["lunch-lady"].fix == "cafeteria workers"
    assert by_term["mankind"].fix is None and by_term["mankind"].message == "District wording."


@pytest.mark.parametrize("body,error", [
    ('[[entry]]\nid = "x"\nmatch = ["y"]\nreason = "r"\ncategory = "weather"\n', "category"),
    ('[[entry]]\nid = "x"\nmatch = ["y"]\n', "reason"),
    ('[[entry]]\nid = "x"\nmatch = ["y"]\nreason = "r"\ncategory = "gender"\nonly_before = ["@nope"]\n', "word set"),
    ('[[entry]]\nid = "x"\nmatch = ["y"]\nreason = "r"\ncategory = "gender"\nunless = 1\n', "unknown key"),
])
def test_bad_user_pack_is_a_usage_error(tmp_path, body, error):
    pack = tmp_path / "bad.toml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError, match=error):
        language("Anything.", packs=(str(pack),))


def test_findings_are_deterministic():
    text = "Mankind and firemen. A scientist must record his data. Columbus discovered America."
    assert language(text) == language(text)


@pytest.mark.parametrize("case", [
    "In 1492 Columbus {{discovered America}}.",
    "{{America was discovered}} by Columbus in 1492.",
    "The {{discovery of Australia}} by Cook changed the Pacific.",
    "Explorers {{discovered a large lake}} in 1858.",
    "Captain Cook {{discovered Hawaii}} in 1778.",
    "Magellan's crew {{discovered the island of Guam}}.",
])
def test_colonial_discovery(case):
    found = assert_case("L105", case, "text")
    assert [dict(f.data)["term"] for f in found] == ["discovered-place"]


@pytest.fixture
def blank_pipeline():
    saved = dict(nlp_module._PIPELINES)
    nlp_module._PIPELINES[None] = nlp_module.Pipeline("blank", notify=lambda message: None)
    yield
    nlp_module._PIPELINES.clear()
    nlp_module._PIPELINES.update(saved)


PASSES = [(e.rule, s) for name in BUILTIN_PACKS for e in builtin_pack(name) for s in e.passes]


def test_without_a_trained_pipeline_nothing_that_must_pass_fires(blank_pipeline):
    for sentence in TRAPS:
        assert language(sentence) == [], sentence
    for rule, sentence in PASSES:
        assert [f for f in language(sentence) if f.rule == rule] == [], sentence


def test_without_a_trained_pipeline_plain_entries_still_fire(blank_pipeline):
    terms = {dict(f.data).get("term") for f in language(
        "Mankind made firemen. Columbus discovered America. A scientist must record his data.")}
    assert {"mankind", "fireman", "discovered-place"} <= terms


@pytest.mark.parametrize("case", [
    "<p>Darwin wrote <q>{{man}} is descended from a hairy quadruped</q> in 1871.</p>",
    "<p>The word '{{mankind}}' comes from Old English.</p>",
    "<p>The word \u2018{{mankind}}\u2019 comes from Old English.</p>",
    "<blockquote>{{Mankind}} has always looked up.<footer>— A Victorian lecture</footer></blockquote>",
    "<blockquote><p>{{Mankind}} has always looked up.</p><p>— A Victorian lecture, 1879</p></blockquote>",
    "<p>{{Lunatic}} is derived from the Latin name for the Moon.</p>",
    "<p>The word {{lunatic}} comes from luna, the Moon.</p>",
])
def test_quotations_and_words_being_talked_about_are_lowered(case):
    found = assert_case("language", case, "html")
    assert [f.severity for f in found] == ["info"]


def test_apostrophes_are_not_quotation_marks():
    found = assert_case("language", "<p>It's the {{fireman's}} job, and the students' {{firemen's}} hoses.</p>", "html")
    assert [f.severity for f in found] == ["warning", "warning"]


@pytest.mark.parametrize("case,fmt", [
    ("<h1>The History of {{Mankind->Humankind}}</h1><p>Text.</p>", "html"),
    ("# The Story Of {{Mankind->Humankind}}\n\nText here.\n", "markdown"),
])
def test_title_case_headings_are_checked(case, fmt):
    assert_case("language", case, fmt)


@pytest.mark.parametrize("case,fmt", [
    ("> **Careers in Physics**\n>\n> For all {{mankind}}, the lab measures radiation.\n", "markdown"),
    ("<blockquote><p>For all {{mankind}}, the lab measures radiation.</p></blockquote>", "html"),
])
def test_block_quotes_without_a_source_are_not_quotations(case, fmt):
    """OpenStax puts feature boxes in block quotes: a block quote is quoted words only with a citation or an
    attribution line, so the same text is a warning in HTML and in Markdown."""
    found = assert_case("language", case, fmt)
    assert [f.severity for f in found] == ["warning"] and "quotation" not in found[0].message


def test_markdown_block_quote_with_an_attribution_is_a_quotation():
    found = assert_case("language", "> {{Mankind}} has always looked up.\n>\n> \u2014 A Victorian lecture\n", "markdown")
    assert [f.severity for f in found] == ["info"]


def test_narrative_pronouns_are_kept_for_pronoun_balance():
    report = audit_text("<p>A farmer raises chickens. To his surprise, the chicks are speckled.</p>", "html",
                        select=("L102",))
    assert [f for f in report.findings if f.rule == "L102"] == []


def test_science_spans_find_what_the_whole_science_regex_finds(monkeypatch):
    """science_spans compiles only the terms whose anchor words a text has: on every form of every term, written
    with and without its hyphens, in capitals, with curly apostrophes, glued to other letters, the spans are the
    whole regex's."""
    from auditor.data import load_toml
    from auditor.language import termpack
    from auditor.language.forms import phrase_forms
    from auditor.language.termpack import science_spans

    monkeypatch.setattr(termpack, "_SUBSETS", 1_000_000)  # every selection its own regex (the test's point)
    monkeypatch.setattr(termpack, "_subset_patterns", {})

    texts = ["", "Nothing to see.", "A BLİND spot and a ſex-linked trait and the blınd test."]
    for group in load_toml("language", "science-terms.toml")["group"]:
        for phrase in group["terms"]:
            for form in phrase_forms(phrase, "plural"):
                for v in (form, form.upper(), form.title(), form.replace("-", ""), form.replace("-", " "),
                          form.replace("-", "\u2010"), form.replace("-", "", 1), form.replace("-", " - "),
                          form.replace("'", "\u2019"), form.replace("'", ""), form.replace(" ", "\n  "),
                          "x" + form, form + "x", form + "-x"):
                    texts.append(f"The {v} was seen. ({v}) {v}s, {v}'s")
    whole = science_terms()
    for text in texts:
        assert science_spans(text) == [(m.start(), m.end()) for m in whole.finditer(text)], text


def test_case_fold_oddities_are_every_character_that_matches_an_ascii_letter_without_being_one():
    import re
    import sys

    from auditor.language.termpack import CASE_FOLD_ODDITIES

    letter = re.compile("|".join("abcdefghijklmnopqrstuvwxyz0123456789"), re.I)
    assert {chr(i) for i in range(128, sys.maxunicode + 1) if letter.match(chr(i))} == CASE_FOLD_ODDITIES
