"""L102 generic-he: the antecedent comes from the parse, not from a window of words."""
import pytest

from auditkit import audit_text

FIRES = [
    ("A scientist must record his data carefully.", "his", "A scientist"),
    ("Each student should bring his notebook to the lab.", "his", "Each student"),
    ("When the engineer tests the bridge, he checks the load.", "he", "the engineer"),
    ("A good doctor listens to his patients.", "his", "A good doctor"),
    ("Every astronaut trains for years before he flies.", "he", "Every astronaut"),
    ("Someone left his goggles on the bench.", "his", "Someone"),
    ("If a student finishes early, he may read a book.", "he", "a student"),
    ("A farmer plants seeds. His crops grow in spring.", "His", "A farmer"),
    ("Suppose a person pushes a mower. Later he only has to overcome friction.", "he", "a person"),
    ("Columbus sailed in 1492. Today, a scientist must record his data.", "his", "a scientist"),
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


def he_findings(text, fmt="text"):
    return [f for f in audit_text(text, fmt, select=("L102",)).findings if f.rule == "L102"]


@pytest.mark.parametrize("text,pronoun,antecedent", FIRES)
def test_generic_he_fires(text, pronoun, antecedent):
    found = he_findings(text)
    assert [f.text for f in found] == [pronoun]
    assert dict(found[0].data)["antecedent"] == antecedent
    assert found[0].fix is None  # rewording is the writer's choice
    assert "they" in found[0].suggestion


@pytest.mark.parametrize("text", PASSES)
def test_generic_he_quiet(text):
    assert he_findings(text) == []


def test_one_finding_per_antecedent():
    found = he_findings("A scientist must check his data before he publishes his results.")
    assert len(found) == 1 and dict(found[0].data)["pronouns"] == 3


def test_exact_span_of_the_pronoun():
    found = he_findings("<p>Each student should\nbring his notebook.</p>", "html")
    assert (found[0].span.line, found[0].span.column, found[0].span.end_column) == (2, 7, 10)


def test_image_descriptions_are_about_particular_people():
    html = '<img src="slide.jpg" alt="A child slides down a slide, with his hair standing on end.">'
    assert he_findings(html, "html") == []
