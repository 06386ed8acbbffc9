"""Reads that are not lists: the home page's summary, the registry directories, an agency's
co-issuers and latest news, a policy's related policies, and the getters of the detail pages.
Each is a fixed number of queries; the named conditions come from the models' QuerySets."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db.models import Count, F, FloatField, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .listing.index import policies_index
from .models import (
    Agency,
    AgencyKind,
    Brief,
    Company,
    NewsItem,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
)
from .read_cache import shared

# --------------------------------------------------------------------------- home


@shared("home-summary")
def home_summary() -> dict:
    """What the archive holds, the latest briefs, the busiest agencies and sectors, and policies
    per year: eight queries (none from the shared read cache); with the facet index, the
    policies' counts come from its bitmaps and three queries remain."""
    index = policies_index.get()
    if index is not None:
        return {
            "counts": {"policies": index.size, "briefs": Brief.objects.count(),
                       "agencies": sum(1 for found in index.bitmaps["issued_by"].values()
                                       if found),
                       "news": NewsItem.objects.count()},
            "latest_briefs": list(Brief.objects.defer("raw_text", "body")[:5]),
            "top_agencies": [
                {"agency__abbreviation": index.labels["issued_by"][pk][0],
                 "agency__name": index.labels["issued_by"][pk][2],
                 "agency__slug": index.agency_slugs[pk], "n": n}
                for pk, n in index.largest("issued_by", 10)],
            "top_sectors": [
                {"sector__slug": index.labels["in_sectors"][pk][0],
                 "sector__name": index.labels["in_sectors"][pk][1], "n": n}
                for pk, n in index.largest("in_sectors", 10)],
            "per_year": sorted((int(year), len(found))
                               for year, found in index.bitmaps["year"].items()
                               if year != "undated" and found),
        }
    return {
        "counts": {
            "policies": Policy.objects.count(),
            "briefs": Brief.objects.count(),
            "agencies": PolicyAgency.objects.order_by().values("agency_id").distinct().count(),
            "news": NewsItem.objects.count(),
        },
        "latest_briefs": list(Brief.objects.defer("raw_text", "body")[:5]),
        "top_agencies": list(
            PolicyAgency.objects.values("agency__abbreviation", "agency__name", "agency__slug")
            .annotate(n=Count("*")).order_by("-n", "agency__abbreviation")[:10]
        ),
        "top_sectors": list(
            PolicySector.objects.values("sector__slug", "sector__name")
            .annotate(n=Count("*")).order_by("-n", "sector__name")[:10]
        ),
        "per_year": list(
            Policy.objects.filter(year__isnull=False).order_by("year").values("year")
            .annotate(n=Count("*")).values_list("year", "n")
        ),
    }


# --------------------------------------------------------------------------- registries


def by_slug_or_name(queryset, slug: str):
    """(record, own): the record at this slug (own=True), else the one it names in any case,
    by abbreviation, name or alias (/agencies/MIIT/: own=False, the caller redirects); (None,
    False) when there is none. One query for a record's own slug."""
    record = queryset.filter(slug=slug).first()
    if record is not None:
        return record, True
    return queryset.named(slug).order_by("pk").first(), False



@shared("agency-directory")
def agency_directory() -> list[tuple[str, list[Agency]]]:
    """[(kind label, agencies)] in the registry's order of kinds, each with `n` policies and
    `n_lead` led: one query (none from the shared read cache)."""
    agencies = Agency.objects.annotate(
        n=Count("policy_agencies"),
        n_lead=Count("policy_agencies", filter=Q(policy_agencies__position=0)),
    ).order_by("abbreviation")
    groups = {kind: [] for kind in AgencyKind.values}
    for agency in agencies:
        groups.setdefault(agency.kind, []).append(agency)
    labels = dict(AgencyKind.choices)
    return [(labels.get(kind, kind), members) for kind, members in groups.items() if members]


def sector_directory() -> list[Sector]:
    return list(Sector.objects.annotate(n=Count("policy_sectors")).order_by("name"))


def company_directory() -> list[Company]:
    policies = Policy.companies.through.objects.filter(company=OuterRef("pk")).order_by()
    news = NewsItem.companies.through.objects.filter(company=OuterRef("pk")).order_by()
    return list(Company.objects.annotate(
        n_policies=Coalesce(Subquery(policies.values("company").annotate(n=Count("*"))
                                     .values("n")), 0),
        n_news=Coalesce(Subquery(news.values("company").annotate(n=Count("*")).values("n")), 0),
    ).order_by("name"))


# The registries a picker can name records of: {kind: (model, the parameter's value, label)}.
PICKABLE = {"companies": (Company, "slug", "name"), "agencies": (Agency, "abbreviation", "name"),
            "sectors": (Sector, "slug", "name")}


def registry_names(kind: str) -> list[dict] | None:
    """[{"value", "label"}] of every record of a registry, by label (a picker's suggestions);
    None for a kind no picker names. One query."""
    if kind not in PICKABLE:
        return None
    model, value, label = PICKABLE[kind]
    return [{"value": v, "label": n}
            for v, n in model.objects.order_by(label).values_list(value, label)]


def subordinates(agency: Agency) -> list[Agency]:
    """The bodies directly under this one (NDRC: the NEA, ...): one query."""
    return list(agency.children.order_by("abbreviation"))


def co_issuers(agency: Agency, *, limit: int = 20) -> list[dict]:
    """The agencies that issued policies together with this one, and how often: one query, or
    none with the facet index (an intersection per agency)."""
    index = policies_index.get()
    if index is not None:
        labels = index.labels["issued_by"]
        return [{"agency__abbreviation": labels[pk][0], "agency__name": labels[pk][2],
                 "agency__slug": index.agency_slugs[pk], "n": n}
                for pk, n in index.co_issuers(agency.pk, limit=limit)]
    together = Policy.objects.issued_by([agency]).values("pk")
    return list(
        PolicyAgency.objects.filter(policy_id__in=together).exclude(agency=agency)
        .values("agency__abbreviation", "agency__name", "agency__slug")
        .annotate(n=Count("*")).order_by("-n", "agency__abbreviation")[:limit]
    )


def latest_news(*, agency: Agency | None = None, company: Company | None = None,
                limit: int = 10) -> list[NewsItem]:
    news = NewsItem.objects.select_related("brief")
    if agency is not None:
        news = news.mentioning_agencies([agency])
    if company is not None:
        news = news.mentioning([company])
    return list(news[:limit])


# --------------------------------------------------------------------------- details


class DaysBetween(Func):
    """|a - b| in days for two dates, on SQLite and PostgreSQL."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="ABS(julianday(%(expressions)s))",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="ABS(%(expressions)s)",
                           arg_joiner=" - ", **extra)


def related_policies(policy: Policy, *, limit: int = 5) -> list[Policy]:
    """Policies sharing agencies or sectors with this one, most shared first, then nearest in
    time: one query (the policy's agencies and sectors must be prefetched); with the facet
    index the ranking is done on its bitmaps and the query reads only the chosen rows."""
    agency_ids = [pa.agency_id for pa in policy.policy_agencies.all()]
    sector_ids = [ps.sector_id for ps in policy.policy_sectors.all()]
    if not agency_ids and not sector_ids:
        return []
    fields = ("id", "title", "chinese_title", "slug", "issued_on", "issued_precision",
              "document_type")
    index = policies_index.get()
    if index is not None:  # the facet index adds up the few bitmaps: no scan of the links
        chosen = index.related(policy.pk, agencies=agency_ids, sectors=sector_ids,
                               issued_on=policy.issued_on, limit=limit)
        found = {p.pk: p for p in Policy.objects.filter(pk__in=[pk for pk, _ in chosen])
                 .only(*fields)}
        for pk, shared_links in chosen:
            if pk in found:
                found[pk].shared = shared_links
        return [found[pk] for pk, _ in chosen if pk in found]

    def shared(model, field, ids):
        rows = model.objects.filter(policy=OuterRef("pk"), **{f"{field}__in": ids}).order_by()
        return Coalesce(Subquery(rows.values("policy").annotate(n=Count("*")).values("n")), 0,
                        output_field=IntegerField())

    related = (
        (Policy.objects.issued_by(agency_ids) | Policy.objects.in_sectors(sector_ids))
        .exclude(pk=policy.pk)
        .annotate(shared=shared(PolicyAgency, "agency_id", agency_ids)
                  + shared(PolicySector, "sector_id", sector_ids))
        .only(*fields)
    )
    if policy.issued_on:
        related = related.annotate(
            distance=DaysBetween(F("issued_on"), Value(policy.issued_on))
        ).order_by("-shared", F("distance").asc(nulls_last=True), "-id")
    else:
        related = related.order_by("-shared", F("issued_on").desc(nulls_last=True), "-id")
    return list(related[:limit])


def web_links(links) -> list[dict]:
    """Source links safe to show as hrefs: http and https only."""
    safe = []
    for link in links or []:
        url = str(link.get("url", "")) if isinstance(link, dict) else str(link)
        try:
            scheme = urlsplit(url.strip()).scheme.lower()
        except ValueError:
            continue
        if scheme in ("http", "https"):
            safe.append({"url": url.strip(), "kind": link.get("kind", "")
                         if isinstance(link, dict) else ""})
    return safe


def policy_for_detail(pk: int) -> Policy:
    """The policy with everything its page shows; Policy.DoesNotExist if there is none."""
    return Policy.objects.for_detail().get(pk=pk)


def brief_for_detail(slug: str) -> Brief:
    """The whole brief: items (with their policies), news (with agencies and companies),
    the brief's agencies and companies. Brief.DoesNotExist if there is none."""
    return Brief.objects.for_detail().get(slug=slug)
