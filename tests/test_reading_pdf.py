"""The PDF reader on PDFs written by fpdf2 with a CJK font, read by poppler: furniture dropped,
words broken across lines mended, two columns in reading order, and a one-line reason for a
scan, a password or a broken file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.reading import UnreadableFile, read_sources
from ingest.reading.pdf import NO_TEXT_LAYER
from ingest.reading.pdf_layout import Line, Page, pages_to_text

from .conftest import SEEDS
from .documents import (
    RUNNING_HEAD,
    brief_pdf,
    corrupt_pdf,
    encrypted_pdf,
    image_only_pdf,
    lines_pdf,
    require_pdf_tools,
)

CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef《》"


@pytest.fixture
def font() -> Path:
    return require_pdf_tools()


def read_text(path: Path) -> str:
    (source,) = read_sources(path, max_bytes=10**7)
    return source.text


def words(text: str) -> list[str]:
    """Words in order, with the breaks a narrow column puts inside Chinese closed again."""
    return re.sub(f"(?<=[{CJK}])\\s+(?=[{CJK}(（])", "", " ".join(text.split())).split()


def test_running_headers_and_page_numbers_are_dropped_and_every_line_is_kept(font, tmp_path):
    seed = next(SEEDS.glob("001_*.txt"))
    text = read_text(brief_pdf(seed.read_text(encoding="utf-8"), tmp_path / "b.pdf", font=font))
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    assert not any(RUNNING_HEAD in ln or re.fullmatch(r"Page \d+", ln) for ln in lines)
    assert words(text) == words(seed.read_text(encoding="utf-8"))


def test_two_column_pages_are_read_column_by_column(font, tmp_path):
    seed = next(SEEDS.glob("004_*.txt"))
    pdf = brief_pdf(seed.read_text(encoding="utf-8"), tmp_path / "two.pdf", font=font, columns=2)
    assert words(read_text(pdf)) == words(seed.read_text(encoding="utf-8"))


def test_a_word_hyphenated_at_a_line_end_is_joined(font, tmp_path):
    pdf = lines_pdf([
        "The plan supports the development of batteries and the develop-",
        "ment of storage, led by state-",
        "owned companies and small- and medium-sized",
        "enterprises, a small-",
        "and medium-sized firms' programme.",
    ], tmp_path / "hyphens.pdf", font=font)
    text = " ".join(read_text(pdf).split())  # the lines are soft wraps: joined where they fit
    assert ("The plan supports the development of batteries and the development"  # spelt so above
            " of storage, led by state-owned"  # a compound keeps its hyphen
            " companies and small- and medium-sized"
            " enterprises, a small- and"  # a suspended hyphen stays
            " medium-sized firms' programme.") in text


def _column(*texts: str, chars: int, per_char: float = 6.0) -> list[Page]:
    """One page, one column with 50-point margins that holds `chars` characters a line; each
    text a line, `per_char` points a character."""
    lines = [Line(t, 50.0, 100.0 + i * 12, 50.0 + per_char * len(t), 110.0 + i * 12)
             for i, t in enumerate(texts)]
    return [Page(100.0 + per_char * chars, 800.0, lines)]


def test_a_line_the_writer_had_to_wrap_is_one_line_again():
    text = pages_to_text(_column(
        "Article: Notice on the Administration of Industrial Data (Link) Issuing",
        "body: MIIT Date: 2024-08-26",
        "Short line.",  # "Short" would have fitted after the line above
        chars=72))
    assert text.splitlines() == [
        "Article: Notice on the Administration of Industrial Data (Link) Issuing body: MIIT"
        " Date: 2024-08-26",
        "Short line.",
    ]


def test_a_line_broken_where_the_next_word_would_have_fitted_stays_broken():
    text = pages_to_text(_column(
        "Issuing Authority: Ministry of Industry and Information Technology (MIIT)",
        "Date: 2024-08-26",
        "Document No.: MIIT [2024] No. 12",
        chars=90))
    assert text.splitlines() == [
        "Issuing Authority: Ministry of Industry and Information Technology (MIIT)",
        "Date: 2024-08-26",
        "Document No.: MIIT [2024] No. 12",
    ]


def test_chinese_wrapped_at_the_edge_is_joined_without_a_space():
    first, second = "工业和信息化部关于印发《工业互联网创新发展行动计划", "（2021-2023年）》的通知"
    text = pages_to_text(_column(first, second, chars=25, per_char=10.0))
    assert text.splitlines() == [first + second]


def test_a_url_broken_at_the_right_margin_is_joined_again(font, tmp_path):
    url = ("https://www.miit.gov.cn/zwgk/zcwj/wjfb/tz/art/2024/"
           "art_58ab93934dbf46aa8fd393548e34bd16.html?from=timeline&isappinstalled=0&page=12345")
    text = read_text(brief_pdf(f"Sources:\n{url}\nhttps://www.gov.cn/\n", tmp_path / "u.pdf",
                               font=font))
    assert url in text.splitlines()
    assert "https://www.gov.cn/" in text.splitlines()


def test_a_pdf_with_only_a_password_for_its_owner_is_read(tmp_path):
    require_pdf_tools()
    assert "line 29 of a brief" in read_text(encrypted_pdf(tmp_path / "o.pdf", user_password=None))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp, font: image_only_pdf(tmp / "scan.pdf"), NO_TEXT_LAYER),
        (lambda tmp, font: encrypted_pdf(tmp / "locked.pdf"), "encrypted PDF: it needs a password"),
        (lambda tmp, font: corrupt_pdf(tmp / "cut.pdf", font=font,
                                       seed_text=next(SEEDS.glob("001_*.txt")).read_text()),
         "corrupt or unreadable PDF"),
        (lambda tmp, font: _write(tmp / "fake.pdf", b"<html>not a pdf</html>"), "not a PDF"),
    ],
    ids=["image-only", "encrypted", "truncated", "not-a-pdf"],
)
def test_a_pdf_that_cannot_give_text_says_why_in_one_line(font, tmp_path, make, reason):
    with pytest.raises(UnreadableFile) as caught:
        read_sources(make(tmp_path, font), max_bytes=10**7)
    message = str(caught.value)
    assert reason in message and "\n" not in message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
