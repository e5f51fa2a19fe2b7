"""Live self-assessment polls at gatherings."""
