"""ssec-audit: audit K-12 science curriculum documents against the Smithsonian Science Education Center's
Inclusion priority (accessibility, readability, inclusive language and representation)."""

__version__ = "0.1.0"
