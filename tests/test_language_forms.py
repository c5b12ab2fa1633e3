"""Word forms: entries written once match their inflections, and suggestions follow the text's form and case."""
import pytest

from auditor.language.forms import inflect_like, keep_case, noun_forms, phrase_forms, plural, verb_forms


@pytest.mark.parametrize("word,expected", [
    ("fireman", "firemen"), ("chairwoman", "chairwomen"), ("human", "humans"), ("chairperson", "chairpersons"),
    ("person", "people"), ("ancestor", "ancestors"), ("lady", "ladies"), ("bus", "buses"), ("child", "children"),
])
def test_plural(word, expected):
    assert plural(word) == expected


def test_noun_and_verb_forms():
    assert noun_forms("fireman") == {"base": "fireman", "plural": "firemen", "possessive": "fireman's",
                                     "plural-possessive": "firemen's"}
    assert verb_forms("suffer")["ing"] == "suffering" and verb_forms("man")["past"] == "manned"
    assert verb_forms("commit")["past"] == "committed" and verb_forms("die")["ing"] == "dying"
    assert verb_forms("fall")["past"] == "fell"
    assert set(phrase_forms("fall on deaf ears", "verb")) >= {"fell on deaf ears", "falls on deaf ears"}


@pytest.mark.parametrize("suggestion,label,inflect,expected", [
    ("firefighter", "plural", "plural", "firefighters"),
    ("police officer", "plural-possessive", "plural", "police officers'"),
    ("die by suicide", "past", "verb", "died by suicide"),
    ("has", "base", "verb", "has"),
])
def test_inflect_like(suggestion, label, inflect, expected):
    assert inflect_like(suggestion, label, inflect) == expected


@pytest.mark.parametrize("original,replacement,expected", [
    ("Mankind", "humankind", "Humankind"), ("MANKIND", "humankind", "HUMANKIND"), ("mankind", "humankind", "humankind"),
    ("Founding Fathers", "founders", "Founders"), ("New World", "Americas", "Americas"),
])
def test_keep_case(original, replacement, expected):
    assert keep_case(original, replacement) == expected
