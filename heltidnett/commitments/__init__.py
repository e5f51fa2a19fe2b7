"""Commitments after each gathering, their follow-up and the network's steering matrix."""
