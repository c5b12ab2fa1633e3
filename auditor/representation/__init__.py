"""Representation: who the unit features, with the source of every attribute."""
from auditor.representation.analysis import RepresentationDimension
from auditor.representation.rules import FeaturedPeople

DIMENSION = RepresentationDimension
RULES = (FeaturedPeople,)
