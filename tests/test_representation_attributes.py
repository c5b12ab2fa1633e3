"""Attributes with sources: gender, region and birth year from the knowledge base or the text, else unknown."""
import re

import pytest
from auditkit import audit_text
from hypothesis import given, settings
from hypothesis import strategies as st
from people_fixture import PEOPLE, isolated_kb  # noqa: F401 - autouse fixture

from auditor.representation.attributes import _LISTED, _role_after, _role_before
from auditor.representation.lexicon import lexicon


def person(html, name, model=None, **settings):
    report = audit_text(html, "html", select=("P",), model=model, **settings)
    found = {p["name"]: p for p in report.blocks["people"]}
    return found[name]


@pytest.mark.parametrize("html,name,gender", [
    ("<p>Dr. Lee measured the water. She recorded the temperature.</p>", "Dr. Lee", "woman"),
    ("<p>Marine biologist Ayana Elizabeth Johnson studies reefs. She grew up in Brooklyn.</p>",
     "Ayana Elizabeth Johnson", "woman"),
    ("<p>Engineer Tanvir Rahman designs seawalls. His models protect the coast.</p>", "Tanvir Rahman", "man"),
    ("<p>Dr. Lee and her team counted frogs.</p>", "Dr. Lee", "woman"),
    ("<p>When she was young, Kalani Akana collected rocks.</p>", "Kalani Akana", "woman"),
    ("<p>Mr. Okafor, a chemist, tests the river.</p>", "Okafor", "man"),
    ("<p>Ms. Begay, a geologist, maps the canyon.</p>", "Begay", "woman"),
    ("<p>Maria Mitchell was the first woman to work as a professional astronomer in the United States.</p>",
     "Maria Mitchell", "woman"),
    ("<p>Nguyen Thi Lan is a soil scientist. She tests rice paddies for salt.</p>", "Nguyen Thi Lan", "woman"),
])
def test_gender_from_the_text_with_evidence(html, name, gender):
    found = {p["name"]: p for p in audit_text(html, select=("P",)).blocks["people"]}
    key = next(k for k in found if name in k)
    assert found[key]["gender"] == gender and found[key]["gender_source"] == "text"
    assert found[key]["evidence"]["gender"]


@pytest.mark.parametrize("html,name", [
    ("<p>Chemist Maria Gonzalez tests river water for lead.</p>", "Maria Gonzalez"),  # a first name is no evidence
    ("<p>Engineer Aisha Bello designs bridges. Bridges carry heavy loads.</p>", "Aisha Bello"),
    ("<p>Dr. Lee thanked the student for her help.</p>", "Dr. Lee"),  # her is the student
    ("<p>Dr. Lee met Dr. Park. She measured the water.</p>", "Dr. Park"),  # she is the subject, Lee
    ("<p>Dr. Lee and Dr. Park met. She measured the water.</p>", "Dr. Lee"),  # two subjects: ambiguous
    ("<p>Dr. Lee measured the water. The student wrote it down. She was careful.</p>", "Dr. Lee"),
    ("<p>Dr. Lee wrote the report. They sent it to the museum.</p>", "Dr. Lee"),  # they never sets a gender
    # the predicate names the person, but another person noun follows: "He" may be the student
    ("<p>Aiko Tanaka is a chemist who teaches a student. He asks questions.</p>", "Aiko Tanaka"),
    ("<p>Mx. Rivera, a botanist, grows ferns.</p>", "Rivera"),
    ("<p>Dr. Lee studied bats. She wrote about them. He also studied bats.</p>", "Dr. Lee"),  # conflicting
])
def test_people_without_evidence_stay_unknown(html, name):
    found = {p["name"]: p for p in audit_text(html, select=("P",)).blocks["people"]}
    key = next(k for k in found if name in k)
    assert found[key]["gender"] == "unknown" and found[key]["gender_source"] == "unknown"


def test_knowledge_base_wins_and_says_so():
    p = person("<p>Wangari Maathai planted trees. He was kind.</p>", "Wangari Maathai", people=PEOPLE)
    assert (p["gender"], p["gender_source"], p["region"], p["born"], p["born_source"]) == \
        ("woman", "configuration", "Africa", 1940, "configuration")
    assert p["era"] == "1900-1959" and "evidence" not in p


@pytest.mark.parametrize("html,name,region", [
    ("<p>Kenyan-born biologist Nyambura Kamau studies bees.</p>", "Nyambura Kamau", "Africa"),
    ("<p>Tanvir Rahman, a Bangladeshi-born engineer, designs seawalls.</p>", "Tanvir Rahman", "Asia"),
    ("<p>Lucía Pérez is a Peruvian-born geologist.</p>", "Lucía Pérez", "Latin America and the Caribbean"),
    ("<p>Chemist Aroha Ngata was born in New Zealand.</p>", "Aroha Ngata", "Oceania"),
    ("<p>Geologist Mateo Quispe, born in Cusco, Peru, studies rocks.</p>", "Mateo Quispe",
     "Latin America and the Caribbean"),
])
def test_region_from_explicit_text(html, name, region):
    p = person(html, name)
    assert (p["region"], p["region_source"]) == (region, "text") and p["evidence"]["region"]


@pytest.mark.parametrize("html,name", [
    # the region rule is birth: a nationality, an origin or an upbringing is not a birthplace ("American
    # physicists Murray Gell-Mann and George Zweig": Zweig was born in Moscow)
    ("<p>American physicists Murray Gell-Mann and George Zweig proposed quarks.</p>", "George Zweig"),
    ("<p>Kenyan biologist Nyambura Kamau studies bees.</p>", "Nyambura Kamau"),
    ("<p>Tanvir Rahman, a Bangladeshi engineer, designs seawalls.</p>", "Tanvir Rahman"),
    ("<p>Mateo Quispe, an astronomer from Peru, studies stars.</p>", "Mateo Quispe"),
    ("<p>Marine biologist Ayana Johnson studies reefs. She grew up in Brooklyn.</p>", "Ayana Johnson"),
    ("<p>African American astronaut Leland Melvin trained for years.</p>", "Leland Melvin"),
    ("<p>Chemist Ana Ruiz moved to Peru after college.</p>", "Ana Ruiz"),
    ("<p>Physicist Kenji Sato speaks Japanese and English.</p>", "Kenji Sato"),
    ("<p>Geologist Amina Yusuf is a teacher. She uses rock samples from Kenya.</p>", "Amina Yusuf"),
])
def test_region_is_never_guessed(html, name):
    p = person(html, name)
    assert p["region"] == "unknown" and p["region_source"] == "unknown"


@pytest.mark.parametrize("html,name,born", [
    ("<p>Geologist Nyambura Kamau (born 1975) maps faults.</p>", "Nyambura Kamau", 1975),
    ("<p>Naturalist Alfred Russel Wallace (1823–1913) collected beetles.</p>", "Alfred Russel Wallace", 1823),
    ("<p>Engineer Tanvir Rahman was born in 1988 in Dhaka.</p>", "Tanvir Rahman", 1988),
])
def test_birth_year_from_explicit_text(html, name, born):
    p = person(html, name)
    assert (p["born"], p["born_source"]) == (born, "text")


def test_no_birth_year_from_other_numbers():
    p = person("<p>In 1950, chemist Nneka Okafor tested 300 samples.</p>", "Nneka Okafor")
    assert p["born"] is None and p["born_source"] == "unknown" and p["era"] == "unknown"


def test_pronoun_resolution_works_with_the_blank_pipeline_too():
    p = person("<p>Dr. Lee measured the water. She recorded it.</p>", "Dr. Lee", model="blank")
    assert (p["gender"], p["gender_source"]) == ("woman", "text")


def test_communities_only_from_the_knowledge_base():
    entry = dict(PEOPLE[4], communities=["African American"])
    p = person("<p>Mae Jemison flew into space.</p>", "Mae Jemison", people=(entry,))
    assert p["communities"] == ["African American"]
    p = person("<p>African American astronaut Leland Melvin flew into space.</p>", "Leland Melvin")
    assert "communities" not in p


_LEX = lexicon()
_ROLES = sorted(_LEX.science_roles | _LEX.example_roles)
_SUCH = r"(?:,?\s+(?:such\s+as|like|including|namely|especially)(?:\s+the\s+late)?)?"
_PIECES = st.one_of(
    st.sampled_from(_ROLES), st.sampled_from(_ROLES).map(lambda r: r + "s"), st.sampled_from(_ROLES).map(str.title),
    st.sampled_from(["Lee", "Marie Curie", "H.C.", "Ørsted", "Gould", "woman", "man"]),
    st.sampled_from([" ", ", ", ",", " and ", "and", "\n", " such as ", " the ", "the ", " of ", "greatest ", "'s",
                     " (", ")", " a ", " an ", " was ", " is ", " late ", "-"]))


def _old_before(before: str) -> re.Match[str] | None:
    role_re = _LEX.role_re
    return re.search(rf"(?i:\b({role_re}))s?{_SUCH}\s+$", before) or re.search(
        rf"(?i:\b({role_re}))s{_SUCH}\s+{_LISTED}$", before) or re.search(
        rf"\bthe\s+(?:[\w-]+\s+){{0,3}}?(?i:({role_re}))(?:\s+of\s+(?:[\w-]+\s+){{0,3}}?[\w-]+)?,\s+$", before)


def _old_after(after: str) -> re.Match[str] | None:
    return re.match(rf"^(?:['’]s?)?(?:\s*\([^)]*\))?(?:(?:\s*,\s+|\s+(?:is|was|became|is now|has been|is considered|"
                    rf"was considered|works as|worked as)\s+)(?:a|an|the)\s+|\s+\(\s*(?:a|an|the)?\s*)"
                    rf"((?:[\w-]+\s+){{0,5}}?)(?i:({_LEX.role_re}|{_LEX.gender_word_re}))\b", after)


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a is None) == (b is None) and (a is None or b is None or (a.span(), a.regs) == (b.span(), b.regs))


_NAMES = st.sampled_from(["Lee", "Marie Curie", "H.C. Blodgett", "Ørsted", "Gould", "lee"])
_SEPS = st.sampled_from([", ", ",", " and ", ", and ", " , ", "and", " ", ",\n", "\n", ""])
#: "the greatest physicists, such as Ørsted, Gould and ": a role, maybe plural, then a list, then an end
_BEFORE = st.tuples(st.lists(_PIECES, max_size=3), st.sampled_from(["", "the ", "the famous "]), st.sampled_from(_ROLES),
                    st.sampled_from(["", "s", "S"]), st.sampled_from(["", ", such as", " like", " including the late",
                                                                       " of the sea,", ","]),
                    st.sampled_from([" ", "  ", "\n", ""]), st.lists(st.tuples(_NAMES, _SEPS), max_size=3),
                    _SEPS).map(lambda t: "".join(t[0]) + t[1] + t[2] + t[3] + t[4] + t[5]
                                + "".join(a + b for a, b in t[6]) + t[7])
#: "'s (1809-1882), a Chinese chemist", " was an English mathematician", " (a chemist)"
_AFTER = st.tuples(st.sampled_from(["", "'s", "’", " (1809–1882)", " (born 1950"]),
                   st.sampled_from([", ", ",", " was ", " is now ", " (", " ( ", " worked as ", " said ", " "]),
                   st.sampled_from(["a ", "an ", "the ", "", "A "]), st.lists(st.sampled_from(["Chinese ", "famous ",
                                                                                           "x-ray ", "very "]),
                                                                              max_size=6),
                   st.one_of(st.sampled_from(_ROLES), st.sampled_from(sorted(_LEX.women_words | _LEX.men_words))),
                   st.sampled_from(["", "s", ",", " who", "-like"])).map(
    lambda t: t[0] + t[1] + t[2] + "".join(t[3]) + t[4] + t[5])


def _check(text: str) -> None:
    assert _same(_role_before(text, _LEX.role_re), _old_before(text))
    assert _same(_role_after(text, _LEX.role_re, _LEX.gender_word_re), _old_after(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=10))
def test_role_patterns_skipped_only_where_they_cannot_match(pieces):
    """The role patterns around a name are not run on text that cannot match them: what is found stays the same."""
    _check("".join(pieces))


@settings(max_examples=500, deadline=None)
@given(_BEFORE, _AFTER)
def test_role_patterns_skipped_only_where_they_cannot_match_near_misses(before, after):
    _check(before)
    _check(after)
