"""Readability: reading grade against the unit's grade band, per document, section and sentence."""
from auditor.readability.analysis import ReadabilityDimension
from auditor.readability.rules import HardSentence, ReadingLevelAboveBand, SectionAboveBand, TextFarBelowBand

DIMENSION = ReadabilityDimension
RULES = (ReadingLevelAboveBand, SectionAboveBand, HardSentence, TextFarBelowBand)
