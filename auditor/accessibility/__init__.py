"""Accessibility: text alternatives for images first, then the WCAG checks static HTML allows, then an EPUB's
publication-level checks."""
from auditor.accessibility import (
         forms,
         headings,
         images,
         links,
         media,
         page,
         parsing,
         publication,
         sensory,
         tables,
         word,
)
from auditor.accessibility.analysis import AccessibilityDimension

DIMENSION = AccessibilityDimension
RULES = (*images.RULES, *page.RULES, *headings.RULES, *links.RULES, *tables.RULES, *media.RULES, *forms.RULES,
         sensory.SensoryInstructions, word.WordFakeHeading, *parsing.RULES, *publication.RULES)
