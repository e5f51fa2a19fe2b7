"""Staffing indicators: the catalogue, entry and import, computations, dashboards."""
