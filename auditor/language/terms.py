"""The inclusive-language rules: one rule id per category of wording.

Each rule reports the entries of its category from the shared language analysis (``ctx.analysis("language")``),
so a block is scanned once however many language rules are selected. Entries (words, suggestions, reasons,
sources, exceptions) are data in ``rules/language/<category>.toml``; see docs/language.md.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from auditor.document import Block
from auditor.language import discovery, pronouns
from auditor.language.analysis import LANGUAGES, QUOTE_NOTE, SKIP_KINDS, Hit
from auditor.language.termpack import packset
from auditor.rule import ENGLISH, Example, Problem, Rule

NLP = frozenset({"tagger", "parser", "ner", "lemmatizer"})


class LanguageRule(Rule):
    """Base: report this rule's share of the language analysis."""

    languages = ENGLISH

    category = "language"
    severity = "warning"
    needs = NLP
    pack: ClassVar[str] = ""

    def wants(self, block: Block) -> bool:
        # The built-in packs decide which blocks get NLP; entries from user packs are still checked on every
        # block, with the word heuristics where no parse was requested.
        if block.kind in SKIP_KINDS:
            return False
        return packset().wants(block.text, self.pack)

    def check(self, doc, ctx) -> Iterator[Problem]:
        for hit in ctx.analysis("language")["hits"]:
            if hit.rule == self.id:
                message, suggestion = self.explain(hit) if not hit.message else (hit.message, hit.suggestion)
                yield Problem(span=hit.block.span(hit.start, hit.end), text=hit.block.text[hit.start:hit.end],
                              message=message, suggestion=suggestion, severity=hit.severity,
                              fix=hit.fix, data=hit.data)

    def explain(self, hit: Hit) -> tuple[str, str | None]:
        """Message and suggestion for a detector's hit (pack entries bring their own)."""
        raise NotImplementedError(f"{self.id} has no message for {hit.data.get('term')!r}")


def _quote_note(hit: Hit) -> str:
    return " " + QUOTE_NOTE if hit.data.get("quoted") else ""


class GenderedLanguage(LanguageRule):
    """A male word used for people in general: "mankind", "man-made", "manpower", "chairman", "firemen",
    "forefathers", "men of science", generic "man" ("Man has always looked at the stars"), "manned
    spaceflight", "you guys" to a class.

    Entries: ``rules/language/gender.toml``. Job titles match every form (fireman, firemen, fireman's), and the
    suggestion takes the same form (firefighters). Not reported: names (the Isle of Man), a specific man ("the
    man in the photo"), science terms (man-of-war), quotations per the ``quotations`` setting.
    """

    id = "L101"
    name = "gendered-language"
    summary = "Gendered word used for people in general"
    pack = "gender"
    languages = LANGUAGES  # English packs and rules/language/es/
    references = ("APA Style, 7th ed., 5.5 Gender", "Linguistic Society of America, Guidelines for Inclusive Language")
    examples = (
        Example("<p>The history of {{mankind->humankind}} is a history of tools.</p>"),
        Example("<p>Two {{firemen->firefighters}} explain how the fire triangle works.</p>"),
        Example("<p>The history of humankind is a history of tools.</p>"),
        Example("<p>The Isle of Man lies in the Irish Sea.</p>"),
    )


class GenericHe(LanguageRule):
    """A role noun that stands for anyone ("a scientist", "each student", "the engineer") later referred to as
    he, him, his or himself.

    The antecedent comes from the parse: person nouns before the pronoun in its sentence (subjects first) and
    in the sentence before, within the same paragraph. Not reported: "he or she", "his/her"; a pronoun when a
    named person or a male word ("Mr. Ortiz", "the boy", "her father") comes earlier in the paragraph, since he
    may be that person; "the" + role noun unless the sentence is a hypothetical ("When the engineer...") or
    the noun was first introduced generically ("a person... the person"); alt text and captions, which
    describe particular people in a picture. Reported once per antecedent. Without a trained pipeline, only
    "a/an/each/every/any + role noun" antecedents count.
    """

    id = "L102"
    name = "generic-he"
    summary = 'Generic "he" for a role anyone can hold'
    references = ("APA Style, 7th ed., 4.18 Singular \"They\" and 5.5 Gender",
                  "Chicago Manual of Style, 17th ed., 5.251-5.256 (bias-free language)")
    examples = (
        Example("<p>A scientist must record {{his}} data carefully.</p>"),
        Example("<p>Each student should bring {{his}} notebook to the lab.</p>"),
        Example("<p>A scientist must record their data carefully.</p>"),
        Example("<p>Each student should bring his or her notebook.</p>"),
        Example("<p>Isaac Newton was a scientist. He recorded his data carefully.</p>"),
    )

    def wants(self, block: Block) -> bool:
        return block.kind not in SKIP_KINDS and pronouns.wants(block.text)

    def explain(self, hit: Hit) -> tuple[str, str | None]:
        pronoun = hit.block.text[hit.start:hit.end]
        return (f'"{pronoun}" refers to "{hit.data["antecedent"]}", which stands for anyone in that role; a male '
                "pronoun tells students who are not male that the role is not theirs." + _quote_note(hit),
                'Use "they" (singular "they" is standard in APA style), "he or she", or make the noun plural '
                '("scientists ... their").')


class DisabilityLanguage(LanguageRule):
    """Wording that defines people by a disability or uses one as an insult: "the blind" as a noun,
    "wheelchair-bound", "suffers from autism", "crazy", "lame excuse", "turn a blind eye", "retarded".

    Entries: ``rules/language/disability.toml``. Not reported: science terms (double-blind, blind spot, crazy
    ants, dumb cane, flame retardant), literal uses of animals ("a lame horse"), adjectives before a noun
    ("blind people" is fine; "the blind" as a noun is not).
    """

    id = "L103"
    name = "disability-language"
    summary = "Ableist or outdated disability wording"
    pack = "disability"
    languages = LANGUAGES  # English packs and rules/language/es/
    references = ("National Center on Disability and Journalism, Disability Language Style Guide",
                  "APA Style, 7th ed., 5.4 Disability")
    examples = (
        Example("<p>Braille lets {{the blind->blind people}} read with their fingers.</p>"),
        Example("<p>Her grandfather is {{wheelchair-bound}}.</p>"),
        Example("<p>Braille lets blind people read with their fingers.</p>"),
        Example("<p>The trial was double-blind, and the blind spot of the eye was mapped.</p>"),
    )


class RaceEthnicityLanguage(LanguageRule):
    """Outdated, offensive or othering words for peoples and cultures: "Eskimo", "Oriental" for people,
    "primitive tribes", "savages", "the natives", "exotic" for people, discredited race labels (Caucasoid).

    Entries: ``rules/language/race.toml``. Not reported: the same words about plants, animals and science
    (native species, exotic species, primitive streak, Eskimo curlew, the taxonomic rank "tribe"), names
    (Dr. Savage, the Oriental Institute).
    """

    id = "L104"
    name = "race-ethnicity-language"
    summary = "Outdated or othering words for peoples and cultures"
    pack = "race"
    languages = LANGUAGES  # English packs and rules/language/es/
    references = ("APA Style, 7th ed., 5.7 Racial and Ethnic Identity", "Conscious Style Guide",
                  "AP Stylebook, race-related coverage")
    examples = (
        Example("<p>Early travelers described {{the natives}} as {{primitive}} people.</p>"),
        Example("<p>The Inuit built homes from snow; Europeans called them {{Eskimos}}.</p>"),
        Example("<p>Native plants support native species of bees.</p>"),
        Example("<p>The primitive streak forms early in the embryo.</p>"),
    )


class ColonialFraming(LanguageRule):
    """History of science told from the colonisers' side: "Columbus discovered America", "the discovery of
    Australia", "explorers discovered the island", "the New World", "virgin land".

    Places, explorers and uninhabited places are data (``rules/language/colonial.toml``). Not reported:
    discoveries of things ("Herschel discovered Uranus", "discovered that..."), uninhabited places
    ("discovered Antarctica"), "New World monkeys" and other taxonomic groups.
    """

    id = "L105"
    name = "colonial-framing"
    summary = "Places that were already inhabited described as discovered"
    pack = "colonial"
    languages = LANGUAGES  # English packs and rules/language/es/
    references = ("Conscious Style Guide: colonialism", "APA Style, 7th ed., 5.7 Racial and Ethnic Identity")
    examples = (
        Example("<p>In 1492 Columbus {{discovered America}}.</p>"),
        Example("<p>Spices from the {{New World->Americas}} changed European cooking.</p>"),
        Example("<p>In 1781 William Herschel discovered Uranus.</p>"),
        Example("<p>New World monkeys have flat noses.</p>"),
    )

    def wants(self, block: Block) -> bool:
        return super().wants(block) or (block.kind not in SKIP_KINDS and discovery.wants(block.text))

    def explain(self, hit: Hit) -> tuple[str, str | None]:
        return (f"People already lived in {hit.data['place']} when European explorers arrived, so "
                '"discovered" tells the story from one side only.' + _quote_note(hit),
                'Try "reached", "arrived in", "was the first European to reach" or "mapped", and name the '
                "people who already lived there.")


class AgeLanguage(LanguageRule):
    """Wording that lumps older people together or calls them frail: "the elderly", "senile", "old-timers".

    Entries: ``rules/language/age.toml``. "Elderly" before a noun is info only (APA prefers "older adults").
    """

    id = "L106"
    name = "age-language"
    summary = "Ageist wording"
    pack = "age"
    references = ("APA Style, 7th ed., 5.3 Age",)
    examples = (
        Example("<p>Heat waves are most dangerous for {{the elderly->older adults}}.</p>"),
        Example("<p>Heat waves are most dangerous for older adults.</p>"),
    )


class LgbtqLanguage(LanguageRule):
    """Outdated words about sexual orientation and gender identity: "homosexuals" as a noun, "sexual
    preference", "transgendered", "sex change".

    Entries: ``rules/language/lgbtq.toml``. Not reported: biology of animals ("sex change in clownfish",
    "homosexual behavior in penguins").
    """

    id = "L107"
    name = "lgbtq-language"
    summary = "Outdated wording about sexual orientation or gender identity"
    pack = "lgbtq"
    references = ("APA Style, 7th ed., 5.5 Gender and 5.6 Sexual Orientation", "GLAAD Media Reference Guide")
    examples = (
        Example("<p>The survey asked about {{sexual preference->sexual orientation}}.</p>"),
        Example("<p>The survey asked about sexual orientation.</p>"),
        Example("<p>Clownfish can undergo a sex change when the female dies.</p>"),
    )


class ReligionLanguage(LanguageRule):
    """Slurs and dated names for religious groups: "Bible-thumper", "Mohammedan", "heathens", "infidels".

    Entries: ``rules/language/religion.toml``. Kept small on purpose: religious words are usually
    descriptive, so only terms that style guides call offensive or outdated are listed.
    """

    id = "L108"
    name = "religion-language"
    summary = "Offensive or outdated words for religious groups"
    pack = "religion"
    references = ("Religion Stylebook (Religion News Association)", "AP Stylebook, religion")
    examples = (
        Example("<p>Explorers called the people they met {{heathens}}.</p>"),
        Example("<p>Many Muslims fast during Ramadan.</p>"),
    )


class NormalPeople(LanguageRule):
    """"Normal" used of people ("normal children", "a normal person"), which implies that disabled or
    neurodivergent people are abnormal.

    Entries: ``rules/language/normal.toml``. Not reported: "normal" in science (normal force, normal
    distribution, normal body temperature, normal cells).
    """

    id = "L109"
    name = "normal-people"
    summary = '"Normal" used to describe people'
    pack = "normal"
    references = ("National Center on Disability and Journalism, Disability Language Style Guide: normal",
                  "APA Style, 7th ed., 5.4 Disability")
    examples = (
        Example("<p>Unlike {{normal}} children, children with autism may avoid eye contact.</p>"),
        Example("<p>The normal force balances the weight of the book.</p>"),
        Example("<p>Normal body temperature is about 37 degrees Celsius.</p>"),
    )


RULES = (GenderedLanguage, GenericHe, DisabilityLanguage, RaceEthnicityLanguage, ColonialFraming, AgeLanguage,
         LgbtqLanguage, ReligionLanguage, NormalPeople)
