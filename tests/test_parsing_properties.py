"""Property tests: any text gives a ParsedBrief or raises ParseError, nothing else.

They call the parser without its last-resort safety net (`_parse`), so a bug shows up here as
the exception it really is instead of being wrapped into ParseError.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.parsing import ParseError, _parse, parse_brief
from ingest.parsing.structures import ParsedBrief, to_jsonable

DOCUMENT_TYPES = {"notice", "plan", "action_plan", "guidelines", "guiding_opinions", "opinions",
                  "measures", "outline", "programme", "other"}

MARKERS = [
    "At a glance:", "Ataglance:", "MERICS comment:", "Article:", "Policy name:",
    "Issuing body:", "Issuing bodies:", "Date:", "(", ")", "（", "）", "《", "》", "(Link)",
    "(<u>Link</u>)", "<u>", "</u>", "- ", "• ", "® ", "= ", "■ ", "1.", "2. ", "З.", " etc.",
    "NOTEWORTHY", "WORTH NOTING", "Policy news", "Corporate news", "CONTENTS", "AUTHORS",
    "Author(s)", "October 29:", "December 30, 2025", "23 Dec 2024", "February 29:",
    "MERICS China Industries December 04, 2024 (Reporting period; October 29 - November 25)",
    "MERICS China Industries January 8, 2025 (Reporting period: December 10 – January 5)",
    "MERICS | Mercator Institute for China Studies", "https://example.com/a", "mailto:x@y.z",
    "工业和信息化部 关于印发", "技术 改造", "RTENR (FitARI", "By Hu ShuliWang Liwei and Qin Min",
    "Caixin", "\n", "\n\n", " ", "\t", "The ministry issued a plan for widgets. ",
    "_211102", "\x00", "\ufeff", "\u200b", "\r\n", "a" * 300,
    # the other publishers' layouts
    "Promulgated by ", "Promulgation date: ", "Title: ", "Document No.", "发文机关：", "成文日期：",
    "CAC | 12.2030", "Policy|Widgets", "Policy | Widgets | CAC | 12.2030", "2016-11-08 · ",
    "Continue reading “", "”", "Updated: Aug 15,2016 2:09 PM", "MERICS China Essentials",
    "Top Story", "15 min read", "The MIIT issued the Notice on Widget Safety. ",
    "In July and August 2024, ", "(26 August)", "《关于小部件的通知》",
    " issued by the MIIT and the NDRC",
    "(the “Notice”)", "Interim Measures for ", "16/04/2018", "2024年8月26日", "Details>>",
]

structured = st.lists(
    st.one_of(st.sampled_from(MARKERS), st.text(max_size=30)), max_size=80
).map("".join)


def _check(text: str) -> None:
    try:
        result = _parse(text, "x_211102.txt")
    except ParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(result, ParsedBrief)
    assert result.kind in ("brief", "article")
    assert result.title
    assert result.layout
    to_jsonable(result)
    for it in result.items:
        # A MERICS item always carries a policy (a partial one at worst); the other layouts'
        # items may report no policy at all (a digest headline about a meeting).
        if result.layout == "merics_industries":
            assert it.policy is not None
        if it.policy is None:
            assert it.headline
            continue
        assert it.policy.title
        assert it.policy.document_type in DOCUMENT_TYPES
        assert "<u>" not in it.policy.title
        if "no policy title line" not in it.policy.review_reasons:
            assert "(Link)" not in it.policy.title
    for n in result.news:
        assert n.kind in ("policy", "corporate")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    _check(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
@example("2016-11-08 · (Link)CAC | 12.2030")  # a tracker entry's link marker, once a title
def test_marker_soup(text):
    _check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_binary_junk_decoded_loosely(data):
    _check(data.decode("latin-1"))
    _check(data.decode("utf-8", errors="replace"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MARKERS), st.integers(min_value=1000, max_value=60000))
def test_huge_lines(marker, n):
    _check((marker + " ") * (n // (len(marker) + 1) + 1))


def test_public_api_wraps_everything_into_parse_error():
    for text in ("", " ", "\x00" * 10):
        with pytest.raises(ParseError):
            parse_brief(text)


def test_one_megabyte_input_completes():
    block = (
        "1. Headline about widgets\n\nAt a glance: The Ministry of Widgets (MOW) issued a plan "
        "to grow the widget industry. Goals include:\n\n® Build more widgets in more places\n"
        "across the country\n\n= Export widgets\n\nMERICS comment: Widgets are a strategic "
        "sector for the\nministry and its plans.\n\nArticle: Plan for Widgets "
        "(关于印发《小部件方案》的通知) (Link)\n\nIssuing bodies: MOW, NDRC etc.\n\n"
        "Date: October 30, 2024\nhttps://example.com/widgets\n"
    )
    text = block * (1_000_000 // len(block) + 1)
    result = parse_brief(text)
    assert result.kind == "brief" and len(result.items) > 1000
    one_line = "At a glance: " + "widget " * 150_000
    assert parse_brief(one_line).kind == "brief"
