"""When the database cannot answer: a fast 503 the client can read, never a 500 or a worker held.

- `unavailable(error)` tells a database that is down, restarting, out of connections, locked or
  slower than the web's limit (a 503: try again later) from a bug (a 500).
- `unavailable_response` is the answer to such an error, which the project's handler500
  (errors.py) gives for errors from views and middleware alike: a 503 with `Retry-After`, in
  the form the client reads (the JSON problem for /api/, plain text for files such as the CSV
  exports and the dump, a plain HTML page otherwise). It touches no database itself.
- `limit_statements(ms)` is the web server's limit on one statement (wsgi.py calls it, so
  manage.py commands are never cut), in the connections' settings: PostgreSQL's
  `statement_timeout` (`-c` in the connection's options; lock waits count), SQLite's busy timeout
  (waiting for another writer) and a progress handler that interrupts a statement once it has
  spent as long inside the engine. A streamed export's statement stays open between chunks while
  the client reads; the progress handler counts only the engine's time, so slow readers are not
  cut (on PostgreSQL the export's query, then each FETCH of its cursor, are statements of their
  own).

With DEBUG on, Django shows its technical 500 page instead, as for any error.
"""

from __future__ import annotations

import sqlite3
import time

from django.db import InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 30
# SQLSTATE classes that say the server, not the query, is the problem: connection exception,
# insufficient resources (too many connections), operator intervention (shutdown, restart,
# "the database system is starting up", and 57014, a statement cancelled by statement_timeout).
UNAVAILABLE_SQLSTATE_CLASSES = ("08", "53", "57")
STATEMENT_CANCELLED = "57014"
SQLITE_BUSY = "database is locked"  # waited `busy_timeout` for another writer
SQLITE_INTERRUPTED = "interrupted"  # stopped by the progress handler below
# SQLite: the progress handler runs every this many virtual-machine instructions (tens of
# microseconds), and counts the time since its last call up to STEP_CAP_SECONDS: a longer gap is
# a streamed statement waiting for its reader between two chunks, which is not the engine's time.
PROGRESS_STEPS = 1000
STEP_CAP_SECONDS = 0.001

SLOW = "The archive's database took too long to answer."
DOWN = "The archive's database is not answering."
AGAIN = "Please try again in a minute."
NOT_SAVED = "Nothing you sent was saved."


def unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot answer now, rather than a bug or bad input."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return str(cause) in (SQLITE_BUSY, SQLITE_INTERRUPTED)
    sqlstate = getattr(cause, "sqlstate", None)  # psycopg's errors carry the server's code
    if sqlstate is None:  # no answer from the server at all: refused, closed, timed out
        return cause is not None or isinstance(error, InterfaceError)
    return sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES


def _too_slow(error: BaseException) -> bool:
    cause = error.__cause__
    return str(cause) in (SQLITE_BUSY, SQLITE_INTERRUPTED) if isinstance(cause, sqlite3.Error) \
        else getattr(cause, "sqlstate", None) == STATEMENT_CANCELLED


def _form(request) -> str:
    path = request.path
    if path.startswith("/api/"):
        return "json"
    if "/feed/" in path or "." in path.rsplit("/", 1)[-1]:  # files: CSV, the dump, feeds, ...
        return "text"
    return "html"


def unavailable_response(request, error: BaseException) -> HttpResponse:
    """The 503 for `error` (see `unavailable`), in the form the client reads."""
    message = SLOW if _too_slow(error) else DOWN
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        message = f"{message} {NOT_SAVED}"
    form = _form(request)
    if form == "json":
        response = JsonResponse({"error": f"{message} {AGAIN}", "errors": {}}, status=503,
                                json_dumps_params={"ensure_ascii": False})
    elif form == "text":
        response = HttpResponse(f"503 Service Unavailable. {message} {AGAIN}\n", status=503,
                                content_type="text/plain; charset=utf-8")
    else:
        body = loader.get_template("503.html").render({"message": message, "again": AGAIN})
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a proxy must not keep serving the outage
    return response


# --------------------------------------------------------------------------- statement limit


class _SqliteClock:
    """The time a SQLite connection's current statement has spent inside the engine."""

    def __init__(self, limit_seconds: float):
        self.limit = limit_seconds
        self.spent = 0.0
        self.last = time.monotonic()

    def statement_started(self, _sql) -> None:
        self.spent, self.last = 0.0, time.monotonic()

    def over_limit(self) -> bool:
        now = time.monotonic()
        self.spent += min(now - self.last, STEP_CAP_SECONDS)
        self.last = now
        return self.spent > self.limit


LIMIT_KEY = "STATEMENT_TIMEOUT_MS"  # in a connection's settings: the limit `watch_sqlite` applies


def limit_statements(milliseconds: int) -> None:
    """Give every database connection this process opens the web's limit (0: none). wsgi.py
    calls it before the first request, so before any connection is open."""
    if milliseconds > 0:
        for alias in connections:
            limit_settings(connections.settings[alias], milliseconds)


def limit_settings(database: dict, milliseconds: int) -> dict:
    """One connection's settings (an entry of DATABASES) with the limit, changed in place."""
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = (f"{options.get('options', '')} "
                              f"-c statement_timeout={int(milliseconds)}").strip()
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        options["timeout"] = milliseconds / 1000  # how long to wait for another writer's lock
        database[LIMIT_KEY] = milliseconds
    return database


@receiver(connection_created)
def watch_sqlite(sender, connection, **kwargs):
    """A new SQLite connection with a limit in its settings gets the clock that enforces it."""
    limit = connection.settings_dict.get(LIMIT_KEY)
    if limit and connection.vendor == "sqlite":
        clock = _SqliteClock(limit / 1000)
        connection.connection.set_trace_callback(clock.statement_started)
        connection.connection.set_progress_handler(clock.over_limit, PROGRESS_STEPS)
