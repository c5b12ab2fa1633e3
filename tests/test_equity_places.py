"""The places block: where a unit's examples happen, by world region, and E106 when most are in one country."""
import re

from auditkit import assert_case, audit_text
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.config import Settings
from auditor.engine import audit, summarize
from auditor.equity.places import canonical_country, gazetteer, matches


def _places(text, fmt="text"):
    return audit_text(text, fmt, select=("equity",)).blocks["places"]


def test_countries_states_cities_and_demonyms_count_by_region():
    block = _places("Farmers in Kenya grow tea near Nairobi. Ohio grows corn, and Japanese farmers grow rice.")
    assert block["by_region"] == {"Africa": 2, "Asia": 1, "Northern America": 1}
    assert block["by_country"] == {"Kenya": 2, "Japan": 1, "United States": 1}
    assert [p["name"] for p in block["places"]] == ["Japanese", "Kenya", "Nairobi", "Ohio"]


def test_names_that_are_not_places_are_not_counted():
    block = _places("The American physicist Richard Feynman drew diagrams. The Indian Ocean is warm. Turkey is "
                    "a bird too. (credit: U.S. Fish and Wildlife Service)")
    assert block["mentions"] == 0


def test_longest_name_wins():
    assert [p["name"] for p in _places("New Mexico is dry.")["places"]] == ["New Mexico"]


def test_concentration_note_per_file_and_for_the_run(tmp_path):
    us = "Texas, Ohio, Iowa, Kansas, Nebraska, Illinois, Minnesota and Montana grow grain."
    assert_case("E106", f"{{{{Texas}}}}{us[5:]}", "text")
    assert_case("E106", "Texas, Ohio and Iowa grow grain; so do Kenya, India, Brazil, Ghana and Peru.", "text")
    for i in range(3):
        (tmp_path / f"u{i}.txt").write_text("Ohio, Texas and Iowa grow corn.")
    settings = Settings(select=("equity",), jobs=1)
    results = audit([("path", p) for p in sorted(tmp_path.iterdir())], settings)
    summary = summarize(results, settings)
    assert summary["places"]["mentions"] == 9 and summary["places"]["top_country"] == "United States"
    assert [f["rule"] for f in summary["run_findings"]] == ["E106"]


def test_country_names_for_the_audience_setting():
    assert canonical_country("usa") == "United States"
    assert canonical_country("England") == "United Kingdom"
    assert canonical_country("Kenya") == "Kenya"
    assert canonical_country("Narnia") is None


_NAMES = sorted(gazetteer().places)
#: the regex the gazetteer used to compile: every name, longest first, not inside a word or a hyphenated one
_REGEX = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in sorted(_NAMES, key=lambda n: (-len(n), n)))
                    + r")(?![\w\-])")
#: pieces that make names, parts of names and near misses meet: whole names, their prefixes, and separators
_PIECES = st.one_of(st.sampled_from(_NAMES), st.sampled_from(_NAMES).map(lambda n: n[:len(n) // 2 + 1]),
                    st.sampled_from([" ", "-", "_", ".", ",", "'", "s", "a", "n", "\n", "é", "1", "(", "ß", "\u0130"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_the_tree_walk_finds_what_the_longest_first_regex_found(pieces):
    text = "".join(pieces)
    assert list(matches(gazetteer(), text)) == [m.span() for m in _REGEX.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("NewYorkMexicoSuthAfrcan -.,'"), max_size=40))
def test_the_tree_walk_on_letters_of_names(text):
    assert list(matches(gazetteer(), text)) == [m.span() for m in _REGEX.finditer(text)]
