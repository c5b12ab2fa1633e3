"""Representation rules."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.rule import Example, Problem, Rule


class FeaturedPeople(Rule):
    """Lists the people the document names, so a writer sees at a glance whom the unit features.

    People are found with the trained pipeline's named-entity recogniser, titles ("Dr. Okafor") and the
    knowledge base. Attributes (gender, region, birth year) are shown only with their source; without a
    source they are "unknown". Reported once per document, at the first person's first mention, as
    information. When the unit features nobody, says so.
    """

    id = "P101"
    name = "featured-people"
    category = "representation"
    severity = "info"
    summary = "People the document features"
    references = ("Smithsonian Science Education Center: Inclusion priority (students recognize themselves "
                  "in STEM)",)
    examples = (
        Example("<p>Dr. Amara Okafor studies coral reefs.</p>", fails=True),
        Example("<p>Coral reefs grow slowly in warm water.</p>", fails=True, note="says nobody is featured"),
    )

    def check(self, doc, ctx) -> Iterator[Problem]:
        people = ctx.analysis("representation")
        if not people:
            first = next((b for b in doc.blocks if b.kind != "title"), None)
            if first is None:
                return
            yield Problem(span=first.span(0, 0), text="",
                          message="This document does not name any person. Featuring a scientist helps "
                                  "students picture themselves doing science.",
                          suggestion="Consider a short 'Meet the Scientist' profile related to this topic.")
            return
        first = people[0]
        listing = "; ".join(
            f"{p.name} ({'scientist' if p.scientist else 'person'}, {p.mentions} mention"
            f"{'s' if p.mentions != 1 else ''})" for p in people[:12])
        more = f" and {len(people) - 12} more" if len(people) > 12 else ""
        block = first.offset_block
        end = block.text.find(" ", first.start + len(first.name.split()[0]))
        yield Problem(span=block.span(first.start, first.start + len(first.name)),
                      text=block.text[first.start:first.start + len(first.name)],
                      message=f"This document features {len(people)} "
                              f"{'person' if len(people) == 1 else 'people'}: {listing}{more}.",
                      data={"people": len(people)})
        del end
