"""A value that changes whenever the data behind a cached page changes, read in one query.

Pages that many people open and few people change (the portal home, the dues totals) are
cached under this value: a write anywhere in the tables they read gives a new key, so a cached
page is never stale, and nothing has to remember to invalidate it.

Every audited model keeps a history row per save and delete (django-simple-history), so its
newest history id moves on every change made through the ORM. (A queryset `update()` writes no
history: the fingerprinted models are written through their services, which save.)
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Model


def _part(model: type[Model]) -> str:
    history = getattr(model, "history", None)
    if history is None:
        raise ValueError(f"{model._meta.label} keeps no history: it cannot be fingerprinted")
    table = connection.ops.quote_name(history.model._meta.db_table)
    return f"(SELECT max(history_id) FROM {table})"  # noqa: S608 — a table name from the model


@cache
def version_columns(models: tuple[type[Model], ...]) -> tuple[str, ...]:
    """The select-list of data_version, for a caller that reads more in the same query."""
    return tuple(_part(model) for model in models)


def version_of(values) -> str:
    """data_version's string from the values of version_columns."""
    return "-".join("" if value is None else str(value) for value in values)


def data_version(*models: type[Model]) -> str:
    """One short string per state of `models`' tables (one query, index-only lookups)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(version_columns(models)))
        return version_of(cursor.fetchone())
