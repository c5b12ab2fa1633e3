"""Readability: reading grade against the unit's grade band."""
from auditor.readability.analysis import ReadabilityDimension
from auditor.readability.rules import ReadingLevelAboveBand

DIMENSION = ReadabilityDimension
RULES = (ReadingLevelAboveBand,)
