"""The knowledge-base loader: validation with clear errors, configuration entries, and the name index."""
import unicodedata

import pytest
from auditkit import audit_text
from hypothesis import given
from hypothesis import strategies as st
from people_fixture import PEOPLE, isolated_kb  # noqa: F401 - autouse fixture

from auditor import data
from auditor.errors import UsageError
from auditor.representation.kb import KnowledgeBaseError, fold, knowledge_base, shipped, validate

GOOD = """
[[person]]
id = "wangari-maathai"
name = "Wangari Maathai"
aliases = ["Wangari Muta Maathai"]
gender = "woman"
pronouns = "she"
region = "Africa"
country = "Kenya"
born = 1940
died = 2011
fields = ["biology", "environmental science"]
roles = ["biologist"]
wikipedia = "Wangari_Maathai"
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_files_load_from_a_folder(tmp_path):
    write(tmp_path, "africa.toml", GOOD)
    entries = shipped(str(tmp_path))
    assert [e.id for e in entries] == ["wangari-maathai"]
    entry = entries[0]
    assert (entry.gender, entry.region, entry.born, entry.died) == ("woman", "Africa", 1940, 2011)
    assert entry.fields == ("biology", "environmental science") and entry.origin == "knowledge base"


@pytest.mark.parametrize("change,expected", [
    (('gender = "woman"', 'gender = "female"'), "gender must be one of woman, man, nonbinary"),
    (('region = "Africa"', 'region = "East Africa"'), "region must be one of"),
    (('born = 1940', 'born = "1940"'), "born must be a whole number"),
    (('died = 2011', 'died = 1930'), "died (1930) must come after born (1940)"),
    (('wikipedia = "Wangari_Maathai"', ''), "missing required key 'wikipedia'"),
    (('fields = ["biology", "environmental science"]', 'fields = []'), "fields must list at least one field"),
    (('roles = ["biologist"]', 'role = ["biologist"]'), "unknown key(s) role"),
    (('id = "wangari-maathai"', 'id = "Wangari Maathai"'), "id must be a lower-case slug"),
    (('aliases = ["Wangari Muta Maathai"]', 'aliases = "Wangari Muta Maathai"'), "aliases must be a list"),
])
def test_invalid_entries_name_the_file_and_the_entry(tmp_path, change, expected):
    write(tmp_path, "africa.toml", GOOD.replace(*change))
    with pytest.raises(KnowledgeBaseError) as err:
        shipped(str(tmp_path))
    message = str(err.value)
    assert "africa.toml: person #1" in message and expected in message
    assert isinstance(err.value, UsageError)  # the CLI prints it as one line and exits 2


def test_duplicate_ids_across_files_are_an_error(tmp_path):
    write(tmp_path, "africa.toml", GOOD)
    write(tmp_path, "europe.toml", GOOD)
    with pytest.raises(KnowledgeBaseError, match="europe.toml: person #1: id 'wangari-maathai' is already used in"):
        shipped(str(tmp_path))


def test_broken_toml_and_stray_keys_are_reported(tmp_path):
    write(tmp_path, "asia.toml", "[[person]\nname = ")
    with pytest.raises(KnowledgeBaseError, match="asia.toml: not valid TOML"):
        shipped(str(tmp_path))
    other = tmp_path / "other"
    other.mkdir()
    write(other, "asia.toml", "[scientist]\nname = 'x'\n")
    with pytest.raises(KnowledgeBaseError, match="entries go in \\[\\[person\\]\\] tables"):
        shipped(str(other))


def test_configuration_entries_need_fewer_keys_and_are_validated():
    entry = validate({"id": "amara-okafor", "name": "Amara Okafor", "gender": "woman", "region": "Africa"},
                     "configuration: people entry #1", strict=False, origin="configuration")
    assert entry.born is None and entry.origin == "configuration"
    with pytest.raises(KnowledgeBaseError, match="configuration: people entry #1 \\(amara-okafor\\): gender"):
        knowledge_base(({"id": "amara-okafor", "name": "Amara Okafor", "gender": "f", "region": "Africa"},))


def test_a_bad_configured_entry_stops_the_audit_with_a_usage_error():
    with pytest.raises(UsageError, match="people entry #1 \\(x\\): born must be a whole number"):
        audit_text("<p>Hello.</p>", people=({"id": "x", "name": "X", "born": "1950"},))


def test_configuration_entries_as_the_configuration_docs_show_them():
    """Only a name is required; the id is derived; common region names are read as the UN region."""
    people = ({"name": "Ynes Mexia", "gender": "woman", "region": "Latin America", "born": 1870,
               "scientist": True},
              {"name": "Amara Okafor"},
              {"name": "Jordan Reyes", "scientist": False})
    kb = knowledge_base(people)
    assert kb.by_id["ynes-mexia"].region == "Latin America and the Caribbean"
    report = audit_text("<p>Amara Okafor and Jordan Reyes visited the pond where Ynes Mexia collected plants.</p>",
                        select=("P101",), people=people)
    found = {p["name"]: p for p in report.blocks["people"]}
    assert found["Amara Okafor"]["scientist"] and found["Amara Okafor"]["gender"] == "unknown"
    assert found["Amara Okafor"]["gender_source"] == "unknown" and found["Amara Okafor"]["kb"] == "amara-okafor"
    assert found["Jordan Reyes"]["scientist"] is False
    assert found["Ynes Mexia"]["region_source"] == "configuration"


def test_scientist_key_is_for_configuration_only(tmp_path):
    write(tmp_path, "africa.toml", GOOD + "scientist = true\n")
    with pytest.raises(KnowledgeBaseError, match="only for configuration"):
        shipped(str(tmp_path))


def test_name_index_full_names_aliases_and_unique_surnames():
    kb = knowledge_base(PEOPLE)
    assert kb.lookup("wangari muta maathai").id == "wangari-maathai"
    found = [(e.id, s, t) for s, t, e in kb.find("Later, Chien-Shiung Wu met Tu Youyou and Mae C. Jemison.")]
    assert [f[0] for f in found] == ["chien-shiung-wu", "tu-youyou", "mae-jemison"]
    assert kb.surnames["maathai"].id == "wangari-maathai"
    assert "johnson" not in kb.surnames  # two entries share it: a lone "Johnson" never links to either


def test_configuration_can_correct_a_shipped_entry(monkeypatch):
    from auditor.representation import kb as kb_module

    shipped_entry = validate(dict(PEOPLE[0], born=1941), "x", strict=True, origin="knowledge base")
    monkeypatch.setattr(kb_module, "shipped", lambda folder=None: (shipped_entry,))
    kb_module._knowledge_base.cache_clear()
    assert knowledge_base().by_id["wangari-maathai"].born == 1941
    assert knowledge_base((PEOPLE[0],)).by_id["wangari-maathai"].born == 1940


@pytest.mark.parametrize("text,found", [
    ("Marie Curie's notebooks glow.", [(0, 11, "marie-curie")]),  # possessive
    ("“Chien-Shiung Wu” measured decay.", [(1, 16, "chien-shiung-wu")]),  # quotes, hyphenated name
    ("Astronaut Mae C. Jemison flew in 1992.", [(10, 24, "mae-jemison")]),  # an alias with an initial
    ("Wangari Muta Maathai and Marie Curie", [(0, 20, "wangari-maathai"), (25, 36, "marie-curie")]),  # longest
    ("non-Marie Curie", []),  # inside a hyphenated word
    ("Marie Curies", []),  # the name continues
    ("marie curie", []),  # exact capitalisation
])
def test_names_are_found_on_word_boundaries(text, found):
    base = knowledge_base(PEOPLE)
    assert [(s, e, entry.id) for s, e, entry in base.find(text)] == found


def test_mirror_served_entries_are_the_entries_full_validation_makes():
    """The shipped files served from the mirror are built without validating each entry again: every entry
    passes validation, and validating gives the same entries (same values, same types), file by file."""
    shipped.cache_clear()  # (the real one: the fixture hides it from the knowledge base only)
    data.load_toml.cache_clear()
    try:
        fast = shipped()
        root = data.data_path("people", "scientists")
        assert all(data.served_from_mirror(data.load_toml("people", "scientists", p.name), "people", "scientists",
                                           p.name) for p in sorted(root.glob("*.toml")))
        full = tuple(validate(raw, p.name, strict=True, origin="knowledge base")
                     for p in sorted(root.glob("*.toml")) for raw in data.load_toml_file(p)["person"])
        assert fast == full and len(fast) > 600
        assert [[type(v) for v in vars(e).values()] for e in fast] == [[type(v) for v in vars(e).values()] for e in full]
        assert shipped(str(root)) == fast  # (a folder is always read from its TOML and validated)
    finally:
        shipped.cache_clear()
        data.load_toml.cache_clear()


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_fold_takes_ascii_as_its_case_fold_alone(word):
    """``fold`` skips the decomposition for ASCII, which NFKD leaves as it is, none of it combining."""
    slow = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()
    assert fold(word) == slow
