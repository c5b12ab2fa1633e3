"""Accessibility: text alternatives for images first, then the WCAG checks static HTML allows."""
from auditor.accessibility import images
from auditor.accessibility.analysis import AccessibilityDimension

DIMENSION = AccessibilityDimension
RULES = (*images.RULES,)
