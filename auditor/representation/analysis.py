"""The representation dimension: who a unit features, with the source of every attribute, and its metrics.

Attributes come from the knowledge base (``rules/people/scientists/*.toml`` and configured ``people``) or
from what the text itself says about the person; otherwise they are ``unknown``. A first name never implies
a gender, and race or ethnicity is never inferred. See docs/representation.md.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.dimension import Dimension
from auditor.readability.measure import easy_words
from auditor.representation import metrics as M
from auditor.representation import spanish
from auditor.representation.aliases import more_mentions
from auditor.representation.attributes import _PERSON_NOUNS as _PERSON_NOUN
from auditor.representation.attributes import Facts, PronounUse, mention_facts, resolve_pronouns
from auditor.representation.candidates import find_mentions
from auditor.representation.grouping import Group, group_mentions, run_people
from auditor.representation.kb import Entry, KnowledgeBase, knowledge_base
from auditor.representation.lexicon import lexicon

if TYPE_CHECKING:
    from auditor.context import Context
    from auditor.document import Block, Document

#: A capitalised word after a lower-case one ("... biologist Wangari"), or a title: a block that may name someone
#: the rules alone would miss. Other blocks get no statistical NLP (keeps large units fast); names at the start
#: of a sentence there are still found by the rules, and pronouns are read lexically.
_MAY_NAME = re.compile(r"(?<=[a-z,;:)] )([A-Z][a-zà-ÿ]+)|\b(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.? [A-Z]")


def may_name(text: str) -> bool:
    """Whether a block may name someone, so that it is worth the statistical parse (the costliest step of a run).

    A title, or a capitalised word inside a sentence that is neither on the Dale-Chall list of everyday words
    nor on the detection lexicon's ``not_names`` list: "the Earth", "see Figure 2" and "Key Terms" do not need
    the parse; "Newton", "Tu Youyou" do. About half of all blocks of a textbook are skipped this way; a name
    made only of everyday words ("Thomas Young") still needs its first name to pass.
    """
    common, not_names = easy_words(), lexicon().not_names
    for m in _MAY_NAME.finditer(text):
        word = m.group(1)
        if word is None:
            return True
        low = word.lower()
        if low not in common and low not in not_names:
            return True
    return False


@dataclass
class Person:
    name: str
    block: Block
    start: int
    end: int
    mentions: int
    scientist: bool
    role: str | None = None
    role_source: str = "unknown"
    gender: str = "unknown"
    gender_source: str = "unknown"
    region: str = "unknown"
    region_source: str = "unknown"
    country: str | None = None
    born: int | None = None
    born_source: str = "unknown"
    entry: Entry | None = None
    evidence: dict[str, str] = field(default_factory=dict)

    def to_json(self, contemporary_from: int = M.CONTEMPORARY_FROM) -> dict[str, Any]:
        span = self.block.span(self.start, self.end)
        out: dict[str, Any] = {
            "name": self.name, "kb": self.entry.id if self.entry else None,
            "line": span.line, "column": span.column, "mentions": self.mentions,
            "scientist": self.scientist, "role": self.role, "role_source": self.role_source,
            "gender": self.gender, "gender_source": self.gender_source,
            "region": self.region, "region_source": self.region_source,
            "born": self.born, "born_source": self.born_source, "era": M.era(self.born, contemporary_from),
        }
        if self.entry is not None and self.entry.communities:
            out["communities"] = list(self.entry.communities)  # self-identified, knowledge base only
        if self.evidence:
            out["evidence"] = dict(sorted(self.evidence.items()))
        return out


@dataclass
class Analysis:
    people: list[Person]
    pronouns: list[PronounUse]
    fields: tuple[str, ...]
    kb: KnowledgeBase
    words: int
    contemporary_from: int = M.CONTEMPORARY_FROM
    scientist_blocks: frozenset[int] = frozenset()

    @property
    def scientists(self) -> list[Person]:
        return [p for p in self.people if p.scientist]

    def pronoun_counts(self, examples_only: bool = False) -> dict[str, int]:
        """he / she / they referring to people; ``examples_only`` leaves out those that refer, or may refer,
        to a featured scientist (resolved to one, or in the paragraph that names one or the next)."""
        uses = self.example_pronouns() if examples_only else [u for u in self.pronouns if u.people]
        counts = Counter(u.form for u in uses)
        return {k: counts.get(k, 0) for k in ("he", "she", "they")}

    def example_pronouns(self) -> list[PronounUse]:
        """Pronouns about people other than the featured scientists (example characters, generic people)."""
        return [u for u in self.pronouns if u.people and not (
            (u.person is not None and _is_scientist_group(self, u.person))
            or u.block.index in self.scientist_blocks
            or (u.block.index - 1 in self.scientist_blocks and u.person is None
                and not _PERSON_NOUN.search(u.block.text, 0, u.start)))]

    def people_json(self) -> list[dict[str, Any]]:
        return [p.to_json(self.contemporary_from) for p in self.people]

    def metrics(self) -> dict[str, Any]:
        out = M.metrics(self.people_json(), self.pronoun_counts(), self.contemporary_from)
        out["example_pronouns"] = self.pronoun_counts(examples_only=True)
        out["fields"] = list(self.fields)
        return out


def _is_scientist_group(analysis: Analysis, group: Group) -> bool:
    first = group.first
    return any(p.scientist and p.block is first.block and p.start == first.start for p in analysis.people)


def _decide(values: list[tuple[str, str]]) -> tuple[str, str] | None:
    """One value when all text evidence agrees; None when there is none or it conflicts."""
    distinct = {v for v, _ in values}
    if len(distinct) != 1:
        return None
    return values[0]


def build_people(doc: Document, kb: KnowledgeBase, trained: bool
                 ) -> tuple[list[Person], list[PronounUse], frozenset[int]]:
    """The people, the pronouns, and the blocks that mention a featured scientist."""
    lex = lexicon()
    topics = M.text_fields("\n".join(b.text for b in doc.blocks), kb)
    mentions, places = find_mentions(doc, kb, lex, trained)
    groups = group_mentions(mentions, kb, lex)
    for _ in range(2):  # a name found by the first pass may lead to a coordinated one ("Maria and Jamal")
        extra = more_mentions(doc, groups, mentions, lex, places)
        if not extra:
            break
        mentions = sorted(mentions + extra, key=lambda m: (m.block.index, m.start))
        groups = group_mentions(mentions, kb, lex)
    facts: dict[int, Facts] = {}
    in_spanish = doc.language == "es"  # the Spanish evidence and pronouns: representation/spanish.py
    for g in groups:
        f = facts.setdefault(id(g), Facts())
        for m in g.mentions:
            mention_facts(m, lex, f)
            if in_spanish:
                spanish.mention_facts(m, f)
    pronouns = (spanish.resolve_pronouns if in_spanish else resolve_pronouns)(doc, groups, facts)
    people = []
    scientist_blocks: set[int] = set()
    for g in groups:
        f = facts[id(g)]
        entry = g.entry
        strong = [r for r in f.roles + f.title_roles if r[0] == "science"]
        example_roles = [r for r in f.roles if r[0] == "example"]
        # a science role word wins over an example role; a science verb alone does not ("Maria, a student,
        # studied the leaves")
        full = any(len(m.words) > 1 or m.title for m in g.mentions)
        acts = [r for r in f.roles if r[0] == "science-act" or (r[0] == "science-observation" and full)]
        # ... unless the text names them in full and says twice what science they did ("Alfred Sturtevant, a
        # student in Morgan's laboratory, ... Sturtevant postulated ... Sturtevant suggested")
        repeated = full and len({r[2] for r in acts if r[0] == "science-act"}) >= 2
        science_roles = strong or (acts if not example_roles or repeated else [])
        if entry is None and science_roles and all(len(m.words) == 1 for m in g.mentions) \
                and not any(m.title for m in g.mentions):
            word = g.first.text.casefold()
            candidate = kb.surname_fit(word, topics)
            if candidate is not None and len(word) >= 4:
                entry = candidate  # "Mendel studied peas": the one knowledge-base person of that name in the field
        first = g.first
        person = Person(name=entry.name if entry else g.name, block=first.block, start=first.start, end=first.end,
                        mentions=len(g.mentions), scientist=False, entry=entry)
        if entry is not None:
            source = entry.origin
            person.scientist = entry.scientist
            person.role = entry.roles[0] if entry.roles else (science_roles[0][1] if science_roles else None)
            person.role_source = source if entry.roles else ("text" if science_roles else "unknown")
            if entry.gender != "unknown":
                person.gender, person.gender_source = entry.gender, source
            if entry.region != "unknown":
                person.region, person.region_source, person.country = entry.region, source, entry.country
            if entry.born is not None:
                person.born, person.born_source = entry.born, source
        else:
            roles = science_roles or example_roles
            role = roles[0] if roles else None
            person.scientist = bool(science_roles)
            if role is not None:
                person.role, person.role_source = role[1], "text"
                person.evidence["role"] = role[2]
            gender = _decide(f.gender)
            if gender is not None:
                person.gender, person.gender_source = gender[0], "text"
                person.evidence["gender"] = gender[1]
            region = _decide([(r, e) for r, _, e in f.region])
            if region is not None:
                person.region, person.region_source = region[0], "text"
                person.evidence["region"] = region[1]
                person.country = next((c for r, c, _ in f.region if c), None)
            born = _decide([(str(y), e) for y, e in f.born])
            if born is not None:
                person.born, person.born_source = int(born[0]), "text"
                person.evidence["born"] = born[1]
        people.append(person)
        if person.scientist:
            scientist_blocks.update(m.block.index for m in g.mentions)
    people.sort(key=lambda p: (p.block.index, p.start))
    return people, pronouns, frozenset(scientist_blocks)


#: English, and Spanish (rules/representation/es/)
LANGUAGES = frozenset({"en", "es"})


class RepresentationDimension(Dimension):
    languages = LANGUAGES
    category = "representation"
    key = "people"
    metrics_key = "people_metrics"
    needs = frozenset({"ner"})
    #: read only about blocks that name someone, or have a pronoun (see ``analyze``): the name recogniser does
    #: not read them, so it runs first, on every block ``may_name`` accepts, and these only where asked for
    later = frozenset({"tagger", "parser"})

    def wants(self, block: Block) -> bool:
        return block.kind != "title" and may_name(block.text)

    def analyze(self, doc: Document, ctx: Context) -> Analysis:
        kb = knowledge_base(ctx.settings.people)
        trained = ctx.trained_nlp
        people, pronouns, scientist_blocks = build_people(doc, kb, trained)
        text = "\n".join(b.text for b in doc.blocks)
        contemporary_from = int(ctx.scoring.get("representation", {}).get("contemporary_from", M.CONTEMPORARY_FROM))
        featured = [p.entry for p in people if p.scientist and p.entry is not None]
        words = sum(len(b.text.split()) for b in doc.prose)
        return Analysis(people, pronouns, M.unit_fields(text, featured, kb), kb, words, contemporary_from,
                        scientist_blocks)

    def to_json(self, result: Analysis, findings: Any = ()) -> list[dict[str, Any]]:
        return result.people_json()

    def metrics(self, result: Analysis) -> dict[str, Any]:
        return result.metrics()

    def score(self, doc, result: Analysis, findings, scoring) -> float | None:
        return M.score(result.metrics(), scoring.get("representation", {}))

    def summarize(self, results: list[list[dict[str, Any]]], scoring: dict[str, Any],
                  metrics: list[dict[str, Any] | None] | None = None
                  ) -> dict[str, Any]:
        """Run-wide metrics over distinct people (a scientist featured in five units counts once), plus how
        many features there were and how many files feature no scientist."""
        features = 0
        without = 0
        for people in results:
            scientists = [p for p in people if p["scientist"]]
            features += len(scientists)
            without += not scientists
        merged = run_people([p for people in results for p in people])
        pronouns: Counter = Counter()
        examples: Counter = Counter()
        fields: Counter = Counter()
        for m in metrics or ():
            if m:
                pronouns.update(m["pronouns"])
                examples.update(m.get("example_pronouns", {}))
                fields.update({f: len(m.get("fields", ())) - i for i, f in enumerate(m.get("fields", ()))})
        people = sorted(merged, key=lambda p: (p["name"].casefold(), p["kb"] or ""))
        contemporary_from = int(scoring.get("representation", {}).get("contemporary_from", M.CONTEMPORARY_FROM))
        out = M.metrics(people, {k: pronouns.get(k, 0) for k in ("he", "she", "they")}, contemporary_from)
        out["example_pronouns"] = {k: examples.get(k, 0) for k in ("he", "she", "they")}
        out["files"] = len(results)
        out["features"] = features
        out["files_without_scientists"] = without
        out["fields"] = [f for f, _ in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
        out["featured"] = [{k: p[k] for k in ("name", "kb", "gender", "region", "born")}
                           for p in people if p["scientist"]]
        return out

