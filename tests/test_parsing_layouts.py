"""Per-layout unit tests of the pure parser on small synthetic texts (no Django, no database),
and of the detector that picks the layout."""

import ast
import copy
import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import ingest.parsing
from ingest.parsing import ParseError, detect, parse_brief
from ingest.parsing.agencies import agencies_in_text, split_issuing
from ingest.parsing.cleaning import make_lines, remove_cjk_spaces
from ingest.parsing.dates import infer_news_date, parse_date, parse_month_day, stamp_date
from ingest.parsing.entries import paragraphs
from ingest.parsing.layouts import LAYOUTS, merics_industries
from ingest.parsing.news import split_sources
from ingest.parsing.structures import ParsedBrief, ParseWarning
from ingest.parsing.titles import (
    chinese_type,
    document_type,
    english_type,
    is_draft,
    split_policy_title,
)

TRAILER = "MERICS China Industries March 5, 2024 (Reporting period: January 20 - February 28)"


def item(n="1. ", head="Ministry rolls out a widget plan", bullet="- ", article=None,
         issuing="Issuing body: MOFT", when="Date: February 2, 2024", glance="At a glance:"):
    article = article or "Article: Widget Plan for Industry (关于印发《小部件方案》的通知) (Link)"
    return (f"{n}{head}\n\n{glance} The Ministry of Widgets (MOFT) issued a plan. Goals:\n\n"
            f"{bullet}Make more widgets\n{bullet}Export widgets abroad\n\n"
            f"MERICS comment: Widgets matter a lot.\n\n{article}\n{issuing}\n{when}\n")


def brief(*items, news="", trailer=TRAILER):
    return "MERICS China Industries\n\n" + "\n".join(items) + "\n" + news + "\n" + trailer + "\n"


# --- items -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bullet", ["- ", "• ", "® ", "= ", "■ ", "  • ", "–  "])
def test_each_bullet_style_gives_key_points(bullet):
    b = parse_brief(brief(item(bullet=bullet)))
    assert b.items[0].key_points == ["Make more widgets", "Export widgets abroad"]


@pytest.mark.parametrize("number", ["1. ", "1.", " 1.", "1 . ", "З. "])
def test_numbered_headline_variants(number):
    b = parse_brief(brief(item(n=number)))
    assert [i.headline for i in b.items] == ["Ministry rolls out a widget plan"]


def test_cyrillic_ze_is_three_and_items_are_counted_in_order():
    text = brief(item(n="1. ", head="First thing"), item(n="2.", head="Second thing"),
                 item(n="З. ", head="Third thing"))
    b = parse_brief(text)
    assert [(i.position, i.headline) for i in b.items] == [
        (1, "First thing"), (2, "Second thing"), (3, "Third thing")]


def test_ataglance_without_spaces():
    b = parse_brief(brief(item(glance="Ataglance:")))
    assert b.items[0].summary == "The Ministry of Widgets (MOFT) issued a plan. Goals:"


def test_wrapped_key_points_are_joined_and_blank_line_ends_one():
    text = ("1. Head\n\nAt a glance: Summary text here:\n\n"
            "® First point that wraps\nonto a second line\n\n"
            "® Second point\n\nMERICS comment: C.\n\nArticle: A Plan (Link)\n"
            "Issuing body: X\nDate: May 1, 2024\n")
    b = parse_brief(text)
    assert b.items[0].key_points == ["First point that wraps onto a second line", "Second point"]


def test_dash_inside_a_sentence_is_not_a_bullet():
    text = ("1. Head\n\nAt a glance: The agency asked for examples of smart tools\n"
            "- such as AI - being used in plants. Areas include:\n\n"
            "® One area\n\nMERICS comment: C.\n\nArticle: A Plan (Link)\nIssuing body: X\n"
            "Date: May 1, 2024\n")
    it = parse_brief(text).items[0]
    assert it.summary == ("The agency asked for examples of smart tools - such as AI - being "
                          "used in plants. Areas include:")
    assert it.key_points == ["One area"]


def test_comment_paragraphs_and_page_break_inside_a_sentence():
    text = ("1. Head\n\nAt a glance: S.\n\n- P\n\n"
            "MERICS comment: The first paragraph wraps\nover two lines and mentions (AI and\n\n"
            "blockchain) across a page break.\n\nSecond paragraph here.\n\n"
            "Article: A Plan (Link)\nIssuing body: X\nDate: May 1, 2024\n")
    assert parse_brief(text).items[0].comment == (
        "The first paragraph wraps over two lines and mentions (AI and blockchain) across a "
        "page break.\n\nSecond paragraph here.")


def test_run_together_fields_on_one_line():
    text = ("1. Head\n\nAt a glance: S.\n\n- P\n\nMERICS comment: C.\n\n"
            "Article: Notice on Things (关于开展 2024 年事项的通知) (Link) Issuing body: MIIT "
            "Date: September 4, 2024\n")
    pol = parse_brief(text).items[0].policy
    assert pol.title == "Notice on Things"
    assert pol.chinese_title == "关于开展2024年事项的通知"
    assert pol.agency_refs == ["MIIT"]
    assert pol.issued_on == date(2024, 9, 4)
    assert pol.review_reasons == []


def test_wrapped_article_line_and_policy_name_label():
    text = ("1. Head\n\nAt a glance: S.\n\n- P\n\nMERICS comment: C.\n\n"
            "Policy name: Action Plan for the Development of the\nWidget Industry "
            "(Draft for Comments) (小部件产业发展行动计划\n(征求意见稿)) (Link)\n\n"
            "Issuing bodies: MIIT, NDRC etc.\n\nDate: 23 Dec 2024\n")
    pol = parse_brief(text).items[0].policy
    assert pol.title == ("Action Plan for the Development of the Widget Industry "
                         "(Draft for Comments)")
    assert pol.chinese_title == "小部件产业发展行动计划(征求意见稿)"
    assert pol.document_type == "action_plan"
    assert pol.is_draft is True
    assert (pol.agency_refs, pol.agencies_etc) == (["MIIT", "NDRC"], True)
    assert pol.issued_on == date(2024, 12, 23)


def test_a_line_that_opens_with_the_abbreviation_of_the_name_before_it_continues_its_sentence():
    """'... the Ministry of Widgets of the Republic of Gadgets' / '(RoG") published the draft
    Regulation on ...': a hard-wrapped sentence, one paragraph, so its subject issued the draft;
    a heading over a '(Issued by ...)' note stays a line of its own."""
    text = ("Draft widget rules published for comment\n"
            "On 8 January 2031, the Ministry of Widgets (MOW) of the Republic of Gadgets\n"
            "(RoG”) published the draft Regulation on the Risk Control of Widgets "
            "(Consultative Draft) for\npublic comments until 20 February 2031.\n")
    policies = [i.policy for i in parse_brief(text, filename="x.txt").items if i.policy]
    assert [(p.title, p.agency_refs) for p in policies] == [
        ("Regulation on the Risk Control of Widgets (Consultative Draft)",
         ["Ministry of Widgets (MOW)"])]
    paras = [t for _, t in paragraphs(make_lines("Circular on Widgets\n(Issued by the MOW on "
                                                 "May 3, 2031.)\n"))]
    assert paras == ["Circular on Widgets", "(Issued by the MOW on May 3, 2031.)"]


def test_underlined_link_and_tags_are_stripped():
    text = ("1. Head\n\nAt a glance: A <u>linked</u> summary.\n\n- P\n\nMERICS comment: "
            "See <u>this</u> <u>report</u>.\n\nArticle: Guidelines for Tools (<u>Link</u>)\n"
            "Issuing body: CAC\nDate: August 24, 2024\n")
    it = parse_brief(text).items[0]
    assert it.summary == "A linked summary."
    assert it.comment == "See this report."
    assert it.policy.title == "Guidelines for Tools"
    assert it.policy.chinese_title == ""
    assert it.policy.review_reasons == ["no chinese title"]
    assert it.policy.document_type == "guidelines"


def test_urls_after_an_item_are_its_sources_and_furniture_is_skipped():
    text = brief(item() + "\nMERICS | Mercator Institute for China Studies\n\n"
                 "https://a.example/1\nhttps://a.example/2\nhttps://a.example/1\n",
                 item(n="2. ", head="Second"))
    b = parse_brief(text)
    assert b.items[0].policy.source_urls == ["https://a.example/1", "https://a.example/2"]
    assert b.items[1].policy.source_urls == []
    assert "MERICS |" not in b.items[0].comment + b.items[0].extra


def test_box_with_numbered_list_after_an_item_is_its_extra():
    box = ("\nBox title about widgets\n\nThe plan lists these sectors:\n\n  1. Steel\n"
           "  2. Cement\n  3. Glass\n")
    b = parse_brief(brief(item() + box, item(n="2. ", head="Second")))
    assert [i.headline for i in b.items] == ["Ministry rolls out a widget plan", "Second"]
    assert b.items[0].extra == ("Box title about widgets\n\nThe plan lists these sectors:\n\n"
                                "1. Steel\n2. Cement\n3. Glass")


def test_contents_table_is_skipped_and_gives_topics():
    toc = ("CONTENTS\n\nMERICS\tTOP 5\t2\n1.\tFirst thing\t2\n2.\tSecond thing\tЗ\n"
           "NOTEWORTHY\t\t\nPoli\tcy news\t8\nCorp\tporate news\t9\n\n")
    text = "MERICS China Industries\n\n" + toc + item(head="First thing") + "\n" + item(
        n="2. ", head="Second thing") + "\n" + TRAILER + "\n"
    b = parse_brief(text)
    assert b.topics == ["First thing", "Second thing"]
    assert len(b.items) == 2 and b.news == []


def test_topic_list_gives_headlines_when_items_have_no_numbered_heading():
    text = ("Widgets + Gadgets\nIn this issue of MERICS China Industries Brief, we cover the "
            "following topics:\n- Widgets are booming\n- Gadgets are next\n- A third topic\n"
            "At a glance: The State Council released opinions on widgets. Aims:\n- More\n"
            "MERICS comment: Fine.\nArticle: Opinions on Widgets (关于小部件的意见) (Link)\n"
            "Issuing body: State Council\nDate: March 1, 2024\n"
            "At a glance: The National Energy Administration (NEA) and the Ministry of "
            "Finance (MOF) released a plan for gadgets (GDG). Aims:\n- Build gadgets\n"
            "MERICS comment: Good.\n")
    b = parse_brief(text)
    assert b.title == "Widgets + Gadgets"
    assert b.series == "MERICS China Industries"
    assert b.topics == ["Widgets are booming", "Gadgets are next", "A third topic"]
    assert [i.headline for i in b.items] == ["Widgets are booming", "Gadgets are next"]
    partial = b.items[1].policy
    assert partial.title == "Gadgets are next"
    assert partial.agency_refs == ["National Energy Administration (NEA)",
                                   "Ministry of Finance (MOF)"]
    assert partial.issued_on is None
    assert partial.document_type == "plan"
    assert partial.review_reasons == ["no policy title line", "missing date"]
    assert b.published_on is None and b.review_reasons == ["undated brief"]


# --- titles ----------------------------------------------------------------------------------


def test_nested_parentheses_and_book_title_marks_in_chinese_title():
    tp = split_policy_title("Measures for Data (Draft for Comments) "
                            "(公开征求对《数据管理办法(试行)(征求意见稿)》的意见) (Link)")
    assert tp.english == "Measures for Data (Draft for Comments)"
    assert tp.chinese == "公开征求对《数据管理办法(试行)(征求意见稿)》的意见"
    assert document_type(tp.english, tp.chinese) == "measures"


@pytest.mark.parametrize("garbage", [
    "(RTENR (FitARI KRR O2MEIRSR) MIEA)",
    "(‘A FAER T HT B g gEFI BN S REA R TEhA R EKERR) WEN)",
    "(LA FE 2RO QT X THRE ER AT EIHIE T H2 2 N A S IAESE T VER0IEA",
    "(T F1{E 21t AN R T FRSEE A AR EE TIERYE )",
])
def test_ocr_garbage_is_never_a_chinese_title_nor_left_in_the_english_one(garbage):
    tp = split_policy_title(f"Notice on the Selection of Tools {garbage} (Link)")
    assert tp.status == "garbage"
    assert tp.chinese == ""
    assert tp.english == "Notice on the Selection of Tools"


def test_garbage_gives_review_reason_on_the_policy():
    text = ("1. Head\n\nAt a glance: S.\n\n- P\n\nMERICS comment: C.\n\n"
            "Article: Plan for Tools (RTENR (FitARI KRR O2MEIRSR) MIEA) (Link)\n"
            "Issuing body: MIIT\nDate: May 1, 2024\n")
    pol = parse_brief(text).items[0].policy
    assert (pol.title, pol.chinese_title) == ("Plan for Tools", "")
    assert pol.review_reasons == ["chinese title dropped as OCR garbage"]


def test_meaningful_english_parentheses_stay_in_the_title():
    tp = split_policy_title('Notice on Issuing the "Three-year Action Plan (2021-2023)" (Link)')
    assert tp.english == 'Notice on Issuing the "Three-year Action Plan (2021-2023)"'
    assert (tp.chinese, tp.status) == ("", "none")


def test_chinese_spaces_removed():
    assert remove_cjk_spaces("技术 改造") == "技术改造"
    assert remove_cjk_spaces("开展 2024 年") == "开展2024年"
    assert remove_cjk_spaces('推进移动物联网"万 物智联"发展') == '推进移动物联网"万物智联"发展'


@pytest.mark.parametrize("english,chinese,expected", [
    ("Notice on Issuing the \"Three-year Action Plan for X\"", "", "action_plan"),
    ("Guiding Opinions on Algorithms", "", "guiding_opinions"),
    ("Working Guidance for Carbon Peaking", "中共中央 国务院关于做好碳达峰工作的意见", "opinions"),
    ("Implementation Guidelines for Synergy", "", "guidelines"),
    ("Guidelines for Renewal", "工业和信息化部办公厅关于印发设备更新改造指南的通知", "guidelines"),
    ("Measures for Data Security", "", "measures"),
    ("National Standardization Development Program", "中共中央 国务院印发《国家标准化发展纲要》",
     "outline"),
    ("National Standardization Development Program", "", "programme"),
    ("Implementation Plan for Cars", "关于印发《汽车行业数字化转型实施方案》的通知", "plan"),
    ("Issuing the Overall Construction Plan for Data", "", "plan"),
    ("Notice on Carrying out the Cultivation Action of Factories", "", "notice"),
    ("Notice on the Selection of Champions", "关于开展冠军遴选工作的通知", "notice"),
    ("Report on Everything", "", "other"),
])
def test_document_type(english, chinese, expected):
    assert document_type(english, chinese) == expected


def test_type_helpers_alone():
    assert english_type("Outline of the Plan for X") == "outline"
    assert chinese_type("关于印发《物联网三年行动计划(2021—2023年)》的通知") == "action_plan"
    assert is_draft("Plan (Draft for Comments)") and is_draft("X", "办法(征求意见稿)")
    assert not is_draft("Notice on Drafting Standards")


# --- agencies --------------------------------------------------------------------------------


def test_issuing_line_tokens_and_etc():
    assert split_issuing("MIIT, MOE, SAMR, NDA") == (["MIIT", "MOE", "SAMR", "NDA"], False)
    assert split_issuing("CCPCC, State Council") == (["CCPCC", "State Council"], False)
    assert split_issuing("MIIT etc.") == (["MIIT"], True)


def test_a_body_named_with_its_abbreviation_is_one_token_kept_whole():
    """The matcher knows a body by either part; one the registry lacks is reported by name."""
    assert split_issuing("Ministry of Finance (MOF); Widget Makers Association (WMA)") == (
        ["Ministry of Finance (MOF)", "Widget Makers Association (WMA)"], False)


def test_agencies_named_in_a_summary():
    text = ("The National Development and Reform Commission (NDRC), the State Council and the "
            "National Energy Administration (NEA) released rules on solar power (CSP) and "
            "Artificial Intelligence (AI).")
    assert agencies_in_text(text) == ["National Development and Reform Commission (NDRC)",
                                      "State Council", "National Energy Administration (NEA)"]


# --- dates and news --------------------------------------------------------------------------


def test_date_formats():
    assert parse_date("December 30, 2025") == date(2025, 12, 30)
    assert parse_date("23 Dec 2024") == date(2024, 12, 23)
    assert parse_date("December 04, 2024") == date(2024, 12, 4)
    assert parse_month_day("November 07: text") == (11, 7)
    assert parse_date("Someday soon") is None
    assert stamp_date("259167178_MERICS China Industries_211102") == date(2021, 11, 2)
    assert stamp_date("004_a14091ac69cc8d82") is None


def test_news_year_inference_across_december_january():
    period = (date(2024, 12, 10), date(2025, 1, 5))
    assert infer_news_date(12, 15, period=period) == date(2024, 12, 15)
    assert infer_news_date(1, 3, period=period) == date(2025, 1, 3)
    # no period: the latest such date not after publication
    assert infer_news_date(11, 20, published=date(2025, 1, 8)) == date(2024, 11, 20)
    assert infer_news_date(1, 2, published=date(2025, 1, 8)) == date(2025, 1, 2)


@pytest.mark.parametrize("trailer,pub,start,end", [
    ("MERICS China Industries January 8, 2025 (Reporting period; December 10 - January 5)",
     date(2025, 1, 8), date(2024, 12, 10), date(2025, 1, 5)),
    ("MERICS China Industries October 2, 2024 (Reporting period: August 24 – September 22)",
     date(2024, 10, 2), date(2024, 8, 24), date(2024, 9, 22)),
    ("MERICS China Industries December 04, 2024 (Reporting period; October 29 - November 25)",
     date(2024, 12, 4), date(2024, 10, 29), date(2024, 11, 25)),
])
def test_trailer_with_semicolon_or_colon(trailer, pub, start, end):
    news = ("NOTEWORTHY\n\nPolicy news\n\n- December 15: A thing happened (MIIT notice)\n"
            "- January 3: Another thing (NDRC notice)\n")
    b = parse_brief(brief(item(), news=news, trailer=trailer))
    assert (b.published_on, b.period_start, b.period_end) == (pub, start, end)
    assert b.title == f"MERICS China Industries {pub:%B} {pub.day}, {pub.year}"
    if pub == date(2025, 1, 8):
        assert [n.date for n in b.news] == [date(2024, 12, 15), date(2025, 1, 3)]


def test_news_sections_bullets_bare_dates_and_continuations():
    news = ("WORTH NOTING\n\nPolicy news\n\n"
            "  • February 1: MIIT releases a list (MIIT notice (CN)\n"
            "  • February 2: NDRC releases rules (<u>NDRC notice</u>, <u>South China</u> "
            "<u>Morning Post article</u>)\n\n"
            " February 3: A bare date line without a bullet (MOFCOM notice (CN); SCMP article "
            "(EN))\n\nCorporate news\n\n"
            "February 4: Acme signed a deal with\nMERICS | Mercator Institute for China Studies\n"
            "https://example.com/x\n continued text after the URL list. (Yicai Global)\n"
            "® February 5: Beta opened a plant. (Reuters)\n")
    b = parse_brief(brief(item(), news=news))
    assert [(n.kind, n.date, n.sources) for n in b.news] == [
        ("policy", date(2024, 2, 1), ["MIIT notice (CN)"]),
        ("policy", date(2024, 2, 2), ["NDRC notice", "South China Morning Post article"]),
        ("policy", date(2024, 2, 3), ["MOFCOM notice (CN)", "SCMP article (EN)"]),
        ("corporate", date(2024, 2, 4), ["Yicai Global"]),
        ("corporate", date(2024, 2, 5), ["Reuters"]),
    ]
    assert b.news[0].text == "MIIT releases a list"
    assert b.news[3].text == "Acme signed a deal with continued text after the URL list."
    assert any("unbalanced" in w.reason for w in b.warnings)


def test_split_sources_variants():
    assert split_sources("Text. (SAMR notice)") == ("Text.", ["SAMR notice"], True)
    assert split_sources("Text (Reuters article (EN))") == ("Text", ["Reuters article (EN)"], True)
    assert split_sources("Text (MOT notice (CN)") == ("Text", ["MOT notice (CN)"], False)
    assert split_sources("No sources here") == ("No sources here", [], True)


def test_authors_block_both_layouts():
    tail1 = ("\nAUTHORS\n\nJane Doe\nSenior Analyst, MERICS\n\nJohn Roe\nAnalyst, MERICS\n\n"
             "EDITORS\n")
    tail2 = "\nAUTHORS\n\nJane Doe Senior Analyst, MERICS\n\nJohn Roe Associate Analyst\n"
    for tail in (tail1, tail2):
        b = parse_brief(brief(item()) + tail)
        assert b.authors == ["Jane Doe", "John Roe"]


def test_date_from_file_name_or_first_line():
    text = brief(item(), trailer="")
    assert parse_brief(text, "briefs/x_MERICS_230115.txt").published_on == date(2023, 1, 15)
    assert parse_brief("123_MERICS China Industries_211102\n" + text).published_on == \
        date(2021, 11, 2)


def test_missing_and_bad_policy_dates_give_reasons_and_warnings():
    b = parse_brief(brief(item(when="Date: sometime soon")))
    pol = b.items[0].policy
    assert pol.issued_on is None and pol.review_reasons == ["unparseable date"]
    assert any("unparseable date" in w.reason for w in b.warnings)
    b = parse_brief(brief(item(when="")))
    assert b.items[0].policy.review_reasons == ["missing date"]


# --- articles and bad input ------------------------------------------------------------------


def test_article_layout():
    text = ("A Long Read: Factories of the Future\n\n5 Jan 2025\n\nBy Li LeiHan Meimei and "
            "Zhang San\n\nThis piece from caixinglobal.com looks at how Chinese factories are "
            "changing and what it means for the rest of the world economy.\n\nIt has a second "
            "paragraph\nwrapped over two lines.\n")
    b = parse_brief(text)
    assert b.kind == "article" and b.items == [] and b.news == []
    assert b.title == "A Long Read: Factories of the Future"
    assert b.published_on == date(2025, 1, 5)
    assert b.authors == ["Li Lei", "Han Meimei", "Zhang San"]
    assert b.publisher == "Caixin"
    assert b.body.endswith("It has a second paragraph wrapped over two lines.")
    assert "\n\n" in b.body


@pytest.mark.parametrize("text,reason", [
    ("", "empty file"),
    ("   \n\t\n ", "empty file"),
    ("\x00\x01\x02\x03 \x04\x05\x06\x07\x08", "mostly non-printable text"),
    ("#$%^ 1234 ~~~ ;;; 9 8 7\n@@@@ &&&&", "no recognisable brief or article structure"),
    ("xq zt vbn kpl rrt\nqwx zzv", "no recognisable brief or article structure"),
])
def test_bad_input_raises_parse_error(text, reason):
    with pytest.raises(ParseError) as exc:
        parse_brief(text)
    assert str(exc.value) == reason


def test_numbered_key_points_and_page_furniture_inside_an_item():
    text = ("MERICS China Industries\n\n1. Head\n\nAt a glance: The plan sets goals:\n\n"
            "1. Build plants\n2. Train workers\nin all provinces\n\n"
            "MERICS comment: The first part of the comment\nMERICS China Industries | 4\n"
            "MERICS China Industries\n7\ncontinues after the page furniture.\n\n"
            "Article: A Plan (Link)\nIssuing body: X\nDate: May 1, 2024\n")
    it = parse_brief(text).items[0]
    assert it.key_points == ["Build plants", "Train workers in all provinces"]
    assert it.comment == ("The first part of the comment continues after the page furniture.")


def test_a_dated_news_line_is_not_taken_for_the_trailer():
    news = ("NOTEWORTHY\n\nCorporate news\n\n- February 4: Acme said on\n"
            "Acme Shanghai February 4, 2024\nthat it will grow. (Reuters)\n")
    b = parse_brief(brief(item(), news=news))
    assert [n.text for n in b.news] == ["Acme said on Acme Shanghai February 4, 2024 that it "
                                        "will grow."]


def test_parsing_a_brief_leaves_the_callers_lines_unchanged():
    text = brief(item(), "MERICS China Industries\n" + item(n="2. ", head="Second thing"))
    lines = make_lines(text)
    before = copy.deepcopy(lines)
    b = merics_industries.parse(lines, "", [])
    assert [i.headline for i in b.items] == ["Ministry rolls out a widget plan", "Second thing"]
    assert "MERICS China Industries" not in b.items[0].extra  # a running header, not box text
    assert lines == before


# --- layouts and the detector ----------------------------------------------------------------

PARSING = Path(ingest.parsing.__file__).parent
PROSE = ("This piece looks at how Chinese factories are changing and what it means for the rest "
         "of the world economy.\n")


def test_every_layout_has_a_name_a_score_and_a_parser():
    assert [layout.NAME for layout in LAYOUTS] == [
        "merics_industries", "merics_essentials", "label_blocks", "tracker",
        "numbered_newsletter", "digest", "article"]
    for text in (brief(item()), "Title\n\n" + PROSE, "NOTEWORTHY\n", "#$%^ 1234"):
        for layout in LAYOUTS:
            assert 0 <= layout.detect(make_lines(text)) <= 1
            assert callable(layout.parse)


def test_a_brief_goes_to_the_merics_layout_and_prose_to_the_article():
    layout, b = detect.parse_lines(make_lines(brief(item())), "")
    assert (layout.NAME, b.kind, len(b.items)) == ("merics_industries", "brief", 1)
    layout, b = detect.parse_lines(make_lines("Factories of the Future\n\n" + PROSE), "")
    assert (layout.NAME, b.kind, b.title) == ("article", "article", "Factories of the Future")


def test_a_text_the_merics_layout_scores_but_does_not_recognise_is_an_article():
    # a news heading listed under CONTENTS is no news section
    lines = make_lines("Weekly Reading List\n\nContents\nNoteworthy\n\n" + PROSE)
    assert merics_industries.detect(lines) > 0
    layout, b = detect.parse_lines(lines, "")
    assert (layout.NAME, b.kind, b.title) == ("article", "article", "Weekly Reading List")


def test_a_news_index_that_tags_its_entries_policy_is_no_merics_brief():
    """"POLICY" over several entries of a news index is their category: a MERICS brief has one
    policy news section. Read as a MERICS brief, the first entry's date became the page's."""
    entries = "".join(
        f"{tag}\nChina Releases Guidance No. {n} on Drug Changes\nOn Feb. 10, 2021, the Center "
        f"for Drug Evaluation issued guidance number {n} on changes to chemical drugs.\n"
        f"Mar {20 + n}, 2021\n\n" for n, tag in enumerate(["REGULATION", "POLICY", "POLICY"]))
    lines = make_lines("News\n\n" + entries)
    assert merics_industries.detect(lines) == 0
    assert merics_industries.detect(make_lines("Noteworthy\n\nPolicy news\n\n" + PROSE)) == 0.5
    layout, b = detect.parse_lines(lines, "")
    assert layout.NAME != "merics_industries" and b.published_on is None


def _fake_layout(name, score, recognises, tried, *, max_score=1.0, scored=None):
    def parse(lines, filename, warnings):
        tried.append(name)
        warnings.append(ParseWarning(None, name))
        return ParsedBrief(kind="brief", title=name, warnings=warnings) if recognises else None

    def detect_(lines):
        if scored is not None:
            scored.append(name)
        return score

    return SimpleNamespace(NAME=name, MAX_SCORE=max_score, detect=detect_, parse=parse)


def test_the_detector_tries_the_best_score_first_and_never_a_layout_scoring_zero(monkeypatch):
    tried = []
    monkeypatch.setattr(detect, "LAYOUTS", (
        _fake_layout("low", 0.2, True, tried), _fake_layout("zero", 0.0, True, tried),
        _fake_layout("high", 0.9, False, tried), _fake_layout("tie", 0.2, True, tried)))
    assert [layout.NAME for layout in detect.ranked_layouts([])] == ["high", "low", "tie"]
    layout, b = detect.parse_lines([], "")
    assert tried == ["high", "low"]
    # the layout that gave up leaves no warnings behind
    assert (layout.NAME, [w.reason for w in b.warnings]) == ("low", ["low"])


def test_layouts_that_cannot_outrank_the_best_one_are_not_scored_until_needed(monkeypatch):
    tried, scored = [], []
    monkeypatch.setattr(detect, "LAYOUTS", (
        _fake_layout("top", 1.0, True, tried, max_score=1.0, scored=scored),
        _fake_layout("mid", 0.5, True, tried, max_score=0.5, scored=scored),
        _fake_layout("low", 0.1, True, tried, max_score=0.1, scored=scored)))
    layout, _ = detect.parse_lines([], "")
    assert layout.NAME == "top" and scored == ["top"]  # nothing else was scored


def test_lazy_ranking_equals_scoring_every_layout_on_every_corpus_text():
    from ingest.parsing.cleaning import make_lines, normalise_text
    from ingest.parsing.layouts import LAYOUTS

    root = PARSING.parents[1]
    texts = sorted((root / "fixtures" / "corpus").glob("*.txt"))
    texts += sorted((root / "fixtures" / "seeds").glob("*.txt"))
    assert len(texts) >= 70  # the corpus and the seeds
    for path in texts:
        lines = make_lines(normalise_text(path.read_text(encoding="utf-8")))
        scores = [(layout.detect(lines), i) for i, layout in enumerate(LAYOUTS)]
        assert all(score <= LAYOUTS[i].MAX_SCORE for score, i in scores), path.name
        eager = [LAYOUTS[i].NAME for score, i in sorted(scores, key=lambda s: (-s[0], s[1]))
                 if score > 0]
        assert [layout.NAME for layout in detect.ranked_layouts(lines)] == eager, path.name


def test_the_detector_raises_parse_error_when_no_layout_recognises_the_text(monkeypatch):
    monkeypatch.setattr(detect, "LAYOUTS", (_fake_layout("no", 0.5, False, []),))
    with pytest.raises(ParseError, match="^no recognisable brief or article structure$"):
        detect.parse_lines([], "")


def _imports(path: Path) -> list[str]:
    module = ".".join(path.relative_to(PARSING.parents[1]).with_suffix("").parts)
    package = module.removesuffix(".__init__") if path.name == "__init__.py" else (
        module.rpartition(".")[0])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            relative = "." * node.level + (node.module or "")
            names.append(importlib.util.resolve_name(relative, package) if node.level
                         else node.module)
    return names


def test_the_parser_imports_only_the_standard_library_itself_and_the_text_analysis():
    """Pure: besides itself, only the CJK ranges of `policies.search.analysis`, which is pure
    in turn (import-linter's contracts in pyproject.toml say the same for the whole graph)."""
    modules = sorted(PARSING.rglob("*.py"))
    assert len(modules) > 10
    analysis = Path(PARSING.parent.parent, "policies", "search", "analysis.py")
    for path in [*modules, analysis]:
        for name in _imports(path):
            own = name == "ingest.parsing" or name.startswith("ingest.parsing.")
            shared = name == "policies.search.analysis" and path != analysis
            assert own or shared or name.split(".")[0] in sys.stdlib_module_names, (path.name,
                                                                                     name)


def test_every_parser_module_says_what_it_is_for():
    for path in sorted(PARSING.rglob("*.py")):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path.name
