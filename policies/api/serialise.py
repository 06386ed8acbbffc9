"""Records as the API's dicts (shapes in `schemas.py`, which validates them): absolute links,
the lead agency first, Chinese left as is. Counts (`n`, `n_lead`...) are the list queries'
annotations, None on a record read alone."""

from __future__ import annotations

from .. import reads
from ..models import Policy


def agency_ref(agency) -> dict:
    return {"abbreviation": agency.abbreviation, "name": agency.name, "slug": agency.slug}


def company_refs(companies) -> list[dict]:
    return [{"slug": c.slug, "name": c.name} for c in companies]


def policy_json(request, policy: Policy) -> dict:
    return _policy(request, policy, [pa.agency for pa in policy.policy_agencies.all()],
                   [ps.sector for ps in policy.policy_sectors.all()], policy.companies.all())


def policy_row_json(request, row) -> dict:
    """`policy_json` of a list's row (`listing.rows.PolicyRow` with its companies), read as
    tuples rather than models: the same dict, the same order of agencies, sectors and
    companies (tests/test_api_rows.py holds them equal)."""
    return _policy(request, row, row.agencies, row.sectors, row.companies)


def _policy(request, policy, agencies, sectors, companies) -> dict:
    """A policy's dict from its columns and its links (anything with the registries' slugs and
    names: models, or a row's links)."""
    return {
        "id": policy.pk,
        "url": request.build_absolute_uri(policy.get_absolute_url()),
        "title": policy.title,
        "chinese_title": policy.chinese_title,
        "date": policy.issued_on,
        "date_precision": policy.issued_precision if policy.issued_on else None,
        "document_type": policy.document_type,
        "agencies": [agency_ref(agency) for agency in agencies],
        "sectors": [{"slug": sector.slug, "name": sector.name} for sector in sectors],
        "companies": company_refs(companies),
        "needs_review": policy.needs_review,
    }


def policy_detail_json(request, policy: Policy) -> dict:
    return {
        **policy_json(request, policy),
        "briefs": [
            {
                "title": item.brief.title,
                "date": item.brief.published_on,
                "url": request.build_absolute_uri(item.get_absolute_url()),
                "headline": item.headline,
                "summary": item.summary,
                "key_points": item.key_points,
                "comment": item.comment,
            }
            for item in policy.brief_items.all()
        ],
        "source_urls": [link["url"] for link in reads.web_links(policy.source_links)],
        "document_number": policy.document_number,
        "effective_on": policy.effective_on,
        "targets": [target_json(target) for target in policy.targets.all()],
        "relations": relations_json(request, policy),
    }


def relations_json(request, policy: Policy) -> list[dict]:
    def ref(other):
        if other is None:
            return None
        return {"id": other.pk, "title": other.title,
                "url": request.build_absolute_uri(other.get_absolute_url())}

    out = [{"kind": r.kind, "direction": "out", "label": r.get_kind_display(),
            "policy": ref(r.target), "title": r.target.title if r.target else r.target_title,
            "evidence": r.evidence} for r in policy.relations_out.all()]
    return out + [{"kind": r.kind, "direction": "in", "label": r.reverse_label,
                   "policy": ref(r.source), "title": r.source.title, "evidence": r.evidence}
                  for r in policy.relations_in.all()]


def target_json(target) -> dict:
    def number(value):
        return None if value is None else float(value)

    return {"id": target.pk, "metric": target.metric, "value": number(target.value),
            "value_text": target.value_text, "unit": target.unit, "direction": target.direction,
            "target_year": target.target_year, "baseline_value": number(target.baseline_value),
            "baseline_year": target.baseline_year, "sentence": target.sentence}


def policy_target_json(request, target) -> dict:
    policy = target.policy
    return {**target_json(target), "policy": {
        "id": policy.pk, "title": policy.title,
        "url": request.build_absolute_uri(target.get_absolute_url())}}


def agency_json(request, agency) -> dict:
    return {
        **agency_ref(agency),
        "chinese_name": agency.chinese_name,
        "kind": agency.kind,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
        "policies": getattr(agency, "n", None),
        "policies_led": getattr(agency, "n_lead", None),
    }


def sector_json(request, sector) -> dict:
    return {"slug": sector.slug, "name": sector.name,
            "url": request.build_absolute_uri(sector.get_absolute_url()),
            "policies": getattr(sector, "n", None)}


def company_json(request, company) -> dict:
    return {"slug": company.slug, "name": company.name, "country": company.country,
            "url": request.build_absolute_uri(company.get_absolute_url()),
            "policies": getattr(company, "n_policies", None),
            "news_items": getattr(company, "n_news", None)}


def brief_json(request, brief) -> dict:
    return {"slug": brief.slug, "url": request.build_absolute_uri(brief.get_absolute_url()),
            "title": brief.title, "publisher": brief.publisher, "series": brief.series,
            "kind": brief.kind, "date": brief.published_on,
            "date_precision": brief.published_precision if brief.published_on else None,
            "items": getattr(brief, "n_items", None)}


def news_json(request, item) -> dict:
    return {
        "id": item.pk,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "date": item.date,
        "kind": item.kind,
        "text": item.text,
        "sources": item.sources,
        "brief": {"title": item.brief.title,
                  "url": request.build_absolute_uri(item.brief.get_absolute_url())},
        "agencies": [agency_ref(a) for a in item.agencies.all()],
        "companies": company_refs(item.companies.all()),
    }


def brief_detail_json(request, brief) -> dict:
    return {
        **brief_json(request, brief),
        "authors": brief.authors, "topics": brief.topics,
        "period": {"start": brief.period_start, "end": brief.period_end},
        "agencies": [agency_ref(a) for a in brief.agencies.all()],
        "companies": company_refs(brief.companies.all()),
        "body": brief.body,
        "items": [{"position": item.position, "headline": item.headline,
                   "summary": item.summary, "key_points": item.key_points,
                   "comment": item.comment,
                   "policy": {"id": item.policy.pk, "title": item.policy.title,
                              "url": request.build_absolute_uri(item.policy.get_absolute_url())}
                   if item.policy else None}
                  for item in brief.items.all()],
        "news": [{**news_json(request, item), "brief": None} for item in brief.news_items.all()],
    }


def co_issuer_json(row) -> dict:
    return {"abbreviation": row["agency__abbreviation"], "name": row["agency__name"],
            "slug": row["agency__slug"], "count": row["n"]}
