"""Accessibility: text alternatives for images first, then the WCAG checks static HTML allows."""
from auditor.accessibility.analysis import AccessibilityDimension
from auditor.accessibility.images import ImageAltMissing

DIMENSION = AccessibilityDimension
RULES = (ImageAltMissing,)
