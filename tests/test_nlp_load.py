"""How auditor.nlp loads the trained pipeline faster than spaCy's ordinary load, and why the result is the same:
an empty tokenizer that the pipeline's own saved one replaces, its special cases added as texts need them, and
the vocabulary without the strings of the training words. Every token attribute must be what spaCy's ordinary
load gives."""
import html
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import nlp

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def ordinary():
    """spaCy's ordinary load of the pipeline we load, and our load."""
    ours = nlp.Pipeline()
    assert ours.nlp is not None  # loads it
    if not ours.trained:
        pytest.skip("no trained English pipeline installed")
    spacy_nlp = nlp._import_spacy().load(ours.name, exclude=nlp.UNUSED)
    spacy_nlp.add_pipe("sentencizer", first=True)  # as ours has
    return spacy_nlp, ours


def test_the_tokenizer_is_the_one_spacy_loads(ordinary):
    spacy_nlp, pipeline = ordinary
    tokenizer = pipeline.nlp.tokenizer
    assert isinstance(tokenizer, nlp.SpecialCasesOnDemand)
    text = "Dr. Tu Youyou's U.S. lab (1969-1972) isn't e.g. 3.5 m/s :-) https://example.org."
    assert [t.text for t in tokenizer(text)] == [t.text for t in spacy_nlp.tokenizer(text)]
    assert 0 < len(tokenizer.rules) < len(spacy_nlp.tokenizer.rules)  # only the special cases it needed
    assert pipeline.nlp.config["nlp"]["tokenizer"]["@tokenizers"] == nlp.BARE_TOKENIZER
    tokenizer.add_all()
    assert tokenizer.to_bytes(exclude=["vocab"]) == spacy_nlp.tokenizer.to_bytes(exclude=["vocab"])


def _special_case_pieces(tokenizer) -> list[str]:
    """Every special case, its pieces, and its string with spaces between the pieces (what the phrase matcher
    may match across), with characters that border them."""
    from spacy.attrs import ORTH  # (imported here: collecting the tests must not import spaCy)

    pieces = [" ", "  ", "\n", "\t", "\xa0", ".", ",", "(", ")", "'", '"', "-", ":", "a", "s", "t", "I", "1"]
    for string, tokens in sorted(tokenizer.rules.items()):
        orths = [token[ORTH] for token in tokens]
        pieces += [string, *orths, " ".join(orths)]
    return pieces


def test_special_cases_added_on_demand_split_texts_as_all_of_them_do(ordinary):
    """Texts built from special cases, their pieces and their spaced-out forms: a tokenizer given only the special
    cases each text contains (never the rest at once) splits every text as spaCy's does, norms included."""
    spacy_nlp, _ = ordinary
    pieces = _special_case_pieces(spacy_nlp.tokenizer)
    lazy = nlp.Pipeline()
    tokenizer = lazy.nlp.tokenizer
    tokenizer.ON_DEMAND_CHARS = 10**12
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        expected = [(t.text, t.whitespace_, t.norm_) for t in spacy_nlp.tokenizer(text)]
        assert [(t.text, t.whitespace_, t.norm_) for t in tokenizer(text)] == expected, repr(text)
    assert tokenizer._pending  # some were never needed


def test_after_enough_text_every_special_case_is_added(ordinary):
    spacy_nlp, _ = ordinary
    lazy = nlp.Pipeline()
    tokenizer = lazy.nlp.tokenizer
    tokenizer.ON_DEMAND_CHARS = 100
    tokenizer("Plants need light. " * 3)
    assert len(tokenizer.rules) < len(spacy_nlp.tokenizer.rules)
    tokenizer("Plants need light. " * 6)
    assert tokenizer.to_bytes(exclude=["vocab"]) == spacy_nlp.tokenizer.to_bytes(exclude=["vocab"])


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


def test_langcodes_waits_until_spacy_needs_it():
    """spaCy imports langcodes at start-up only to match language codes it has no module for: it is loaded then."""
    code = """if True:
        import sys
        from auditor import nlp
        nlp._import_spacy()
        print(type(sys.modules["langcodes"]).__name__)
        import spacy.util
        print(spacy.util.find_matching_language("no"), type(sys.modules["langcodes"]).__name__)
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["_LazyModule", "nb", "module"]


def test_a_parent_about_to_fork_workers_loads_every_special_case_once(ordinary):
    spacy_nlp, _ = ordinary
    shared = nlp.pipeline()
    shared.nlp.tokenizer("Plants need light.")
    nlp.finish_loading()
    assert shared.nlp.tokenizer.to_bytes(exclude=["vocab"]) == spacy_nlp.tokenizer.to_bytes(exclude=["vocab"])


def _every_attribute(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_, t.norm_, t.shape_, t.prefix_, t.suffix_, t.lower_, t.is_stop, t.like_num, t.lang_,
             t.is_sent_start) for t in doc]


def test_without_the_training_strings_every_token_attribute_is_spacys(ordinary):
    """The vocabulary is read without the strings of the training words (``_vocabulary_without_strings``): tags,
    lemmas, parses, entities, norms and shapes of the samples' text are what spaCy's ordinary load gives."""
    spacy_nlp, ours = ordinary
    assert len(ours.nlp.vocab.strings) < len(spacy_nlp.vocab.strings) / 10
    texts = []
    for sample in sorted(SAMPLES.iterdir()):
        raw = sample.read_text(encoding="utf-8")
        texts += [html.unescape(re.sub(r"<[^>]+>", " ", part)).strip() for part in re.split(r"\n|</(?:p|li|h[1-6]|td|th|figcaption)>", raw)]
    texts = [t for t in texts if t] + ["Wangari Maathai didn't stop; she planted 30 million trees in Kenya."]
    assert len(texts) > 100
    for expected, got in zip(spacy_nlp.pipe(texts), ours.nlp.pipe(texts), strict=True):
        assert _every_attribute(got) == _every_attribute(expected), got.text


def test_modules_spacy_imports_for_functions_an_audit_never_calls_wait_until_called():
    """spaCy's command line and srsly's YAML support are not imported with spaCy; their functions still work, and
    importing them afterwards gives the real modules."""
    code = """if True:
        import sys
        from auditor import nlp
        spacy = nlp._import_spacy()
        import srsly
        print("spacy.cli" in sys.modules, "srsly._yaml_api" in sys.modules, "ruamel" in str(sys.modules.keys()))
        print(srsly.yaml_dumps({"a": 1}).strip())
        import spacy.cli
        print(hasattr(spacy.cli, "setup_cli"), callable(spacy.info))
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:3] == ["False False False", "a: 1", "True True"], out.stdout + out.stderr


def test_registry_lookups_are_kept_only_while_a_model_loads():
    """During a load the entry points are grouped once and srsly's decoders gathered once; afterwards the
    registries are as they were (a package installed later in the process is still found)."""
    import catalogue
    import srsly.msgpack

    before = catalogue.AVAILABLE_ENTRY_POINTS
    with nlp._lookups_kept():
        grouped = catalogue.AVAILABLE_ENTRY_POINTS
        assert isinstance(grouped, dict)
        assert list(grouped.get("spacy_lookups", [])) == list(before.select(group="spacy_lookups"))
        decoders = srsly.msgpack.msgpack_decoders
        assert decoders.get_all() is decoders.get_all()
    assert catalogue.AVAILABLE_ENTRY_POINTS is before
    assert "get_all" not in vars(srsly.msgpack.msgpack_decoders)
