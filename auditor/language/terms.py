"""Rules that match term packs."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.language.termpack import keep_case, load_pack
from auditor.rule import Example, Problem, Rule, problem_at

SKIP_KINDS = frozenset({"title"})


class GenderedLanguage(Rule):
    """A male word used for people in general ("mankind", "man-made", "chairman", "forefathers").

    Entries live in ``rules/language/gender.toml``; each gives suggestions, a reason and the guidance behind
    it. Proper nouns are left alone (the Isle of Man), and text inside quotations is reported as information
    only, since a historical source should be quoted as written.
    """

    id = "L101"
    name = "gendered-language"
    category = "language"
    severity = "warning"
    summary = "Gendered word used for people in general"
    references = ("APA Style, 7th ed., section 5.5 (Gender)",
                  "Linguistic Society of America, Guidelines for Inclusive Language")
    examples = (
        Example("<p>The history of mankind is a history of tools.</p>", fails=True),
        Example("<p>Plastic is a man-made material.</p>", fails=True),
        Example("<p>The history of humankind is a history of tools.</p>", fails=False),
        Example("<p>The Isle of Man lies in the Irish Sea.</p>", fails=False),
    )
    pack = "gender"

    def check(self, doc, ctx) -> Iterator[Problem]:
        terms = load_pack(self.pack)
        for block in doc.blocks:
            if block.kind in SKIP_KINDS:
                continue
            for term in terms:
                for match in term.pattern.finditer(block.text):
                    found = match.group(0)
                    if any(e.lower() in block.text.lower() for e in term.exceptions):
                        continue
                    suggestions = [keep_case(found, s) for s in term.suggest]
                    yield problem_at(
                        block, match.start(), match.end(),
                        f"{term.reason}",
                        suggestion=("Try " + ", ".join(f'"{s}"' for s in suggestions) + ".") if suggestions
                        else None,
                        severity="info" if block.quoted else None,
                        fix=suggestions[0] if term.fixable and suggestions else None,
                        data={"term": term.id},
                    )
