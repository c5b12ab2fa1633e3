"""The trained pipeline starts with an empty tokenizer that its own saved one replaces (auditor.nlp): the result
must be the tokenizer spaCy's ordinary load gives, byte for byte."""
import pytest

from auditor import nlp


def test_the_tokenizer_is_the_one_spacy_loads():
    pipeline = nlp.Pipeline()
    assert pipeline.nlp is not None  # loads it
    if not pipeline.trained:
        pytest.skip("no trained English pipeline installed")
    spacy = nlp._import_spacy()
    ordinary = spacy.load(pipeline.name, exclude=nlp.UNUSED)
    assert pipeline.nlp.tokenizer.to_bytes() == ordinary.tokenizer.to_bytes()
    assert pipeline.nlp.config["nlp"]["tokenizer"]["@tokenizers"] == nlp.BARE_TOKENIZER
    text = "Dr. Tu Youyou's U.S. lab (1969-1972) isn't e.g. 3.5 m/s :-) https://example.org."
    assert [t.text for t in pipeline.nlp.tokenizer(text)] == [t.text for t in ordinary.tokenizer(text)]


def test_loading_twice_registers_the_tokenizer_once():
    spacy = nlp._import_spacy()
    assert nlp._bare_tokenizer(spacy) == nlp._bare_tokenizer(spacy)
