"""The lowest layer: infrastructure every app uses and that knows no domain.

Prepared queries and the data fingerprint (caching), absolute links to the site, the fail-soft
Redis cache and the session store on it, form rendering, starting a background job without a 500.
It imports Django, Celery and Redis, never an app of this project (import-linter guards that:
see pyproject.toml and docs/architecture.md).
"""
