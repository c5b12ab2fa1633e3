"""Finding people: names from every region, look-alike places and things, grouping, headings, the fallback."""
import pytest
from auditkit import audit_text
from hypothesis import example, given, settings
from hypothesis import strategies as st
from people_fixture import PEOPLE, isolated_kb  # noqa: F401 - autouse fixture

from auditor.representation import candidates
from auditor.representation.lexicon import lexicon


def people(html, model=None, **settings):
    report = audit_text(html, "html", select=("P",), model=model, **settings)
    return {p["name"]: p for p in report.blocks["people"]}


@pytest.mark.parametrize("html,name,region", [
    ("<p>Chien-Shiung Wu measured the decay of cobalt atoms.</p>", "Chien-Shiung Wu", "Asia"),
    ("<p>As a boy, Srinivasa Ramanujan filled notebooks with formulas.</p>", "Srinivasa Ramanujan", "Asia"),
    ("<p>In 2015 Tu Youyou won a Nobel Prize for artemisinin.</p>", "Tu Youyou", "Asia"),
    ("<p>In Kenya, Wangari Maathai planted millions of trees.</p>", "Wangari Maathai", "Africa"),
    ("<p>In 1992 Mae Jemison flew aboard Endeavour.</p>", "Mae Jemison", "Northern America"),
    ("<p>Ynés Mexía collected plants across South America.</p>", "Ynes Mexia", "Northern America"),
    ("<p>Today Ayana Elizabeth Johnson works to protect the ocean.</p>", "Ayana Elizabeth Johnson",
     "Northern America"),
    ("<p>In Mexico City, Mario Molina grew up loving chemistry sets.</p>", "Mario Molina",
     "Latin America and the Caribbean"),
    ("<p>Elizabeth Blackburn grew up in Tasmania.</p>", "Elizabeth Blackburn", "Oceania"),
    ("<p>Marie Curie's notebooks are still radioactive.</p>", "Marie Curie", "Europe"),
])
def test_knowledge_base_names_from_every_region(html, name, region):
    found = people(html, people=PEOPLE)
    assert list(found) == [name]
    person = found[name]
    assert person["scientist"] and person["region"] == region and person["region_source"] == "configuration"
    assert person["kb"] is not None and person["gender_source"] == "configuration"


@pytest.mark.parametrize("html,name,role", [
    ("<p>Marine biologist Ayana Elizabeth Johnson studies coral reefs.</p>", "Ayana Elizabeth Johnson",
     "biologist"),
    ("<p>Nneka Okafor, a chemist, tests river water.</p>", "Nneka Okafor", "chemist"),
    ("<p>Dr. Tanvir Rahman is an engineer who designs seawalls.</p>", "Tanvir Rahman", "engineer"),
    ("<p>Astronaut Sunita Williams lived on the space station.</p>", "Sunita Williams", "astronaut"),
    ("<p>Prof. Aiyana Begay teaches soil science.</p>", "Aiyana Begay", "professor"),
    ("<p>Kalani Akana studied lava flows for ten years.</p>", "Kalani Akana", "scientist"),
])
def test_people_named_with_a_science_role_without_the_knowledge_base(html, name, role):
    found = people(html)
    key = next(k for k in found if name in k)
    assert found[key]["scientist"] and found[key]["role"] == role and found[key]["role_source"] == "text"
    assert found[key]["kb"] is None


@pytest.mark.parametrize("html", [
    "<p>The Hubble Space Telescope orbits Earth every 95 minutes.</p>",
    "<p>Engineers at the Johnson Space Center trained the crew.</p>",
    "<p>Marie Byrd Land is a region of Antarctica.</p>",
    "<p>The Isle of Man has a mild climate.</p>",
    "<p>Darwin is a city in northern Australia.</p>",
    "<p>We flew from Perth to Darwin, Australia, last spring.</p>",
    "<p>Newton's laws describe how objects move.</p>",
    "<p>Halley's Comet returns about every 76 years.</p>",
    "<p>Above its Curie temperature a magnet loses its magnetism.</p>",
    "<p>Water freezes at 273 on the Kelvin scale.</p>",
    "<p>The HMS Beagle sailed around the world.</p>",
    "<p>The volcano Mount St. Helens erupted in 1980.</p>",
    "<p>The Wangari Maathai Institute trains students.</p>",
    "<p>Darwin's finches have different beaks.</p>",
])
@pytest.mark.parametrize("model", [None, "blank"])
def test_places_organisations_vessels_and_eponyms_are_not_people(html, model):
    assert people(html, model=model, people=PEOPLE) == {}


def test_a_concept_named_after_a_person_does_not_hide_their_real_mentions():
    found = people("<p>Newton's laws describe motion. Isaac Newton studied light with prisms.</p>")
    assert list(found) == ["Isaac Newton"] and found["Isaac Newton"]["mentions"] == 1


@pytest.mark.parametrize("html", [
    "<h2>Lesson 3: Micrographia</h2><p>Cells were first seen with simple lenses.</p>",
    "<p>The Weather Watchers club records rain every day. The weather was dry.</p>",
    "<p>Sometimes, a student notices a pattern in the data.</p>",
    "<p>In the 1665 book <i>Micrographia</i>, cork cells appear as boxes.</p>",
    "<p>The order Carnivora includes dogs and cats.</p>",
])
@pytest.mark.parametrize("model", [None, "blank"])
def test_headings_and_capitalised_common_words_are_not_people(html, model):
    assert people(html, model=model) == {}


def test_mentions_of_one_person_are_grouped():
    html = ("<p>Ayana Elizabeth Johnson grew up in Brooklyn. Johnson's research protects reefs.</p>"
            "<p>Later, Dr. Johnson wrote a book. Elizabeth Johnson is also a policy expert.</p>")
    found = people(html)
    assert list(found) == ["Ayana Elizabeth Johnson"]
    assert found["Ayana Elizabeth Johnson"]["mentions"] == 4


def test_title_and_surname_then_surname_alone():
    found = people("<p>Dr. Okonkwo checks the traps. Okonkwo counts 40 moths.</p>")
    assert list(found) == ["Dr. Okonkwo"] and found["Dr. Okonkwo"]["mentions"] == 2


def test_same_first_and_last_name_are_one_person():
    found = people("<p>Alfred Russel Wallace collected beetles. Alfred Wallace wrote to Darwin.</p>")
    assert found["Alfred Russel Wallace"]["mentions"] == 2


def test_surname_before_full_name_and_knowledge_base_alias():
    found = people("<p>Wangari Muta Maathai founded a movement. Maathai planted trees.</p>", people=PEOPLE)
    assert list(found) == ["Wangari Maathai"] and found["Wangari Maathai"]["mentions"] == 2


def test_distinctive_knowledge_base_surname_alone_in_a_science_role():
    found = people("<p>Mendel studied peas in a monastery garden.</p>", people=PEOPLE)
    assert found["Gregor Mendel"]["kb"] == "gregor-mendel"


def test_ambiguous_surname_alone_is_not_linked():
    found = people("<p>Johnson studied the orbit data.</p>", people=PEOPLE)
    assert all(p["kb"] is None for p in found.values())


def test_people_in_examples_are_counted_separately():
    html = "<p>Maria and Jamal have 12 apples. Maria gives Jamal 3 apples. Who has more?</p>"
    found = people(html)
    assert set(found) == {"Maria", "Jamal"}
    assert not any(p["scientist"] for p in found.values())
    found = people("<p>Maria, a student, studied the leaves with a hand lens.</p>")
    assert found["Maria"]["scientist"] is False and found["Maria"]["role"] == "student"


def test_blank_pipeline_fallback_still_finds_titled_roled_and_kb_people():
    html = ("<p>Marine biologist Ayana Elizabeth Johnson studies reefs. Dr. Lee measured the water. "
            "Tu Youyou discovered artemisinin. Maria measured 12 apples. "
            "The Hubble Space Telescope orbits Earth. Darwin is a city.</p>")
    found = people(html, model="blank")
    assert set(found) == {"Ayana Elizabeth Johnson", "Dr. Lee", "Tu Youyou", "Maria"}
    assert found["Tu Youyou"]["scientist"] and not found["Maria"]["scientist"]
    found = people(html, model="blank", people=PEOPLE)
    assert found["Tu Youyou"]["kb"] == "tu-youyou"


def test_json_people_contract():
    report = audit_text("<p>Kenyan biologist Wangari Maathai planted trees.</p>", select=("P101",))
    person = report.blocks["people"][0]
    assert list(person)[:15] == ["name", "kb", "line", "column", "mentions", "scientist", "role", "role_source",
                                 "gender", "gender_source", "region", "region_source", "born", "born_source", "era"]
    assert (person["line"], person["column"]) == (1, 21)
    assert {"people", "scientists", "scientists_by_gender"} <= set(report.blocks["people_metrics"])


@pytest.mark.parametrize("html,expected", [
    ("<p>Marie and Pierre Curie studied radium.</p>", {"Marie Curie", "Pierre Curie"}),
    ("<p>Chargaff's findings helped when Watson and Crick were getting ready to propose a model.</p>",
     {"Chargaff", "Watson", "Crick"}),
    ("<p>A trip to the nearest star system, Alpha Centauri, would take years. Her colleague, Chien-Shiung Wu, "
     "measured it.</p>", {"Chien-Shiung Wu"}),
    ("<p>The Rosetta spacecraft flew for ten years. Later Rosetta landed on a comet.</p>", set()),
    # the craft named in one paragraph, the bare name in another (OpenStax Physics 1.1)
    ("<p>The Rosetta spacecraft reached a comet.</p><p>In fact, Rosetta became the first space probe to orbit "
     "a comet.</p>", set()),
    ("<p>Darwin’s ship sailed for five years.</p><p>Darwin became the first to explain natural selection.</p>",
     {"Darwin"}),
    ("<p>Astronaut Sally Ride flew on the shuttle. Ride became the first American woman in space.</p>",
     {"Sally Ride"}),
    # a fossil genus introduced like a person (The Fairy-Land of Science, week 21)
    ("<p>These trees are called by botanists Lepidodendrons, or scaly trees.</p>", set()),
    ("<p>The skeleton of an Iguanodon was found. Botanists Stopes and Seward studied the coal balls.</p>",
     {"Stopes", "Seward"}),
    ("<p>The plant was named by botanists after Banks. The botanist Banks sailed with Cook.</p>", {"Banks"}),
    ("<p>The physicist Gordon measured it. Chemist Brandon discovered a salt.</p>", {"Gordon", "Brandon"}),
    # a force symbol ending one sentence before "Newton's second law" (OpenStax Physics 4.3)
    ("<p>The gravitational force is represented by W. Newton’s second law states that F = ma.</p>", set()),
    ("<p>Drag opposes the motion of an object.</p>", set()),
    ("<p>When no charge is on this sphere, it touches sphere B. Coulomb would then touch the spheres, as the "
     "French physicist Coulomb described.</p>", {"Coulomb"}),
    ("<p>Suppose Coulomb measures a force between the spheres. As Einstein showed, light is quantized.</p>",
     {"Coulomb", "Einstein"}),
    ("<p>Discuss how Coulomb described this law. Introduction to Charge and Coulomb's Law.</p>", {"Coulomb"}),
])
def test_corpus_shaped_cases(html, expected):
    assert set(people(html)) == expected


def test_a_craft_named_after_a_known_scientist_leaves_the_scientist():
    html = "<p>The Einstein probe maps X-rays.</p><p>As Einstein showed, light is quantized.</p>"
    assert people(html) == {}  # nobody the knowledge base knows: the probe throughout
    assert set(people(html, people=PEOPLE)) == {"Einstein"}


@pytest.mark.parametrize("html", [
    "<p>A scientist tranquilizes a polar bear for study. (credit: Karen Rhode)</p>",
    "<p>Finches of the islands (credit a: modification of work by Drew Avery; credit b: modification of work by "
    "Cory Zanker).</p>",
])
def test_people_in_photo_credits_are_credited_not_counted(html):
    assert people(html) == {}


def test_a_bare_surname_links_only_to_the_one_knowledge_base_person_who_fits_the_field():
    html = ("<p>More than 100 years before Thomson and Rutherford discovered the fundamental particles, Coulomb "
            "measured the electric force between charges. The force, the charge and the electron ...</p>")
    found = people(html, people=[*PEOPLE, dict(name="Jennifer Thomson", gender="woman", region="Africa",
                                               born=1947, fields=["biology"], wikipedia="Jennifer_Thomson")])
    assert "Jennifer Thomson" not in found and found["Thomson"]["gender"] == "unknown"


def test_a_pronoun_after_an_object_of_with_gives_no_gender():
    found = people("<p>While working with James Peebles at Princeton, she became interested in galaxy maps.</p>")
    assert found["James Peebles"]["gender"] == "unknown"


def test_variant_spellings_are_one_person():
    found = people("<p>Scientists Oswald Avery, Colin MacLeod, and Maclyn McCarty showed it. The experiments of "
                   "Avery, McCarty and McLeod were repeated.</p>")
    assert sorted(found) == ["Colin MacLeod", "Maclyn McCarty", "Oswald Avery"]
    assert all(p["scientist"] for p in found.values())


_NAMED_PIECES = ["named", "called", "Named", "person", "boy", "girl", "chemist", "fisherman", "woman", " ", "  ",
                 "\n", "\t", "\u00a0", ",", ".", "Ada", "Émile", "Łukasz", "Ōsumi", "ŸA", "cells", "them", "J.", "de",
                 "1", "é", "_", "-", "'"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NAMED_PIECES), max_size=14))
@example(["fisherman", ",", "\n", "called", "\u00a0", "Łukasz"])
@example(["chemist", " ", "named", " ", "J.", " ", "de", " ", "Ada"])
def test_the_named_pattern_runs_only_where_its_guard_can_let_it_match(pieces):
    """``_NAMED_BEFORE_CAPITAL`` (which keeps the "named X" pattern from being compiled where it cannot match)
    finds something in every text where that pattern does."""
    text = "".join(pieces)
    if candidates._patterns(lexicon()).named.search(text):
        assert candidates._NAMED_BEFORE_CAPITAL.search(text)


def test_the_named_pattern_examples_match():
    for text in ("fisherman,\ncalled\u00a0Łukasz", "chemist named J. de Ada"):
        assert candidates._patterns(lexicon()).named.search(text)
