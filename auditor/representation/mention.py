"""A mention: a stretch of text that names a person, and the patterns a written name matches.

Shared by every step of finding people (candidates, aliases, grouping) and by the attributes read around each
mention, so it depends on none of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.representation.kb import PARTICLES, Entry

if TYPE_CHECKING:
    from auditor.document import Block

#: Upper-case letters that can start a name (Latin script with the accents names use).
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#: One name word: "Maathai", "Chien-Shiung", "O'Keeffe", "McClintock", an initial "J." or initials written
#: together "H.C." (not "A" alone).
NAME_WORD = rf"(?:(?:[{_UPPER}]\.){{1,3}}(?![\w'’])|[{_UPPER}][\w'’]*(?:-[\w'’]+)*)"
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
#: A name: up to five name words, with lower-case particles inside ("Ynes Mexía", "Ibn al-Haytham").
NAME = rf"{NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)*{NAME_WORD}){{0,4}}"
#: A possessive right after a name: "Darwin's", "Descartes' notes".
POSSESSIVE = re.compile(r"^(?:['’]s\b|['’](?=\s))")


@dataclass
class Mention:
    """One place the text names a person: where, on what evidence, and what else the text says there."""

    block: Block
    start: int  # the name itself: no title, no possessive
    end: int
    sources: set[str]
    title: str | None = None
    entry: Entry | None = None
    possessive: bool = False
    sentence: int = 0  # document-wide sentence number
    subject: bool = False
    full: str | None = None  # the full name when the text shares a surname ("Marie and Pierre Curie")

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def words(self) -> list[str]:
        return (self.full or self.text).split()

