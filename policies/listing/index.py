"""The facet index of the policy lists: for each facet value a compressed bitmap (pyroaring) of
the policies that have it, so a filter is an AND/OR of bitmaps, a facet count an intersection's
cardinality, and the first rows of a page a selection on the bitmap, whatever the size.

Policies are numbered by their position in the lists' default order (issued_on descending,
undated last, then id descending): position 0 is the newest. In that numbering a date range
is one run of positions, "newest first" is the bitmap's own order (the page is a slice of it),
and a search's hits join in as one more bitmap (their ids mapped to positions; the scores kept
for "relevance"). Only the page's rows are read from the database.

Freshness: the index is built for one data version (policies/data_version.py), read in the same
snapshot as the rows it is built from. A worker whose index is older than the version its
request sees builds a new one: at once below FACET_INDEX_INLINE_MAX policies (milliseconds),
else in a background thread while the request, and those after it until the new index is
ready, take the SQL path. Counts are never stale, and a request never waits for a big build.

The SQL path (facets.py's GROUP BYs) stays: FACET_INDEX=False selects it everywhere (the
benchmark shows both), and any filter the index cannot evaluate falls back to it
(`Unsupported`). tests/test_facet_index.py compares the two on random filter combinations.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.conf import settings
from django.db import close_old_connections, connections, router, transaction
from pyroaring import BitMap

from .. import data_version
from ..models import Agency, Company, Policy, PolicyRelation, Sector

logger = logging.getLogger(__name__)

UNDATED_DAY = np.iinfo(np.int32).min  # the day number of an undated policy (they sort last)
SEARCHES_KEPT = 64  # hit sets of recent searches kept per index


class Unsupported(Exception):
    """A filter or a sort the index cannot evaluate: the list takes the SQL path."""


def bitmap(positions) -> BitMap:
    """A BitMap of a numpy array of positions (any order)."""
    array = np.unique(np.asarray(positions, dtype=np.uint32))
    return BitMap(array)


def positions_of(found: BitMap) -> np.ndarray:
    return np.frombuffer(found.to_array(), dtype=np.uint32)


@dataclass
class Hits:
    """A search's matches: their positions (ascending) and scores (aligned)."""

    positions: np.ndarray
    scores: np.ndarray
    bitmap: BitMap


@dataclass
class PolicyIndex:
    version: str  # the data version's token
    ids: np.ndarray  # position -> policy id
    rank_of: np.ndarray  # policy id -> position (-1: not a policy)
    days: np.ndarray  # position -> day number (date.toordinal()), UNDATED_DAY undated
    dated: int  # positions [0, dated) are dated, [dated, size) undated
    bitmaps: dict[str, dict]  # condition -> {value: BitMap}: issued_by, led_by, in_sectors...
    labels: dict[str, dict]  # condition -> {value: (key, label, hint)} for the facets
    built_in: float = 0.0  # seconds
    _title_order: np.ndarray | None = None
    _negated_days: np.ndarray | None = None
    agency_slugs: dict = field(default_factory=dict)
    _searches: OrderedDict = field(default_factory=OrderedDict)
    _memo: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def everything(self) -> BitMap:
        return BitMap(range(self.size))

    # -- conditions (the filters call these: `ListFilter.positions`)

    def condition(self, name: str, values) -> BitMap:
        """The policies with any of `values` under the named condition (a registry filter's
        Entries, or the type filter's values)."""
        table = self.bitmaps.get(name)
        if table is None:
            raise Unsupported(name)
        keys = [getattr(value, "pk", value) for value in values]
        found = [table[key] for key in keys if key in table]
        return BitMap.union(*found) if found else BitMap()

    def date_range(self, *, first: date | None = None, last: date | None = None) -> BitMap:
        """The dated policies from `first` to `last` (both included): one run of positions,
        as days descend with the position."""
        descending = self._descending_days()  # ascending
        start = 0 if last is None else int(np.searchsorted(descending, -last.toordinal(),
                                                           side="left"))
        end = self.dated if first is None else int(np.searchsorted(
            descending, -first.toordinal(), side="right"))
        return BitMap(range(start, max(start, end)))

    def _descending_days(self) -> np.ndarray:
        """-days of the dated positions (ascending, for searchsorted): made once per index,
        not per date filter (100,000 days negated were most of a date range's time)."""
        if self._negated_days is None:
            self._negated_days = -self.days[:self.dated]
        return self._negated_days

    def undated(self) -> BitMap:
        return BitMap(range(self.dated, self.size))

    def search(self, search) -> Hits:
        """The policies matching a prepared Search: one query the first time, then kept for
        this index (so for this data version)."""
        key = (search.positive, search.negatives)
        with self._lock:
            hits = self._searches.get(key)
            if hits is not None:
                self._searches.move_to_end(key)
                return hits
        rows = Policy.objects.order_by().search(search).values_list("pk", "rank")
        found = np.array(list(rows), dtype=np.float64).reshape(-1, 2)
        ids, scores = found[:, 0].astype(np.int64), found[:, 1]
        known = ids < len(self.rank_of)  # a policy added since the index was built: not here
        ids, scores = ids[known], scores[known]
        positions = self.rank_of[ids]
        keep = positions >= 0
        positions, scores = positions[keep], scores[keep]
        order = np.argsort(positions, kind="stable")
        hits = Hits(positions[order].astype(np.uint32), scores[order],
                    BitMap(positions[order].astype(np.uint32)))
        with self._lock:
            self._searches[key] = hits
            while len(self._searches) > SEARCHES_KEPT:
                self._searches.popitem(last=False)
        return hits

    def remembered(self, key, compute):
        """compute(), kept for this index (so for this data version) under `key`: what a page
        derives from the data alone, such as the other kinds' counts for a search."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > SEARCHES_KEPT:
                self._memo.pop(next(iter(self._memo)))
        return value

    def largest(self, name: str, limit: int) -> list[tuple[int, int]]:
        """[(registry id, policies)] of the values of a registry condition with most policies,
        then by label (abbreviation or name), as the home page lists them."""
        label = 0 if name in ("issued_by", "led_by") else 1
        labels = self.labels[name]
        found = [(pk, len(bits)) for pk, bits in self.bitmaps[name].items() if bits]
        found.sort(key=lambda row: (-row[1], labels[row[0]][label]))
        return found[:limit]

    def co_issuers(self, agency_pk: int, *, limit: int) -> list[tuple[int, int]]:
        """[(agency id, policies issued together with agency_pk)], most first, then by
        abbreviation: one intersection's cardinality per agency."""
        table = self.bitmaps["issued_by"]
        own = table.get(agency_pk)
        if own is None:
            return []
        found = [(pk, own.intersection_cardinality(other)) for pk, other in table.items()
                 if pk != agency_pk]
        labels = self.labels["issued_by"]
        found = [(pk, n) for pk, n in found if n]
        found.sort(key=lambda row: (-row[1], labels[row[0]][0]))
        return found[:limit]

    def co_issuance(self, agency_pk: int) -> tuple[dict[int, dict], dict]:
        """({agency id: {year: policies issued with agency_pk}}, {year: agency_pk's joint
        policies}); year None is undated. Intersections of the agency's bitmap with each
        other agency's and each year's."""
        table = self.bitmaps["issued_by"]
        own = table.get(agency_pk)
        if own is None:
            return {}, {}
        years = [(None if key == "undated" else int(key), found)
                 for key, found in self.bitmaps["year"].items()]
        by_agency, joint = {}, BitMap()
        for pk, other in table.items():
            if pk == agency_pk:
                continue
            together = own & other
            if not together:
                continue
            joint |= together
            by_agency[pk] = {year: n for year, found in years
                             if (n := together.intersection_cardinality(found))}
        per_year = {year: n for year, found in years
                    if (n := joint.intersection_cardinality(found))}
        return by_agency, per_year

    # -- facets

    def count(self, name: str, base: BitMap | None) -> list[tuple[str, str, str, int]]:
        """[(value, label, hint, count)] of a facet under `base` (None: every policy), as
        facets.count_by gives them."""
        if name == "year":
            table, labels = self.bitmaps["year"], None
        else:
            table, labels = self.bitmaps[name], self.labels[name]
        rows = []
        for value, found in table.items():
            n = len(found) if base is None else base.intersection_cardinality(found)
            if not n:
                continue
            if labels is None:
                rows.append((str(value), str(value), "", n))
            else:
                key, label, hint = labels[value]
                rows.append((key, label, hint, n))
        return rows

    def months(self, found: BitMap | None, year: int) -> dict[int, int]:
        """{month: policies} of `year` under `found`."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        in_year = self.date_range(first=first, last=last)
        if found is not None:
            in_year &= found
        # each day's month by where it falls among the months' first days: a year of a
        # million-policy archive is 100,000 days, too many to turn into dates one by one
        starts = np.array([date(year, month, 1).toordinal() for month in range(1, 13)])
        months = np.searchsorted(starts, self.days[positions_of(in_year)], side="right")
        counts = np.bincount(months, minlength=13)
        return {month: int(counts[month]) for month in range(1, 13) if counts[month]}

    # -- rows

    def title_order(self) -> np.ndarray:
        """position -> place in title order (as the database sorts Lower(title), id, which is
        what the SQL path's sort=title does): read the first time it is asked for, like the
        rest of the index (on the raw cursor, see `_raw_cursor`)."""
        if self._title_order is None:
            connection = connections[router.db_for_read(Policy)]
            cursor = _raw_cursor(connection)
            try:
                cursor.execute(f"SELECT id FROM {Policy._meta.db_table} "
                               "ORDER BY LOWER(title), id")
                ids = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
            finally:
                cursor.close()
            order = np.full(self.size, np.iinfo(np.int64).max, dtype=np.int64)
            known = ids[ids < len(self.rank_of)]
            positions = self.rank_of[known]
            keep = positions >= 0
            order[positions[keep]] = np.arange(len(known))[keep]
            self._title_order = order
        return self._title_order

    def page(self, found: BitMap | None, *, sort: str, start: int, stop: int,
             hits: Hits | None = None) -> list[int]:
        """The policy ids of positions [start, stop) of `found` in the order `sort`."""
        found = self.everything if found is None else found
        stop = min(stop, len(found))
        if start >= stop:
            return []
        if sort == "-date" or (sort == "relevance" and hits is None):
            chosen = positions_of(found[start:stop])
        elif sort == "date":  # oldest first, undated last by id: the dated run reversed
            everything = positions_of(found)
            split = int(np.searchsorted(everything, self.dated))
            ordered = np.concatenate([everything[:split][::-1], everything[split:][::-1]])
            chosen = ordered[start:stop]
        elif sort == "title":
            everything = positions_of(found)
            chosen = everything[_top(self.title_order()[everything], stop)][start:stop]
        elif sort == "relevance":
            everything = positions_of(found)
            scores = hits.scores[np.searchsorted(hits.positions, everything)]
            # best score first, then the default order (the position)
            chosen = everything[_top(-scores, stop, tie=everything)][start:stop]
        else:
            raise Unsupported(sort)
        return [int(pk) for pk in self.ids[chosen]]


    def related(self, pk: int, *, agencies: list[int], sectors: list[int],
                issued_on: date | None, limit: int) -> list[tuple[int, int]]:
        """[(id, shared)] of the policies sharing most agencies and sectors with policy `pk`, then
        nearest in time (undated last), then newest id: what reads.related_policies asks SQL
        for, counted by adding up the bitmaps of its few agencies and sectors."""
        shared = np.zeros(self.size, dtype=np.int16)
        for name, keys in (("issued_by", agencies), ("in_sectors", sectors)):
            table = self.bitmaps[name]
            for key in keys:
                if key in table:
                    shared[positions_of(table[key])] += 1
        if 0 <= pk < len(self.rank_of) and self.rank_of[pk] >= 0:
            shared[self.rank_of[pk]] = 0
        candidates = np.flatnonzero(shared)
        if not len(candidates):
            return []
        counts = shared[candidates]
        if len(candidates) > limit:  # only the tiers that can reach the first `limit`
            floor = np.partition(counts, len(counts) - limit)[len(counts) - limit]
            keep = counts >= floor
            candidates, counts = candidates[keep], counts[keep]
        days = self.days[candidates].astype(np.int64)
        if issued_on is not None:
            distance = np.abs(days - issued_on.toordinal())
            distance[days == UNDATED_DAY] = np.iinfo(np.int64).max
        else:  # newest first, undated last: the position itself
            distance = candidates.astype(np.int64)
        ids = self.ids[candidates]
        order = np.lexsort((-ids, distance, -counts.astype(np.int64)))[:limit]
        return [(int(pk), int(n)) for pk, n in zip(ids[order], counts[order], strict=True)]


def _top(keys: np.ndarray, k: int, tie: np.ndarray | None = None) -> np.ndarray:
    """Indices of the k smallest keys, sorted (ties by `tie`, then by index)."""
    if k < len(keys) // 4:
        threshold = np.partition(keys, k - 1)[k - 1]
        candidates = np.flatnonzero(keys <= threshold)
    else:
        candidates = np.arange(len(keys))
    secondary = candidates if tie is None else tie[candidates]
    order = np.lexsort((secondary, keys[candidates]))
    return candidates[order][:k]


# --------------------------------------------------------------------------- building


def _day_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "(issued_on - DATE '0001-01-01') + 1"
    return "CAST(julianday(issued_on) - julianday('0001-01-01') AS INTEGER) + 1"


def _fetch(cursor, sql: str, columns: int) -> np.ndarray:
    cursor.execute(sql)
    rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(-1, columns)


def _grouped(positions: np.ndarray, values: np.ndarray) -> dict[int, BitMap]:
    """{value: BitMap of the positions having it}."""
    if not len(values):
        return {}
    order = np.lexsort((positions, values))
    values, positions = values[order], positions[order].astype(np.uint32)
    keys, starts = np.unique(values, return_index=True)
    ends = [*starts[1:], len(values)]
    return {int(key): BitMap(positions[a:b]) for key, a, b in zip(keys, starts, ends,
                                                                  strict=True)}


def _raw_cursor(connection):
    """The DB-API cursor under Django's: the build reads whole tables at once, without the
    wrapper's per-row cost, and they are no request's queries (one build serves every request
    until the next write), so they stay out of the query log that the pages' budgets count."""
    connection.ensure_connection()
    return connection.connection.cursor()


def _policy_count(alias: str) -> int:
    connection = connections[alias]
    cursor = _raw_cursor(connection)
    try:
        cursor.execute(f"SELECT COUNT(*) FROM {Policy._meta.db_table}")
        return int(cursor.fetchone()[0])
    finally:
        cursor.close()


def build(using: str | None = None) -> PolicyIndex:
    """A new index of every policy, read in one snapshot with the data version it is of."""
    started = time.perf_counter()
    alias = using or router.db_for_read(Policy)
    connection = connections[alias]
    outer = connection.in_atomic_block  # (a test's transaction: already one snapshot)
    with transaction.atomic(using=alias):
        cursor = _raw_cursor(connection)
        try:
            if connection.vendor == "postgresql" and not outer:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute(f"SELECT version, changed_at FROM {data_version.TABLE} WHERE id = 1")
            found = cursor.fetchone()
            version = data_version.Version.of_row(*found).token if found else ""
            policy = Policy._meta.db_table
            cursor.execute(
                f"SELECT id, COALESCE({_day_sql(connection.vendor)}, {UNDATED_DAY}), "
                f"document_type, is_draft FROM {policy} "
                "ORDER BY issued_on DESC NULLS LAST, id DESC")
            rows = cursor.fetchall()
            ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
            days = np.fromiter((row[1] for row in rows), dtype=np.int32, count=len(rows))
            types = [row[2] for row in rows]
            drafts = [position for position, row in enumerate(rows) if row[3]]
            del rows
            rank_of = np.full(int(ids.max()) + 1 if len(ids) else 1, -1, dtype=np.int32)
            rank_of[ids] = np.arange(len(ids), dtype=np.int32)
            dated = int(np.count_nonzero(days != UNDATED_DAY))

            links = _fetch(cursor, "SELECT policy_id, agency_id, position FROM "
                                   f"{Policy.agencies.through._meta.db_table}", 3)
            sectors = _fetch(cursor, "SELECT policy_id, sector_id FROM "
                                     f"{Policy.sectors.through._meta.db_table}", 2)
            companies = _fetch(cursor, "SELECT policy_id, company_id FROM "
                                       f"{Policy.companies.through._meta.db_table}", 2)
            # the policy chain's final versions (the status filter: Policy.objects.with_status)
            cursor.execute(f"SELECT source_id, target_id FROM {PolicyRelation._meta.db_table} "
                           "WHERE kind = 'final_version_of' AND target_id IS NOT NULL")
            finals = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
            cursor.execute(f"SELECT id, abbreviation, name, slug FROM {Agency._meta.db_table}")
            agency_rows = cursor.fetchall()
            agencies = {pk: (abbr, abbr, name) for pk, abbr, name, _ in agency_rows}
            cursor.execute(f"SELECT id, slug, name FROM {Sector._meta.db_table}")
            sector_labels = {pk: (slug, name, "") for pk, slug, name in cursor.fetchall()}
            cursor.execute(f"SELECT id, slug, name FROM {Company._meta.db_table}")
            company_labels = {pk: (slug, name, "") for pk, slug, name in cursor.fetchall()}
        finally:
            cursor.close()

    link_positions = rank_of[links[:, 0]]
    lead = links[:, 2] == 0
    by_type: dict[str, list[int]] = {}
    for position, kind in enumerate(types):
        by_type.setdefault(kind, []).append(position)
    years: dict[object, BitMap] = {}
    if dated:
        dated_years = np.array([date.fromordinal(int(d)).year for d in days[:dated]],
                               dtype=np.int32) if dated < 5000 else _years_of(days[:dated])
        years = {str(year): found for year, found in
                 _grouped(np.arange(dated), dated_years).items()}
    if dated < len(ids):
        years["undated"] = BitMap(range(dated, len(ids)))
    draft = BitMap(drafts)
    final_sources = bitmap(rank_of[finals[:, 0]]) if len(finals) else BitMap()
    superseded = bitmap(rank_of[finals[:, 1]]) if len(finals) else BitMap()
    index = PolicyIndex(
        version=version, ids=ids, rank_of=rank_of, days=days, dated=dated,
        bitmaps={
            "issued_by": _grouped(link_positions, links[:, 1]),
            "led_by": _grouped(link_positions[lead], links[lead, 1]),
            "in_sectors": _grouped(rank_of[sectors[:, 0]], sectors[:, 1]),
            "mentioning": _grouped(rank_of[companies[:, 0]], companies[:, 1]),
            "of_type": {kind: BitMap(found) for kind, found in by_type.items()},
            "with_status": {"draft": draft, "awaiting_final": draft - superseded,
                            "final": final_sources},
            "year": years,
        },
        labels={"issued_by": agencies, "led_by": agencies, "in_sectors": sector_labels,
                "mentioning": company_labels,
                "of_type": {kind: (kind, kind, "") for kind in by_type}},
    )
    index.agency_slugs = {pk: slug for pk, _, _, slug in agency_rows}
    index.built_in = time.perf_counter() - started
    return index


def _years_of(days: np.ndarray) -> np.ndarray:
    """The year of each day number, vectorised: via numpy's datetime64 (days since 1970)."""
    epoch = date(1970, 1, 1).toordinal()
    stamps = (days.astype(np.int64) - epoch).astype("datetime64[D]")
    return stamps.astype("datetime64[Y]").astype(np.int32) + 1970


# --------------------------------------------------------------------------- the worker's index


class _Holder:
    """The process's index and the state of its background build."""

    def __init__(self):
        self.index: PolicyIndex | None = None
        self.lock = threading.Lock()
        self.building = False

    def get(self) -> PolicyIndex | None:
        """The index of the data version this request sees; None while one is being built in
        the background (the SQL path answers meanwhile), or with FACET_INDEX off."""
        if not settings.FACET_INDEX:
            return None
        version = data_version.current().token
        index = self.index
        if index is not None and index.version == version:
            return index
        size = index.size if index is not None else _policy_count(router.db_for_read(Policy))
        if size <= settings.FACET_INDEX_INLINE_MAX:
            with self.lock:
                if self.index is None or self.index.version != version:
                    self.index = build()
            return self.index if self.index.version == version else None
        self._build_in_background()
        return None

    def _build_in_background(self) -> None:
        with self.lock:
            if self.building:
                return
            self.building = True
        threading.Thread(target=self._background, name="facet-index", daemon=True).start()

    def _background(self) -> None:
        try:
            index = build()
            with self.lock:
                self.index = index
            logger.info("Facet index of data version %s built: %s policies in %.1f s",
                        index.version, f"{index.size:,}", index.built_in)
        except Exception:
            logger.exception("Facet index not built; the lists use SQL meanwhile")
        finally:
            with self.lock:
                self.building = False
            close_old_connections()
            for connection in connections.all(initialized_only=True):
                connection.close()

    def wait(self, timeout: float = 600.0) -> PolicyIndex | None:
        """Build now if needed and return the index (benchmarks and commands)."""
        deadline = time.monotonic() + timeout
        while self.building and time.monotonic() < deadline:
            time.sleep(0.05)
        version = data_version.current().token
        with self.lock:
            if self.index is None or self.index.version != version:
                self.index = build()
        return self.index

    def clear(self) -> None:
        with self.lock:
            self.index = None


policies_index = _Holder()
