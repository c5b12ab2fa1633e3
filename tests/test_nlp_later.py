"""Capabilities annotated when first asked for (``Pipeline.annotate``'s ``later``, ``Dimension.later``): the
representation dimension gets the name recogniser on every block it wants, and tags and a parse only on the
blocks whose tags or parse something reads. What is read must be what annotating everything at once gives."""
from __future__ import annotations

import pytest
from auditkit import load_text

from auditor import engine, nlp
from auditor.config import Settings
from auditor.document import Block
from auditor.locations import LineIndex, TextMap
from auditor.nlp import MAX_CHUNK, Pipeline, complete, has
from auditor.representation import analysis as representation

TEXTS = ("Marie Curie and Pierre Curie measured radioactivity in Paris, and their results surprised everyone.",
         "The students said they would repeat the experiment that Lise Meitner described.",
         "Light from the Sun reaches Earth in about eight minutes.")
ALL = frozenset({"ner", "tagger", "parser"})


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    pipeline = nlp.pipeline()
    assert pipeline.nlp is not None  # loads it
    if not pipeline.trained:
        pytest.skip("no trained English pipeline installed")
    return pipeline


def _blocks(texts: tuple[str, ...] = TEXTS) -> list[Block]:
    return [Block(kind="paragraph", text=t, map=TextMap(), lines=LineIndex(t)) for t in texts]


def _annotations(block: Block) -> list[tuple[str, str, str, int, str, str]]:
    return [(t.text, t.tag_, t.pos_, t.head.i, t.dep_, t.ent_type_) for t in block.nlp]


def test_a_deferred_capability_is_annotated_when_asked_for(pipe: Pipeline) -> None:
    eager, lazy = _blocks(), _blocks()
    pipe.annotate(eager, [ALL] * len(eager))
    pipe.annotate(lazy, [frozenset({"ner"})] * len(lazy), [frozenset({"tagger", "parser"})] * len(lazy))
    for before, after in zip(eager, lazy, strict=True):
        assert "parser" not in after.nlp.user_data["ssec_components"]
        assert [e.text for e in after.nlp.ents] == [e.text for e in before.nlp.ents]
        assert has(after, "parser")  # annotates it
        assert after.nlp.user_data["ssec_components"] == before.nlp.user_data["ssec_components"]
        assert _annotations(after) == _annotations(before)
        assert list(after.nlp.sents) == list(before.nlp.sents) or \
            [s.text for s in after.nlp.sents] == [s.text for s in before.nlp.sents]


def test_completing_in_a_batch_gives_the_same_annotations(pipe: Pipeline) -> None:
    eager, lazy = _blocks(), _blocks()
    pipe.annotate(eager, [ALL] * len(eager))
    pipe.annotate(lazy, [frozenset({"ner"})] * len(lazy), [frozenset({"tagger", "parser"})] * len(lazy))
    complete(lazy[:2])
    assert has(lazy[0], "tagger") and has(lazy[1], "parser")
    assert "parser" not in lazy[2].nlp.user_data["ssec_components"]  # not asked for yet
    assert [_annotations(b) for b in lazy] == [_annotations(b) for b in eager[:2]] + [_annotations(lazy[2])]
    assert _annotations(lazy[2]) != _annotations(eager[2]) and has(lazy[2], "tagger")
    assert _annotations(lazy[2]) == _annotations(eager[2])


def test_a_capability_neither_asked_for_nor_deferred_is_missing(pipe: Pipeline) -> None:
    [block] = _blocks(TEXTS[:1])
    pipe.annotate([block], [frozenset({"ner"})], [frozenset({"tagger"})])
    assert not has(block, "parser") and not has(block, "lemmatizer")
    assert has(block, "tagger") and not has(block, "parser")


def test_a_long_block_gets_its_deferred_capabilities_at_once(pipe: Pipeline) -> None:
    text = "Lise Meitner explained fission. " * (MAX_CHUNK // 30 + 10)
    [block] = _blocks((text,))
    pipe.annotate([block], [frozenset({"ner"})], [frozenset({"tagger", "parser"})])
    assert "parser" in block.nlp.user_data["ssec_components"]  # annotated in pieces, all components together


def test_representation_reads_tags_only_where_it_needs_them(pipe: Pipeline) -> None:
    doc = load_text("<p>Waves on the Pacific coast are measured in meters.</p>"
                    "<p>Biologist Wangari Maathai planted trees with her neighbours in Kenya.</p>", "html")
    report = engine.audit_document(doc, Settings(select=("P",)))
    assert [p["name"] for p in report.blocks["people"]] == ["Wangari Maathai"]
    plain, named = doc.blocks[-2:]
    assert representation.may_name(plain.text)  # so it has the name recogniser, and nothing read its tags:
    assert plain.nlp.user_data["ssec_components"] == ("sentencizer", "ner") and "ssec_later" in plain.nlp.user_data
    assert "parser" in named.nlp.user_data["ssec_components"]
