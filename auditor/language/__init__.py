"""Inclusive language: exclusionary wording, with a suggestion and a reason for each."""
from auditor.language.analysis import LanguageDimension
from auditor.language.terms import RULES

DIMENSION = LanguageDimension
__all__ = ["DIMENSION", "RULES"]
