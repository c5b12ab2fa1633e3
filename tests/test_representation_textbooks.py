"""What real textbook pages taught the people analyzer (issue 13): names in lists, initials, appositions,
featured status from what the text says people did, knowledge-base names written differently, and title-case
phrases, credits and places that are not people. Each case is a sentence like one on an OpenStax page."""
import pytest
from auditkit import audit_text
from people_fixture import PEOPLE, isolated_kb  # noqa: F401 - autouse fixture


def people(html, model=None, **settings):
    settings.setdefault("people", PEOPLE)
    report = audit_text(html, "html", select=("P",), model=model, **settings)
    return {p["name"]: p for p in report.blocks["people"]}


@pytest.mark.parametrize("html,names", [
    ("<p>Maxwell built on the work done by brilliant physicists, such as Ørsted, Coulomb, Ampere, Gauss, and "
     "Faraday.</p>", {"Ørsted", "Coulomb", "Ampere", "Gauss", "Faraday"}),
    ("<p>Before the discoveries of Kepler, Copernicus, Galileo, and others, Earth was thought to be the center "
     "of the universe.</p>", {"Kepler", "Copernicus", "Galileo"}),
    ("<p>Maze experiments done with rats by H.C. Blodgett in the 1920s were the first to show it.</p>",
     {"H.C. Blodgett"}),
    ("<p>Their properties were uncovered by research by Lena M. Ortiz and Alfred E. Mirsky.</p>",
     {"Lena M. Ortiz", "Alfred E. Mirsky"}),
    ("<p>This science is controversial; noted scientists such as the late Stephen Jay Gould criticized it.</p>",
     {"Stephen Jay Gould"}),
    ("<p>About ten years later, Eleanor Carothers was the first to discover physical evidence for it.</p>",
     {"Eleanor Carothers"}),
    ("<p>Henrietta Lacks, a 30-year-old woman, was treated at the hospital.</p>", {"Henrietta Lacks"}),
    ("<p>The records were kept by the greatest astronomer of antiquity, Hipparchus.</p>", {"Hipparchus"}),
])
@pytest.mark.parametrize("model", [None, "blank"])
def test_names_the_recogniser_misses(html, names, model):
    found = people(html, model=model)
    assert names <= set(found), found.keys()


@pytest.mark.parametrize("html,name", [
    ("<p>Peter Higgs and Francois Englert received the Nobel Prize in 2013 for the theoretical discovery.</p>",
     "Francois Englert"),
    ("<p>Barbara Okoye and Harriet Creighton demonstrated the crossover of chromosomes in corn.</p>",
     "Harriet Creighton"),
    ("<p>Compare the contributions of Kepler, Newton, and Albert Einstein.</p>", "Kepler"),
    ("<p>E.C. Tolman proved a decade later that the rats had a map of the maze.</p>", "E.C. Tolman"),
    ("<p>In 1913, Alfred Sturtevant, a student in the laboratory, took the results home. Sturtevant "
     "postulated that genes lie in a line. Sturtevant proposed a map of them.</p>", "Alfred Sturtevant"),
    ("<p>For this work, he shared the 1965 Nobel Prize with Julian Schwinger and S.I. Tomonaga.</p>",
     "S.I. Tomonaga"),
    ("<p>The cyclotron was invented in 1930 by the American physicist, E.O. Lawrence (1901–1958).</p>",
     "E.O. Lawrence"),
    ("<p>For example, Freda Miller and Elaine Fuchs, working independently, discovered stem cells in the "
     "skin.</p>", "Freda Miller"),
    ("<p>Physicists like Compton, Einstein, and Planck all provided evidence of the momentum of light.</p>",
     "Planck"),
    ("<p>Sir John Lubbock has shown that bees can tell colours apart.</p>", "John Lubbock"),
])
def test_featured_from_what_the_text_says_they_did(html, name):
    found = people(html)
    assert found[name]["scientist"], found[name]


@pytest.mark.parametrize("html,name", [
    ("<p>Maria, a student, measured the plants. Maria proved that they grew.</p>", "Maria"),
    ("<p>Kai and Noor won a prize at the science fair.</p>", "Kai"),
    ("<p>Wangari Maathai and Rigoberta Menchú received the Nobel Prize for Peace.</p>", "Rigoberta Menchú"),
])
def test_not_featured_without_science(html, name):
    found = people(html)
    assert name not in found or not found[name]["scientist"]


@pytest.mark.parametrize("written,entry", [
    ("Mae C. Jemison", "mae-jemison"),  # an alias
    ("Mae Jemison", "mae-jemison"),
    ("M. Jemison", "mae-jemison"),  # an initial that agrees
    ("Ynés Mexía", "ynes-mexia"),
])
def test_a_full_name_links_when_its_first_names_agree(written, entry):
    found = people(f"<p>Engineer {written} studied the data.</p>")
    assert [p["kb"] for p in found.values()] == [entry]


@pytest.mark.parametrize("written", ["Ann Jemison", "Gregory Mendel", "Charles Curie"])
def test_a_full_name_whose_first_name_disagrees_is_someone_else(written):
    found = people(f"<p>Engineer {written} studied the data.</p>")
    assert [p["kb"] for p in found.values()] == [None]


def test_variant_spellings_of_a_first_name_are_one_person():
    found = people("<p>Fred Sanger developed the sequencing method. In Frederick Sanger's method, dyes mark "
                   "each base. Sanger received a Nobel Prize in Chemistry.</p>")
    assert len(found) == 1 and next(iter(found.values()))["scientist"]


@pytest.mark.parametrize("html", [
    "<p><b>How Many Photons per Second Does a Typical Light Bulb Produce?</b></p>",
    "<p>To remember the order, use the phrase “Oh Be A Fine Girl, Kiss Me.”</p>",
    "<p>Remember the mnemonic “Frequently Give Killer Midterms” for the order of the planets.</p>",
    "<p>The system was developed by Nobel Prize-winning biologists in the 1970s.</p>",
    "<p>Figure 4: Tiny phytoplankton float among crystals of ice. (Prof. Gordon T. Taylor, Stony Brook "
    "University)</p>",
    "<p>Figure 2: A painting of a ship at sea. (Domenico Tintoretto)</p>",
    "<p>Most evacuees of Chernobyl received low doses.</p>",
    "<p>The name Hexapoda describes the six legs of insects.</p>",
    "<p>A Finn Dorset sheep was used as the nuclear donor.</p>",
])
@pytest.mark.parametrize("model", [None, "blank"])
def test_title_case_phrases_credits_and_places_are_not_people(html, model):
    assert people(html, model=model) == {}


@pytest.mark.parametrize("html,name", [
    ("<p>American physicists Murray Gell-Mann and George Zweig proposed quarks.</p>", "George Zweig"),
    ("<p>Leo Szilard, a Hungarian physicist who had emigrated to America, wrote a letter.</p>", "Leo Szilard"),
])
def test_a_nationality_gives_no_region(html, name):
    assert people(html)[name]["region"] == "unknown"


def test_a_paragraph_of_many_listed_names_is_read_whole():
    """Grouping looks names up by their last word (scanning every group per mention was quadratic)."""
    def name(i):
        return "Z" + "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26 ** k) % 26] for k in range(3)) + "son"
    text = " ".join(f"The discoveries of {name(3 * i)} and {name(3 * i + 1)} were studied by physicists such as "
                    f"Ann {name(3 * i + 2)}." for i in range(150))
    assert len(people(f"<p>{text}</p>", model="blank")) == 450
