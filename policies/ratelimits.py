"""How often one client may use the costly or abusable parts of the site: CSV exports, the dump,
Atom feeds, API searches, and sending the public forms (settings.RATELIMITS, each overridable
from the environment), counted by django-ratelimit in the default cache.

A client is its address (`client_address`): REMOTE_ADDR, or the first X-Forwarded-For address
when settings.BEHIND_TRUSTED_PROXY says a proxy in front sets that header; the library counts
an IPv6 client by its /64 and keeps only a hash of it in the cache key. Over a limit, the answer
is 429 with Retry-After, the seconds until the counting window ends, and a message in the
surface's own form: plain text here (`limited`), the API's JSON problem in policies/api/.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django_ratelimit.core import get_usage

UNITS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def client_address(request) -> str:
    """The client's IP address, as the limits (and the forms' client hashes) count it."""
    if settings.BEHIND_TRUSTED_PROXY:
        first = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if _is_address(first):
            return first
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_address(address) else "0.0.0.0"  # unknown clients share a count


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def per_period(rate: str) -> str:
    """'30/m' -> '30 a minute', '5/2h' -> '5 every 2 hours' (settings checked the form)."""
    count, period = rate.split("/")
    multiple, unit = period[:-1], UNITS[period[-1]]
    if multiple in ("", "1"):
        return f"{count} a {unit}"
    return f"{count} every {multiple} {unit}s"


class Limit:
    """settings.RATELIMITS[name] uses per client (or per `key`, a text such as an address's
    hash) in each window; `noun` names the uses in the message ("CSV exports")."""

    def __init__(self, name: str, noun: str):
        self.name = name
        self.noun = noun

    @property
    def rate(self) -> str:
        return settings.RATELIMITS[self.name]

    def _usage(self, request, key: str | None, *, increment: bool) -> dict | None:
        by = "ip" if key is None else (lambda group, request: key)
        return get_usage(request, group=f"policies.{self.name}", key=by, rate=self.rate,
                         increment=increment)

    def hit(self, request, key: str | None = None) -> int | None:
        """Count one use; when it is over the limit, the seconds until the window ends. (Every
        use must reach the count: this request's response is not kept whole for the next
        reader, see policies/response_cache.py.)"""
        request.counted_by_a_limit = True
        usage = self._usage(request, key, increment=True)
        return _seconds_left(usage) if usage and usage["should_limit"] else None

    def count(self, request, key: str | None = None) -> None:
        """Count one use that has been allowed already (a form sent after `reached`)."""
        self._usage(request, key, increment=True)

    def reached(self, request, key: str | None = None) -> int | None:
        """Without counting: the seconds until the window ends when no use is left in it."""
        usage = self._usage(request, key, increment=False)
        return _seconds_left(usage) if usage and usage["count"] >= usage["limit"] else None

    def message(self, seconds: int) -> str:
        return (f"Too many {self.noun} from your address: at most {per_period(self.rate)}. "
                f"Please try again in {seconds} second{'' if seconds == 1 else 's'}.")


def _seconds_left(usage: dict) -> int:
    return max(1, int(usage["time_left"]))


def retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    """A 429 answer with the Retry-After header."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def plain_refusal(limit: Limit, seconds: int) -> HttpResponse:
    return retry_after(HttpResponse(limit.message(seconds) + "\n",
                                    content_type="text/plain; charset=utf-8"), seconds)


def limited(limit: Limit, *, when: Callable | None = None,
            refusal: Callable[[Limit, int], HttpResponse] = plain_refusal):
    """A view decorator: each request (for which `when(request)` holds) counts one use of
    `limit`; one over it gets `refusal(limit, seconds)` (plain text by default) instead."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if when is None or when(request):
                seconds = limit.hit(request)
                if seconds is not None:
                    return refusal(limit, seconds)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
