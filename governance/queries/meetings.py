"""Reads about meetings, cases and decisions."""
