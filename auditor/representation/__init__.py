"""Representation: who the unit features, with the source of every attribute."""
from auditor.representation.analysis import RepresentationDimension
from auditor.representation.rules import RULES

DIMENSION = RepresentationDimension
__all__ = ["DIMENSION", "RULES"]
