"""Factories for the governance app."""
