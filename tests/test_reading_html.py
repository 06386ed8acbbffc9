"""The saved-page reader: the brief's content as lines, the site around it gone, markup and
entities as plain data."""

from __future__ import annotations

import re

import pytest

from ingest.reading import UnreadableFile, read_sources
from ingest.reading.html import NO_CONTENT

from .conftest import SEEDS
from .documents import PAGE, PAGE_FURNITURE, brief_page

# Enough prose around a snippet for the page to have a main content.
FILLER = "".join(f"<p>Paragraph {n} of the brief, about industrial policy in China.</p>"
                 for n in range(8))


def read_page(tmp_path, page: str, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    (source,) = read_sources(path, max_bytes=10**7)
    return source.text


def test_navigation_cookie_banner_scripts_and_footer_are_dropped(tmp_path):
    text = read_page(tmp_path, brief_page(next(SEEDS.glob("001_*.txt")).read_text()))
    assert [word for word in PAGE_FURNITURE if word in text] == []
    assert text.startswith("MERICS TOP 5")


def test_headings_list_items_and_line_breaks_stay_lines(tmp_path):
    text = read_page(tmp_path, PAGE.format(title="t", content="""
        <h2>1. Storage: China cranks up batteries</h2>
        <p>At a glance: The MIIT released a plan.<br>It names three goals:</p>
        <ul><li>Cultivate three to five companies</li>
            <li>Raise capacity<br>to match demand</li></ul>
        <p>Date: October 30, 2024</p>""" + FILLER))
    assert text.splitlines()[:9] == [
        "1. Storage: China cranks up batteries", "",
        "At a glance: The MIIT released a plan.", "It names three goals:", "",
        "- Cultivate three to five companies", "- Raise capacity", "to match demand", "",
    ]
    assert "Date: October 30, 2024" in text.splitlines()


def test_entities_are_decoded_and_markup_in_the_text_stays_text(tmp_path):
    text = read_page(tmp_path, PAGE.format(title="t", content=(
        "<p>R&amp;D at 工业和信息化部 &ldquo;1+N&rdquo; &#x6570;&#25454; "
        "&lt;b&gt;bold?&lt;/b&gt;</p>"
        "<p>&lt;script&gt;alert('x')&lt;/script&gt; is what the notice quotes.</p>"
        "<script>document.title = 'ran'</script>" + FILLER)))
    assert "R&D at 工业和信息化部 “1+N” 数据 <b>bold?</b>" in text
    assert "<script>alert('x')</script> is what the notice quotes." in text
    assert "document.title" not in text


@pytest.mark.parametrize("content", ["", "<p>Subscribe to our newsletter!</p>"],
                         ids=["nothing", "a-stub"])
def test_a_page_with_no_main_content_is_refused_in_one_line(tmp_path, content):
    with pytest.raises(UnreadableFile, match=re.escape(NO_CONTENT)):
        read_page(tmp_path, PAGE.format(title="t", content=content))
