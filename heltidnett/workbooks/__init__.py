"""Workbooks (arbeidsbok): chapters, prompts, each municipality's answers, feedback and outputs."""
