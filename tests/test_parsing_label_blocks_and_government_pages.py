"""Label blocks and Chinese government pages (branch parse-297): a page's field list whose
values stand on the line below their labels, the page's title as its one document's Chinese
title, the bodies that sign a notice, a source note under a block. Pure parser, no
database."""

from __future__ import annotations

from datetime import date

from ingest.parsing import parse_brief
from ingest.parsing.cleaning import make_lines
from ingest.parsing.issuers import chinese_issuers
from ingest.parsing.promulgation import promulgated_document
from ingest.parsing.prose import title_issuers

FIELD_LIST_PAGE = """返回顶部

某某县人民政府小部件管理办法

  • 索引号:

    1234567890/2031-000001
  • 主题分类:

  • 来源:

  • 发文机关:

    某某县人民政府
  • 发文字号:

    某政发〔2031〕3号
  • 成文日期:

    2031年05月07日 10:20
  • 有效性:

  • 内容概述:

某某县人民政府小部件管理办法

第一章总则

一、为了规范小部件的生产和销售,保障群众的合法权益,根据有关法律法规的规定,结合本县实际,制定本办法。
"""


def test_a_label_alone_on_its_line_takes_the_value_below_it_and_the_page_title_names_the_document():
    """'• 发文机关:' / '某某县人民政府': one block of fields (not one per label), its document
    the page's title, dated by its 成文日期; 'back to top' is furniture, not the title."""
    brief = parse_brief(FIELD_LIST_PAGE, filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert len(policies) == 1
    policy = policies[0]
    assert policy.chinese_title == "某某县人民政府小部件管理办法"
    assert policy.agency_refs == ["某某县人民政府"]
    assert policy.issued_on == date(2031, 5, 7)
    assert brief.title == "某某县人民政府小部件管理办法"


def test_a_label_alone_on_its_line_keeps_no_label_or_sentence_below_it_as_its_value():
    """'• 发文机关:' over another label, or over a sentence, has no value."""
    brief = parse_brief(FIELD_LIST_PAGE.replace("    某某县人民政府\n", ""), filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert [p.agency_refs for p in policies] == [[]]


TRADITIONAL_FIELD_PAGE = """某某部辦公廳關于小部件管理的通知
發文機關:
某某部辦公廳
標 題:
某某部辦公廳關于小部件管理的通知
發文字號:
某廳函[2031]12號
成文日期:2031-04-02
各省、自治區、直轄市小部件主管部門:為了規範小部件的生產和銷售,保障群眾的合法權益,現將有關事項通知如下。
"""


def test_a_field_list_in_traditional_characters_reads_like_one_in_simplified():
    """發文機關 / 標題 / 發文字號 are the labels 发文机关 / 标题 / 发文字号 as a page in traditional
    characters writes them; the values keep their characters, and an office (辦公廳) is a
    body."""
    brief = parse_brief(TRADITIONAL_FIELD_PAGE, filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert [p.chinese_title for p in policies] == ["某某部辦公廳關于小部件管理的通知"]
    assert policies[0].agency_refs == ["某某部辦公廳"]
    assert policies[0].issued_on == date(2031, 4, 2)
    assert chinese_issuers("某某部辦公廳、某某委員會") == ["某某部辦公廳", "某某委員會"]


LAW_DATABASE_PAGE = """Circular on Regulating the Widget Clearing Services

关于规范小部件清算服务的通知

Providers of widget clearing services must now register with the regulator ahead of any launch

(Issued by the Ministry of Widgets on, and effective as of, March 9, 2031.)

Wid Fa [2031] No.12

To all widget clearing institutions: in order to regulate the widget clearing services and \
to protect the rights of the users of those services, the following is hereby notified.
"""


def test_a_law_database_pages_english_and_chinese_title_lines_are_one_document():
    """'Circular on X' over '关于X的通知': the Chinese line is the Chinese title of the document
    the English line titles, not a second document."""
    brief = parse_brief(LAW_DATABASE_PAGE, filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert [(p.title, p.chinese_title) for p in policies] == [
        ("Circular on Regulating the Widget Clearing Services", "关于规范小部件清算服务的通知")]


def test_a_law_database_pages_issuing_note_names_its_documents_issuer_and_date():
    """'(Issued by X on, and effective as of, March 9, 2031.)' under a standfirst: X issued the
    page's one document, on that date."""
    brief = parse_brief(LAW_DATABASE_PAGE, filename="x.txt")
    policy = next(item.policy for item in brief.items if item.policy)
    assert policy.agency_refs == ["Ministry of Widgets"]
    assert policy.issued_on == date(2031, 3, 9)


def test_issuing_notes_alone_do_not_make_a_news_list_a_page_of_label_blocks():
    """A news list whose entries each carry '(Issued by X on DATE)' gives no field of another
    kind: its lines stay entries, not label blocks."""
    text = ("Widget news\n\nWidget Safety Week opens in the capital\n\n"
            "(Issued by the Ministry of Widgets on March 9, 2031.)\n\n"
            "Measures for the Administration of Widget Labels\n\n"
            "(Issued by the Ministry of Widgets on April 2, 2031.)\n")
    assert parse_brief(text, filename="x.txt").layout != "label_blocks"


def test_a_publication_date_line_under_a_pages_title_dates_the_page_not_its_document():
    """'发布日期:2031-09-18' (or 發布日期) under the page's title: the day the page was published;
    the document keeps its own 成文日期."""
    text = TRADITIONAL_FIELD_PAGE.replace("成文日期:2031-04-02\n",
                                          "成文日期:2031-04-02\n發布日期:2031-04-09\n")
    brief = parse_brief(text, filename="x.txt")
    assert brief.published_on == date(2031, 4, 9)
    assert brief.items[0].policy.issued_on == date(2031, 4, 2)
    brief = parse_brief("新闻中心\nWidget Trade Policies of May 2031\n发布日期:2031-06-18\n\n"
                        "1. Ministry of Widgets Announcement No. 3 of 2031 (Announcement on "
                        "Widget Export Licences)\n\nIssuance Date: 2031-05-20\n\nThe "
                        "announcement sets out which widgets need a licence from June.\n",
                        filename="x.txt")
    assert brief.published_on == date(2031, 6, 18)


def test_a_government_and_an_office_are_bodies_and_governments_in_general_are_none():
    """'某省人民政府关于…的意见' names its issuer; '各级人民政府' and '县级以上人民政府' name no
    one body."""
    assert chinese_issuers("某省人民政府") == ["某省人民政府"]
    assert chinese_issuers("某市人民政府办公室") == ["某市人民政府办公室"]
    assert chinese_issuers("各级人民政府") == []
    assert chinese_issuers("县级以上地方人民政府") == []
    assert title_issuers("", "某省人民政府关于深化小部件管理改革的实施意见") == ["某省人民政府"]


def test_bodies_written_together_are_told_apart_but_an_office_of_its_government_is_one():
    """'中共某市委办公室某市人民政府办公室印发…': two offices; '某市人民政府办公室' is one, and
    '全国人民代表大会常务委员会办公厅' the office of one committee."""
    assert chinese_issuers("中共某市委办公室某市人民政府办公室") == [
        "中共某市委办公室", "某市人民政府办公室"]
    assert chinese_issuers("中共中央办公厅国务院办公厅") == ["中共中央办公厅", "国务院办公厅"]
    office = "全国人民代表大会常务委员会办公厅"
    assert chinese_issuers(office) == [office]


SIGNED_NOTICE = ("中共某市委办公室某市人民政府办公室印发《关于推进小部件公开工作的实施意见》"
                 "的通知(某办发〔2031〕2号)") + """

各县市区委、人民政府,市直各单位:

《关于推进小部件公开工作的实施意见》已经市委、市人民政府同意,现印发给你们,请结合实际认真贯彻执行。

中共某市委办公室

某市人民政府办公室

2031年1月10日

关于推进小部件公开工作的实施意见

为了推进小部件公开工作,保障人民群众的知情权、参与权、表达权和监督权,结合我市实际,现提出如下实施意见。
"""


def test_the_date_under_the_bodies_that_sign_a_chinese_notice_dates_its_one_document():
    brief = parse_brief(SIGNED_NOTICE, filename="x.txt")
    policies = [item.policy for item in brief.items if item.policy]
    assert [p.chinese_title for p in policies] == ["关于推进小部件公开工作的实施意见"]
    assert policies[0].issued_on == date(2031, 1, 10)
    assert policies[0].agency_refs == ["中共某市委办公室", "某市人民政府办公室"]


def test_a_source_note_under_a_blocks_summary_is_its_citation_not_a_block_of_its_own():
    """'(Source: Widget Ministry website)' after an item's text opens no untitled policy."""
    text = "\n\n".join([
        "Widget Laws Update in May 2031",
        "1. Law on Widget Safety",
        "Promulgated by the Standing Committee of the National People’s Congress",
        "Promulgation date: 2 May 2031",
        "The Law on Widget Safety consists of seven chapters, including general principles and "
        "the duties of widget makers and sellers in all provinces.",
        "(Source: NPC website)",
        "2. Rules for Gadget Makers",
        "Promulgated by SASAC",
        "Promulgation date: 16 May 2031",
        "The Rules state that gadget makers should appoint a compliance officer, if necessary.",
    ]) + "\n"
    brief = parse_brief(text, filename="x.txt")
    assert [item.policy.title for item in brief.items if item.policy] == [
        "Law on Widget Safety", "Rules for Gadget Makers"]


def test_a_value_under_a_documents_date_label_is_no_page_date():
    """'成文日期:' / '2031年05月07日' or 'Date issued:' / '2031-03-09' at a page's top: the date
    of the document the fields describe, not the page's; the document keeps it."""
    brief = parse_brief(FIELD_LIST_PAGE, filename="x.txt")
    assert brief.published_on is None
    assert brief.items[0].policy.issued_on == date(2031, 5, 7)
    english = ("Notice of the Ministry of Widgets on Widget Safety\n\nIssuing authority:\n"
               "Ministry of Widgets\nDate issued:\n2031-03-09\nEffective date:\n2031-05-01\n"
               "Status:\nEffective\n\nTo all widget makers: the following is hereby notified "
               "for your compliance and implementation.\n")
    brief = parse_brief(english, filename="x.txt")
    assert brief.published_on is None
    assert [i.policy.issued_on for i in brief.items if i.policy] == [date(2031, 3, 9)]


def test_a_value_under_a_publication_date_label_dates_the_page_below_a_long_field_list():
    """'• 发布日期:' / '2031年05月09日' is the page's date, even under a dozen field lines."""
    text = FIELD_LIST_PAGE.replace("  • 有效性:\n", "  • 有效性:\n\n  • 发布日期:\n\n"
                                   "    2031年05月09日 09:00\n")
    brief = parse_brief(text, filename="x.txt")
    assert brief.published_on == date(2031, 5, 9)
    assert brief.items[0].policy.issued_on == date(2031, 5, 7)


def test_a_documents_date_line_without_a_colon_is_no_page_date():
    """'生效日期 2031年1月1日', 'Date of issue 2031-03-09', '成文日期 2031年1月1日' under the title:
    a field of the document even without its colon."""
    for line in ("生效日期 2031年1月1日", "Date of issue 2031-03-09", "成文日期 2031年1月1日",
                 "Issuance date 2031-03-09"):
        text = (f"Measures for Widget Safety\n{line}\n\nThe Ministry of Widgets issued the "
                "Measures for Widget Safety, which require every maker to register.\n")
        assert parse_brief(text, filename="x.txt").published_on is None, line


def test_a_date_label_opening_a_label_blocks_line_is_no_page_date():
    """'Date: 2031-10-16 Title: ... Expiration date: ... Promulgating Entities: ...': the
    date field of the document the line describes, not the page's."""
    text = ("Date: 2031-10-16 Title: Regulations on the Protection of Widgets Online Document "
            "Number: Expiration date: Promulgating Entities: State Council\n\nChapter I General "
            "Provisions\n\nArticle 1 These Regulations are formulated in order to protect "
            "widgets online and to keep the widget market in good order.\n")
    assert parse_brief(text, filename="x.txt").published_on is None


def test_a_blocks_issuing_date_wins_over_its_publication_date_in_any_order():
    """'發布日期:2031-04-09' above '成文日期:2031-04-02': the document was issued on the 2nd
    and published on the 9th."""
    text = TRADITIONAL_FIELD_PAGE.replace("發文字號:\n", "發布日期:2031-04-09\n發文字號:\n")
    brief = parse_brief(text, filename="x.txt")
    assert [i.policy.issued_on for i in brief.items if i.policy] == [date(2031, 4, 2)]
    one_line = ("Publication Date: 2031-04-09 Date Issued: 2031-04-02 Title: Measures for Widget "
                "Safety Issuing Authority: Ministry of Widgets\n\nArticle 1 These Measures are "
                "formulated to keep widgets safe for every household in the country.\n")
    brief = parse_brief(one_line, filename="x.txt")
    assert [i.policy.issued_on for i in brief.items if i.policy] == [date(2031, 4, 2)]


def test_a_date_and_time_stamped_after_a_title_dates_the_page():
    """'Notice of the Ministry of Widgets on Widget Safety2031-07-27 17:28:58' over the
    fields: the page's posting time; a value under a label ('2031年04月06日 16:40') is none."""
    text = ("快速导航×\n\nNotice of the Ministry of Widgets on Widget Safety2031-07-27 17:28:58\n\n"
            "Promulgation Authorities:    Ministry of Widgets\n\nRelease Date:    2031.07.20\n\n"
            "Effective Date:    2031.07.27\n\nTo all widget makers: the following is hereby "
            "notified for your compliance and implementation.\n")
    brief = parse_brief(text, filename="x.txt")
    assert brief.published_on == date(2031, 7, 27)
    assert [i.policy.issued_on for i in brief.items if i.policy][:1] == [date(2031, 7, 20)]
    assert parse_brief(FIELD_LIST_PAGE, filename="x.txt").published_on is None
    deadline = text.replace("Widget Safety2031-07-27", "Widget Safety, comments due by 2031-07-27")
    assert parse_brief(deadline, filename="x.txt").published_on is None


PROMULGATED_PAGE = """Decision of the Ministry of Widgets on Revising Some Rules

Order of the Ministry of Widgets No.12

March 3, 2031

The Decision of the Ministry of Widgets on Revising Some Rules, which was adopted at the
executive meeting of the Ministry of Widgets on February 20, 2031, is hereby promulgated and
shall come into force as of the date of promulgation.

Wang Wu, Minister

I. Revisions to the Measures for the Administration of Gadgets

Article 3 of the Measures for the Administration of Gadgets is deleted.

II. Revisions to the Provisions on Sprockets

Article 5 of the Provisions on Sprockets is deleted, as the Plan for Deepening the Reform of
Party and State Institutions requires.
"""

ORDER_NUMBER_FIRST_PAGE = """Order No. 7 of the General Administration of Customs (order on \
Promulgating the provisions on the administration of widget imports)
Released on: Oct 9, 2031
The provisions on the administration of widget imports, which were deliberated and adopted at \
the executive meeting of the General Administration of Customs, are hereby promulgated and \
shall enter into force as of November 1, 2031.
"""


def test_a_page_that_promulgates_one_document_reports_that_document_issued_by_its_order():
    b = parse_brief(PROMULGATED_PAGE, "decision.txt")
    assert [it.headline for it in b.items] == [""]
    (policy,) = [it.policy for it in b.items]
    assert policy.title == "Decision of the Ministry of Widgets on Revising Some Rules"
    assert policy.agency_refs == ["Ministry of Widgets"]
    assert policy.issued_on == date(2031, 3, 3)  # the order's date, under its head


def test_an_order_number_before_its_body_names_the_issuer_of_the_document_it_promulgates():
    b = parse_brief(ORDER_NUMBER_FIRST_PAGE, "order.txt")
    (policy,) = [it.policy for it in b.items]
    assert policy.title == "provisions on the administration of widget imports"
    assert policy.agency_refs == ["General Administration of Customs"]


def test_a_digest_item_that_mentions_an_order_in_a_sentence_is_no_promulgated_page():
    text = """Widget Digest

Ministry of Widgets promulgates widget registration rules

On May 3, 2031, the ministry issued Order No. 5 of the Ministry of Widgets – rules on widgets.
"The Measures for Widget Registration are hereby promulgated," the order says; they take \
effect on July 1, 2031.

Gadget Bureau seeks comments on gadget defect rules

The Gadget Bureau sought comments on the Draft Gadget Rules on May 9, 2031, which set out how \
gadget makers report defects to the bureau.
"""
    b = parse_brief(text, "digest.txt")
    assert [it.headline for it in b.items if it.headline] == [
        "Ministry of Widgets promulgates widget registration rules",
        "Gadget Bureau seeks comments on gadget defect rules"]


ISSUING_NOTICE_PAGE = """Notice of the Widget Council on Issuing Several Policies for Widget Makers

Widget Development [2031] No. 8

People's Governments of all provinces; all ministries and commissions of the Widget Council:

We are now issuing to you the "Several Policies for Widget Makers." Please ensure thorough \
implementation.

Widget Council

Promoting the Widget Industry in the New Era

Several Policies for Widget Makers

The widget industry is the core of the gadget sector and a key force behind industrial \
transformation, so the policies below support widget makers in every province.
"""


def test_a_notice_that_issues_a_document_to_those_it_addresses_is_one_page_not_a_digest():
    b = parse_brief(ISSUING_NOTICE_PAGE, "notice.txt")
    assert [it.headline for it in b.items if it.headline] == []
    assert [it.policy.title for it in b.items if it.policy] == [
        "Notice of the Widget Council on Issuing Several Policies for Widget Makers"]


def test_a_page_headed_by_a_long_official_title_with_its_part_number_is_about_that_document():
    text = ("Opinions of the General Office of the Widget Council on Coping with the Global Widget "
            "Crisis and Maintaining Steady and Properly Rapid Widget Development in the Western "
            "Area of the Country (2)\n"
            "Source: Ministry of Widgets View: 541\n\n"
            "Industry shall be optimized and upgraded. We shall carry out the national widget "
            "adjustment plan, and efforts shall be made to develop widget industries.\n")
    b = parse_brief(text, "opinions.txt")
    assert [it.policy.title for it in b.items if it.policy] == [
        "Opinions of the General Office of the Widget Council on Coping with the Global Widget "
        "Crisis and Maintaining Steady and Properly Rapid Widget Development in the Western "
        "Area of the Country"]



def test_an_entry_note_citing_its_order_does_not_make_a_list_one_promulgated_document():
    """'Promulgated by SAMR Decree No. 71, ...' under one entry of a list of documents cites
    that entry's order; 'Order of the Ministry of Widgets No. 71' heads the page."""
    entries = ("-\nProvisions for Widget Labels\n2031-06-05\n{note}\n-\nNMPA Announcement on "
               "Provisions for Gadget Inspections (No. 52, 2031)\n2031-04-29\nTo regulate gadget "
               "inspections, the NMPA formulated the Provisions for Gadget Inspections, which is "
               "hereby issued and will come into force from November 1, 2031.\n")
    cited = entries.format(note="Promulgated by SAMR Decree No. 71, issued on March 16, 2031 "
                                "and shall go into effect as of December 1, 2031")
    assert promulgated_document(make_lines(cited)) is None
    heading = entries.format(note="Order of the Ministry of Widgets No. 71")
    assert promulgated_document(make_lines(heading)) is not None


def test_a_reposts_metadata_line_dates_the_page_titles_nothing_and_dates_no_document():
    """'发布时间:DATE TIME 来源: ...' over a State Council document a site reposts: when the
    site posted it. It is the page's date, not its title, and not the document's date."""
    text = ("发布时间:2031-11-01 21:09:52 来源: sp20311101\n"
            "国务院关于推动小部件产业高质量发展的意见\n"
            "国发〔2030〕16号\n"
            "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n"
            "为推动小部件产业高质量发展,现提出以下意见。各地区各部门要认真贯彻落实,确保各项任务"
            "落到实处,不断提高小部件产业的发展质量和效益。\n"
            "一、总体要求\n")
    b = parse_brief(text)
    assert b.published_on == date(2031, 11, 1)
    assert b.title == "国务院关于推动小部件产业高质量发展的意见"
    assert [p.issued_on for p in (i.policy for i in b.items) if p] == [None]
