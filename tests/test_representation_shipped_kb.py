"""The representation analyzer with the knowledge base that ships in rules/people/scientists/ (the other
representation tests use a small configured one, so these are the only tests that depend on the real data)."""
import pytest
from auditkit import audit_text

from auditor.representation.kb import knowledge_base


def people(text: str, fmt: str = "html", **settings) -> dict[str, dict]:
    report = audit_text(text, fmt, select=("representation",), **settings)
    return {p["name"]: p for p in report.blocks["people"]}


@pytest.mark.parametrize("name,gender,region,born", [
    ("Wangari Maathai", "woman", "Africa", 1940),
    ("Chien-Shiung Wu", "woman", "Asia", 1912),
    ("Srinivasa Ramanujan", "man", "Asia", 1887),
    ("Tu Youyou", "woman", "Asia", 1930),
    ("Mae Jemison", "woman", "Northern America", 1956),
    ("Mario Molina", "man", "Latin America and the Caribbean", 1943),
    ("Marie Curie", "woman", "Europe", 1867),
    ("Katherine Johnson", "woman", "Northern America", 1918),
])
def test_knowledge_base_people_get_sourced_attributes(name, gender, region, born):
    found = people(f"<p>In this unit we meet {name}. {name.split()[-1]} asked careful questions.</p>")
    person = found[name]
    assert person["scientist"] is True
    assert (person["gender"], person["gender_source"]) == (gender, "knowledge base")
    assert (person["region"], person["region_source"]) == (region, "knowledge base")
    assert (person["born"], person["born_source"]) == (born, "knowledge base")
    assert person["mentions"] == 2


def test_things_named_after_knowledge_base_people_are_not_people():
    found = people("<p>The Hubble Space Telescope orbits Earth. Darwin is a city in Australia. "
                   "Magnets lose their pull above the Curie temperature.</p>")
    assert found == {}


def test_a_person_outside_the_knowledge_base_with_no_evidence_stays_unknown():
    found = people("<p>Marine biologist Ayodele Nwosu counts coral polyps on the reef every spring.</p>")
    person = found["Ayodele Nwosu"]
    assert person["scientist"] is True and person["kb"] is None
    for key in ("gender", "region"):
        assert (person[key], person[f"{key}_source"]) == ("unknown", "unknown")


def test_the_samples_people_are_in_the_knowledge_base():
    base = knowledge_base()
    for name in ("Ruth Patrick", "Tyrone Hayes", "June Bacon-Bercey", "Lynn Margulis", "Wangari Maathai"):
        assert base.lookup(name) is not None, name
