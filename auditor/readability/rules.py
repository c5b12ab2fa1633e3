"""Readability rules."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.data import load_toml
from auditor.readability.analysis import Reading
from auditor.rule import Example, Problem, Rule

_HARD = ("Photosynthesis, the fundamental biochemical mechanism whereby autotrophic organisms synthesize "
         "carbohydrates utilizing electromagnetic radiation, necessitates chlorophyll, carbon dioxide, and water, "
         "consequently liberating molecular oxygen as a byproduct of considerable ecological significance. ")
_EASY = "Plants make food from light. They use water and air. They give off the oxygen we breathe. "


class ReadingLevelAboveBand(Rule):
    """The whole document reads above the top of its grade band.

    The grade is the median of Flesch-Kincaid, Coleman-Liau and the Automated Readability Index over the
    document's running prose (paragraphs, list items, block quotes, definitions); headings, captions, table
    cells and alt text are left out so fragments do not distort sentence statistics. The band comes from the
    document (``<meta name="grade-band">`` or ``grade_band:`` front matter), else configuration, else
    ``--grade-band`` (default 6-8). Below 100 words the estimate is unreliable and this rule stays quiet.
    Severity is a warning up to 3 grades above the band and an error beyond.
    """

    id = "R101"
    name = "reading-level-above-band"
    category = "readability"
    severity = "warning"
    summary = "Document reads above its grade band"
    references = ("WCAG 2.2 SC 3.1.5 Reading Level (Level AAA)",
                  "Smithsonian Science Education Center: Inclusion priority")
    examples = (
        Example("<meta name='grade-band' content='3-5'><p>" + _HARD * 6 + "</p>", fails=True),
        Example("<meta name='grade-band' content='3-5'><p>" + _EASY * 12 + "</p>", fails=False),
        Example("<meta name='grade-band' content='3-5'><p>" + _HARD + "</p>", fails=False,
                note="too short to judge"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        reading: Reading = ctx.analysis("readability")
        if reading.grade is None or not reading.reliable or reading.first_block is None:
            return
        above = reading.grade - reading.band_high
        if above <= 0.5:
            return
        error_above = float(load_toml("readability", "grade-bands.toml").get("severity", {}).get("error_above", 3))
        block = reading.first_block
        yield Problem(
            span=block.span(),
            text=block.text[:80],
            message=f"This text reads at about grade {reading.grade:g}, above the {reading.band} band it is "
                    f"written for (band from {reading.band_source}).",
            suggestion="Split long sentences and prefer everyday words; define science terms where they first "
                       "appear.",
            severity="error" if above > error_above else None,
            data={"grade": reading.grade, "band": reading.band},
        )
