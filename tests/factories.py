"""Test data from plain keyword-only functions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from policies.models import Agency, Policy, PolicyAgency, PolicySector, PolicyTarget, Sector


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


def make_target(policy: Policy, *, metric: str = "hydrogen fuel cell vehicles",
                value: float = 50_000, unit: str = "", target_year: int = 2025,
                direction: str = "reach", value_text: str = "", sentence: str = "",
                brief_item=None) -> PolicyTarget:
    return PolicyTarget.objects.create(
        policy=policy, brief_item=brief_item, metric=metric, value=Decimal(str(value)),
        value_text=value_text or f"{value:,.0f}", unit=unit, direction=direction,
        target_year=target_year, sentence=sentence or f"{metric}: {value} by {target_year}")


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


def make_sample_archive() -> dict:
    """Ten policies crossing agencies (lead and not), sectors, types, years and companies, one
    brief discussing two of them, and three news items: the browse pages' test archive."""
    p = {
        "hydrogen": make_policy(
            title="Hydrogen Industry Development Plan", chinese_title="氢能产业发展规划",
            agencies=("MIIT", "NDRC"), sectors=("energy", "manufacturing"),
            issued_on=date(2024, 3, 15), document_type="plan"),
        "nev_tax": make_policy(
            title="Notice on New Energy Vehicle Purchase Tax",
            chinese_title="关于新能源汽车购置税的公告",
            agencies=("MOF", "MIIT", "STA"), sectors=("automotive",),
            issued_on=date(2023, 12, 1), document_type="notice"),
        "digital": make_policy(
            title="Guiding Opinions on Manufacturing Digitalisation",
            agencies=("MIIT",), sectors=("manufacturing", "data"),
            issued_on=date(2024, 6, 30), document_type="guiding_opinions"),
        "data_security": make_policy(
            title="Action Plan for Data Security", agencies=("CAC", "MIIT"), sectors=("data",),
            issued_on=date(2024, 1, 1), document_type="action_plan"),
        "batteries": make_policy(
            title="Measures on Market Supervision of Batteries", agencies=("SAMR",),
            sectors=("automotive", "energy"), issued_on=date(2022, 5, 31),
            document_type="measures"),
        "storage": make_policy(
            title="Notice on Grid Storage", agencies=("NEA", "NDRC"), sectors=("energy",),
            issued_on=date(2024, 5, 31), document_type="notice"),
        "outline": make_policy(
            title="Outline of an Undated Strategy", agencies=("NDRC",), document_type="outline"),
        "robots": make_policy(
            title="Robot Industry Plan", agencies=("MIIT", "NDRC", "MOST"),
            sectors=("manufacturing", "robotics"), issued_on=date(2025, 2, 10),
            document_type="plan"),
        "orphan": make_policy(
            title="Notice Without Agencies", sectors=("energy",), issued_on=date(2021, 7, 1),
            document_type="other"),
        "ndrc_led": make_policy(
            title="Notice on Industrial Upgrading", agencies=("NDRC", "MIIT"),
            sectors=("manufacturing",), issued_on=date(2024, 11, 11), document_type="notice"),
    }
    add_companies(p["hydrogen"], "byd")
    add_companies(p["nev_tax"], "byd", "tesla")
    brief = make_archive_brief(title="China Industries Brief March 2024",
                               published_on=date(2024, 4, 2))
    item = make_brief_item(brief, policy=p["hydrogen"], headline="MIIT plans a hydrogen industry",
                           summary="A plan for hydrogen.", key_points=("Goal: 50,000 vehicles",),
                           comment="Ambitious.")
    make_target(p["hydrogen"], brief_item=item, sentence="Goal: 50,000 vehicles")
    make_brief_item(brief, policy=p["storage"], headline="Storage on the grid")
    make_news_item(brief, text="MIIT met BYD about hydrogen buses.", on=date(2024, 3, 20),
                   agencies=("MIIT",), companies=("byd",))
    make_news_item(brief, text="Tesla opened a factory.", kind="corporate", on=date(2023, 7, 1),
                   companies=("tesla",))
    make_news_item(brief, text="NDRC and MIIT announced a review.", on=date(2024, 2, 1),
                   agencies=("NDRC", "MIIT"))
    return {"policies": p, "brief": brief}
