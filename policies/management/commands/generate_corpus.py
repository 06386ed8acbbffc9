"""manage.py generate_corpus --policies N: a synthetic archive for benchmarks.

Distributions roughly follow the real briefs: a few agencies (MIIT, NDRC, SAMR, ...) lead most
policies, 1-4 co-issuers, 1-3 sectors, dates skewed to recent years, notices and plans most common,
Chinese and English titles built from a policy vocabulary, one brief item per policy.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from policies.models import (
    Agency,
    Brief,
    BriefItem,
    DocumentType,
    Policy,
    PolicyAgency,
    PolicySector,
    Sector,
    normalise_title,
    slug_for,
)
from policies.search.index import reindex_all

TOPICS = [
    ("new energy vehicles", "新能源汽车"), ("energy storage", "新型储能"),
    ("industrial internet", "工业互联网"), ("carbon footprint", "碳足迹"),
    ("rare earths", "稀土"), ("integrated circuits", "集成电路"), ("photovoltaics", "光伏"),
    ("the Internet of Things", "物联网"), ("digital transformation", "数字化转型"),
    ("artificial intelligence", "人工智能"), ("smart manufacturing", "智能制造"),
    ("new materials", "新材料"), ("biomanufacturing", "生物制造"), ("data security", "数据安全"),
    ("hydrogen energy", "氢能"), ("shipbuilding", "船舶工业"), ("civil aviation", "民用航空"),
    ("standardisation", "标准化"), ("SMEs", "中小企业"), ("foreign trade", "对外贸易"),
    ("chips", "芯片"), ("automobiles", "汽车"), ("green finance", "绿色金融"),
]
FORMS = [
    (DocumentType.NOTICE, "Notice on Promoting {t}", "关于促进{z}发展的通知", 30),
    (DocumentType.PLAN, "Implementation Plan for {t}", "{z}实施方案", 18),
    (DocumentType.ACTION_PLAN, "Three-Year Action Plan for {t}", "{z}三年行动计划", 14),
    (DocumentType.GUIDELINES, "Guidelines for the Development of {t}", "{z}发展指南", 10),
    (DocumentType.GUIDING_OPINIONS, "Guiding Opinions on {t}", "关于{z}的指导意见", 10),
    (DocumentType.OPINIONS, "Opinions on Strengthening {t}", "关于加强{z}的意见", 6),
    (DocumentType.MEASURES, "Measures for the Administration of {t}", "{z}管理办法", 8),
    (DocumentType.OUTLINE, "Development Outline for {t}", "{z}发展纲要", 2),
    (DocumentType.PROGRAMME, "Programme for {t}", "{z}工作方案", 2),
]
LEADS = ["MIIT", "NDRC", "SAMR", "CAC", "MOF", "MOFCOM", "NEA", "MEE", "State Council", "MOST",
         "NDA", "PBOC", "CCPCC", "MOT", "NHC"]


class Command(BaseCommand):
    help = "Fill the database with a synthetic corpus of policies for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--policies", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch", type=int, default=5_000)

    def handle(self, *args, policies, seed, batch, **options):
        if policies < 1 or policies > 2_000_000:
            raise CommandError("--policies must be between 1 and 2,000,000.")
        rng = random.Random(seed)
        agencies = list(Agency.objects.all())
        sectors = list(Sector.objects.all())
        if not agencies or not sectors:
            raise CommandError("The registry is empty: run migrate first.")
        by_abbr = {a.abbreviation: a for a in agencies}
        leads = [by_abbr[a] for a in LEADS if a in by_abbr]
        lead_weights = [1 / (i + 1) for i in range(len(leads))]
        form_weights = [f[3] for f in FORMS]
        start = date(2012, 1, 1)
        span = (date(2026, 10, 31) - start).days

        started = time.perf_counter()
        made = 0
        batch = min(batch, 10_000)  # brief item positions are small integers
        while made < policies:
            n = min(batch, policies - made)
            with transaction.atomic():
                number = Brief.objects.filter(publisher="Synthetic").count() + 1
                brief = Brief.objects.create(
                    title=f"Synthetic brief {number}", publisher="Synthetic",
                    source_file=f"synthetic-{seed}-{number}.txt",
                    sha256=f"{seed:032x}{number:032x}"[-64:], raw_text="",
                    slug=f"synthetic-{seed}-{number}",
                    published_on=date(2026, 11, 1) - timedelta(days=number),
                )
                next_position = 1
                rows = []
                for _ in range(n):
                    topic, zh = rng.choice(TOPICS)
                    form = rng.choices(FORMS, weights=form_weights)[0]
                    # skew towards recent years
                    issued = start + timedelta(days=int(span * rng.random() ** 0.6))
                    title = form[1].format(t=topic) + f" ({issued.year}-{rng.randint(1, 999)})"
                    rows.append(Policy(
                        title=title, chinese_title=form[2].format(z=zh),
                        document_type=form[0], issued_on=issued, year=issued.year,
                        slug=slug_for(title), title_key=normalise_title(title),
                        is_draft=rng.random() < 0.1, needs_review=rng.random() < 0.03,
                    ))
                created = Policy.objects.bulk_create(rows, batch_size=1000)
                links, tags, items = [], [], []
                for policy in created:
                    chosen = [rng.choices(leads, weights=lead_weights)[0]]
                    for _ in range(rng.choices([0, 1, 2, 3], weights=[55, 25, 12, 8])[0]):
                        other = rng.choice(agencies)
                        if other not in chosen:
                            chosen.append(other)
                    # *_id, not the objects: the related descriptors cost more than the rest
                    links += [PolicyAgency(policy_id=policy.pk, agency_id=a.pk, position=i)
                              for i, a in enumerate(chosen)]
                    how_many = rng.choices([1, 2, 3], weights=[50, 35, 15])[0]
                    for sector in rng.sample(sectors, how_many):
                        tags.append(PolicySector(policy_id=policy.pk, sector_id=sector.pk,
                                                 score=round(rng.uniform(1, 9), 1)))
                    items.append(BriefItem(
                        brief_id=brief.pk, position=next_position, headline=policy.title,
                        summary=f"The {chosen[0].abbreviation} issued {policy.title.lower()} "
                                f"covering {policy.chinese_title}.",
                        key_points=["Raise capacity by 2027", "Support pilot zones"],
                        policy_id=policy.pk,
                    ))
                    next_position += 1
                PolicyAgency.objects.bulk_create(links, batch_size=2000)
                PolicySector.objects.bulk_create(tags, batch_size=2000)
                BriefItem.objects.bulk_create(items, batch_size=2000)
            made += n
            if options["verbosity"] >= 1:
                self.stdout.write(f"{made}/{policies} policies", ending="\r")
                self.stdout.flush()
        if options["verbosity"] >= 1:
            self.stdout.write("")
        rows_done = time.perf_counter()
        reindex_all()
        if options["verbosity"] >= 2:  # machine-readable, for scripts/bench_pages.py
            self.stdout.write(f"timing rows {rows_done - started:.1f}")
            self.stdout.write(f"timing index {time.perf_counter() - rows_done:.1f}")
        self.stdout.write(self.style.SUCCESS(f"Generated {policies} policies."))

