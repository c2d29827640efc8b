"""Factories for the activities app."""
