"""The trained pipeline starts with an empty tokenizer that its own saved one replaces (auditor.nlp): the result
must be the tokenizer spaCy's ordinary load gives, byte for byte."""
import os
import subprocess
import sys

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


@pytest.mark.parametrize("given,expected", [(None, "1"), ("3", "3")])
def test_numpy_runs_one_blas_thread_unless_the_user_says_otherwise(given, expected):
    """Our matrix products are small and files run in parallel workers: OpenBLAS's extra threads only spin."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    code = "import os; from auditor import nlp; nlp._import_spacy(); print(os.environ['OPENBLAS_NUM_THREADS'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
