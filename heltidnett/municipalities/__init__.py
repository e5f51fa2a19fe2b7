"""Municipalities and their units."""
