"""Test data from plain keyword-only functions."""

from __future__ import annotations

from datetime import date

from policies.models import Agency, Policy, PolicyAgency, PolicySector, Sector


def make_policy(
    *,
    title: str = "Notice on Testing Policies",
    chinese_title: str = "",
    agencies: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    issued_on: date | None = None,
    document_type: str = "notice",
) -> Policy:
    policy = Policy.objects.create(
        title=title, chinese_title=chinese_title, issued_on=issued_on, document_type=document_type
    )
    for position, abbreviation in enumerate(agencies):
        PolicyAgency.objects.create(
            policy=policy, agency=Agency.objects.get(abbreviation=abbreviation), position=position
        )
    for slug in sectors:
        PolicySector.objects.create(policy=policy, sector=Sector.objects.get(slug=slug))
    return policy


# --------------------------------------------------------------------------- browse pages


def add_companies(policy: Policy, *slugs: str) -> Policy:
    """Link curated companies (by slug) to a policy."""
    from policies.models import Company

    policy.companies.add(*Company.objects.filter(slug__in=slugs))
    return policy


def make_archive_brief(
    *,
    title: str = "China Industries Brief",
    publisher: str = "MERICS",
    published_on: date | None = None,
    raw_text: str = "",
):
    """A brief with unique natural keys (file name, sha256, slug) derived from its title."""
    import hashlib

    from policies.models import Brief

    key = hashlib.sha256(f"{title}|{Brief.objects.count()}".encode()).hexdigest()
    return Brief.objects.create(
        title=title, publisher=publisher, published_on=published_on,
        source_file=f"brief-{key[:12]}.txt", sha256=key, raw_text=raw_text or title,
        slug=f"brief-{key[:12]}",
    )


def make_brief_item(
    brief,
    *,
    policy: Policy | None = None,
    headline: str = "An item",
    summary: str = "",
    key_points: tuple[str, ...] = (),
    comment: str = "",
):
    from policies.models import BriefItem

    return BriefItem.objects.create(
        brief=brief, position=brief.items.count() + 1, headline=headline, summary=summary,
        key_points=list(key_points), comment=comment, policy=policy,
    )


def make_news_item(
    brief,
    *,
    text: str = "A news item.",
    kind: str = "policy",
    on: date | None = None,
    agencies: tuple[str, ...] = (),
    companies: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
):
    from policies.models import Company, NewsItem

    item = NewsItem.objects.create(
        brief=brief, position=brief.news_items.count() + 1, kind=kind, date=on, text=text,
        sources=list(sources),
    )
    item.agencies.set(Agency.objects.filter(abbreviation__in=agencies))
    item.companies.set(Company.objects.filter(slug__in=companies))
    return item
