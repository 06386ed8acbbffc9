"""/healthz, for a load balancer or an uptime check: the primary database (SELECT 1), each replica
and the cache (a key set and read back), without touching a model or a session.

200 {"status": "ok", "database": "ok", "cache": "ok", "replicas": {"replica0": "ok"}}, or 503 with
"status": "error" and the failed part saying "error: <kind>". A replica that is down is reported
("down") without failing the check: the node then reads from another replica or the primary.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import replicas

logger = logging.getLogger(__name__)


def database_status(alias: str = DEFAULT_DB_ALIAS) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database %s failed: %s", alias, error)
        return f"error: {type(error).__name__}"
    return "ok"


def cache_status() -> str:
    key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # each cache backend raises its own kinds (redis, OSError, ...)
        logger.error("Health check: cache failed: %s", error)
        return f"error: {type(error).__name__}"
    return "ok" if answered == token else "error: value not kept"


@never_cache
@require_safe
def healthz(request):
    report = {
        "status": "ok",
        "database": database_status(),
        "cache": cache_status(),
        "replicas": {alias: "ok" if replicas.usable(alias) else "down"
                     for alias in replicas.replica_aliases()},
    }
    healthy = report["database"] == "ok" and report["cache"] == "ok"
    report["status"] = "ok" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503)
