"""Merge duplicate companies or agencies into one survivor.

Every relation moves to the survivor, the loser's names become aliases that future ingests
resolve, and the loser's public URL answers 301 to the survivor's (django.contrib.redirects).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Min
from django.utils.text import get_text_list

from ..models import Agency, AgencyAlias, Company, CompanyAlias, PolicyAgency
from ..search.index import reindex_on_commit


def _redirect(old_path: str, new_path: str) -> None:
    site = Site.objects.get(pk=settings.SITE_ID)
    # Earlier redirects that pointed at the loser now point at the survivor: no chains.
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(site=site, old_path=old_path,
                                      defaults={"new_path": new_path})


def _alias(model, owner_field: str, owner, name: str, taken: set[str]) -> None:
    name = (name or "").strip()
    if not name or name.lower() in taken:
        return
    alias, created = model.objects.get_or_create(name=name, defaults={owner_field: owner})
    if not created and getattr(alias, f"{owner_field}_id") != owner.pk:
        setattr(alias, owner_field, owner)
        alias.save(update_fields=[owner_field])
    taken.add(name.lower())


@transaction.atomic
def merge_companies(survivor: Company, losers: list[Company]) -> int:
    taken = {survivor.name.lower()}
    merged = 0
    for loser in losers:
        if loser.pk == survivor.pk:
            continue
        for relation in ("policies", "news_items", "briefs"):
            getattr(survivor, relation).add(*getattr(loser, relation).all())
        CompanyAlias.objects.filter(company=loser).update(company=survivor)
        _alias(CompanyAlias, "company", survivor, loser.name, taken)
        if not survivor.country and loser.country:
            survivor.country = loser.country
            survivor.save(update_fields=["country"])
        old_url = loser.get_absolute_url()
        loser.delete()
        _redirect(old_url, survivor.get_absolute_url())
        merged += 1
    return merged


@transaction.atomic
def merge_agencies(survivor: Agency, losers: list[Agency]) -> int:
    taken = {survivor.abbreviation.lower(), survivor.name.lower(),
             survivor.chinese_name.lower()}
    merged = 0
    for loser in losers:
        if loser.pk == survivor.pk:
            continue
        reindex_on_commit(policies=list(PolicyAgency.objects.filter(agency=loser)
                                        .values_list("policy_id", flat=True)),
                          news=list(loser.news_items.values_list("pk", flat=True)),
                          briefs=list(loser.briefs.values_list("pk", flat=True)))
        for row in PolicyAgency.objects.filter(agency=loser).select_related("policy"):
            mine = PolicyAgency.objects.filter(policy=row.policy, agency=survivor).first()
            if mine is None:
                row.agency = survivor
                row.save(update_fields=["agency"])
                continue
            best = PolicyAgency.objects.filter(
                policy=row.policy, agency__in=[survivor, loser]
            ).aggregate(p=Min("position"))["p"]
            row.delete()
            if mine.position != best:
                mine.position = best
                mine.save(update_fields=["position"])
        for relation in ("news_items", "briefs"):
            getattr(survivor, relation).add(*getattr(loser, relation).all())
        Agency.objects.filter(parent=loser).update(parent=survivor)
        AgencyAlias.objects.filter(agency=loser).update(agency=survivor)
        for name in (loser.abbreviation, loser.name, loser.chinese_name):
            _alias(AgencyAlias, "agency", survivor, name, taken)
        old_url = loser.get_absolute_url()
        loser.delete()
        _redirect(old_url, survivor.get_absolute_url())
        merged += 1
    return merged


def _moving(record) -> dict[str, int]:
    """What merging `record` into another moves: its relations, and the names that become
    aliases (its own names and its aliases)."""
    if isinstance(record, Agency):
        names = {n.lower() for n in (record.abbreviation, record.name, record.chinese_name) if n}
        return {"policies": PolicyAgency.objects.filter(agency=record).count(),
                "news items": record.news_items.count(), "briefs": record.briefs.count(),
                "subordinate bodies": Agency.objects.filter(parent=record).count(),
                "aliases": len(names) + AgencyAlias.objects.filter(agency=record).count()}
    return {"policies": record.policies.count(), "news items": record.news_items.count(),
            "briefs": record.briefs.count(),
            "aliases": 1 + CompanyAlias.objects.filter(company=record).count()}


SINGULAR = {"policies": "policy", "news items": "news item", "briefs": "brief",
            "subordinate bodies": "subordinate body", "aliases": "alias"}


def _phrase(counts: dict[str, int]) -> str:
    parts = [f"{n} {noun if n != 1 else SINGULAR[noun]}" for noun, n in counts.items() if n]
    return get_text_list(parts, "and") if parts else "nothing"


def merge_preview(records) -> list[dict]:
    """For each record a merge could keep: what moves to it from the others ("12 policies, 3
    news items and 2 aliases"), and each record's own counts. A few queries per record."""
    records = list(records)
    own = {record.pk: _moving(record) for record in records}
    preview = []
    for survivor in records:
        total: dict[str, int] = {}
        for other in records:
            if other.pk != survivor.pk:
                for noun, n in own[other.pk].items():
                    total[noun] = total.get(noun, 0) + n
        preview.append({"record": survivor, "own": own[survivor.pk],
                        "moves": _phrase(total)})
    return preview
