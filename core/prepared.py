"""Querysets asked on every request, compiled by the ORM once per process and then run as raw SQL.

For the small lookups each signed-in page makes (who the user is, which organisations they are
contact for), building the SQL costs more than running it: a select_related or annotated query
takes 0.5–0.7 ms to compile and a tenth of that to run (make bench). A PreparedQuery builds its
queryset once per database alias with a stand-in value, keeps the SQL, and from then on runs it
with the real value, giving the same model instances (and annotations) the queryset would.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import router
from django.db.models import Model, QuerySet

# Stands in for the value while the query is compiled; it must be the only parameter in the SQL.
_STAND_IN = -7_654_321


class PreparedQuery:
    """`build(value)` returns a queryset of `model` whose only parameter is `value` (used any number of times).

    The rows come as `model` instances with any annotations; select_related is not carried over.
    """

    def __init__(self, model: type[Model], build: Callable[[object], QuerySet]):
        self.model, self.build = model, build
        self._compiled: dict[str, tuple[str, int]] = {}

    def _sql(self, alias: str) -> tuple[str, int]:
        if alias not in self._compiled:
            sql, params = self.build(_STAND_IN).using(alias).query.sql_with_params()
            if not params or any(param != _STAND_IN for param in params):
                raise ValueError(f"a prepared query takes exactly one value, not {params!r}")
            self._compiled[alias] = (sql, len(params))
        return self._compiled[alias]

    def __call__(self, value) -> list[Model]:
        alias = router.db_for_read(self.model)
        sql, count = self._sql(alias)
        return list(self.model._default_manager.using(alias).raw(sql, [value] * count))
