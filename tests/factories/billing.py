"""Factories for the billing app."""
