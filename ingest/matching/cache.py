"""Matchers built once per content: compiling a registry's names into its trie regex takes tens of
milliseconds, and one process (the test suite, the admin, a long ingest) asks again and again for
the matchers of registries that have not changed since.

`built(AgencyMatcher, entries)` gives the matcher of those entries, compiled the first time they
are seen. The entries are the key: an alias, keyword or company added by an editor is new content,
so it gets a new matcher. Matchers are never changed once built, so sharing one is safe.
"""

from __future__ import annotations

import gc
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

Matcher = TypeVar("Matcher")

# A few versions of each matcher: the company matcher changes with every company an ingest
# creates, and a test suite alternates between registries.
SIZE = 24


def built(cls: type[Matcher], entries: Iterable[tuple[Hashable, Iterable[Any]]],
          **options: Any) -> Matcher:
    """`cls(entries, **options)`, built once per distinct content in this process."""
    frozen = tuple((key, tuple(_frozen(name) for name in names)) for key, names in entries)
    return _build(cls, frozen, tuple(sorted(options.items())))


@lru_cache(maxsize=SIZE)
def _build(cls, entries, options):
    # Compiling makes hundreds of thousands of short-lived objects, so the cyclic collector
    # would run many times meanwhile, each time over the whole process (a Django process holds
    # a large heap): over a third of the build. It catches up afterwards instead.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return cls(entries, **dict(options))
    finally:
        if collecting:
            gc.enable()


def _frozen(value: Any) -> Any:
    """A name, or a sector keyword given as `[keyword, weight]`, in a hashable form."""
    return tuple(value) if isinstance(value, list) else value


def clear() -> None:
    _build.cache_clear()


def info():
    """Hits, misses and size of the cache (`functools` cache_info)."""
    return _build.cache_info()
