"""Store a parsed brief: one atomic upsert per file, keyed on natural keys.

A brief is its file name; its items and news are (brief, position); a policy is found again through
the brief item that discussed it, else its Chinese title, else its normalised English title and
date. Records are updated in place (same primary keys, same permalinks), and a field an editor
corrected by hand (`corrected_fields`) is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from ingest.known_records import KnownRecords
from ingest.parsing.structures import ParsedBrief, ParsedItem, ParsedNews, ParsedPolicy
from ingest.sectors import apply_sectors
from policies.models import (
    Agency,
    Brief,
    BriefItem,
    Company,
    IngestRun,
    IngestWarning,
    NewsItem,
    Policy,
    PolicyAgency,
    normalise_title,
    slug_for,
)
from policies.search.index import reindex

OFFICIAL_HOST_SUFFIXES = (".gov.cn", "gov.cn", ".npc.gov.cn")
ARCHIVE_HOSTS = ("web.archive.org", "archive.is", "archive.ph", "archive.today")


def link_kind(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
        return "archive"
    if host.endswith(OFFICIAL_HOST_SUFFIXES) or host == "gov.cn":
        return "official"
    return "news"


def _unique_brief_slug(title: str, published_on, exclude_pk=None) -> str:
    stem = slugify(title)[:70].strip("-") or "brief"
    base = f"{published_on.isoformat()}-{stem}" if published_on else stem
    slug, n = base, 2
    qs = Brief.objects.exclude(pk=exclude_pk) if exclude_pk else Brief.objects.all()
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass
class FileOutcome:
    file: str
    status: str  # created | updated | unchanged | failed
    brief: Brief | None = None
    policies_created: int = 0
    policies_updated: int = 0
    news_items: int = 0
    companies_created: int = 0
    corrections_kept: int = 0
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    error: str = ""


class _Writer:
    """Applies parsed values to a model instance unless the field was corrected by an editor."""

    def __init__(self, outcome: FileOutcome):
        self.outcome = outcome

    def assign(self, obj, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            if getattr(obj, name) == value:
                continue
            if obj.pk and obj.is_corrected(name):
                self.outcome.corrections_kept += 1
                continue
            setattr(obj, name, value)
            changed = True
        return changed


def sync_brief(
    parsed: ParsedBrief,
    *,
    source_file: str,
    raw_text: str,
    sha256: str,
    known: KnownRecords,
    run: IngestRun | None,
    force: bool = False,
) -> FileOutcome:
    """Create or update one brief and everything it holds, atomically.

    `known` resolves names to the archive's agencies, companies and sectors; `run`, when given,
    collects the warnings. A brief whose text (`sha256`) has not changed is left alone unless
    `force`."""
    outcome = FileOutcome(file=source_file, status="unchanged")
    existing = Brief.objects.filter(source_file=source_file).first()
    if existing and existing.sha256 == sha256 and not force:
        outcome.brief = existing
        return outcome
    twin = Brief.objects.filter(sha256=sha256).exclude(source_file=source_file).first()
    if twin:
        outcome.status = "failed"
        outcome.error = f"same text as the brief already ingested from {twin.source_file!r}"
        return outcome

    companies_before = known.companies_created
    # policies this brief discussed before the update: they may lose its text
    previous = list(BriefItem.objects.filter(brief=existing, policy__isnull=False)
                    .values_list("policy_id", flat=True)) if existing else []
    try:
        with transaction.atomic():
            _Sync(parsed, outcome, known, run).run(existing, source_file, raw_text, sha256)
            # the brief, its news and the policies its items discuss: searchable at once, and
            # rolled back with everything else if the file fails
            reindex(briefs=[outcome.brief], policies=previous)
    except Exception:
        known.reload_companies()  # companies created inside the rolled-back transaction
        raise
    outcome.companies_created = known.companies_created - companies_before
    return outcome


class _Sync:
    def __init__(self, parsed: ParsedBrief, outcome: FileOutcome, known: KnownRecords, run):
        self.parsed = parsed
        self.outcome = outcome
        self.known = known
        self.run_record = run
        self.writer = _Writer(outcome)
        self.stored_warnings: list[tuple[int | None, str, Policy | None]] = []

    def warn(self, line, reason, policy=None):
        self.outcome.warnings.append((line, reason))
        self.stored_warnings.append((line, reason, policy))

    # ------------------------------------------------------------------ brief
    def run(self, existing: Brief | None, source_file: str, raw_text: str, sha256: str):
        parsed = self.parsed
        for w in parsed.warnings:
            self.warn(w.line, w.reason)
        brief = existing or Brief(source_file=source_file)
        values = {
            "publisher": parsed.publisher,
            "series": parsed.series,
            "title": parsed.title[:500],
            "kind": parsed.kind,
            "published_on": parsed.published_on,
            "period_start": parsed.period_start,
            "period_end": parsed.period_end,
            "authors": parsed.authors,
            "topics": parsed.topics,
            "body": parsed.body,
            "needs_review": bool(parsed.review_reasons),
            "review_reasons": list(parsed.review_reasons),
        }
        self.writer.assign(brief, values)
        brief.raw_text = raw_text
        brief.sha256 = sha256
        if not brief.slug:
            brief.slug = _unique_brief_slug(brief.title, brief.published_on)
        brief.save()
        self.outcome.brief = brief
        self.outcome.status = "updated" if existing else "created"

        linked_agencies: list[Agency] = []
        linked_companies: list[Company] = []
        for item in parsed.items:
            policy = self.sync_item(brief, item)
            if policy is not None:
                linked_agencies += [pa.agency for pa in policy.policy_agencies.all()]
        brief.items.filter(position__gt=len(parsed.items)).delete()

        for position, news in enumerate(parsed.news, start=1):
            agencies, companies = self.sync_news(brief, position, news)
            linked_agencies += agencies
            linked_companies += companies
        brief.news_items.filter(position__gt=len(parsed.news)).delete()
        self.outcome.news_items = len(parsed.news)

        if parsed.kind == "article":
            text = "\n".join([parsed.title, parsed.body])
            linked_agencies += self.known.agencies_in(text)
            linked_companies += self.known.companies_in(text, create=True)
        self.set_m2m(brief, "agencies", _unique(linked_agencies))
        self.set_m2m(brief, "companies", _unique(linked_companies))

        if self.run_record is not None:
            IngestWarning.objects.bulk_create(
                IngestWarning(run=self.run_record, file=brief.source_file, line=line,
                              reason=reason[:2000], brief=brief, policy=policy)
                for line, reason, policy in self.stored_warnings
            )

    def set_m2m(self, obj, name: str, targets: list):
        current = set(getattr(obj, name).values_list("pk", flat=True))
        wanted = {t.pk for t in targets}
        if current == wanted:
            return
        if obj.is_corrected(name):
            self.outcome.corrections_kept += 1
            return
        getattr(obj, name).set(targets)

    # ------------------------------------------------------------------ items and policies
    def sync_item(self, brief: Brief, item: ParsedItem) -> Policy | None:
        brief_item = BriefItem.objects.filter(brief=brief, position=item.position).first()
        brief_item = brief_item or BriefItem(brief=brief, position=item.position)
        policy = self.sync_policy(item, brief_item.policy if brief_item.pk else None)
        self.writer.assign(
            brief_item,
            {
                "headline": item.headline[:500],
                "summary": item.summary,
                "key_points": item.key_points,
                "comment": item.comment,
                "extra": item.extra,
            },
        )
        if brief_item.policy_id != (policy.pk if policy else None):
            brief_item.policy = policy
        brief_item.save()
        return policy

    def find_policy(self, parsed: ParsedPolicy) -> Policy | None:
        if parsed.chinese_title:
            found = Policy.objects.filter(chinese_title=parsed.chinese_title).first()
            if found:
                return found
        key = normalise_title(parsed.title)
        if key:
            return Policy.objects.filter(title_key=key, issued_on=parsed.issued_on).first()
        return None

    def sync_policy(self, item: ParsedItem, current: Policy | None) -> Policy | None:
        parsed = item.policy
        if parsed is None:
            return None
        policy = current or self.find_policy(parsed)
        created = policy is None
        policy = policy or Policy()
        reasons = list(parsed.review_reasons)

        agencies: list[Agency] = []
        for ref in parsed.agency_refs:
            key = self.known.agency_matcher.resolve(ref)
            if key is None:
                self.warn(parsed.line, f"unknown agency {ref!r} in the issuing line of "
                                       f"{parsed.title[:80]!r}")
                reasons.append(f"unknown agency: {ref}")
            elif self.known.agencies[key] not in agencies:
                agencies.append(self.known.agencies[key])
        if not agencies:
            reasons.append("no issuing agency")

        values = {
            "title": parsed.title[:500],
            "chinese_title": parsed.chinese_title[:500],
            "document_type": parsed.document_type,
            "is_draft": parsed.is_draft,
            "issued_on": parsed.issued_on,
            "source_links": [
                {"url": url, "kind": link_kind(url)}
                for url in parsed.source_urls
                if url.lower().startswith(("http://", "https://"))
            ],
            "needs_review": bool(reasons),
            "review_reasons": _unique(reasons),
        }
        changed = self.writer.assign(policy, values)
        if created or changed:
            if not policy.is_corrected("slug"):
                policy.slug = slug_for(policy.title, fallback="policy")
            policy.save()
        if not created and changed:
            self.outcome.policies_updated += 1
        if created:
            self.outcome.policies_created += 1

        self.set_policy_agencies(policy, agencies)
        text = "\n".join([item.summary, *item.key_points, item.comment])
        self.set_m2m(policy, "companies", self.known.companies_in(text, create=True))
        self.set_policy_sectors(policy, item)
        already_said = {w.reason for w in self.parsed.warnings if w.line == parsed.line}
        for reason in parsed.review_reasons:
            if not any(reason in said for said in already_said):
                self.warn(parsed.line, f"{parsed.title[:80]!r}: {reason}", policy)
        return policy

    def set_policy_agencies(self, policy: Policy, agencies: list[Agency]):
        current = list(
            policy.policy_agencies.order_by("position").values_list("agency_id", flat=True)
        )
        if current == [a.pk for a in agencies]:
            return
        if policy.is_corrected("agencies"):
            self.outcome.corrections_kept += 1
            return
        policy.policy_agencies.all().delete()
        bulk_create_with_history(
            [PolicyAgency(policy=policy, agency=agency, position=i)
             for i, agency in enumerate(agencies)],
            PolicyAgency,
        )

    def set_policy_sectors(self, policy: Policy, item: ParsedItem):
        scored = self.known.sector_classifier.classify(
            item.policy.title if item.policy else item.headline,
            item.summary,
            item.key_points,
        )
        if apply_sectors(policy, scored, self.known.sectors) == "kept":
            self.outcome.corrections_kept += 1

    # ------------------------------------------------------------------ news
    def sync_news(self, brief: Brief, position: int, news: ParsedNews):
        item = NewsItem.objects.filter(brief=brief, position=position).first()
        item = item or NewsItem(brief=brief, position=position)
        self.writer.assign(
            item, {"kind": news.kind, "date": news.date, "text": news.text,
                   "sources": news.sources}
        )
        item.save()
        if news.date is None:
            self.warn(news.line, f"news item without a date: {news.text[:60]!r}")
        text = news.text
        agencies = self.known.agencies_in(" ".join([text, *news.sources]))
        companies = self.known.companies_in(text, create=True) if news.kind == "corporate" \
            else self.known.companies_in(text, create=False)
        self.set_m2m(item, "agencies", agencies)
        self.set_m2m(item, "companies", companies)
        return agencies, companies


def _unique(values: list) -> list:
    seen, out = set(), []
    for value in values:
        key = value.pk if hasattr(value, "pk") else value
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out

