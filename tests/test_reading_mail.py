"""E-mail newsletters: one brief per message, the plain part else the HTML part, the Subject and
Date as hints, stable names inside an mbox, and re-ingesting an mbox changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.reading import SourceText, UnreadablePart, read_sources
from ingest.reading.mail import NO_TEXT_PART
from ingest.run import REASON_DATE_FROM_MAIL
from policies.models import Brief, IngestWarning

from .conftest import SEEDS
from .documents import SENT, attachment_only_email, brief_email, run_ingest, write_eml, write_mbox


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")




def test_an_eml_gives_its_plain_part_with_the_subject_and_date_as_hints(tmp_path):
    text = seed_text("001")
    path = write_eml(brief_email(text, subject="China Industries: new materials"),
                     tmp_path / "brief.eml")
    (source,) = read_sources(path, max_bytes=10**7)
    assert source.name == "brief.eml"
    assert source.text == text
    assert (source.title_hint, source.date_hint) == ("China Industries: new materials",
                                                      SENT.date())


def test_a_message_with_only_html_is_read_through_the_html_reader(tmp_path):
    path = write_eml(brief_email(seed_text("004"), subject="s", html_only=True),
                     tmp_path / "h.eml")
    (source,) = read_sources(path, max_bytes=10**7)
    assert "At a glance: The Chinese Communist Party Central Committee" in source.text
    assert "cookies" not in source.text and "<p>" not in source.text


def test_a_message_without_text_says_so(tmp_path):
    path = write_eml(attachment_only_email(subject="chart"), tmp_path / "chart.eml")
    with pytest.raises(ValueError, match=NO_TEXT_PART):
        read_sources(path, max_bytes=10**7)


def test_mbox_messages_are_named_by_message_id_else_by_position(tmp_path):
    box = write_mbox([
        brief_email(seed_text("001"), subject="a", message_id="<dec-2024@merics.example>"),
        brief_email(seed_text("002"), subject="b"),
        attachment_only_email(subject="c"),
    ], tmp_path / "news.mbox")
    sources = read_sources(box, max_bytes=10**7)
    assert [s.name for s in sources] == ["news.mbox#dec-2024@merics.example", "news.mbox#2",
                                         "news.mbox#3"]
    assert [type(s) for s in sources] == [SourceText, SourceText, UnreadablePart]
    assert sources[2].reason == NO_TEXT_PART


@pytest.mark.django_db
def test_an_mbox_of_two_messages_gives_two_briefs_and_reingest_is_unchanged(tmp_path):
    box = write_mbox([
        brief_email(seed_text("001"), subject="November", message_id="<nov@merics.example>"),
        brief_email(seed_text("004"), subject="October 2021",
                    sent=datetime(2021, 11, 3, tzinfo=UTC)),
    ], tmp_path / "newsletters.mbox")
    out, err, ok = run_ingest(box)
    assert ok, err
    assert "1 file(s) read (2 briefs): briefs 2 created" in out
    assert sorted(Brief.objects.values_list("source_file", flat=True)) == [
        "newsletters.mbox#2", "newsletters.mbox#nov@merics.example"]

    out, err, ok = run_ingest(box)
    assert ok, err
    assert "briefs 0 created, 0 updated, 2 unchanged" in out


@pytest.mark.django_db
def test_a_bad_message_is_one_line_and_its_siblings_land(tmp_path):
    box = write_mbox([attachment_only_email(subject="chart"),
                      brief_email(seed_text("004"), subject="brief")], tmp_path / "mixed.mbox")
    _, err, ok = run_ingest(box)
    assert not ok
    assert [ln for ln in err.splitlines() if "mixed.mbox" in ln] == [
        f"mixed.mbox#1: {NO_TEXT_PART}"]
    assert Brief.objects.filter(source_file="mixed.mbox#2").exists()
    assert IngestWarning.objects.filter(file="mixed.mbox#1", is_error=True).exists()


@pytest.mark.django_db
def test_the_date_of_a_message_dates_an_undated_brief_and_asks_for_review(tmp_path):
    path = write_eml(brief_email(seed_text("000"), subject="MERICS China Industries"),
                     tmp_path / "undated.eml")
    _, err, ok = run_ingest(path)
    assert ok, err
    brief = Brief.objects.get(source_file="undated.eml")
    assert brief.published_on == SENT.date()
    assert brief.needs_review and REASON_DATE_FROM_MAIL in brief.review_reasons
