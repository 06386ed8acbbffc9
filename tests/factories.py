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
