"""The Spanish pipeline: rule-based, because no trained Spanish spaCy pipeline installs from the package index for
our spaCy version.

``spacy.blank("es")`` gives spaCy's Spanish tokenizer (its exceptions and punctuation rules), the sentencizer
splits sentences, and a small component puts an opening "¿" or "¡" at the start of the sentence it opens (the
sentencizer leaves it at the end of the previous one). There are no tags, parses, lemmas or entities:
:class:`SpanishPipeline` reports itself as not trained, so every rule takes its word-list path, as it does with
the blank English fallback. (The lookup lemmas of spacy-lookups-data are used when the Spanish familiar-word list
is built, tools/build_spanish_words.py, not at run time: loading that table takes seconds, and the list of forms
it yields answers the only question a rule asked of lemmas.)

The engine picks the pipeline by the document's language with :func:`pipeline_for`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from auditor.nlp import Pipeline, _import_spacy, pipeline

#: Punctuation that ends a sentence; an opening "¿"/"¡" right after one starts the next sentence.
_ENDS = frozenset({".", "!", "?", "…", "...", "»", "”"})
_OPENERS = frozenset({"¿", "¡"})
_COMPONENT = "ssec_es_openers"


def _openers(doc: Any) -> Any:
    """Move an opening ¿/¡ from the end of one sentence to the start of the next."""
    for token in doc[1:]:
        if token.text in _OPENERS and token.nbor(-1).text in _ENDS:
            token.is_sent_start = True
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_COMPONENT):
        Language.component(_COMPONENT, func=_openers)


class SpanishPipeline(Pipeline):
    """spaCy's blank Spanish pipeline with sentence splitting; same interface as the English one."""

    def _load(self) -> None:
        spacy = _import_spacy()
        _register()
        nlp = spacy.blank("es")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(_COMPONENT)
        self._nlp, self.name, self.trained = nlp, "blank:es", False

    def components_for(self, capabilities: Any) -> list[str]:
        return ["sentencizer", _COMPONENT]


@lru_cache(maxsize=1)
def spanish() -> SpanishPipeline:
    """The process-wide Spanish pipeline."""
    return SpanishPipeline("blank")


def pipeline_for(language: str | None, model: str | None = None) -> Pipeline:
    """The pipeline for a document's language: Spanish for "es", else the English one (as before)."""
    return spanish() if language == "es" else pipeline(model)

