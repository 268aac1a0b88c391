"""Hostile and broken input for the importers: see `corpus.py` (`python -m tests.hostile.corpus OUT` writes it)."""
