"""The equity rules: one rule id per kind of assumption, each reporting its share of the shared analysis
(``ctx.analysis("equity")``), plus E106 on where a unit's examples happen. Entries (patterns, reasons,
suggestions, sources, examples) are data in ``rules/equity/*.toml``; see docs/equity.md."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.rule import ENGLISH, Example, Problem, Rule, RunProblem


class EquityRule(Rule):
    """Base: report this rule's share of the equity analysis."""

    category = "equity"
    severity = "warning"
    languages = ENGLISH  # English word lists
    kind = ""

    def wants(self, block) -> bool:
        return False  # no NLP: the analysis reads words only

    def check(self, doc, ctx) -> Iterator[Problem]:
        for hit in ctx.analysis("equity")["hits"]:
            if hit.rule == self.id:
                yield Problem(span=hit.block.span(hit.start, hit.end), text=hit.block.text[hit.start:hit.end],
                              message=hit.message, suggestion=hit.suggestion, severity=hit.severity, data=hit.data)


class HomeResources(EquityRule):
    """Homework or activities that presume something at home: a computer, internet, a printer or a phone; a
    yard or garden; a pet; a car trip or a family vacation; a room or a quiet place of one's own.

    Entries: ``rules/equity/home.toml``. Reported only in instructions addressed to the student (you/your, an
    instruction that starts with a verb, or a homework section). Not reported: sentences that already offer
    another way ("if you have a computer at home...; otherwise use a school computer", "the class set"), school
    places (the school garden, the schoolyard), teacher notes, quotations.
    """

    id = "E101"
    name = "home-resources"
    summary = "Activity that presumes a resource at home"
    kind = "home"
    references = ("CAST, Universal Design for Learning Guidelines 3.0, Guideline 7: Welcoming Interests & Identities",
                  "NGSS Appendix D: All Standards, All Students")
    examples = (
        Example("<p>Take a photo of {{your backyard}} at sunrise and at sunset.</p>"),
        Example("<p>Use {{your home computer}} to look up tomorrow's tides.</p>"),
        Example("<p>Take a photo of the schoolyard at sunrise and at sunset.</p>"),
        Example("<p>If you have a computer at home, look up tomorrow's tides; otherwise use a library computer.</p>"),
    )


class CostToFamilies(EquityRule):
    """Materials or activities that families must pay for: "ask your parents to buy", "purchase", a price in
    a student's instructions, a shop to get it from, a brand name in a list of things to bring.

    Entries: ``rules/equity/cost.toml``. A price at or below the ``materials-budget`` setting stays quiet.
    Not reported: teacher notes and materials lists the school supplies ("Teacher note: purchase enough baking
    soda for every group"), money in an example or a word problem ("the school store sells pencils for $0.25"),
    prices in data and graphs.
    """

    id = "E102"
    name = "cost-to-families"
    summary = "Material or activity that families must pay for"
    kind = "cost"
    references = ("NGSS Appendix D: All Standards, All Students (economically disadvantaged students)",
                  "CAST, Universal Design for Learning Guidelines 3.0, Guideline 7: Welcoming Interests & Identities")
    examples = (
        Example("<p>{{Ask your parents to buy}} a bag of potting soil.</p>"),
        Example("<p>Each student will need a {{$12}} stopwatch.</p>"),
        Example("<h2>Teacher notes</h2><p>Purchase a bag of potting soil for each group.</p>"),
        Example("<p>In this economics example, the school store sells pencils for $0.25.</p>"),
    )


class FamilyAssumptions(EquityRule):
    """Instructions that assume who a student lives with ("ask your mom and dad", "your parents", "both of
    your parents") or that split family tasks by gender ("ask your mother to bake...; have your father build").

    Entries: ``rules/equity/family.toml``. Not reported: genetics and heredity ("the genes you inherited from
    your parents"), sentences that already say "a family member or caregiver", animal families ("the mother
    bird"), science terms (mother cell, parent isotope).
    """

    id = "E103"
    name = "family-assumptions"
    summary = "Instruction that assumes a student's family"
    kind = "family"
    references = ("APA Style, 7th ed., 5.1 General Guidelines for Reducing Bias",
                  "Conscious Style Guide: family")
    examples = (
        Example("<p>Interview {{your parents}} about the winters they remember.</p>"),
        Example("<p>{{Ask your mother to bake}} a cake with you.</p>"),
        Example("<p>Interview a family member or caregiver about the winters they remember.</p>"),
        Example("<p>You inherited half of your genes from each of your parents.</p>"),
    )


class HolidayAsUniversal(EquityRule):
    """One culture's holidays and customs used as everyone's: "over Christmas break", "at Thanksgiving
    dinner", "your Christmas tree", "get ready for Halloween".

    Entries: ``rules/equity/holiday.toml``. Not reported: names (Christmas Island, Easter Island, the Christmas
    tree worm, the Christmas Bird Count), a holiday mentioned as information rather than assumed in an
    instruction, sentences that invite students to share their own celebrations.
    """

    id = "E104"
    name = "holiday-as-universal"
    summary = "One culture's holiday treated as everyone's"
    kind = "holiday"
    references = ("NSTA Position Statement: Multicultural Science Education",
                  "Conscious Style Guide: religion")
    examples = (
        Example("<p>Over {{Christmas break}}, watch the Moon each night.</p>"),
        Example("<p>Over winter break, watch the Moon each night.</p>"),
        Example("<p>Christmas Island red crabs migrate to the sea.</p>"),
    )


class OneCountry(EquityRule):
    """Wording that assumes every student lives in one country or one climate: "our country", "your state",
    temperatures only in Fahrenheit, measurements only in customary units (miles, feet, pounds, gallons), the
    seasons of one hemisphere as everyone's ("in December it is cold").

    Entries: ``rules/equity/place.toml``. With ``audience-country`` set, these are reported as info (a note).
    Not reported: a metric or Celsius value in the same sentence (units) or paragraph (temperature), "the state
    of matter" and other science states, seasons that say where ("in the Northern Hemisphere").
    """

    id = "E105"
    name = "one-country"
    summary = "Wording that assumes one country or one climate"
    kind = "place"
    references = ("BIPM, The International System of Units (SI Brochure)",
                  "CAST, Universal Design for Learning Guidelines 3.0, Guideline 2: Language & Symbols")
    examples = (
        Example("<p>Record the temperature in {{degrees Fahrenheit}}.</p>"),
        Example("<p>{{Our country}} gets most of its electricity from coal.</p>"),
        Example("<p>Water boils at 212 °F (100 °C) at sea level.</p>"),
        Example("<p>Water can change its state of matter.</p>"),
    )


class PlacesConcentration(EquityRule):
    """Where a unit's examples happen: when most of the places it names are in one country, a note that says
    so, with the count by world region (the ``places`` block of the JSON report).

    Places are countries and demonyms (``rules/people/demonyms.toml``) and states, cities, landmarks and
    regions (``rules/equity/places.toml``). Reported once per file at the first mention of that country,
    when the file names at least ``min_mentions`` places and ``share`` of them are in one country; across a
    run of two or more files, the same for the whole run. Information only: a local example is often the best
    one, and a unit written for one country may rightly stay there.
    """

    id = "E106"
    name = "places-concentration"
    summary = "Most of the unit's examples happen in one country"
    severity = "info"
    references = ("NSTA Position Statement: Multicultural Science Education",
                  "CAST, Universal Design for Learning Guidelines 3.0, Guideline 7: Welcoming Interests & Identities")
    options = {"min_mentions": 8, "share": 0.8}
    examples = (
        Example("<p>{{Texas}} and Ohio grow corn; Iowa grows more. Kansas grows wheat, Nebraska grows both, and "
                "farms in Illinois, Indiana's neighbour Ohio and Minnesota grow soybeans.</p>"),
        Example("<p>Texas and Ohio grow corn; Kenya grows tea, India grows rice and Brazil grows coffee. Farms in "
                "Ghana grow cocoa, Vietnam grows rice and Egypt grows cotton.</p>"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        result = ctx.analysis("equity")
        block = result["places"]
        message = self._message(block, ctx)
        if message is None:
            return
        country = block["top_country"]
        where, start, end = min((result["first"][p["name"]] for p in block["places"] if p["country"] == country),
                                key=lambda first: (first[0].index, first[1]))
        yield Problem(span=where.span(start, end), text=where.text[start:end], message=message[0],
                      suggestion=message[1], data={"country": country, "share": block["top_country_share"]})

    def check_run(self, summary: Any, ctx) -> Iterator[RunProblem]:
        message = self._message(summary, ctx, "these files")
        if message is not None:
            yield RunProblem(message[0], message[1], {"country": summary["top_country"],
                                                      "share": summary["top_country_share"]})

    def _message(self, block: dict[str, Any], ctx, what: str = "this document") -> tuple[str, str] | None:
        total, share = block.get("mentions", 0), block.get("top_country_share")
        if not block.get("top_country") or total < ctx.option(self, "min_mentions") or share is None \
                or share < ctx.option(self, "share"):
            return None
        count = round(share * total)
        regions = ", ".join(f"{r} {n}" for r, n in block["by_region"].items())
        return (f"{count} of the {total} place mentions in {what} are in {block['top_country']} (by world region: "
                f"{regions}). Students elsewhere see fewer examples from where they live.",
                "Consider adding an example or case study from another part of the world, or say why this place "
                "was chosen.")


RULES = (HomeResources, CostToFamilies, FamilyAssumptions, HolidayAsUniversal, OneCountry, PlacesConcentration)
