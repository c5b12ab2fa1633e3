"""Accessibility: text alternatives for images first, then the WCAG checks static HTML allows."""
from auditor.accessibility import images, sensory, structure
from auditor.accessibility.analysis import AccessibilityDimension

DIMENSION = AccessibilityDimension
RULES = (*images.RULES, *structure.RULES, sensory.SensoryInstructions)
