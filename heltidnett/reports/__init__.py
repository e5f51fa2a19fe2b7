"""Reports: data as DataFrames, charts as SVG, documents as PDF, tables as xlsx and CSV."""
