"""Whole responses for anonymous readers, cached per data version (policies/data_version.py), with
conditional GET and headers that let a proxy or CDN serve them.

A GET or HEAD from a reader without a session is keyed on the data version, the path, the
query string in canonical order (parameters sorted by name, each one's values in the order
given) and the HX-Request and HX-History-Restore-Request headers (a fragment for htmx is
another response). Its ETag
(W/"<version>-<digest of the key>") and Last-Modified (the version's time) are known before
the view runs: a matching If-None-Match, or an If-Modified-Since at or after the last write,
answers 304 at the cost of one query (the version). Otherwise a response cached under the key
is returned as it was; else the view runs and a 200 is kept, unless it sets a cookie, varies
on the cookie, is streamed, is larger than RESPONSE_CACHE_MAX_BYTES, or says no-store or
private, or counted against a rate limit (policies/ratelimits.py: each use must reach the
count). Every write bumps the version, so no cached response outlives the data it shows.

Headers on a cacheable response: ETag, Last-Modified, Vary: HX-Request,
HX-History-Restore-Request and Cache-Control:
public, max-age=PUBLIC_MAX_AGE (the time a proxy may serve it without asking: the freshness a
CDN may trade for load; 0 makes it revalidate every time). The cache is the `responses` alias
(local memory per worker by default, Redis with CACHE_URL: one cache for every node).
RESPONSE_CACHE=False turns the keeping off (the benchmark's "nothing from a response cache");
conditional GET stays.

Views marked `@exempt` are left alone (no version read, no validators): the pages kept by the
shared read cache (the home page, the agency directory: fresher across nodes than a lagging
replica's version) and pages that read no data. The 304s and the kept responses are answered as
the request reaches this middleware, the view found by resolving the path here: the middleware
after it (sessions, CSRF, authentication, messages, ...) would add nothing to them, and skipping
them is most of a hit's time once the version is read. Those before it still run: the request
id and access line, the security, permissions and CSP headers, CORS, the replicas' choice of
database (the version is read where the page would be). The host is checked as
CommonMiddleware would (a host not in ALLOWED_HOSTS is a 400, never a cached page). A response
rendered is kept on its way back out.

The middleware also starts each request's view of the data version afresh (`current()` reads
it at most once per request).
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from . import data_version

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = ("/admin/", "/healthz", "/static/", "/alerts/", "/report/", "/dump/")
KEPT_HEADERS_OUT = {"set-cookie", "date", "x-request-id"}


def _canonical_query(request) -> str:
    pairs = [(name, value) for name in sorted(request.GET)
             for value in request.GET.getlist(name)]
    return urlencode(pairs)


def _cache():
    """The responses' cache; None when RESPONSE_CACHE is off or no such cache is configured
    (conditional GET still answers)."""
    if not settings.RESPONSE_CACHE:
        return None
    try:
        return caches[settings.RESPONSE_CACHE_ALIAS]
    except InvalidCacheBackendError:
        return None


def exempt(view):
    """Marks a view whose responses this cache leaves alone (no version read, no ETag): pages
    kept by the shared read cache of policies/read_cache.py, which is fresher than a lagging
    replica's data version, and pages that read no data (robots.txt)."""
    view.response_cache_exempt = True
    return view


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = data_version.start_request()
        try:
            answer = self._before_the_view(request)
            if answer is not None:
                return answer
            response = self.get_response(request)
            entry = getattr(request, "_response_cache", None)
            if entry is not None:
                self._keep(request, response, *entry)
            return response
        finally:
            data_version.end_request(tokens)

    # -- which requests and responses

    def _reader(self, request) -> bool:
        """An anonymous reader's GET or HEAD of a public page."""
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(SKIPPED_PREFIXES):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def _keepable(self, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or "Set-Cookie" in response:
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("no-store", "private", "no-cache")):
            return False
        vary = response.get("Vary", "").lower()
        if "cookie" in vary or "*" in vary:
            return False
        return len(response.content) <= settings.RESPONSE_CACHE_MAX_BYTES

    # -- before the view: 304, or the kept response

    def _before_the_view(self, request):
        if not self._reader(request):
            return None
        try:
            view = resolve(request.path_info, getattr(request, "urlconf", None)).func
        except Resolver404:  # the 404 (or CommonMiddleware's redirect to the slashed URL)
            return None
        if getattr(view, "response_cache_exempt", False):
            return None
        try:
            query = _canonical_query(request)
        except SuspiciousOperation:  # too many parameters: the view's own answer (400)
            return None
        request.get_host()  # DisallowedHost: the 400 of a host not in ALLOWED_HOSTS
        version = data_version.current()
        # htmx asks for a fragment, except when it restores a page missing from its history
        fragment = (request.headers.get("HX-Request", "")
                    + request.headers.get("HX-History-Restore-Request", ""))
        digest = hashlib.blake2b(f"{request.path}?{query}|{fragment}".encode(),
                                 digest_size=12).hexdigest()
        etag = f'W/"{version.token}-{digest}"'
        modified = int(version.changed_at.timestamp())
        key = f"response:{version.token}:{digest}"
        request._response_cache = (key, etag, modified)

        if self._not_modified(request, etag, modified):
            response = HttpResponseNotModified()
            self._headers(response, etag, modified)
            return response
        cache = _cache()
        return self._cached(cache, key) if cache is not None else None

    # -- after the view: the validators, and keeping it

    def _keep(self, request, response, key: str, etag: str, modified: int) -> None:
        if not self._keepable(response):
            return
        self._headers(response, etag, modified)
        cache = _cache()
        if cache is None or getattr(request, "counted_by_a_limit", False):
            return
        headers = [(name, value) for name, value in response.items()
                   if name.lower() not in KEPT_HEADERS_OUT]
        try:
            cache.set(key, (response.status_code, headers, response.content),
                      timeout=settings.RESPONSE_CACHE_SECONDS)
        except Exception as error:  # a cache that fails: the page is served uncached
            logger.warning("Response cache: not kept: %s", error)

    @staticmethod
    def _cached(cache, key):
        try:
            kept = cache.get(key)
        except Exception as error:
            logger.warning("Response cache: read around: %s", error)
            return None
        if kept is None:
            return None
        status, headers, content = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response

    @staticmethod
    def _not_modified(request, etag: str, modified: int) -> bool:
        given = request.headers.get("If-None-Match")
        if given is not None:  # it wins over If-Modified-Since (RFC 9110, 13.2.2)
            tags = parse_etags(given)
            weak = etag.removeprefix("W/")
            return "*" in tags or any(tag.removeprefix("W/") == weak for tag in tags)
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        return since is not None and modified <= since

    @staticmethod
    def _headers(response, etag: str, modified: int) -> None:
        response.headers.setdefault("ETag", etag)
        response.headers.setdefault("Last-Modified", http_date(modified))
        if "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age={settings.PUBLIC_MAX_AGE}"
        patch_vary_headers(response, ("HX-Request", "HX-History-Restore-Request"))
