"""A brief read from a PDF, a saved web page or an e-mail is the brief its text is: the same
parse field by field, and the same records once ingested. Differences allowed, and why:

- line numbers (`line` fields, and warnings' lines): a PDF wraps long lines, a page joins a
  paragraph's lines, so the text's lines are numbered differently;
- an e-mail's Date fills the date an undated brief lacks (seed 000), and its Subject the title
  of a brief with no title line (seeds 001, 002), each with a warning.

Seed 002 writes each policy block ('Article: ... (Link) Issuing body: MIIT Date: ...') on one
300-character line, which a PDF must wrap, once inside 'Issuing body:': the PDF reader joins
the lines its writer had to wrap, so the parser sees the line the text has.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import transaction

from ingest.parsing import parse_brief
from ingest.parsing.structures import to_jsonable
from ingest.reading import read_sources
from ingest.run import REASON_DATE_FROM_MAIL, apply_hints
from policies.models import Brief, NewsItem, Policy

from .conftest import SEEDS
from .documents import (
    SENT,
    brief_email,
    brief_page,
    brief_pdf,
    require_pdf_tools,
    run_ingest,
    write_eml,
)

SEED_FILES = sorted(SEEDS.glob("*.txt"))
FORMATS = ["pdf", "html", "eml"]


def write_as(fmt: str, seed: Path, folder: Path) -> Path:
    text = seed.read_text(encoding="utf-8")
    target = folder / f"{seed.stem}.{fmt}"
    if fmt == "pdf":
        return brief_pdf(text, target, font=require_pdf_tools())
    if fmt == "html":
        target.write_text(brief_page(text), encoding="utf-8")
        return target
    return write_eml(brief_email(text, subject=f"MERICS China Industries: {seed.stem}"), target)


def comparable(obj):
    """The parse as JSON without line numbers."""
    if isinstance(obj, dict):
        return {k: comparable(v) for k, v in obj.items() if k != "line"}
    if isinstance(obj, list):
        return [comparable(v) for v in obj]
    return obj


def parsed_as(source) -> dict:
    parsed = parse_brief(source.text, filename=source.name)
    apply_hints(parsed, source)
    return comparable(to_jsonable(parsed))


CASES = [
    pytest.param(seed, fmt, id=f"{seed.stem[:3]}-{fmt}")
    for seed in SEED_FILES for fmt in FORMATS
]


@pytest.mark.parametrize(("seed", "fmt"), CASES)
def test_each_format_parses_field_by_field_like_its_text(seed, fmt, tmp_path):
    (text_source,) = read_sources(seed, max_bytes=10**7)
    (source,) = read_sources(write_as(fmt, seed, tmp_path), max_bytes=10**7)
    want, got = parsed_as(text_source), parsed_as(source)
    if fmt == "eml":
        _take_the_hints_out(got, want, source.title_hint)
    assert got == want


def _take_the_hints_out(got: dict, want: dict, subject: str) -> None:
    hinted = [w for w in got["warnings"] if "the message's" in w["reason"]]
    got["warnings"] = [w for w in got["warnings"] if w not in hinted]
    expected = []
    if want["published_on"] is None:  # seed 000 is undated
        assert got.pop("published_on") == SENT.date().isoformat()
        assert got["review_reasons"] == [REASON_DATE_FROM_MAIL if r == "undated brief" else r
                                         for r in want["review_reasons"]]
        got["review_reasons"], _ = want["review_reasons"], want.pop("published_on")
        expected.append("date")
    if any(w["reason"].startswith("no title line") for w in want["warnings"]):
        assert got.pop("title") == subject
        want.pop("title")
        expected.append("Subject")
    assert [w["reason"] for w in hinted] == [r for r in (
        f"no date in the text: the message's Date ({SENT.date().isoformat()}) is used",
        "no title line: the message's Subject is used") if any(e in r for e in expected)]




def records() -> dict:
    """What an analyst sees of the archive: policies, item headlines, news."""
    policies = [
        (p.title, p.chinese_title, p.issued_on, p.document_type,
         [pa.agency.abbreviation for pa in p.policy_agencies.order_by("position")])
        for p in Policy.objects.order_by("title").prefetch_related("policy_agencies__agency")
    ]
    briefs = [(b.title, b.kind, b.publisher, b.published_on,
               [(i.position, i.headline) for i in b.items.order_by("position")])
              for b in Brief.objects.order_by("title")]
    news = [(n.position, n.kind, n.date, n.text, n.sources, sorted(a.abbreviation for a in
             n.agencies.all()), sorted(c.name for c in n.companies.all()))
            for n in NewsItem.objects.order_by("position").prefetch_related("agencies",
                                                                            "companies")]
    return {"policies": policies, "briefs": briefs, "news": news}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_ingesting_another_format_stores_the_records_its_text_stores(fmt, tmp_path):
    seed = next(SEEDS.glob("004_*.txt"))  # five policies with Chinese titles, 13 news items
    copy = tmp_path / "text" / seed.name
    copy.parent.mkdir()
    shutil.copy(seed, copy)
    with transaction.atomic():  # the text's records, then a fresh database for the format
        _, err, ok = run_ingest(copy)
        assert ok, err
        want = records()
        transaction.set_rollback(True)
    assert not Brief.objects.exists()

    _, err, ok = run_ingest(write_as(fmt, seed, tmp_path))
    assert ok, err
    got = records()
    assert len(got["policies"]) == 5 and all(p[1] for p in got["policies"])
    assert len(got["news"]) == 13
    assert got == want
