"""Steering meetings (styringsgruppemøter): minutes, decisions and their follow-up."""
