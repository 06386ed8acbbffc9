"""Reads from PostgreSQL replicas, writes on the primary, and a client's reads right after its own
write on the primary too (read-your-writes). Only with DATABASE_REPLICA_URLS: settings then adds
`ReplicaRouter`, and without it `ReplicaReadsMiddleware` takes itself out of the chain.

A read goes to a replica only inside a request the middleware allowed: a safe method (GET, HEAD,
OPTIONS), outside the admin, from a client without the cookie a recent write set. Everything else
reads the primary: management commands (ingest, send_alerts, shell), the admin, POSTs, the rest of
a request once it wrote, anything inside `transaction.atomic()`, and `primary_reads()` blocks.
A request reads from one replica, picked at its first read among those that answer: a replica that
cannot be reached within REPLICA_CONNECT_TIMEOUT is left out for DOWN_SECONDS, in this process,
and with no replica up the primary serves. Migrations run on the primary only.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import reverse

logger = logging.getLogger(__name__)

PIN_COOKIE = "read_primary"  # set for REPLICA_LAG_SECONDS after a client's write
DOWN_SECONDS = 30  # how long a replica that did not answer is left out
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class RequestReads:
    """What one request may read from and what it did: `served` lists the databases that answered
    its reads, in order (the access log shows them)."""

    replica_allowed: bool
    wrote: bool = False
    replica: str | None = None
    served: list[str] = field(default_factory=list)

    def read_from(self, alias: str) -> str:
        if alias not in self.served:
            self.served.append(alias)
        return alias


_reads: ContextVar[RequestReads | None] = ContextVar("request_reads", default=None)
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != DEFAULT_DB_ALIAS]


def usable(alias: str) -> bool:
    """Whether the replica answers: its connection is checked (opened, if need be, within the
    connect timeout); one that fails is left out for DOWN_SECONDS without being tried again."""
    if _down_until.get(alias, 0.0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        _down_until[alias] = time.monotonic() + DOWN_SECONDS
        reason = str(error).strip().splitlines() or [type(error).__name__]
        logger.warning("Database %s is down, reads skip it for %d s: %s", alias, DOWN_SECONDS,
                       reason[0])
        return False
    return True


def _pick_replica() -> str:
    aliases = replica_aliases()
    random.shuffle(aliases)
    return next((alias for alias in aliases if usable(alias)), DEFAULT_DB_ALIAS)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if (reads is None or not reads.replica_allowed or reads.wrote
                or connections[DEFAULT_DB_ALIAS].in_atomic_block):
            return reads.read_from(DEFAULT_DB_ALIAS) if reads else DEFAULT_DB_ALIAS
        if reads.replica is None:
            reads.replica = _pick_replica()
        return reads.read_from(reads.replica)

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True  # the rest of this request, and the client's next reads, see it
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every database holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


@contextmanager
def primary_reads() -> Iterator[None]:
    """Reads inside this block come from the primary: for what is computed once and shared (the
    read cache), which must not keep a lagging replica's answer."""
    reads = _reads.get()
    token = _reads.set(RequestReads(replica_allowed=False, served=reads.served) if reads else None)
    try:
        yield
    finally:
        _reads.reset(token)


class ReplicaReadsMiddleware:
    """Lets a request read from a replica (see the module's docstring), and after an unsafe
    request or one that wrote sets a cookie that keeps the client on the primary for
    REPLICA_LAG_SECONDS. Before SessionMiddleware, so that sessions are read and saved under it."""

    def __init__(self, get_response):
        if not replica_aliases():
            raise MiddlewareNotUsed
        self.get_response = get_response
        self._admin_prefix = None

    def __call__(self, request):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        reads = RequestReads(replica_allowed=request.method in SAFE_METHODS
                             and PIN_COOKIE not in request.COOKIES
                             and not request.path.startswith(self._admin_prefix))
        request.database_reads = reads
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if response.streaming and getattr(response, "file_to_stream", None) is None:
            # a streamed body (the dump) is read from the database after this returns
            response.streaming_content = _streamed(reads, response.streaming_content)
        if reads.wrote or request.method not in SAFE_METHODS:
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.REPLICA_LAG_SECONDS,
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True,
                                samesite="Lax")
        return response


_END = object()


def _streamed(reads: RequestReads, chunks) -> Iterator:
    """The chunks of a streamed response, each produced under the request's reads."""
    chunks = iter(chunks)
    while True:
        token = _reads.set(reads)
        try:
            chunk = next(chunks, _END)
        finally:
            _reads.reset(token)
        if chunk is _END:
            return
        yield chunk
