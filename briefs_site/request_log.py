"""Request ids and the access log. Every request has an id: the client's or proxy's X-Request-ID
when it is a sane token, else a new uuid4. It is sent back in X-Request-ID and stamped on every log
record emitted while the request runs (`RequestIdFilter`, on the stdout handler in settings), and
each request ends with one access line: method, path, status, duration and the databases its reads
came from. The duration runs until the response is returned: a streamed body (the dump) is sent
after it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
# letters, digits and . _ : - only (no spaces or control characters to forge log lines with)
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_log = logging.getLogger("briefs_site.access")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: the running request's, else that of the request the
    record is about (Django logs a 4xx/5xx response after the middleware has returned), else "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request_id = _request_id.get()
            if request_id == "-":
                request_id = getattr(getattr(record, "request", None), "request_id", "-")
            record.request_id = request_id
        return True


class RequestLogMiddleware:
    """First in MIDDLEWARE, so that its id and its timing cover every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            reads = getattr(request, "database_reads", None)  # set by replicas.py, if in use
            database = (",".join(reads.served) or "-") if reads else "default"
            access_log.info("%s %s %s %.1f ms db=%s", request.method, request.path,
                            response.status_code, duration_ms, database,
                            extra={"method": request.method, "path": request.path,
                                   "status": response.status_code, "duration_ms": duration_ms,
                                   "database": database})
            return response
        finally:
            _request_id.reset(token)
