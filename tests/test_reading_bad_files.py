"""`manage.py ingest` with files of every format that cannot be briefs: each gets one line naming
it and the reason, stores nothing, and the good file in the same run still lands."""

from __future__ import annotations

import shutil

import pytest

from ingest.reading import collect_paths
from policies.models import Brief, IngestWarning

from .conftest import SEEDS
from .documents import (
    PAGE,
    attachment_only_email,
    corrupt_pdf,
    encrypted_pdf,
    image_only_pdf,
    require_pdf_tools,
    run_ingest,
    write_eml,
)


def _bytes(name: str, data: bytes):
    def make(folder):
        (folder / name).write_bytes(data)
        return folder / name
    return make


def _pdf(make):
    def build(folder):
        require_pdf_tools()
        return make(folder)
    return build


SEED_001 = next(SEEDS.glob("001_*.txt"))
BAD = [
    ("scan.pdf", _pdf(lambda f: image_only_pdf(f / "scan.pdf")),
     "no text layer: a scanned PDF needs OCR"),
    ("cut.pdf", _pdf(lambda f: corrupt_pdf(f / "cut.pdf", font=require_pdf_tools(),
                                           seed_text=SEED_001.read_text())), "corrupt"),
    ("locked.pdf", _pdf(lambda f: encrypted_pdf(f / "locked.pdf")), "encrypted PDF"),
    ("empty.html", _bytes("empty.html", PAGE.format(title="t", content="").encode()),
     "no main content"),
    ("chart.eml", lambda f: write_eml(attachment_only_email(subject="c"), f / "chart.eml"),
     "no text part"),
    ("brief.docx", _bytes("brief.docx", b"PK\x03\x04 a word file"), "cannot read .docx files"),
    ("huge.pdf", _bytes("huge.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)),
     "over the 2.0 MB limit"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "make", "reason"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_gets_one_line_and_stores_nothing_and_the_others_land(tmp_path, name, make,
                                                                         reason):
    good = tmp_path / SEED_001.name
    shutil.copy(SEED_001, good)
    bad = make(tmp_path)
    _, err, ok = run_ingest(good, bad)
    assert not ok
    lines = [ln for ln in err.splitlines() if name in ln]
    assert len(lines) == 1 and lines[0].startswith(f"{name}: ") and reason in lines[0], err
    assert "Traceback" not in err
    assert list(Brief.objects.values_list("source_file", flat=True)) == [good.name]
    assert IngestWarning.objects.filter(file=name, is_error=True).exists()


def test_a_folder_yields_every_supported_suffix_and_skips_the_rest(tmp_path):
    for name in ["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.eml", "g.mbox", "h.PDF",
                 "notes.docx", "picture.png"]:
        (tmp_path / name).write_bytes(b"x")
    files, problems = collect_paths([str(tmp_path)])
    assert [f.name for f in files] == ["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.eml",
                                       "g.mbox", "h.PDF"]
    assert problems == []
