"""Equity of access and place: what a lesson assumes about students' homes, money, families, holidays and
country, and where its examples happen."""
from auditor.equity.analysis import EquityDimension
from auditor.equity.rules import RULES

DIMENSION = EquityDimension
__all__ = ["DIMENSION", "RULES"]
