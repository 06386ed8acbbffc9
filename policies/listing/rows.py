"""A policy list's rows as the HTML result lists and the JSON twin show them: `PolicyRow`s read
as tuples in three queries (the policies, their agencies lead first, their sectors), without
model instances; the JSON twin's companies in one more (`with_companies`).

A page of 25 model rows with its two prefetches made ~190 instances (policies, links, agencies,
sectors), decoding their JSON columns and cloning a related manager per row: 10 ms of a 30 ms
list page at 100k policies (the JSON twin's 50 rows with companies: 30 ms against 8). The rows
here carry only what a result row shows; the exports and the permalink, which read more, keep
the models.

A row read once is kept for the data version (`ROWS`): the next page showing it makes no query
for it, and its markup is written once too (templatetags.browse).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connections, router
from django.db.models import Value
from django.urls import get_script_prefix, get_urlconf

from .. import data_version
from ..models import (
    Agency,
    Company,
    DocumentType,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
)
from ..models.base import StatedDateOf, url_of

DOCUMENT_TYPES = dict(DocumentType.choices)


@dataclass(frozen=True)
class AgencyLink:
    abbreviation: str
    name: str
    url: str
    lead: bool  # position 0
    slug: str = ""


@dataclass(frozen=True)
class SectorLink:
    name: str
    url: str
    slug: str = ""


@dataclass(frozen=True)
class CompanyLink:
    slug: str
    name: str


@dataclass
class PolicyRow:
    """What a result row shows of a policy; `*_segments` are set by the list's search. `source`:
    the row as read (`Source`), which alone decides its markup without search segments."""

    pk: int
    title: str
    chinese_title: str
    slug: str
    document_type: str
    issued_on: date | None
    issued_precision: str
    needs_review: bool
    agencies: list[AgencyLink] = field(default_factory=list)  # the lead first
    sectors: list[SectorLink] = field(default_factory=list)
    title_segments: list | None = None
    chinese_title_segments: list | None = None
    match_segments: list | None = None
    source: Source | None = None
    companies: list[CompanyLink] | None = None  # read only where asked (`with_companies`)

    issued = StatedDateOf("issued_on", "issued_precision")

    def get_absolute_url(self) -> str:
        if self.source is not None:
            return self.source.url
        return url_of("policies:policy-detail", pk=self.pk, slug=self.slug)

    def get_document_type_display(self) -> str:
        return DOCUMENT_TYPES.get(self.document_type, self.document_type)


@dataclass(frozen=True)
class Source:
    """A policy's row as read, immutable and hashable: what the process keeps per data version
    (`ROWS`), and the key of its markup (templatetags.browse)."""

    pk: int
    columns: tuple  # title, chinese_title, slug, document_type, issued_on, precision, review
    agencies: tuple[AgencyLink, ...]
    sectors: tuple[SectorLink, ...]
    url: str

    def row(self) -> PolicyRow:
        return PolicyRow(self.pk, *self.columns, agencies=list(self.agencies),
                         sectors=list(self.sectors), source=self)


# The rows read before, for the data version a request sees: the first pages of the lists
# (newest first) come back under filter after filter. ~1 KB a row.
ROWS = data_version.KeptPerKey(limit=20_000)


def policy_rows(ids: list[int]) -> list[PolicyRow]:
    """The rows of these policies, in the order of `ids` (an id no longer there is left out):
    three queries for those not read before in this data version, none when all were (or `ids`
    is empty). Agencies come as the policy page orders them (by position), sectors by score
    then link id, as `PolicyQuerySet.for_list` prefetches them."""
    if not ids:
        return []
    place = (get_urlconf(), get_script_prefix())  # the URLs in a row depend on them
    found = ROWS.get_many([(*place, pk) for pk in ids], _read_sources)
    return [found[(*place, pk)].row() for pk in ids if (*place, pk) in found]


def with_companies(rows: list[PolicyRow]) -> list[PolicyRow]:
    """The rows with their companies (by name, then id, as `Company`'s ordering): one query,
    none without rows. The JSON twin shows them; the HTML rows do not, so they are not kept
    with the rows (`ROWS`)."""
    companies: dict[int, list[CompanyLink]] = {row.pk: [] for row in rows}
    through = Policy.companies.through._meta.db_table
    with connections[router.db_for_read(Policy)].cursor() as cursor:
        for policy_id, slug, name in _select(
                cursor, f"SELECT link.policy_id, company.slug, company.name FROM {through} link "
                        f"JOIN {Company._meta.db_table} company ON company.id = link.company_id "
                        f"WHERE link.policy_id IN ({{}}) ORDER BY company.name, company.id",
                list(companies)):
            companies[policy_id].append(CompanyLink(slug, name))
    for row in rows:
        row.companies = companies[row.pk]
    return rows


def _read_sources(keys: list[tuple]) -> dict[tuple, Source]:
    """{(urlconf, script prefix, pk): Source} of the policies that exist: three queries, plus
    one per data version for the registries' links (`_registry_links`).

    The three are plain SQL on the model's tables: a page of rows not read before was a fifth of
    a random-filter request, and the ORM's compiling of three trivial queries was most of it
    (0.6-1.0 ms a query against 0.3 ms sent as it is, at 100k policies). The columns and orders
    are the querysets' (`PolicyQuerySet.for_list`): agencies by position then link id, sectors
    by score descending (NULLs where each database puts them) then link id."""
    place = keys[0][:2]
    ids = [key[2] for key in keys]
    agency_links, sector_links = _registry_links(place)
    # the database the router reads policies from (a replica where there is one), as the ORM
    with connections[router.db_for_read(Policy)].cursor() as cursor:
        columns = {pk: (*rest, bool(review)) for pk, *rest, review in _select(
            cursor, f"SELECT id, title, chinese_title, slug, document_type, issued_on, "
                    f"issued_precision, needs_review FROM {Policy._meta.db_table} "
                    f"WHERE id IN ({{}})", ids)}
        found = list(columns)
        agency_rows = _select(
            cursor, f"SELECT policy_id, position, agency_id FROM {PolicyAgency._meta.db_table} "
                    f"WHERE policy_id IN ({{}}) ORDER BY position, id", found)
        sector_rows = _select(
            cursor, f"SELECT policy_id, sector_id FROM {PolicySector._meta.db_table} "
                    f"WHERE policy_id IN ({{}}) ORDER BY score DESC, id", found)
    if any(a not in agency_links for _, _, a in agency_rows) \
            or any(s not in sector_links for _, s in sector_rows):
        # a record added by a write that committed after this request read its version
        agency_links, sector_links = _read_registry_links()
    agencies: dict[int, list] = {pk: [] for pk in columns}
    for policy_id, position, agency_id in agency_rows:
        agencies[policy_id].append(agency_links[agency_id][position == 0])
    sectors: dict[int, list] = {pk: [] for pk in columns}
    for policy_id, sector_id in sector_rows:
        sectors[policy_id].append(sector_links[sector_id])
    return {(*place, pk): Source(pk, rest, tuple(agencies[pk]), tuple(sectors[pk]),
                                 url_of("policies:policy-detail", pk=pk, slug=rest[2]))
            for pk, rest in columns.items()}


def _select(cursor, sql: str, ids: list[int]) -> list[tuple]:
    """The rows of `sql` whose "{}" is the placeholders of `ids` (none for no ids)."""
    if not ids:
        return []
    cursor.execute(sql.format(", ".join(["%s"] * len(ids))), ids)
    return cursor.fetchall()


def _registry_links(place: tuple) -> tuple[dict, dict]:
    """`_read_registry_links()`, kept for the data version (the registries are a few hundred
    records; a row's links are looked up here rather than joined and reversed per row)."""
    return data_version.remembered(("row links", place), _read_registry_links)


def _read_registry_links() -> tuple[dict, dict]:
    """({agency id: (AgencyLink not lead, AgencyLink lead)}, {sector id: SectorLink}) of the
    whole registries, with their URLs: one query."""
    agencies = (Agency.objects.order_by().annotate(r_kind=Value(0))
                .values_list("r_kind", "pk", "abbreviation", "name", "slug"))
    sectors = (Sector.objects.order_by().annotate(r_kind=Value(1), r_none=Value(""))
               .values_list("r_kind", "pk", "r_none", "name", "slug"))
    agency_links, sector_links = {}, {}
    for kind, pk, abbreviation, name, slug in agencies.union(sectors, all=True):
        if kind == 0:
            url = url_of("policies:agency-detail", slug=slug)
            agency_links[pk] = tuple(AgencyLink(abbreviation, name, url, lead, slug)
                                     for lead in (False, True))
        else:
            sector_links[pk] = SectorLink(name, url_of("policies:sector-detail", slug=slug),
                                          slug)
    return agency_links, sector_links
