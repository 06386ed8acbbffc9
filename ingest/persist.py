"""Store a parsed brief: one atomic upsert per file, keyed on natural keys.

A brief is its file name; its items and news are (brief, position); a policy is found again through
the brief item that discussed it, else its Chinese title, else its normalised English title and
date. Records are updated in place (same primary keys, same permalinks), and a field an editor
corrected by hand (`corrected_fields`) is never overwritten.

A brief costs a fixed number of queries however many items and news it holds: what it already
has (items, news, their policies and links) and the policies its items may name are read up front,
the new state is worked out in memory, and each table is written in one statement with its
history rows (`bulk_writes`). Rows that go away are deleted with a history row each, as `delete()`
writes them, and each company the ingest creates costs its own queries (`KnownRecords`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.text import slugify

from ingest import bulk_writes
from ingest.chain import Stated, sync_relations
from ingest.known_records import KnownRecords
from ingest.parsing.dates import plain_date, precision_of
from ingest.parsing.structures import (
    ParsedBrief,
    ParsedItem,
    ParsedNews,
    ParsedPolicy,
    ParsedTarget,
)
from ingest.sectors import sector_change, sector_rows
from policies.models import (
    Agency,
    Brief,
    BriefItem,
    DatePrecision,
    IngestRun,
    IngestWarning,
    NewsItem,
    Policy,
    PolicyAgency,
    PolicySector,
    PolicyTarget,
    normalise_title,
    slug_for,
)
from policies.search.index import reindex

OFFICIAL_HOST_SUFFIXES = (".gov.cn", "gov.cn", ".npc.gov.cn")
ARCHIVE_HOSTS = ("web.archive.org", "archive.is", "archive.ph", "archive.today")
ITEM_FIELDS = ["headline", "summary", "key_points", "comment", "extra", "policy"]
NEWS_FIELDS = ["kind", "date", "year", "text", "sources"]
TARGET_FIELDS = ["policy", "metric", "value", "value_text", "unit", "direction", "target_year",
                 "baseline_value", "baseline_year", "sentence", "updated_at"]
POLICY_FIELDS = ["title", "chinese_title", "document_type", "is_draft", "issued_on",
                 "document_number", "number_key", "effective_on",
                 "issued_precision", "source_links", "needs_review", "review_reasons", "slug",
                 "year", "title_key", "updated_at"]


def link_kind(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
        return "archive"
    if host.endswith(OFFICIAL_HOST_SUFFIXES) or host == "gov.cn":
        return "official"
    return "news"


def _unique_brief_slug(title: str, published_on) -> str:
    stem = slugify(title)[:70].strip("-") or "brief"
    base = f"{published_on.isoformat()}-{stem}" if published_on else stem
    taken = set(Brief.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
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
    existing = twin = None
    for brief in Brief.objects.filter(Q(source_file=source_file) | Q(sha256=sha256)):
        if brief.source_file == source_file:
            existing = brief
        else:
            twin = brief
    if existing and existing.sha256 == sha256 and not force:
        outcome.brief = existing
        return outcome
    if twin:
        outcome.status = "failed"
        outcome.error = f"same text as the brief already ingested from {twin.source_file!r}"
        return outcome

    companies_before = known.companies_created
    try:
        with transaction.atomic():
            sync = _Sync(parsed, outcome, known, run)
            sync.run(existing, source_file, raw_text, sha256)
            # the brief, its news and the policies its items discuss (and discussed before: they
            # may lose its text): searchable at once, rolled back with everything else
            reindex(briefs=[outcome.brief], news=sync.news_ids, policies=sync.policy_ids,
                    related=False)
    except Exception:
        known.reload_companies()  # companies created inside the rolled-back transaction
        raise
    outcome.companies_created = known.companies_created - companies_before
    return outcome


class _Links:
    """One many-to-many relation of a brief's records: the links stored, read in one query, and
    the links they are to have, written in one delete and one insert."""

    def __init__(self, model: type[Model], name: str):
        self.name = name
        relation = model._meta.get_field(name)
        self.through = relation.remote_field.through
        self.source, self.target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        self.stored: dict[int, set[int]] = {}  # by record pk
        self.wanted: dict[int, tuple[Model, set[int]]] = {}  # by id() of the record

    def load(self, pks) -> None:
        pks = list(pks)
        if not pks:
            return
        rows = self.through.objects.filter(**{f"{self.source}_id__in": pks}) \
            .values_list(f"{self.source}_id", f"{self.target}_id")
        for owner, target in rows:
            self.stored.setdefault(owner, set()).add(target)

    def of(self, obj: Model) -> set[int]:
        if id(obj) in self.wanted:
            return self.wanted[id(obj)][1]
        return self.stored.get(obj.pk, set()) if obj.pk else set()

    def set(self, obj: Model, pks: set[int]) -> None:
        self.wanted[id(obj)] = (obj, pks)

    def changed(self) -> list[Model]:
        return [obj for obj, pks in self.wanted.values()
                if pks != self.stored.get(obj.pk, set())]

    def write(self) -> None:
        bulk_writes.set_links(self.through, self.source, self.target, (
            (obj.pk, self.stored.get(obj.pk, set()), pks) for obj, pks in self.wanted.values()
        ))


@dataclass(eq=False)
class _PolicyState:
    """A policy this brief discusses: its issuing agencies (pks, lead first) and sectors (slug ->
    score) as stored and as they are to be."""

    policy: Policy
    created: bool
    changed: bool = False  # its own columns
    stored_agencies: list[int] = field(default_factory=list)
    agencies: list[int] = field(default_factory=list)
    stored_sectors: dict[str, float] = field(default_factory=dict)
    sectors: dict[str, float] = field(default_factory=dict)


class _Sync:
    def __init__(self, parsed: ParsedBrief, outcome: FileOutcome, known: KnownRecords, run):
        self.parsed = parsed
        self.outcome = outcome
        self.known = known
        self.run_record = run
        self.writer = _Writer(outcome)
        self.stored_warnings: list[tuple[int | None, str, Policy | None]] = []
        self.items: dict[int, BriefItem] = {}  # stored, by position
        self.news: dict[int, NewsItem] = {}
        self.item_writes: list[tuple[BriefItem, bool]] = []  # (item, changed)
        self.news_writes: list[tuple[NewsItem, bool]] = []
        self.target_writes: list[tuple[BriefItem, Policy | None, list[ParsedTarget]]] = []
        self.candidates: dict[int, Policy] = {}  # stored policies the items may name, by pk
        self.policies: dict[int, _PolicyState] = {}  # by id() of the policy
        self.links = {
            "brief": {name: _Links(Brief, name) for name in ("agencies", "companies")},
            "news": {name: _Links(NewsItem, name) for name in ("agencies", "companies")},
            "policy": {"companies": _Links(Policy, "companies")},
        }
        self.stored_companies: dict = {}
        self.agency_by_pk = {a.pk: a for a in known.agencies.values()}
        self.news_ids: list[int] = []
        self.policy_ids: set[int] = set()

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
            "published_precision": parsed.published_precision or DatePrecision.DAY,
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
        self.load(brief, stored=existing is not None)

        linked_agencies: list[Agency] = []
        linked_companies = []
        for item in parsed.items:
            policy = self.sync_item(brief, item)
            if policy is not None:
                linked_agencies += self.agencies_of(policy)

        for position, news in enumerate(parsed.news, start=1):
            agencies, companies = self.sync_news(brief, position, news)
            linked_agencies += agencies
            linked_companies += companies
        self.outcome.news_items = len(parsed.news)

        if parsed.kind == "article":
            text = "\n".join([parsed.title, parsed.body])
            linked_agencies += self.known.agencies_in(text)
            linked_companies += self.known.companies_in(text, create=True,
                                                        stored=self.stored_companies)
        self.set_m2m(brief, self.links["brief"]["agencies"], _unique(linked_agencies))
        self.set_m2m(brief, self.links["brief"]["companies"], _unique(linked_companies))
        self.write(brief, stored=existing is not None)

        if self.run_record is not None:
            IngestWarning.objects.bulk_create(
                IngestWarning(run=self.run_record, file=brief.source_file, line=line,
                              reason=reason[:2000], brief=brief, policy=policy)
                for line, reason, policy in self.stored_warnings
            )

    def load(self, brief: Brief, *, stored: bool):
        """What the brief holds already, the policies its items may name, and their links."""
        if stored:
            for item in BriefItem.objects.filter(brief=brief).order_by().select_related("policy"):
                item.brief = brief
                self.items[item.position] = item
                if item.policy is not None:
                    self.candidates.setdefault(item.policy_id, item.policy)
                    item.policy = self.candidates[item.policy_id]
            for news in NewsItem.objects.filter(brief=brief).order_by():
                news.brief = brief
                self.news[news.position] = news
            for links in self.links["news"].values():
                links.load(news.pk for news in self.news.values())
            for links in self.links["brief"].values():
                links.load([brief.pk])
        self.policy_ids = {item.policy_id for item in self.items.values() if item.policy_id}

        named = [item.policy for item in self.parsed.items if item.policy]
        titles = {p.chinese_title for p in named if p.chinese_title}
        keys = {normalise_title(p.title) for p in named} - {""}
        if titles or keys:
            for policy in Policy.objects.filter(Q(chinese_title__in=titles)
                                                | Q(title_key__in=keys)).order_by():
                self.candidates.setdefault(policy.pk, policy)
        if self.candidates:
            pks = list(self.candidates)
            stored: dict[int, _PolicyState] = {}
            for pk, policy in self.candidates.items():
                stored[pk] = self.policies[id(policy)] = _PolicyState(policy, created=False)
            rows = PolicyAgency.objects.filter(policy_id__in=pks).order_by("policy_id", "position")
            for policy_id, agency_id in rows.values_list("policy_id", "agency_id"):
                stored[policy_id].stored_agencies.append(agency_id)
            rows = PolicySector.objects.filter(policy_id__in=pks).order_by()
            for policy_id, slug, score in rows.values_list("policy_id", "sector__slug", "score"):
                stored[policy_id].stored_sectors[slug] = score
            for state in stored.values():
                state.agencies = list(state.stored_agencies)
                state.sectors = dict(state.stored_sectors)
            self.links["policy"]["companies"].load(pks)

        texts = [_item_text(item) for item in self.parsed.items if item.policy]
        texts += [news.text for news in self.parsed.news]
        if self.parsed.kind == "article":
            texts.append("\n".join([self.parsed.title, self.parsed.body]))
        self.stored_companies = self.known.stored_companies(texts)

    def set_m2m(self, obj, links: _Links, targets: list):
        current = links.of(obj)
        wanted = {t.pk for t in targets}
        if current == wanted:
            return
        if obj.is_corrected(links.name):
            self.outcome.corrections_kept += 1
            return
        links.set(obj, wanted)

    # ------------------------------------------------------------------ items and policies
    def sync_item(self, brief: Brief, item: ParsedItem) -> Policy | None:
        brief_item = self.items.get(item.position)
        brief_item = brief_item or BriefItem(brief=brief, position=item.position)
        policy = self.sync_policy(item, brief_item.policy if brief_item.pk else None)
        changed = self.writer.assign(
            brief_item,
            {
                "headline": item.headline[:500],
                "summary": item.summary,
                "key_points": item.key_points,
                "comment": item.comment,
                "extra": item.extra,
            },
        )
        if (brief_item.policy if brief_item.policy_id else None) is not policy:
            brief_item.policy = policy
            changed = True
        self.item_writes.append((brief_item, changed))
        self.target_writes.append((brief_item, policy, item.policy.targets if item.policy else []))
        return policy

    def find_policy(self, parsed: ParsedPolicy) -> Policy | None:
        """The first policy, in the archive's order, with this Chinese title, else with this
        English title and date: among the stored candidates and the policies this brief has
        created or changed so far, as they are now."""
        pool = [policy for _, policy in sorted(
            (_archive_order(state.policy, n), state.policy)
            for n, state in enumerate(self.policies.values()))]
        if parsed.chinese_title:
            for policy in pool:
                if policy.chinese_title == parsed.chinese_title:
                    return policy
        key = normalise_title(parsed.title)
        if key:
            for policy in pool:
                if policy.title_key == key and policy.issued_on == parsed.issued_on:
                    return policy
        return None

    def sync_policy(self, item: ParsedItem, current: Policy | None) -> Policy | None:
        parsed = item.policy
        if parsed is None:
            return None
        policy = current or self.find_policy(parsed)
        created = policy is None
        if created:
            policy = Policy()
            self.policies[id(policy)] = _PolicyState(policy, created=True)
        state = self.policies[id(policy)]
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
            # a plain date (a MonthDate prints as "2016-03": no date column takes that)
            "issued_on": plain_date(parsed.issued_on),
            "issued_precision": precision_of(parsed.issued_on) or DatePrecision.DAY,
            "document_number": parsed.document_number[:100],
            "effective_on": plain_date(parsed.effective_on),
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
            policy.set_derived_fields()  # what saving it sets: the next item may look it up
            state.changed = True
        if not created and changed:
            self.outcome.policies_updated += 1
        if created:
            self.outcome.policies_created += 1

        self.set_policy_agencies(state, agencies)
        companies = self.known.companies_in(_item_text(item), create=True,
                                            stored=self.stored_companies)
        self.set_m2m(policy, self.links["policy"]["companies"], companies)
        self.set_policy_sectors(state, item)
        already_said = {w.reason for w in self.parsed.warnings if w.line == parsed.line}
        for reason in parsed.review_reasons:
            if not any(reason in said for said in already_said):
                self.warn(parsed.line, f"{parsed.title[:80]!r}: {reason}", policy)
        return policy

    def set_policy_agencies(self, state: _PolicyState, agencies: list[Agency]):
        wanted = [a.pk for a in agencies]
        if state.agencies == wanted:
            return
        if state.policy.is_corrected("agencies"):
            self.outcome.corrections_kept += 1
            return
        state.agencies = wanted

    def agencies_of(self, policy: Policy) -> list[Agency]:
        """The policy's issuing agencies as they will be stored, lead first."""
        pks = self.policies[id(policy)].agencies
        missing = [pk for pk in pks if pk not in self.agency_by_pk]
        if missing:  # an agency added since the run began
            self.agency_by_pk.update(Agency.objects.in_bulk(missing))
        return [self.agency_by_pk[pk] for pk in pks]

    def set_policy_sectors(self, state: _PolicyState, item: ParsedItem):
        scored = self.known.sector_classifier.classify(
            item.policy.title if item.policy else item.headline,
            item.summary,
            item.key_points,
        )
        outcome, state.sectors = sector_change(state.sectors, scored, self.known.sectors,
                                               corrected=state.policy.is_corrected("sectors"))
        if outcome == "kept":
            self.outcome.corrections_kept += 1

    # ------------------------------------------------------------------ news
    def sync_news(self, brief: Brief, position: int, news: ParsedNews):
        item = self.news.get(position) or NewsItem(brief=brief, position=position)
        changed = self.writer.assign(
            item, {"kind": news.kind, "date": news.date, "text": news.text,
                   "sources": news.sources}
        )
        self.news_writes.append((item, changed))
        if news.date is None:
            self.warn(news.line, f"news item without a date: {news.text[:60]!r}")
        text = news.text
        agencies = self.known.agencies_in(" ".join([text, *news.sources]))
        companies = self.known.companies_in(text, create=news.kind == "corporate",
                                            stored=self.stored_companies)
        self.set_m2m(item, self.links["news"]["agencies"], agencies)
        self.set_m2m(item, self.links["news"]["companies"], companies)
        return agencies, companies

    # ------------------------------------------------------------------ writing it all
    def write(self, brief: Brief, *, stored: bool):
        """Every table in one statement or two: policies first (the items point to them), then
        their agencies, sectors, companies and history, then items, news and links."""
        self.write_policies()

        new, changed = _new_and_changed(self.item_writes)
        bulk_writes.create(BriefItem, new)
        bulk_writes.update(BriefItem, changed, ITEM_FIELDS)
        if stored and any(position > len(self.parsed.items) for position in self.items):
            brief.items.filter(position__gt=len(self.parsed.items)).delete()
        self.policy_ids |= {item.policy_id for item, _ in self.item_writes if item.policy_id}
        self.write_targets(brief, stored=stored)
        sync_relations(self.stated_policies(), self.writer)

        for item, _ in self.news_writes:
            item.set_derived_fields()
        new, changed = _new_and_changed(self.news_writes)
        bulk_writes.create(NewsItem, new)
        bulk_writes.update(NewsItem, changed, NEWS_FIELDS)
        if stored and any(position > len(self.parsed.news) for position in self.news):
            brief.news_items.filter(position__gt=len(self.parsed.news)).delete()
        self.news_ids = [item.pk for item, _ in self.news_writes]

        for links in (*self.links["news"].values(), *self.links["brief"].values()):
            links.write()

    def stated_policies(self) -> list[Stated]:
        """Each policy this brief discusses, once, with the item and the facts read about it."""
        out, seen = [], set()
        for (brief_item, policy, _), item in zip(self.target_writes, self.parsed.items,
                                                 strict=True):
            if policy is None or id(policy) in seen:
                continue
            seen.add(id(policy))
            out.append(Stated(policy, brief_item, item.policy,
                              list(self.policies[id(policy)].agencies)))
        return out

    def write_targets(self, brief: Brief, *, stored: bool):
        """The targets each item states about its policy, keyed on (item, position): stored
        ones updated in place except for the fields an editor corrected, new ones inserted, and
        those the text no longer states deleted unless an editor corrected them."""
        current = {}
        if stored:
            current = {(t.brief_item_id, t.position): t
                       for t in PolicyTarget.objects.filter(brief_item__brief=brief).order_by()}
        new, changed, wanted = [], [], set()
        now = timezone.now()
        for brief_item, policy, targets in self.target_writes:
            if policy is None:
                continue
            for position, parsed in enumerate(targets):
                key = (brief_item.pk, position)
                wanted.add(key)
                target = current.get(key) or PolicyTarget(brief_item=brief_item,
                                                          position=position)
                values = _target_values(parsed)
                if target.pk is None:
                    for name, value in values.items():
                        setattr(target, name, value)
                    target.policy = policy
                    new.append(target)
                    continue
                moved = target.policy_id != policy.pk
                if moved:  # the item now discusses another policy
                    target.policy = policy
                if self.writer.assign(target, values) or moved:
                    target.updated_at = now
                    changed.append(target)
        gone = [t.pk for key, t in current.items()
                if key not in wanted and not t.corrected_fields]
        bulk_writes.create(PolicyTarget, new)
        bulk_writes.update(PolicyTarget, changed, TARGET_FIELDS)
        if gone:
            PolicyTarget.objects.filter(pk__in=gone).delete()

    def write_policies(self):
        states = list(self.policies.values())
        new = [s for s in states if s.created]
        Policy.objects.bulk_create([s.policy for s in new])
        changed = [s.policy for s in states if not s.created and s.changed]
        now = timezone.now()
        for policy in changed:
            policy.updated_at = now  # what saving it sets
        if changed:
            Policy.objects.bulk_update(changed, POLICY_FIELDS)

        replaced = [s for s in states if not s.created and s.agencies != s.stored_agencies]
        if replaced:
            PolicyAgency.objects.filter(policy__in=[s.policy for s in replaced]).delete()
        bulk_writes.create(PolicyAgency, [
            PolicyAgency(policy=s.policy, agency_id=pk, position=i)
            for s in new + replaced for i, pk in enumerate(s.agencies)
        ])

        replaced = [s for s in states if not s.created and s.sectors != s.stored_sectors]
        if replaced:
            PolicySector.objects.filter(policy__in=[s.policy for s in replaced]).delete()
        bulk_writes.create(PolicySector, [
            row for s in new + replaced for row in sector_rows(s.policy, s.sectors,
                                                               self.known.sectors)
        ])

        companies = self.links["policy"]["companies"]
        companies.write()
        # one history row per policy, made after its companies are set: the row holds them
        bulk_writes.record_history(Policy, [s.policy for s in new], created=True)
        relinked = {id(policy) for policy in companies.changed()}
        bulk_writes.record_history(Policy, [
            s.policy for s in states
            if not s.created and (s.changed or id(s.policy) in relinked)
        ], created=False)


def _new_and_changed(writes: list[tuple[Model, bool]]) -> tuple[list[Model], list[Model]]:
    """The records to insert and the stored ones to update (unchanged ones are left alone)."""
    return ([obj for obj, _ in writes if obj.pk is None],
            [obj for obj, changed in writes if changed and obj.pk is not None])


def _target_values(parsed: ParsedTarget) -> dict:
    def decimal(value):
        return None if value is None else Decimal(str(value)).quantize(Decimal("0.0001"))

    return {
        "metric": parsed.metric[:300],
        "value": decimal(parsed.value),
        "value_text": parsed.value_text[:100],
        "unit": parsed.unit[:50],
        "direction": parsed.direction,
        "target_year": parsed.target_year,
        "baseline_value": decimal(parsed.baseline_value),
        "baseline_year": parsed.baseline_year,
        "sentence": parsed.sentence,
    }


def _item_text(item: ParsedItem) -> str:
    """The text of an item in which the companies of its policy are looked for."""
    return "\n".join([item.summary, *item.key_points, item.comment])


def _archive_order(policy: Policy, n: int) -> tuple:
    """Policy's default ordering (newest first, undated last, then the newest row first), in
    Python; the policies this brief has not stored yet are the newest rows, the `n`th made
    last being newer than those made before."""
    issued = policy.issued_on
    return (issued is None, -issued.toordinal() if issued else 0,
            (1, -policy.pk) if policy.pk else (0, -n))


def _unique(values: list) -> list:
    seen, out = set(), []
    for value in values:
        key = value.pk if hasattr(value, "pk") else value
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out
