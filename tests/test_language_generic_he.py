"""L102 generic-he: the antecedent comes from the parse, not from a window of words."""
import pytest
from auditkit import assert_case

FIRES = [
    ("A scientist must record {{his}} data carefully.", "A scientist"),
    ("Each student should bring {{his}} notebook to the lab.", "Each student"),
    ("When the engineer tests the bridge, {{he}} checks the load.", "the engineer"),
    ("A good doctor listens to {{his}} patients.", "A good doctor"),
    ("Every astronaut trains for years before {{he}} flies.", "Every astronaut"),
    ("Someone left {{his}} goggles on the bench.", "Someone"),
    ("If a student finishes early, {{he}} may read a book.", "a student"),
    ("A farmer plants seeds. {{His}} crops grow in spring.", "A farmer"),
    ("Suppose a person pushes a mower. Later {{he}} only has to overcome friction.", "a person"),
    ("Columbus sailed in 1492. Today, a scientist must record {{his}} data.", "a scientist"),
]
PASSES = [
    "Each student should bring his or her notebook.",
    "Each student should bring his/her notebook.",
    "A scientist must record their data carefully.",
    "Isaac Newton was a scientist. He recorded his data carefully.",
    "John is an engineer. He checks the load.",
    "Mr. Ortiz is our teacher. A student asked him a question.",
    "The boy told his teacher that he had finished.",
    "Her father is a doctor, and he works nights.",
    "Darwin was a naturalist; he sailed on the Beagle.",
    "If the astronaut in the video wanted to move upward, in which direction should he throw the object?",
    "The scientist opened the door. He smiled.",
    "A scientist records data. The wind blew. The storm passed. He was not there.",
    "Newton was born in 1643. He went to Cambridge. As a student, he studied mathematics.",
    "Newton was born in 1643. As a student, he studied mathematics.",
    "Galileo built a telescope. A student of his later improved it.",
]


@pytest.mark.parametrize("case,antecedent", FIRES)
def test_generic_he_fires(case, antecedent):
    found = assert_case("L102", case, "text")
    assert dict(found[0].data)["antecedent"] == antecedent
    assert found[0].fix is None  # rewording is the writer's choice
    assert "they" in found[0].suggestion


@pytest.mark.parametrize("text", PASSES)
def test_generic_he_quiet(text):
    assert_case("L102", text, "text")


def test_one_finding_per_antecedent():
    (found,) = assert_case("L102", "A scientist must check {{his}} data before he publishes his results.", "text")
    assert dict(found.data)["pronouns"] == 3


def test_exact_span_of_the_pronoun():
    assert_case("L102", "<p>Each student should\nbring {{his}} notebook.</p>", "html")


def test_image_descriptions_are_about_particular_people():
    assert_case("L102", '<img src="slide.jpg" alt="A child slides down a slide, with his hair standing on end.">')
