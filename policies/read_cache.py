"""The archive-wide reads every visitor asks for (the home page's summary, the agency directory),
kept in the shared cache so that N nodes compute each once per change instead of once per request.

Entries are keyed on an archive version kept in the cache itself, bumped once a write's
transaction commits, so every node sees a change at its next request: by post_save of any model of
this app (the ingest, imports, the admin's change forms) and, for what sends no post_save (a
delete, a bulk action, a merge), by every POST to the admin (`ArchiveAdminSite.admin_view`). No
post_delete or m2m_changed receiver: either would cost the ingest queries (no fast deletes, no
fast m2m adds). READ_CACHE_SECONDS bounds anything else (a shell's QuerySet.update). A cached
value is computed on the primary, so the cache never keeps a lagging replica's answer. Off
(READ_CACHE_SECONDS=0) without CACHE_URL; a cache that fails is logged and the read is computed
as if there were none.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from briefs_site.replicas import primary_reads

logger = logging.getLogger(__name__)

VERSION_KEY = "reads:version"
APP_LABEL = "policies"


def _enabled() -> bool:
    return settings.READ_CACHE_SECONDS > 0


def _bump() -> None:
    try:
        cache.add(VERSION_KEY, 0, timeout=None)
        cache.incr(VERSION_KEY)
    except Exception as error:  # each cache backend raises its own kinds
        logger.warning("Read cache: version not bumped: %s", error)


def changed(using: str | None = None) -> None:
    """The archive changed: cached reads are replaced once the current transaction commits."""
    if _enabled():
        transaction.on_commit(_bump, using=using)


def shared(name: str):
    """Caches what the decorated function (no arguments) returns, per archive version."""

    def decorate(read):
        @functools.wraps(read)
        def cached():
            if not _enabled():
                return read()
            try:
                key = f"reads:{name}:{cache.get_or_set(VERSION_KEY, 0, timeout=None)}"
                value = cache.get(key)
            except Exception as error:
                logger.warning("Read cache: %s read fresh: %s", name, error)
                return read()
            if value is None:
                with primary_reads():
                    value = read()
                try:
                    cache.set(key, value, timeout=settings.READ_CACHE_SECONDS)
                except Exception as error:
                    logger.warning("Read cache: %s not kept: %s", name, error)
            return value

        return cached

    return decorate


def _on_save(sender, using=None, **kwargs) -> None:
    if sender._meta.app_label == APP_LABEL:
        changed(using)


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="policies.read_cache")
