"""Shared learning: GJORT-LÆRT-LURT stories, the gallery and ideas (innspill) from others."""
