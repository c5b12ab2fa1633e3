"""Representation rules: prompts for reflection about whom a unit features, with evidence and suggestions.

They read the shared analysis (``ctx.analysis("representation")``); none of them decides anything the analysis
did not find with a source. P102-P105 also judge the whole run (path "(all files)") in ``check_run``, from the
run summary of distinct featured scientists.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from auditor.representation import metrics as M
from auditor.representation.analysis import LANGUAGES
from auditor.representation.kb import REGIONS, Entry, KnowledgeBase, knowledge_base
from auditor.rule import Example, Problem, Rule, RunProblem

if TYPE_CHECKING:
    from auditor.context import RunContext

SSEC = ("Smithsonian Science Education Center: Inclusion priority (all students recognize themselves in STEM)",)
_MEET = "<h1>Meet the Scientists</h1>"
_REEF = "Coral reefs grow slowly in warm, shallow water and shelter many fish. "


def _names(people: list[Any], limit: int = 6) -> str:
    names = [p.name if hasattr(p, "name") else p["name"] for p in people]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _at(person: Any) -> dict[str, Any]:
    return {"span": person.block.span(person.start, person.end), "text": person.block.text[person.start:person.end]}


def _suggestion(kb: KnowledgeBase, want: Callable[[Entry], bool], fields: tuple[str, ...], exclude: set[str],
                who: str, spread: bool = False, lacking: Callable[[Entry], int] | None = None,
                like: str = "this unit") -> str:
    picks = M.suggest(kb, want, fields, exclude, spread_regions=spread, lacking=lacking)
    where = f" in {' or '.join(fields)}" if fields else ""
    if not picks:
        return (f"Consider featuring {who}{where} as well; you can add the scientists you have in mind to the "
                "knowledge base (see docs/representation.md).")
    return (f"Consider also featuring {who}{where}. From the knowledge base, for example: "
            f"{M.describe(picks, fields, like)}.")


def _lacking(people: list[Any], contemporary_from: int) -> Callable[[Entry], int]:
    """How many groups the unit's featured scientists lack (women or nonbinary, regions outside Europe and
    Northern America, people born in ``contemporary_from`` or later) an entry would bring."""
    scientists = [p for p in people if _get(p, "scientist")]
    women = any(_get(p, "gender") in ("woman", "nonbinary") for p in scientists)
    regions = {_get(p, "region") for p in scientists}
    recent = any((_get(p, "born") or 0) >= contemporary_from for p in scientists)
    return lambda e: ((not women and e.gender in ("woman", "nonbinary")) + (e.region not in regions)
                      + (not recent and (e.born or 0) >= contemporary_from))


def _featured_ids(people: list[Any]) -> set[str]:
    ids = {p.entry.id if hasattr(p, "entry") and p.entry else (p.get("kb") if isinstance(p, dict) else None)
           for p in people}
    return {i for i in ids if i}


# the checks shared by a file and the whole run ------------------------------------------------------------------

def all_men(scientists: list[Any], minimum: int) -> list[Any] | None:
    known = [p for p in scientists if _get(p, "gender") != "unknown"]
    return known if len(known) >= minimum and all(_get(p, "gender") == "man" for p in known) else None


def only_western(scientists: list[Any], minimum: int) -> list[Any] | None:
    known = [p for p in scientists if _get(p, "region") != "unknown"]
    return known if len(known) >= minimum and all(_get(p, "region") in M.WESTERN for p in known) else None


def none_contemporary(scientists: list[Any], minimum: int, year: int) -> list[Any] | None:
    known = [p for p in scientists if _get(p, "born") is not None]
    return known if len(known) >= minimum and all(_get(p, "born") < year for p in known) else None


def _get(p: Any, key: str) -> Any:
    return p[key] if isinstance(p, dict) else getattr(p, key)


def _gender_words(people: list[Any]) -> str:
    return "men" if len(people) != 1 else "a man"


# rules -------------------------------------------------------------------------------------------------------

class FeaturedPeople(Rule):
    """Lists the people the document names, so a writer sees at a glance whom the unit features.

    People are found with the trained pipeline's named-entity recogniser, titles ("Dr. Okafor"), occupation
    appositives ("marine biologist Ayana Elizabeth Johnson") and the knowledge base; places, organisations and
    things named after people (Johnson Space Center, Halley's Comet) are not people. Each person is a featured
    scientist (knowledge base, or a science role in the text) or a person in an example. Attributes are shown
    with their source; without one they are "unknown". Reported once, at the first person's first mention.
    Does not fire when the document names nobody (P105 covers a unit without a scientist).
    """

    languages = LANGUAGES

    id = "P101"
    name = "featured-people"
    category = "representation"
    severity = "info"
    summary = "People the document features"
    references = SSEC
    examples = (
        Example("<p>Marine biologist {{Ayana Elizabeth Johnson}} studies coral reefs.</p>"),
        Example("<p>Coral reefs grow slowly in warm water near the Johnson Space Center.</p>",
                note="a place named after a person is not a person"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis = ctx.analysis("representation")
        people = analysis.people
        if not people:
            return
        scientists = analysis.scientists
        listing = "; ".join(_describe(p) for p in people[:10])
        more = f"; and {len(people) - 10} more" if len(people) > 10 else ""
        yield Problem(**_at(people[0]),
                      message=f"This document names {len(people)} "
                              f"{'person' if len(people) == 1 else 'people'} ({len(scientists)} featured "
                              f"scientist{'s' if len(scientists) != 1 else ''}): {listing}{more}.",
                      data={"people": len(people), "scientists": len(scientists)})


def _describe(p) -> str:
    facts = [p.role or ("scientist" if p.scientist else "person")]
    for label, value, source in (("", p.gender, p.gender_source), ("", p.region, p.region_source),
                                 ("born ", p.born, p.born_source)):
        if value not in (None, "unknown"):
            facts.append(f"{label}{value} ({source})")
    return f"{p.name} [{', '.join(facts)}]"


class _Balance(Rule):
    languages = LANGUAGES
    category = "representation"
    severity = "warning"
    references = SSEC
    options = {"min_known": 3}

    def featured(self, ctx):
        analysis = ctx.analysis("representation")
        return analysis, analysis.scientists


def _run_suggestion(summary: dict[str, Any], ctx: RunContext, want: Callable[[Entry], bool], who: str,
                    spread: bool = False) -> str:
    """A suggestion for the whole run: knowledge-base people in the run's fields not featured anywhere."""
    featured = summary.get("featured", [])
    return _suggestion(knowledge_base(ctx.settings.people), want, tuple(summary.get("fields", ())),
                       {p["kb"] for p in featured if p["kb"]}, who, spread=spread, like="these units")


def _contemporary_from(ctx: RunContext) -> int:
    return int(ctx.scoring.get("representation", {}).get("contemporary_from", M.CONTEMPORARY_FROM))


class AllMen(_Balance):
    """Every featured scientist whose gender is known is a man.

    Gender comes from the knowledge base or from the text itself (a pronoun or honorific that refers to the
    person); never from a first name. Fires only when at least ``min_known`` (3) featured scientists have a
    known gender, so one or two profiles, or people of unknown gender, are not judged. The suggestion names
    women and nonbinary scientists from the knowledge base who work in the unit's field.
    """

    id = "P102"
    name = "featured-scientists-all-men"
    summary = "All featured scientists are men"
    examples = (
        Example(f"{_MEET}<p>Mr. {{{{Okafor}}}} is a chemist. Physicist Mr. Lindqvist measured light. Engineer Mr. "
                "Tanaka designs bridges.</p>", note="honorifics are text evidence of gender"),
        Example(f"{_MEET}<p>Chemist Dr. Okafor measured it. She published it. Physicist Mr. Lindqvist measured "
                "light. Engineer Mr. Tanaka designs bridges.</p>"),
        Example(f"{_MEET}<p>Chemist Dr. Okafor, physicist Dr. Lindqvist and engineer Dr. Tanaka work together."
                "</p>", note="gender unknown: nothing is assumed"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis, scientists = self.featured(ctx)
        known = all_men(scientists, int(ctx.option(self, "min_known")))
        if not known:
            return
        yield Problem(**_at(known[0]),
                      message=f"All {len(known)} featured scientists whose gender is known are men ({_names(known)})."
                              " Students are more likely to picture themselves in science when they meet "
                              "scientists like them.",
                      suggestion=_suggestion(analysis.kb, lambda e: e.gender in ("woman", "nonbinary"),
                                             analysis.fields, _featured_ids(scientists),
                                             "women or nonbinary scientists",
                                             lacking=_lacking(scientists, analysis.contemporary_from)),
                      data={"known": len(known)})

    def check_run(self, summary, ctx) -> Iterator[RunProblem]:
        known = all_men(summary.get("featured", []), int(ctx.option(self, "min_known")))
        if known:
            yield RunProblem(
                f"Across all {summary.get('files', 0)} files, all {len(known)} featured scientists whose gender "
                f"is known are men ({_names(known)}).",
                _run_suggestion(summary, ctx, lambda e: e.gender in ("woman", "nonbinary"),
                                "women or nonbinary scientists"),
                {"known": len(known)})


class OnlyEuropeNorthernAmerica(_Balance):
    """Every featured scientist whose region is known is from Europe or Northern America.

    Region (UN macro-region of birth) comes from the knowledge base or from explicit text
    ("born in Peru", "a Kenyan-born biologist"; a nationality such as "Kenyan biologist" is not a birthplace);
    never from a name. Fires only when at least ``min_known`` (3) featured scientists have a known region.
    The suggestion names knowledge-base scientists in the unit's field from other regions, one per region
    where possible.
    """

    id = "P103"
    name = "featured-scientists-europe-northern-america"
    summary = "All featured scientists are from Europe or Northern America"
    examples = (
        Example(f"{_MEET}<p>German-born chemist Dr. {{{{Weber}}}} measured it. French-born physicist Dr. Moreau "
                "studied light. Canadian-born engineer Dr. Roy designs bridges.</p>"),
        Example(f"{_MEET}<p>Kenyan-born chemist Dr. Otieno measured it. French-born physicist Dr. Moreau studied "
                "light. Canadian-born engineer Dr. Roy designs bridges.</p>"),
        # nationalities are not birthplaces: three regions unknown, nothing to say
        Example(f"{_MEET}<p>German chemist Dr. Weber measured it. French physicist Dr. Moreau studied light. "
                "Canadian engineer Dr. Roy designs bridges.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis, scientists = self.featured(ctx)
        known = only_western(scientists, int(ctx.option(self, "min_known")))
        if not known:
            return
        yield Problem(**_at(known[0]),
                      message=f"Every featured scientist whose region is known ({len(known)}: {_names(known)}) is "
                              "from Europe or Northern America. Science happens in every part of the world.",
                      suggestion=_suggestion(analysis.kb, lambda e: e.region not in M.WESTERN, analysis.fields,
                                             _featured_ids(scientists), "scientists from Africa, Asia, Latin "
                                             "America and the Caribbean or Oceania", spread=True),
                      data={"known": len(known)})

    def check_run(self, summary, ctx) -> Iterator[RunProblem]:
        known = only_western(summary.get("featured", []), int(ctx.option(self, "min_known")))
        if known:
            yield RunProblem(
                f"Across all {summary.get('files', 0)} files, every featured scientist whose region is known "
                f"({len(known)}) is from Europe or Northern America.",
                _run_suggestion(summary, ctx, lambda e: e.region not in M.WESTERN,
                                "scientists from other world regions", spread=True),
                {"known": len(known)})


class NoContemporaryScientists(_Balance):
    """No featured scientist whose birth year is known was born in 1960 or later.

    Historical figures matter, but students also need living role models whose careers they could follow.
    Birth years come from the knowledge base or explicit text ("(born 1975)"). Fires only when at least
    ``min_known`` (3) featured scientists have a known birth year; the year is ``contemporary_from`` in
    rules/scoring.toml [representation].
    """

    id = "P104"
    name = "no-contemporary-scientists"
    summary = "No featured scientist born 1960 or later"
    examples = (
        Example(f"{_MEET}<p>Chemist Dr. {{{{Okafor}}}} (born 1901) measured it. Physicist Dr. Lindqvist (born 1890) "
                "studied light. Engineer Dr. Tanaka (born 1930) designs bridges.</p>"),
        Example(f"{_MEET}<p>Chemist Dr. Okafor (born 1981) measured it. Physicist Dr. Lindqvist (born 1890) "
                "studied light. Engineer Dr. Tanaka (born 1930) designs bridges.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis, scientists = self.featured(ctx)
        year = analysis.contemporary_from
        known = none_contemporary(scientists, int(ctx.option(self, "min_known")), year)
        if not known:
            return
        latest = max(known, key=lambda p: p.born)
        yield Problem(**_at(known[0]),
                      message=f"None of the {len(known)} featured scientists whose birth year is known was born "
                              f"in {year} or later (the most recent is {latest.name}, born {latest.born}). "
                              "Living scientists show students careers they could have.",
                      suggestion=_suggestion(analysis.kb, lambda e: (e.born or 0) >= year, analysis.fields,
                                             _featured_ids(scientists), f"scientists born in {year} or later"),
                      data={"known": len(known)})

    def check_run(self, summary, ctx) -> Iterator[RunProblem]:
        year = _contemporary_from(ctx)
        known = none_contemporary(summary.get("featured", []), int(ctx.option(self, "min_known")), year)
        if known:
            yield RunProblem(
                f"Across all {summary.get('files', 0)} files, none of the {len(known)} featured scientists whose "
                f"birth year is known was born in {year} or later.",
                _run_suggestion(summary, ctx, lambda e: (e.born or 0) >= year, f"scientists born in {year} or later"),
                {"known": len(known)})


class NoScientistFeatured(Rule):
    """The unit does not feature any scientist, engineer or inventor by name.

    Information only: a short profile of a real scientist related to the topic helps students picture
    themselves doing science. Fires for documents with at least ``min_words`` (80) words of prose, so short
    snippets and navigation pages stay quiet. People in examples (a student in a word problem) do not count
    as featured scientists.
    """

    languages = LANGUAGES

    id = "P105"
    name = "no-featured-scientist"
    category = "representation"
    severity = "info"
    summary = "No scientist is featured"
    references = SSEC
    options = {"min_words": 80}
    examples = (
        Example("<p>{{Coral reefs grow slowly in warm, shallow}} water and shelter many fish. " + _REEF * 7 + "</p>",
                note="reported at the first 40 characters"),
        Example("<p>{{Coral reefs grow slowly in warm, shallow}} water and shelter many fish.</p>",
                options={"min_words": 10}),
        Example("<p>" + _REEF * 8 + "Marine biologist Ayana Elizabeth Johnson studies them.</p>"),
        Example("<p>" + _REEF + "</p>", note="too short to be a unit"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis = ctx.analysis("representation")
        if analysis.scientists or analysis.words < int(ctx.option(self, "min_words")):
            return
        first = next((b for b in doc.prose), None)
        if first is None:
            return
        others = [p for p in analysis.people]
        named = f" It names {len(others)} {'person' if len(others) == 1 else 'people'} ({_names(others)}), but " \
                f"does not describe {'them' if len(others) != 1 else 'this person'} as a scientist." if others else ""
        yield Problem(span=first.span(0, min(len(first.text), 40)), text=first.text[:40],
                      message=f"This unit does not feature a scientist, engineer or inventor by name.{named} "
                              "Meeting a real scientist helps students picture themselves doing science.",
                      suggestion=_suggestion(analysis.kb, lambda e: True, analysis.fields, set(),
                                             "a scientist connected to this topic", spread=True,
                                             lacking=_lacking(analysis.people, analysis.contemporary_from)))

    def check_run(self, summary, ctx) -> Iterator[RunProblem]:
        files, without = summary.get("files", 0), summary.get("files_without_scientists", 0)
        if files >= 2 and without:
            regions = [r for r in REGIONS if summary["scientists_by_region"].get(r)]
            yield RunProblem(
                f"{without} of {files} files feature no scientist by name; across all files "
                f"{summary['scientists']} distinct scientists are featured from {len(regions)} of 6 world regions.",
                None, {"files_without_scientists": without, "files": files})


class ExamplePronounImbalance(Rule):
    """The people in examples and general statements are referred to with mostly one gendered pronoun.

    Counts he/him/his and she/her/hers that do not refer to a featured scientist (whose pronouns follow the
    real person): example characters, "a scientist ... he", students in word problems. Fires when there are at
    least ``min_pronouns`` (6) such pronouns and one of he or she is under ``min_share`` (25%) of them.
    Information only: vary the example characters, or use "they" for a generic person.
    """

    languages = LANGUAGES

    id = "P106"
    name = "example-pronoun-imbalance"
    category = "representation"
    severity = "info"
    summary = "Example characters are mostly one gender"
    references = SSEC
    options = {"min_pronouns": 6, "min_share": 0.25}
    examples = (
        Example("<p>A scientist must check {{his}} data. He writes down what he sees. When he is done, he shares "
                "his results. He also cleans his tools.</p>"),
        Example("<p>A scientist must check her data. She writes down what she sees. When he is done, he shares "
                "his results. They also clean their tools.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        analysis = ctx.analysis("representation")
        counts = analysis.pronoun_counts(examples_only=True)
        he, she = counts["he"], counts["she"]
        total = he + she
        if total < int(ctx.option(self, "min_pronouns")) or min(he, she) / total >= float(
                ctx.option(self, "min_share")):
            return
        major = "he" if he > she else "she"
        first = next(u for u in analysis.example_pronouns() if u.form == major)
        word = first.block.text[first.start:].split()[0].strip(".,;:!?\"'")
        yield Problem(span=first.block.span(first.start, first.start + len(word)), text=word,
                      message=f"People in examples are referred to as 'he' {he} times and 'she' {she} times "
                              f"(and 'they' {counts['they']} times). A mix lets every student see themselves.",
                      suggestion="Vary the example characters, or use 'they' for a person in general "
                                 "(\"a scientist checks their data\").",
                      data=dict(counts))


RULES = (FeaturedPeople, AllMen, OnlyEuropeNorthernAmerica, NoContemporaryScientists, NoScientistFeatured,
         ExamplePronounImbalance)

