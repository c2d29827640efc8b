"""`make bench`: synthetic data in a separate database, measured figures in one table and JSON.

Each area adds a module with `measure(context) -> list[Result]`; the command runs them in order.
"""
