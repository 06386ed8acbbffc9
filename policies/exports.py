"""CSV exports of every list: /policies/export.csv, /news/export.csv and /briefs/export.csv
take their pages' parameters; /agencies/, /sectors/ and /companies/export.csv are the
directories.

Same parameters as the pages, every matching row (`page` and `page_size` are not read), in the
page's order. Streamed: rows come from `.iterator(chunk_size=CHUNK_SIZE)` (a server-side cursor
on PostgreSQL) with their relations read chunk by chunk, so memory stays flat whatever the
number of rows. Policies, the big one, are read as plain tuples (`values_list`), their
agencies, sectors and companies in three tuple queries per chunk: no model instance per row
(100,000 rows in seconds, well inside a worker's timeout). UTF-8 with a
byte-order mark so that Excel reads the Chinese; one column per field, several values joined
with "; " (agencies lead first). Text comes from ingested documents, so a cell that a
spreadsheet would read as a formula gets a leading apostrophe. A rejected parameter answers 400
with the reasons as plain text, never a partial file. Each client may export
settings.RATELIMITS["exports"] files in a period; one more answers 429 with Retry-After.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse

from . import intelligence, network, reads
from .listing import pages
from .listing.filtersets import directory_messages
from .models import Agency
from .ratelimits import Limit, limited

CHUNK_SIZE = 2000  # rows per database round trip (and per prefetch)
ROWS_PER_WRITE = 500  # rows per chunk of the response
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JOIN = "; "

POLICY_COLUMNS = ["id", "url", "title", "chinese_title", "date", "document_type", "draft",
                  "agencies", "lead_agency", "sectors", "companies", "needs_review"]
NEWS_COLUMNS = ["id", "date", "kind", "text", "sources", "agencies", "companies", "brief",
                "brief_url"]
BRIEF_COLUMNS = ["slug", "url", "title", "publisher", "series", "kind", "date", "items"]
AGENCY_COLUMNS = ["abbreviation", "url", "name", "chinese_name", "kind", "parent", "policies",
                  "policies_led"]
SECTOR_COLUMNS = ["slug", "url", "name", "policies"]
COMPANY_COLUMNS = ["slug", "url", "name", "country", "policies", "news_items"]
EDGE_COLUMNS = ["source", "target", "year", "policies"]
TARGET_COLUMNS = ["id", "policy_id", "policy", "policy_url", "agencies", "metric", "value",
                  "value_text", "unit", "direction", "target_year", "baseline_value",
                  "baseline_year", "sentence"]
LIMIT = Limit("exports", "CSV exports")


def cell(value) -> str | int:
    """A value as a CSV cell: text that starts like a formula is quoted with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


POLICY_FIELDS = ("pk", "slug", "title", "chinese_title", "issued_on", "issued_precision",
                 "document_type", "is_draft", "needs_review")


def _grouped(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for owner, value in rows:
        grouped.setdefault(owner, []).append(value)
    return grouped


def policy_rows(policies, absolute) -> Iterator[list]:
    """The CSV rows of a policy queryset, from tuples: the policies through a server-side
    cursor, each chunk's links in three queries (in the order the pages show them)."""
    from .models import Policy, PolicyAgency, PolicySector, StatedDate

    url = absolute(reverse("policies:policy-detail", kwargs={"pk": 1, "slug": "s"}))
    prefix, suffix = url.split("/1/s/")
    cursor = policies.values_list(*POLICY_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(cursor, CHUNK_SIZE)):
        pks = [row[0] for row in chunk]
        agencies: dict[int, list] = {}
        for owner, abbreviation, position in (
                PolicyAgency.objects.filter(policy_id__in=pks).order_by("policy_id", "position")
                .values_list("policy_id", "agency__abbreviation", "position")):
            agencies.setdefault(owner, []).append((abbreviation, position))
        sectors = _grouped(PolicySector.objects.filter(policy_id__in=pks)
                           .order_by("policy_id", "-score", "id")
                           .values_list("policy_id", "sector__name"))
        companies = _grouped(Policy.companies.through.objects.filter(policy_id__in=pks)
                             .order_by("policy_id", "company__name")
                             .values_list("policy_id", "company__name"))
        for pk, slug, title, chinese, issued_on, precision, kind, draft, review in chunk:
            issuers = agencies.get(pk, [])
            yield [pk, f"{prefix}/{pk}/{slug}/{suffix}", title, chinese,
                   StatedDate(issued_on, precision).iso, kind, draft,
                   JOIN.join(a for a, _ in issuers),
                   next((a for a, position in issuers if position == 0), ""),
                   JOIN.join(sectors.get(pk, [])), JOIN.join(companies.get(pk, [])), review]


def news_row(item, absolute) -> list:
    return [
        item.pk,
        item.date.isoformat() if item.date else "",
        item.kind,
        item.text,
        JOIN.join(str(source) for source in item.sources or []),
        JOIN.join(a.abbreviation for a in item.agencies.all()),
        JOIN.join(c.name for c in item.companies.all()),
        item.brief.title,
        absolute(item.get_absolute_url()),
    ]


def brief_row(brief, absolute) -> list:
    return [brief.slug, absolute(brief.get_absolute_url()), brief.title, brief.publisher,
            brief.series, brief.kind, brief.published.iso, brief.n_items]


def agency_row(agency, absolute) -> list:
    return [agency.abbreviation, absolute(agency.get_absolute_url()), agency.name,
            agency.chinese_name, agency.kind, agency.parent.abbreviation if agency.parent else "",
            agency.n, agency.n_lead]


def sector_row(sector, absolute) -> list:
    return [sector.slug, absolute(sector.get_absolute_url()), sector.name, sector.n]


def company_row(company, absolute) -> list:
    return [company.slug, absolute(company.get_absolute_url()), company.name, company.country,
            company.n_policies, company.n_news]


def csv_chunks(columns: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The BOM and header, then the rows, ROWS_PER_WRITE at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell(value) for value in row])
        if number % ROWS_PER_WRITE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def refusal(messages: dict[str, list[str]]) -> HttpResponse:
    lines = ["Invalid query parameters; nothing was exported."]
    lines += [f"{name}: {message}" for name, found in messages.items() for message in found]
    return HttpResponse("\n".join(lines) + "\n", status=400,
                        content_type="text/plain; charset=utf-8")


def _stream(request, filename: str, columns: list[str], rows, serialise, *,
            lines=None) -> StreamingHttpResponse:
    """`serialise(row, absolute)` per row, or `lines(rows, absolute)` for all of them."""
    absolute = request.build_absolute_uri
    if lines is not None:
        rows.exists()  # (see below)
        return _response(filename, columns, lines(rows, absolute))
    if hasattr(rows, "iterator"):
        # One cheap query here, in the view: a database that cannot answer gets its 503
        # (briefs_site/outages.py) instead of a 200 whose body breaks off after the header. The
        # export's own query runs as the file is sent: its cursor is opened by the first chunk,
        # so a response nobody reads holds none.
        rows.exists()
        rows = rows.iterator(chunk_size=CHUNK_SIZE)
    return _response(filename, columns, (serialise(row, absolute) for row in rows))


def _response(filename: str, columns: list[str], lines) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(columns, lines),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@limited(LIMIT)
def policy_export(request):
    filterset, rows = pages.filter_policies(request.GET, hydrated=False)
    if filterset.messages:
        return refusal(filterset.messages)
    return _stream(request, "policies.csv", POLICY_COLUMNS, rows, None, lines=policy_rows)


@limited(LIMIT)
def news_export(request):
    filterset, rows = pages.filter_news(request.GET)
    if filterset.messages:
        return refusal(filterset.messages)
    return _stream(request, "news.csv", NEWS_COLUMNS, rows, news_row)


@limited(LIMIT)
def brief_export(request):
    filterset, rows = pages.filter_briefs(request.GET)
    if filterset.messages:
        return refusal(filterset.messages)
    return _stream(request, "briefs.csv", BRIEF_COLUMNS, rows, brief_row)


def _directory_export(request, filename, columns, rows, serialise):
    messages = directory_messages(request.GET)
    if messages:
        return refusal(messages)
    return _stream(request, filename, columns, rows(), serialise)


@limited(LIMIT)
def agency_export(request):
    return _directory_export(request, "agencies.csv", AGENCY_COLUMNS, lambda: [
        agency for _, members in reads.agency_directory() for agency in members], agency_row)


@limited(LIMIT)
def sector_export(request):
    return _directory_export(request, "sectors.csv", SECTOR_COLUMNS, reads.sector_directory,
                             sector_row)


@limited(LIMIT)
def company_export(request):
    return _directory_export(request, "companies.csv", COMPANY_COLUMNS,
                             reads.company_directory, company_row)


def target_row(target, absolute) -> list:
    policy = target.policy
    return [target.pk, policy.pk, policy.title, absolute(target.get_absolute_url()),
            JOIN.join(pa.agency.abbreviation for pa in policy.policy_agencies.all()),
            target.metric, target.value.normalize(), target.value_text, target.unit,
            target.direction, target.target_year,
            "" if target.baseline_value is None else target.baseline_value.normalize(),
            target.baseline_year, target.sentence]


@limited(LIMIT)
def target_export(request):
    years, sectors, agencies, messages = intelligence.parse_target_filters(request.GET)
    messages.pop("page", None)
    if messages:
        return refusal(messages)
    rows = intelligence.filter_targets(request.GET, years=years, sectors=sectors,
                                       agencies=agencies).for_list()
    return _stream(request, "targets.csv", TARGET_COLUMNS, rows, target_row)


def edge_row(edge, absolute) -> list:
    return [edge.a, edge.b, edge.year, edge.policies]


@limited(LIMIT)
def network_export(request):
    messages = directory_messages(request.GET)
    if messages:
        return refusal(messages)
    return _stream(request, "co-issuance.csv", EDGE_COLUMNS, network.archive_edges(), edge_row)


@limited(LIMIT)
def agency_network_export(request, slug):
    agency = reads.by_slug_or_name(Agency.objects.all(), slug)[0]
    if agency is None:
        raise Http404("No such agency.")
    return _stream(request, f"co-issuance-{agency.slug}.csv", EDGE_COLUMNS,
                   network.agency_network(agency).edges, edge_row)
