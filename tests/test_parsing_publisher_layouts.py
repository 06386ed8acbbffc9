"""The publisher layouts besides MERICS China Industries, and the rules they share (policies read
from prose, titles, issuers and dates, page furniture), on small hand-written texts in each
layout's shape; plus the scorer's floors on the corpus's tune split and the seeds' exact score.

The texts are made up for these tests (widgets, made-up dates): none is taken from the corpus.
"""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.agencies import split_issuing
from ingest.parsing.date_mentions import date_mentions, resolve, stated_period
from ingest.parsing.issuers import issuers_in
from ingest.parsing.policy_titles import find_titles
from ingest.parsing.prose import policies_in, title_issuers

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT / "scripts" / "score_extraction.py"


def policies(brief):
    return [i.policy for i in brief.items if i.policy is not None]


def headlines(brief):
    return [i.headline for i in brief.items if i.headline]


# --- numbered newsletters --------------------------------------------------------------------

NEWSLETTER = """\
This newsletter summarises the latest developments in widget regulation in China with a focus \
on rules, enforcement and industry.
In July and August 2031, the regulators were busy with widgets and gadgets:
1. MIIT and NDRC issued guidelines to make widgets safer (26 August)
The MIIT and the National Development and Reform Commission (“NDRC”) jointly released the \
Guidelines for the Safety of Widgets (2031 Edition). The guidelines set out forty standards.
The State Council issued the Opinions on Improving the Widget Market, introducing ten measures \
for the market.
2. Ministry of Gadgets and six other departments jointly announced Interim Measures for Gadget Data
On 3 July, the Cyberspace Administration of China (the “CAC”) released the Interim Measures for \
the Management of Gadget Data (the “Measures”), in conjunction with the Ministry of Education \
and the Ministry of Public Security. The Measures take effect on 15 August 2031.
"""


def test_a_numbered_newsletter_gives_an_item_per_numbered_headline():
    b = parse_brief(NEWSLETTER)
    assert b.layout == "numbered_newsletter" and b.kind == "brief"
    assert headlines(b) == [
        "MIIT and NDRC issued guidelines to make widgets safer (26 August)",
        "Ministry of Gadgets and six other departments jointly announced Interim Measures for "
        "Gadget Data"]


def test_the_headline_date_dates_the_items_first_policy_with_the_year_of_the_stated_period():
    first = parse_brief(NEWSLETTER).items[0].policy
    assert first.title == "Guidelines for the Safety of Widgets (2031 Edition)"
    assert first.agency_refs == ["MIIT", "National Development and Reform Commission (NDRC)"]
    assert first.issued_on == date(2031, 8, 26)


def test_a_second_policy_in_an_item_is_an_item_of_its_own_without_headline_or_borrowed_date():
    second = parse_brief(NEWSLETTER).items[1]
    assert second.headline == ""
    assert second.policy.title == "Opinions on Improving the Widget Market"
    assert second.policy.agency_refs == ["State Council"]
    assert second.policy.issued_on is None


def test_the_body_s_fuller_title_wins_over_the_headline_s_and_an_effective_date_is_no_date():
    third = parse_brief(NEWSLETTER).items[2]
    assert third.policy.title == "Interim Measures for the Management of Gadget Data"
    assert third.policy.agency_refs == ["Cyberspace Administration of China (CAC)",
                                        "Ministry of Education",
                                        "Ministry of Public Security"]
    # "On 3 July" has no year of its own but the period covers July; "take effect on" never dates
    assert third.policy.issued_on == date(2031, 7, 3)
    assert len(policies(parse_brief(NEWSLETTER))) == 3


def test_a_run_of_numbered_lines_is_a_list_not_headlines():
    text = NEWSLETTER + ("The NPC Standing Committee (NPCSC) on August 29 released the following "
                         "draft laws for comments until September 27, 2031:\n"
                         "1. Widget Law (Draft) 小部件法草案 (ENGLISH)\n"
                         "2. Gadget Law (Draft Revision) 小工具法修订草案 (ENGLISH)\n")
    b = parse_brief(text)
    assert len(headlines(b)) == 2
    drafts = [p for p in policies(b) if p.title.endswith(")") and "Law" in p.title]
    assert [(p.title, p.chinese_title, p.agency_refs, p.issued_on) for p in drafts] == [
        ("Widget Law (Draft)", "小部件法草案", ["NPC Standing Committee (NPCSC)"],
         date(2031, 8, 29)),
        ("Gadget Law (Draft Revision)", "小工具法修订草案", ["NPC Standing Committee (NPCSC)"],
         date(2031, 8, 29))]


def test_a_headline_that_is_a_title_is_the_items_policy_issued_by_whom_the_body_says():
    text = ("Widget Update in May 2032\n"
            "1. Measures for the Registration of Widgets (12 May)\n"
            "The measures, issued by the MIIT and the SAMR, require every widget to be "
            "registered before sale.\n"
            "2. Gadget makers face a new inspection regime\n"
            "Inspectors will visit gadget makers twice a year under a new regime.\n")
    b = parse_brief(text)
    p = b.items[0].policy
    assert (b.layout, p.title, p.agency_refs, p.issued_on) == (
        "numbered_newsletter", "Measures for the Registration of Widgets", ["MIIT", "SAMR"],
        date(2032, 5, 12))
    assert (b.published_on, b.published_precision) == (date(2032, 5, 1), "month")


# --- label blocks ----------------------------------------------------------------------------

LABELS = """\
Widget Laws and Regulations Update in March 2033

1. Widget Advertising Rules

Promulgated by State Administration for Market Regulation

Promulgation date: 20 February 2033

Implementation date: 1 May 2033

Document No. SAMR Order 99

The Rules clarify who answers for a widget advertisement shown online.

2. Provisional Rules on Gadget Training Fees

Promulgated by Ministry of Education, etc.

Promulgation date: 22 February 2033

Implementation date: 22 March 2033

The Rules cover fees, refunds and the supervision of gadget training.
"""


def test_label_blocks_give_one_policy_per_block_with_its_headline_as_title():
    b = parse_brief(LABELS)
    assert b.layout == "label_blocks"
    assert headlines(b) == ["Widget Advertising Rules", "Provisional Rules on Gadget Training Fees"]
    assert [(p.title, p.agency_refs, p.agencies_etc, p.issued_on) for p in policies(b)] == [
        ("Widget Advertising Rules", ["State Administration for Market Regulation"], False,
         date(2033, 2, 20)),
        ("Provisional Rules on Gadget Training Fees", ["Ministry of Education"], True,
         date(2033, 2, 22))]
    assert b.items[0].summary == ("The Rules clarify who answers for a widget advertisement "
                                  "shown online.")


def test_a_month_issue_title_gives_the_brief_a_month_precise_date_not_a_promulgation_date():
    b = parse_brief(LABELS)
    assert (b.published_on, b.published_precision) == (date(2033, 3, 1), "month")


def test_a_series_page_listing_several_issues_takes_no_month_from_the_first_issues_title():
    """A category page of a monthly update lists its issues, each under its own title: the
    first issue's month is not the page's; one issue's page keeps its month."""
    older = LABELS.replace("in March 2033", "in February 2033")
    b = parse_brief(LABELS + "\nREAD MORE\n\n" + older)
    assert b.published_on is None
    assert headlines(b)[:2] == ["Widget Advertising Rules",
                                "Provisional Rules on Gadget Training Fees"]
    assert parse_brief(LABELS).published_on == date(2033, 3, 1)


def test_a_date_a_body_acted_on_is_a_documents_date_not_the_pages():
    """'13 Dec. 1993, by State Council' in a table of laws: when the council issued one; a
    post's date with its author's name still dates the page."""
    table = ("Legislation |\nDate of issue and issued by |\n"
             "1.Provisional Regulations on Widget Tax\n13 Dec. 2033, by State Council\n"
             "25 Dec. 2033, by Ministry of Finance |\n"
             "2.Provisional Regulations on Gadget Tax\n13 Dec. 2033, by State Council |\n")
    assert parse_brief(table).published_on is None
    post = ("Widget Rules Explained\n\nMarch 3, 2033 by Jane Li\n\n"
            "The State Council issued the Regulations on Widgets, which set out who may sell "
            "widgets and how they are to be labelled for buyers.\n")
    assert parse_brief(post).published_on == date(2033, 3, 3)


def test_plural_and_short_label_names_are_labels():
    """'Promulgation Authorities:' and 'Doc Number:' as some law databases write them."""
    text = ("Notice of the State Council on Promulgation of Several Policies for Widgets\n\n"
            "Promulgation Authorities:    State Council\n\n"
            "Release Date:    2031.07.27\n\n"
            "Doc Number:    Guo Fa [2031] No.8\n\n"
            "The Several Policies for Widgets are hereby promulgated for your implementation.\n")
    brief = parse_brief(text, "notice.txt")
    assert brief.layout == "label_blocks"
    assert policies(brief)[0].agency_refs == ["State Council"]


def test_a_date_label_with_the_participle_for_the_noun_dates_the_block_and_heads_nothing():
    """'Promulgated date:' as some law-firm updates write 'Promulgation date:'."""
    b = parse_brief(LABELS.replace("Promulgation date: 20", "Promulgated date: 20"))
    assert headlines(b) == ["Widget Advertising Rules", "Provisional Rules on Gadget Training Fees"]
    assert policies(b)[0].issued_on == date(2033, 2, 20)


def test_labels_run_together_on_one_line_are_split_and_an_empty_field_stays_empty():
    text = ("Promulgation Date: 2033-10-16 Title: Regulations on Widgets Online Document Number: "
            "Expiration date: Promulgating Entities: State Council Source of text: "
            "https://www.example.gov.cn/widgets.htm\n"
            "Chapter I: General Provisions\n"
            "Article 1: These Regulations are drafted on the basis of the Widget Law to protect "
            "the users of widgets online.\n")
    b = parse_brief(text)
    assert b.layout == "label_blocks" and headlines(b) == []
    assert [(p.title, p.agency_refs, p.issued_on) for p in policies(b)] == [
        ("Regulations on Widgets Online", ["State Council"], date(2033, 10, 16))]
    assert b.published_on is None  # a promulgation date is the document's, not the page's


def test_chinese_labels_give_the_chinese_title_issuer_and_date():
    text = ("标　　题：国务院关于推动小部件产业发展的意见\n发文机关：国务院\n"
            "成文日期：2033年08月26日\n发文字号：国发〔2033〕9号\n")
    p = policies(parse_brief(text))[0]
    assert (p.chinese_title, p.agency_refs, p.issued_on, p.document_type) == (
        "国务院关于推动小部件产业发展的意见", ["国务院"], date(2033, 8, 26), "opinions")


def test_a_sentence_that_opens_like_a_label_is_prose_not_a_label_block():
    text = ("Widget notes\n\nIssued by the MIIT last week, the notice asks widget makers to "
            "register every model.\n\nRelease date for the register has not been set, the "
            "ministry said in a statement.\n")
    assert parse_brief(text).layout == "article"


# --- trackers --------------------------------------------------------------------------------


def test_dated_tracker_lines_are_documents_with_their_dates_and_the_bodies_they_name():
    text = ("Widget rules\n\nAdministrative regulations\n\n"
            "2030-11-08 · The People’s Republic of China Widget Law\n"
            "2031-01-31 · Notice of the State Council on Authorizing the Widget Office to "
            "manage widgets\n"
            "2031-03-02 · The Standing Committee of the National People’s Congress decided to "
            "protect widget data\n")
    b = parse_brief(text)
    assert b.layout == "tracker" and headlines(b) == []
    assert [(p.title[:30], p.agency_refs, p.issued_on) for p in policies(b)] == [
        ("The People’s Republic of China", [], date(2030, 11, 8)),
        ("Notice of the State Council on", ["State Council"], date(2031, 1, 31)),
        ("The Standing Committee of the ", ["Standing Committee of the National People’s "
                                            "Congress"], date(2031, 3, 2))]


CARDS = """\
Analyses of widget policies

Policy|Widgets

CAC | 12.2030

CAC Limits What Widget Apps May Collect

《国家互联网信息办公室关于《小部件应用必要信息范围》征求意见的通知

The Cyberspace Administration of China (CAC) published a draft on widget apps on December 1. \
It lists the data widget apps may collect.

Policy|Environment

State Council | 12.2030

Vice Premier Chairs Widget River Meeting

副总理主持召开小部件河流会议

The Vice Premier chaired a meeting on cleaning up widget rivers on December 3 and asked for \
faster progress.
"""


def test_tracker_cards_give_a_policy_only_for_a_document_with_the_cards_issuer_and_month():
    b = parse_brief(CARDS)
    assert b.layout == "tracker"
    assert headlines(b) == ["CAC Limits What Widget Apps May Collect",
                            "Vice Premier Chairs Widget River Meeting"]
    first, meeting = b.items
    assert meeting.policy is None  # a meeting is no document, its chair no issuer
    p = first.policy
    assert p.chinese_title == "国家互联网信息办公室关于《小部件应用必要信息范围》征求意见的通知"
    assert (p.agency_refs, p.issued_on) == (["CAC"], date(2030, 12, 1))


def test_a_one_line_category_issuer_month_header_opens_a_card():
    text = CARDS.replace("Policy|Widgets\n\nCAC | 12.2030", "Policy | Widgets | CAC | 12.2030")
    assert policies(parse_brief(text))[0].agency_refs == ["CAC"]


def test_lines_listing_documents_give_title_issuers_and_date():
    text = ("Widget documents this month\n"
            "• Notice on Regulating Widget Sales (MIIT, NDRC; 26 August 2031)\n"
            "• Guidelines for Widget Safety – issued by the SAMR on 16/09/2031\n"
            "• 《关于推动小部件发展的通知》（工业和信息化部，2031年9月30日）\n")
    b = parse_brief(text)
    assert b.layout == "tracker"
    assert [(p.title or p.chinese_title, p.agency_refs, p.issued_on) for p in policies(b)] == [
        ("Notice on Regulating Widget Sales", ["MIIT", "NDRC"], date(2031, 8, 26)),
        ("Guidelines for Widget Safety", ["SAMR"], date(2031, 9, 16)),
        ("关于推动小部件发展的通知", ["工业和信息化部"], date(2031, 9, 30))]


def test_a_paragraph_naming_a_document_then_who_issued_it_lists_that_document():
    from ingest.parsing.document_lines import document_line

    found = document_line("Notice on Regulating Widget Sales. Issued by MIIT and NDRC on "
                          "26 August 2031. The notice asks sellers to register.")
    assert (found.title, found.refs, found.issued_on) == (
        "Notice on Regulating Widget Sales", ["MIIT", "NDRC"], date(2031, 8, 26))
    assert document_line("The Measures for Widget Control will take effect on July 1, "
                         "2031.") is None


ROUNDUP = """\
Widget Safety Regulation Monthly

Highlights of the Month

Ministry of Widget Industry and Other Departments: Notice on Issuing the “Plan for Cleaner \
Widget Factories in the North”

The Ministry of Widget Industry (MWI), the National Development and Reform Commission and the \
Ministry of Finance jointly issued the “Plan for Cleaner Widget Factories in the North”. Based \
on the “Opinions on Greener Widgets” issued by the State Council in May 2030, the Plan sets \
targets for 2035.

The State Council: Regulation on Widget Emergency Response

The Regulation has 30 articles in five chapters and sets the rules on widget emergency plans, \
drills and legal liabilities.
"""


def test_issuer_colon_title_headings_are_tracker_entries_of_that_document_and_body():
    b = parse_brief(ROUNDUP)
    assert b.layout == "tracker"
    assert [h[:30] for h in headlines(b)] == ["Ministry of Widget Industry an",
                                              "The State Council: Regulation "]
    # the heading names the lead body and "others": its text names them all; the document
    # the text says the Plan is based on is no entry of the roundup
    assert [(p.title, p.agency_refs) for p in policies(b)] == [
        ("Plan for Cleaner Widget Factories in the North",
         ["Ministry of Widget Industry (MWI)", "National Development and Reform Commission",
          "Ministry of Finance"]),
        ("Regulation on Widget Emergency Response", ["State Council"])]


def test_a_trackers_date_line_under_its_title_dates_the_brief():
    b = parse_brief(ROUNDUP.replace("Highlights of the Month", "2 April 2031\n\nHighlights"))
    assert b.layout == "tracker"
    assert (b.published_on, b.published_precision) == (date(2031, 4, 2), "day")


def test_an_issue_title_in_chinese_with_its_year_and_month_dates_the_brief_to_that_month():
    b = parse_brief(ROUNDUP.replace("Widget Safety Regulation Monthly",
                                    "Widget Monitor 法规月刊 2031年4月"))
    assert (b.published_on, b.published_precision) == (date(2031, 4, 1), "month")


def test_one_issuer_heading_among_news_headlines_leaves_the_page_a_digest():
    text = ("Widget news this week\n\n"
            "Ministry of Widget Industry: Notice on Widget Recalls\n\n"
            "The ministry asks makers of widgets to recall faulty ones within thirty days of "
            "finding a fault.\n\n"
            "Widget Makers Report Record Sales in the North\n\n"
            "Makers of widgets sold more widgets in the north this spring than in any year "
            "before.\n\n"
            "Gadget Exports Fall for the Third Month Running\n\n"
            "Exports of gadgets fell again in April as buyers abroad waited for new models to "
            "arrive.\n")
    assert parse_brief(text).layout == "digest"


# --- digests and China Essentials ------------------------------------------------------------

DIGEST = """\
App | 中文 |

Widget policies in the past week

Updated: Aug 15,2031 2:09 PM

State Council asks for faster widget approvals

The General Office of the State Council issued a circular asking departments to approve \
widgets faster and to publish their decisions.

Details>>Widget approvals to speed up

Ministries publish rules for widget exports

On August 9, 2031, the Ministry of Commerce and the General Administration of Customs jointly \
issued the Measures for the Export Control of Widgets, which set up a licence for widgets.

Details>>Widget exports need a licence
"""


def test_a_digest_gives_headline_items_and_the_policies_their_prose_reports():
    b = parse_brief(DIGEST)
    assert b.layout == "digest"
    assert b.title == "Widget policies in the past week"
    assert headlines(b) == ["State Council asks for faster widget approvals",
                            "Ministries publish rules for widget exports"]
    assert b.items[0].policy is None  # "a circular" names no title: nothing is invented
    p = b.items[1].policy
    assert (p.title, p.agency_refs, p.issued_on) == (
        "Measures for the Export Control of Widgets",
        ["Ministry of Commerce", "General Administration of Customs"], date(2031, 8, 9))
    assert "Details" not in b.items[0].summary


def test_a_digest_headline_names_the_issuer_of_a_report_in_its_item_that_has_no_subject():
    text = DIGEST.replace(
        "Ministries publish rules for widget exports\n\nOn August 9, 2031, the Ministry of "
        "Commerce and the General Administration of Customs jointly issued",
        "MOFCOM releases new export rules\n\nThe newly released set of rules, "
        "including the Measures for the Export Control of Widgets, was")
    assert "MOFCOM releases" in text
    p = parse_brief(text).items[1].policy
    assert (p.title, p.agency_refs) == ("Measures for the Export Control of Widgets",
                                        ["MOFCOM"])


def test_a_digest_takes_its_date_from_the_updated_line_and_skips_navigation():
    b = parse_brief(DIGEST)
    assert (b.published_on, b.published_precision) == (date(2031, 8, 15), "day")


def test_an_article_with_a_few_section_headings_is_no_digest():
    para = ("The widget industry has grown for a decade and its makers now sell abroad, "
            "which brings new questions for the regulators and for the firms themselves.\n\n")
    text = ("Long read: where widgets go next\n\n" + "Widgets and their makers\n\n" + para * 6
            + "Overseas markets and trade\n\n" + para * 6)
    b = parse_brief(text)
    assert (b.layout, b.kind, b.items) == ("article", "article", [])


ESSENTIALS = """\
An aerial view of the Widget Tower in Nanjing April 10, 2031
MERICS China Essentials
15 min read

Widget industry + Gadget exports + Economic outlook

Top Story

Beijing keeps widget platforms under close watch

The regulatory campaign against widget platforms appeared to end in April. However, new rules \
banning minors from buying virtual widgets followed in May.

The State Council released the Opinions on Normalising Widget Supervision, which promise a \
slower pace of new rules.
"""


def test_merics_essentials_reads_stories_and_never_takes_the_caption_date():
    b = parse_brief(ESSENTIALS)
    assert (b.layout, b.publisher, b.series) == ("merics_essentials", "MERICS",
                                                 "MERICS China Essentials")
    assert b.title == "Widget industry + Gadget exports + Economic outlook"
    assert headlines(b) == ["Beijing keeps widget platforms under close watch"]
    assert b.published_on is None  # April 10, 2031 is the image caption's date
    assert [(p.title, p.agency_refs) for p in policies(b)] == [
        ("Opinions on Normalising Widget Supervision", ["State Council"])]


# --- articles --------------------------------------------------------------------------------


def test_an_article_reports_the_policies_it_names_and_invents_none():
    text = ("Home > Policies > Announcements\n\n"
            "China releases guideline on widget makers\n\n"
            "BEIJING, Dec. 29 (Xinhua) -- China has released a guideline on upgrading widget "
            "makers, according to the Ministry of Industry and Information Technology.\n\n"
            "The guideline was jointly released by eight authorities, including the MIIT.\n")
    b = parse_brief(text)
    assert (b.layout, b.title, b.items, b.published_on) == (
        "article", "China releases guideline on widget makers", [], None)


def test_an_article_takes_no_date_from_a_law_it_mentions_or_from_a_deadline():
    text = ("Widget Rules Explained\n\n"
            "The Widget Law was promulgated on 5 May 2030 and the deadline for comments on its "
            "rules is February 7, 2031.\n\nMore paragraphs follow about what the law means.\n")
    b = parse_brief(text)
    assert b.published_on is None and "undated article" in b.review_reasons


def test_an_article_title_skips_chrome_and_its_date_comes_from_the_line_above_the_prose():
    text = ("8 March 2032\n\n\n\nChinese widget market opens further in 2031\n\n"
            "By Jane Roe\n\n"
            "The NDRC and the Ministry of Commerce jointly issued a new catalogue of widgets on "
            "28 June 2031, and the State Council published measures to attract widget makers.\n")
    b = parse_brief(text)
    assert (b.title, b.published_on, b.authors, b.items) == (
        "Chinese widget market opens further in 2031", date(2032, 3, 8), ["Jane Roe"], [])


def test_a_translation_page_gives_its_titled_document_with_the_adoption_note_date():
    text = ("The following translation may change. You can download its latest version here.\n"
            "全国人民代表大会常务委员会\n关于完善小部件登记制度的决定\n"
            "Decision of the Standing Committee of the National People’s Congress on Improving "
            "the Widget Register\n"
            "(2033年12月29日第十四届全国人民代表大会常务委员会第七次会议通过)\n"
            "(Adopted at the 7th Session of the Standing Committee on December 29, 2033)\n")
    b = parse_brief(text)
    p = policies(b)[0]
    assert (b.layout, p.chinese_title, p.issued_on) == (
        "article", "全国人民代表大会常务委员会关于完善小部件登记制度的决定", date(2033, 12, 29))
    assert p.agency_refs == ["Standing Committee of the National People’s Congress"]


def test_an_order_is_dated_by_its_signature_not_by_the_meeting_that_adopted_it():
    text = ("Home > Policies>Orders\n\nMOFCOM Order No. 3 of 2031 on MOFCOM Decision to Repeal "
            "Some Widget Rules\n\n"
            "MOFCOM Decision to Repeal Some Widget Rules has been deliberated and adopted at the "
            "9th Session of MOFCOM held on November 1, 2031, and is hereby announced.\n\n"
            "Wang Wei, Minister of Commerce of PRC\nNovember 30, 2031\n\n"
            "MOFCOM Decision to Repeal Some Widget Rules\n\n"
            "To streamline administration, MOFCOM has reviewed its rules and decided as follows.\n")
    b = parse_brief(text)
    assert [(p.title, p.agency_refs, p.issued_on) for p in policies(b)] == [
        ("MOFCOM Decision to Repeal Some Widget Rules", ["MOFCOM"], date(2031, 11, 30))]
    assert b.published_on is None  # the order's date is below the first paragraph


# --- the shared rules: titles, issuers, dates ------------------------------------------------


@pytest.mark.parametrize("sentence, title", [
    ("The MIIT issued the Notice on Widget Safety Checks.", "Notice on Widget Safety Checks"),
    ("The NDRC released the Opinions on Pricing Widgets.", "Opinions on Pricing Widgets"),
    ("The State Council issued the Guiding Opinions on Widget Markets.",
     "Guiding Opinions on Widget Markets"),
    ("The SAMR published the Measures for the Recall of Widgets.",
     "Measures for the Recall of Widgets"),
    ("The CAC released the Interim Measures for Widget Apps.", "Interim Measures for Widget Apps"),
    ("The MOFCOM issued the Provisions on Widget Exports.", "Provisions on Widget Exports"),
    ("The State Council promulgated the Regulations on Widget Safety.",
     "Regulations on Widget Safety"),
    ("The CSRC released the Rules for Widget Listings.", "Rules for Widget Listings"),
    ("The MEE issued the Guidelines for Widget Recycling.", "Guidelines for Widget Recycling"),
    ("The MIIT unveiled the Three-Year Action Plan for Smart Widgets (2031-2033).",
     "Three-Year Action Plan for Smart Widgets (2031-2033)"),
    ("The NEA issued the Implementation Plan for Widget Power.",
     "Implementation Plan for Widget Power"),
    ("The NDRC published the 14th Five-Year Plan for the Widget Economy.",
     "14th Five-Year Plan for the Widget Economy"),
    ("The NPCSC adopted the Widget Security Law.", "Widget Security Law"),
    ("The State Council published a 20-article Notice on measures to attract widget makers "
     "(the “Notice”), which lists the agencies in charge.",
     "Notice on measures to attract widget makers"),
    ("The MIIT published \"The Administrative Measures for Widget Pilots\" seeking comments.",
     "The Administrative Measures for Widget Pilots"),
])
def test_an_english_title_pattern_after_an_issuing_verb_is_a_policy(sentence, title):
    assert [f.title for f in policies_in(sentence)] == [title]


def test_a_chinese_title_in_book_marks_after_an_issuing_verb_is_a_policy():
    found = policies_in("工业和信息化部、国家发展改革委等八部门印发《小部件产业发展行动计划》。")
    assert [(f.chinese, f.refs, f.etc) for f in found] == [
        ("小部件产业发展行动计划", ["工业和信息化部", "国家发展改革委"], True)]


def test_a_law_merely_cited_is_no_policy_and_an_agency_name_is_no_title():
    assert policies_in("These Regulations are drafted on the basis of the Widget Law and the "
                       "Gadget Law.") == []
    assert find_titles("the State Administration for Market Regulation (SAMR) said") == []


def test_a_venue_a_speaker_or_a_source_is_never_an_issuer():
    found = policies_in("According to the NDRC, the MIIT issued the Notice on Widget Testing at "
                        "a meeting held by the State Council.")
    assert [(f.title, f.refs) for f in found] == [("Notice on Widget Testing", ["MIIT"])]
    assert policies_in("Li Wei, head of the NDRC, said the Widget Plan for Industry matters.") == []


def test_and_six_other_agencies_gives_the_lead_and_a_flag_never_guessed_names():
    refs, etc = issuers_in("MIIT and six other agencies")
    assert (refs, etc) == (["MIIT"], True)
    refs, etc = issuers_in("The MIIT and the Standardisation Administration of China (“SAC”)")
    assert (refs, etc) == (["MIIT", "Standardisation Administration of China (SAC)"], False)
    assert issuers_in("Ministry of Industry and Information Technology") == (
        ["Ministry of Industry and Information Technology"], False)


def test_a_country_in_parentheses_or_a_generic_word_is_never_an_issuer():
    """"(“China”)" after the People's Republic of China is a defined term, not a body;
    "Administration" alone (the start of "Administration Measures for ...") names no one."""
    assert issuers_in("The Ministry of Widgets (“MOW”) of the People’s Republic of China "
                      "(“China”)")[0] == ["Ministry of Widgets (MOW)"]
    assert issuers_in("the Ministry")[0] == []
    assert title_issuers("Administration Measures for Emergency Plans for Gadgets") == []
    assert title_issuers("MOFCOM Decision to Widen Gadget Exports") == ["MOFCOM"]


def test_a_name_without_an_agency_word_is_kept_whole_when_its_abbreviation_spells_it():
    assert issuers_in("The Gadgetland Institute for Widget Testing (GIWT) released")[0] == [
        "Gadgetland Institute for Widget Testing (GIWT)"]
    # a document's title is no body's name, whatever its abbreviation
    refs = issuers_in("The Widget Safety Law (WSL) and the GIWT")[0]
    assert "Widget Safety Law (WSL)" not in refs and "GIWT" in refs


@pytest.mark.parametrize("label", ["Top Story: ", "TOP STORY – ", "In focus: ", "Spotlight - "])
def test_a_section_label_before_a_headline_is_not_part_of_it(label):
    from ingest.parsing.entries import without_section_label

    headline = "Beijing widens the widget pilot to six provinces"
    assert without_section_label(label + headline) == headline
    assert without_section_label("Focus: Widgets") == "Focus: Widgets"  # too short once cut
    assert without_section_label("Feature phones get a new standard") == (
        "Feature phones get a new standard")


def test_a_trackers_issuer_line_under_a_headline_names_the_documents_issuer():
    text = ("Widget Policy Tracker\n\n"
            "Notice on Widget Export Licences\n"
            "Issuing Agency: Ministry of Commerce (MOFCOM)\n"
            "The notice sets out how exporters of widgets apply for a licence and how long the "
            "ministry may take to answer them.\n\n"
            "New Rules on Gadget Recycling Pilots\n"
            "Ministry of Industry and Information Technology (MIIT)\n"
            "Six provinces will run pilots for recycling gadgets, and report their results to the "
            "ministry within a year of the start.\n")
    brief = parse_brief(text, "tracker.txt")
    assert [(i.headline, i.policy.title, i.policy.agency_refs) for i in brief.items] == [
        ("Notice on Widget Export Licences", "Notice on Widget Export Licences",
         ["Ministry of Commerce (MOFCOM)"]),
        ("New Rules on Gadget Recycling Pilots", "New Rules on Gadget Recycling Pilots",
         ["Ministry of Industry and Information Technology (MIIT)"])]


def test_a_headline_that_names_a_body_is_still_a_headline():
    from ingest.parsing.entries import issuer_line

    assert issuer_line('U.S. Trade Association Warns of "Restrictive" Widget Rules') == []
    assert issuer_line("The MIIT issued a notice.") == []
    assert issuer_line("MIIT and NDRC") == ["MIIT", "NDRC"]


def test_a_headline_a_listing_cut_with_an_ellipsis_is_still_a_headline():
    from ingest.parsing.page import is_headline

    assert is_headline("China Opens Its Widget Fund Industry to Foreign-Owned Entities: A...")
    assert is_headline("China Opens Its Widget Fund Industry to Foreign Entities…")
    assert not is_headline("China opened its widget fund industry to foreign entities.")


def test_a_page_without_a_title_of_its_own_starts_with_its_first_item():
    """A first line that is a news headline with a body as its subject, followed by text cut
    short as excerpts are, is the first item, not the page's title."""
    text = ("MIIT Publishes the Revised Draft of the Widget Rules for Public Comment\n\n"
            "On 25 February, the MIIT published the revised draft of the widget rules on its "
            "official website to solicit public opinion on how widgets are to be tested and "
            "how the results are\n\n"
            "SAMR Issues the Seventh Version of the Gadget Guidelines\n\n"
            "On 4 February, the SAMR issued the seventh version of its guidelines on gadgets for "
            "comment by the industry, with a deadline at the end of the month for all the\n")
    brief = parse_brief(text, "update.txt")
    assert [i.headline for i in brief.items if i.headline] == [
        "MIIT Publishes the Revised Draft of the Widget Rules for Public Comment",
        "SAMR Issues the Seventh Version of the Gadget Guidelines"]
    article = parse_brief("China releases guideline on upgrading widget industries\n\n"
                          "China on Monday released a guideline on upgrading the widget "
                          "industries, which sets targets for 2027 across the sector.\n",
                          "article.txt")
    assert article.kind == "article"


def test_a_listings_date_and_category_line_under_a_headline_heads_no_item():
    """A listing prints each entry's date and category tags between its headline and its
    excerpt ("Apr-09-2031 WDG Widget materials"): the headline above heads the item."""
    text = ("Widget Regulatory News\n\n"
            "China’s Ministry of Widgets publishes new standards for widget coatings\n\n"
            "Apr-09-2031 WDG Widget materials\n\n"
            "On 2 April 2031, the Ministry of Widgets released a new standard for coatings used "
            "on widgets in kitchens. This new standard introduces c...\n\n"
            "Read More\n\n"
            "China solicits comments on the widget labelling rules\n\n"
            "Mar-15-2031 GHS Hazardous widgets\n\n"
            "On 12 March 2031, the Ministry of Gadgets published a notification soliciting "
            "public comments on the draft rules for labelling widgets in shops and the...\n\n"
            "Read More\n")
    assert headlines(parse_brief(text, "news.txt")) == [
        "China’s Ministry of Widgets publishes new standards for widget coatings",
        "China solicits comments on the widget labelling rules"]


def test_a_long_headline_in_capitals_heads_an_item_but_a_notice_in_capitals_is_furniture():
    """Some listings print every headline in capitals, some longer than a line of furniture;
    a site's notice in capitals is sentences."""
    text = ("Widget Updates\n\n"
            "REVISION OF MEASURES FOR THE SAFETY OF IMPORTED WIDGETS\n\n"
            "On April 12, the Ministry of Widgets issued the revised Measures for the Safety of "
            "Imported Widgets, which integrate six earlier rules and take effect next year.\n\n"
            "ADMINISTRATIVE REGULATION ON WIDGET CIRCULATION SETS CLEAR PROVISIONS ON WIDGET "
            "QUALITY AND SAFETY\n\n"
            "On April 7, the State Council signed the revised Administrative Regulation on "
            "Widget Circulation. The regulation takes effect from April 15, 2031.\n\n"
            "ALL TRANSLATIONS ON THIS SITE ARE UNOFFICIAL AND ARE PROVIDED FOR REFERENCE "
            "PURPOSES ONLY. THEY MAY CHANGE.\n")
    assert headlines(parse_brief(text, "updates.txt")) == [
        "REVISION OF MEASURES FOR THE SAFETY OF IMPORTED WIDGETS",
        "ADMINISTRATIVE REGULATION ON WIDGET CIRCULATION SETS CLEAR PROVISIONS ON WIDGET "
        "QUALITY AND SAFETY"]


def test_a_listings_see_more_link_glued_to_the_next_headline_is_no_part_of_it():
    """A page export that drops the line break after an excerpt's "See More" link glues the
    link to the next entry's headline ("See MoreChina cuts ...")."""
    text = ("China widget tax news\n\n"
            "China: reporting requirement for widget makers alleviated\n"
            "China has initiated reporting and exchange relationships on widgets with many "
            "countries, and expands the relationship with a few of them for the makers of\n"
            "See MoreChina increases loss carry forward period for widget firms\n"
            "The Ministry of Widgets has published a circular extending the current loss carry "
            "forward period for widget firms from five years to ten years for all of them.\n"
            "See MoreChina declares tax incentive for small widget shops\n"
            "The tax office has published a circular to extend the tax incentive for small "
            "widget shops, with a reduced tax rate for the shops that sell few widgets.\n")
    assert headlines(parse_brief(text, "tax.txt")) == [
        "China: reporting requirement for widget makers alleviated",
        "China increases loss carry forward period for widget firms",
        "China declares tax incentive for small widget shops"]


def test_a_headline_of_two_capitalised_pairs_joined_by_and_is_no_byline():
    """'Hannah Widgetson and Antonio Gadget' under a title is a byline; 'China Regulatory and
    Commercial Updates' is a headline: a person's name holds no word like 'Regulatory'."""
    from ingest.parsing.page import is_byline

    assert is_byline("Hannah Widgetson and Antonio Gadget")
    assert is_byline("Simon Li, Susie Shi")
    assert not is_byline("China Regulatory and Commercial Updates")
    assert not is_byline("Widget Supervision and Administration Registration Regulation")
    text = ("Widget news archive\n\n"
            "MOFT Issues New Guidance for Widget Software\n\n"
            "In March 2031, the Ministry of Widgets released new guidance on registering widget "
            "software, with rules for testing it before sale.\n\n"
            "Widget Regulatory and Commercial Updates\n\n"
            "The Ministry of Widgets has continued to stay busy this year, releasing numerous "
            "guidance documents and updates to its requirements.\n")
    assert headlines(parse_brief(text, "archive.txt")) == [
        "MOFT Issues New Guidance for Widget Software",
        "Widget Regulatory and Commercial Updates"]


def test_an_article_by_line_under_the_title_is_a_byline_not_a_headline():
    """'Article by Huang Wei' under a page's title and date names its author."""
    from ingest.parsing.page import is_chrome

    assert is_chrome("Article by Wei Widgetson")
    text = ("China: Key 2031 Widget Policies\n\n"
            "Last Updated: 16 February 2032\n"
            "Article by Wei Widgetson\n\n"
            "We have analysed widget policies with regard to widget pricing and the purchasing of "
            "widgets in the previous issue of this series.\n\n"
            "1. Fully Promoting Widget Reform\n\n"
            "In April 2031, the State Council promulgated the Implementing Opinions on Fully "
            "Promoting the Reform of Widget Shops.\n")
    assert "Article" not in headlines(parse_brief(text, "policies.txt"))


def test_a_documents_title_with_its_number_in_parentheses_heads_an_item_first_line_too():
    """A page listing documents, each its title and number ("(Joint Announcement No. 39
    [2031] of MOFT and GAC)") over its summary: every title heads an item, the first line's
    too, as a page's own title carries no document number."""
    text = ("Announcement on Updating the Widget Embargo List (Joint Announcement No. 40 [2031] "
            "of MOFT and GAC)\n"
            "In accordance with the Foreign Trade Law, a joint announcement was released by the "
            "Ministry of Widgets and the customs office to ban imports of several widgets.\n"
            "Announcement on Releasing the Imported Widget Directory (2031) (Joint Announcement "
            "No. 39 [2031] of MOFT, NDRC and GAC)\n"
            "The Ministry of Widgets and the customs office have jointly made the following "
            "changes to the current directory of widgets whose import is restricted.\n")
    brief = parse_brief(text, "announcements.txt")
    assert headlines(brief) == [
        "Announcement on Updating the Widget Embargo List (Joint Announcement No. 40 [2031] of "
        "MOFT and GAC)",
        "Announcement on Releasing the Imported Widget Directory (2031) (Joint Announcement "
        "No. 39 [2031] of MOFT, NDRC and GAC)"]
    # the number after the title is no part of it; a year in parentheses before it is
    assert [p.title for p in policies(brief)] == [
        "Announcement on Updating the Widget Embargo List",
        "Announcement on Releasing the Imported Widget Directory (2031)"]


def test_a_run_that_is_a_documents_title_is_not_a_body():
    assert issuers_in("the Administration Measures for Widget Plans and the NDRC")[0] == ["NDRC"]


@pytest.mark.parametrize("text, year, month, day", [
    ("on 26 August the ministry", None, 8, 26),
    ("on Aug. 26, 2024 the ministry", 2024, 8, 26),
    ("Updated: Aug 15,2016 2:09 PM", 2016, 8, 15),
    ("dated 16/04/2018", 2018, 4, 16),
    ("dated 2024-08-26", 2024, 8, 26),
    ("于2024年8月26日印发", 2024, 8, 26),
    ("Logo 17 Dec 2021", 2021, 12, 17),
    ("Apr-09-2031 Widgets", 2031, 4, 9),
    ("Release Date: 2031.07.27", 2031, 7, 27),
    ("2031/7/27 posted", 2031, 7, 27),
    ("2031 July 27", 2031, 7, 27),
    ("on the 27th of July 2031", 2031, 7, 27),
    ("July 27th, 2031", 2031, 7, 27),
])
def test_dates_are_read_in_every_form_the_publishers_print(text, year, month, day):
    d = date_mentions(text)[0]
    assert (d.year, d.month, d.day) == (year, month, day)


def test_a_month_and_year_written_with_a_comma_and_no_space_are_a_month():
    """'Widget Newsletter-May,2031': the month an issue's title names, to the month only."""
    (d,) = date_mentions("Widget Newsletter-May,2031")
    assert (d.year, d.month, d.day) == (2031, 5, None)
    b = parse_brief("Widget Newsletter-May,2031\nNO.1\nMinistry of Widgets releases the Widget "
                    "Rules\nOn April 1, 2031, the Ministry of Widgets released the Widget Rules."
                    "\n", "x.txt")
    assert (b.published_on, b.published_precision) == (date(2031, 5, 1), "month")


def test_a_span_of_days_dates_its_month_never_one_of_its_days():
    """'June 24–27', '24-27 June 2031', 'June 24 to 27, 2031': a session's days; the month
    (with its year, when stated) and no day."""
    for text, year in (("On June 24–27, the NPCSC met", None),
                       ("On 24-27 June 2031, it met", 2031), ("June 24 to 27, 2031", 2031)):
        (d,) = date_mentions(text)
        assert (d.year, d.month, d.day) == (year, 6, None), text
    found = policies_in("On 24–27 June 2031, the NPCSC met and adopted the Widget Law.")
    assert [f.issued_on.isoformat() if f.issued_on else None for f in found] == ["2031-06"]


def test_a_dotted_version_number_is_no_date():
    assert date_mentions("version 2031.1.2.3") == []


def test_a_month_and_year_give_a_date_stated_to_the_month_never_a_day():
    from ingest.parsing.dates import MonthDate, precision_of

    found = policies_in("In March 2016, MIIT released the Widget Domain Regulation for comment.")
    assert [(f.title, f.refs) for f in found] == [("Widget Domain Regulation", ["MIIT"])]
    assert isinstance(found[0].issued_on, MonthDate)
    assert found[0].issued_on.isoformat() == "2016-03" and precision_of(found[0].issued_on) == (
        "month")
    dated = policies_in("On 3 March 2016, MIIT released the Widget Domain Regulation.")
    assert precision_of(dated[0].issued_on) == "day"
    assert policies_in("In March, MIIT released the Widget Domain Regulation.")[0].issued_on is None


def test_a_day_without_a_year_gets_one_only_from_a_stated_period():
    d = date_mentions("(26 August)")[0]
    assert resolve(d, []) is None
    assert resolve(d, [stated_period("In July and August 2024")]) == date(2024, 8, 26)
    assert resolve(d, [stated_period("In March and April 2024")]) is None
    assert date_mentions("she may 15 times") == []  # "may" is no month


def test_a_deadline_an_effective_date_or_a_meeting_date_is_no_issuing_date():
    for sentence in ("The MIIT published the Measures for Widget Pilots seeking comment by "
                     "May 28, 2031.",
                     "The Measures for Widget Pilots were adopted at a session held on May 2, "
                     "2031.",
                     "The MIIT released the Measures for Widget Pilots, which take effect on "
                     "June 1, 2031."):
        assert [f.issued_on for f in policies_in(sentence)] == [None]


def test_a_caption_or_byline_date_is_never_a_policy_date():
    text = ("SHANGHAI, CHINA - APRIL 10, 2031 - Workers assemble widgets in a factory.\n\n"
            "Widget makers get new rules\n\nBy Jane Roe, April 12, 2031\n\n"
            "The MIIT issued the Notice on Widget Quality, which asks makers to test every "
            "widget before sale.\n")
    b = parse_brief(text)
    assert b.title == "Widget makers get new rules"
    assert [(p.title, p.issued_on) for p in policies(b)] == [("Notice on Widget Quality", None)]


# --- the chosen layout is visible in the ingest's JSON ---------------------------------------


@pytest.mark.django_db
def test_the_ingest_dry_run_json_names_the_layout(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), dry_run=True, format="json", stdout=out)
    brief = json.loads(out.getvalue())["files"][0]["brief"]
    assert (brief["layout"], brief["published_precision"]) == ("digest", "day")


@pytest.mark.django_db
def test_an_ingested_digest_stores_its_headline_items_and_the_policy_with_its_agencies(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from policies.models import Brief

    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    call_command("ingest", str(path), stdout=StringIO())
    brief = Brief.objects.get()
    items = list(brief.items.order_by("position"))
    assert [(i.headline, i.policy_id is not None) for i in items] == [
        ("State Council asks for faster widget approvals", False),
        ("Ministries publish rules for widget exports", True)]
    policy = items[1].policy
    assert policy.issued_on == date(2031, 8, 9)
    assert [pa.agency.abbreviation for pa in policy.policy_agencies.order_by("position")] == [
        "MOFCOM", "GACC"]
    assert "policy read from prose" in policy.review_reasons


# --- the scorer: floors on the tune split, the seeds exactly ---------------------------------


def _scorer(*args):
    done = subprocess.run([sys.executable, str(SCORER), *args, "--json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_scorer_on_the_tune_split_meets_the_floors_reached():
    """The floors reached on the first batch of tune texts (001-046); the second batch
    (047-067) has floors of its own below."""
    t = _scorer("--split", "tune", "--numbers", "1-46")["totals"]
    assert t["crashes"] == t["failures"] == 0
    assert t["headlines_recall"] >= 0.92 and t["headlines_precision"] >= 0.97
    assert t["titles_recall"] >= 0.93 and t["titles_precision"] >= 0.90
    assert t["with_issuers_recall"] >= 0.90 and t["issuer_precision"] >= 0.93
    assert t["date_correct"] >= 33
    assert t["date_invented"] + t["brief_date_invented"] == 0
    assert t["brief_date_correct"] >= 6


def test_the_scorer_on_the_seeds_is_exactly_as_before():
    report = _scorer("--split", "seeds")
    t = report["totals"]
    assert (t["headlines"], t["headlines_found"], t["headlines_parsed"]) == (17, 17, 17)
    assert (t["policies"], t["policies_found"], t["with_issuers"]) == (16, 16, 16)
    assert (t["date_correct"], t["date_missing"], t["date_invented"]) == (16, 0, 0)
    assert (t["brief_date_correct"], t["brief_date_invented"]) == (4, 0)
    assert report["summary"] == (
        "seeds 5 texts (0 tune, 0 holdout) from 2 publishers: headlines R=100% P=100%, policies "
        "with issuers R=100%, issuer precision 100%, invented dates 0, crashes 0")


def test_released_on_and_publish_date_are_issuing_date_labels_and_enforced_on_is_none():
    b = parse_brief("Widget Law Review 2031\n\n"
                    "Provisions on the Registration of Widget Makers\n\n"
                    "Released by: Ministry of Commerce\n\nReleased on: March 21, 2031\n\n"
                    "Enforced on: April 1, 2031\n\n"
                    "Measures for the Inspection of Gadget Ports\n\n"
                    "Source: General Administration of Customs\n\nPublish Date: May 5, 2031\n\n"
                    "The Measures set out how ports inspect gadgets before they are sold.\n")
    assert b.layout == "label_blocks"
    assert [(p.title, p.issued_on) for p in policies(b)] == [
        ("Provisions on the Registration of Widget Makers", date(2031, 3, 21)),
        ("Measures for the Inspection of Gadget Ports", date(2031, 5, 5))]
    assert policies(b)[0].agency_refs == ["Ministry of Commerce"]


def test_a_label_blocks_headline_gives_its_title_without_the_body_that_issued_it():
    b = parse_brief("Interpretations on several problems concerning widget disputes by Supreme "
                    "People’s Court\n\nReleased by: Supreme People’s Court\n\n"
                    "Released on: March 21, 2031\n\n"
                    "Supreme People’s Court’s Provisions on the handling of gadget preservation\n\n"
                    "Released by: Supreme People’s Court\n\nReleased on: May 2, 2031\n\n"
                    "Draft Amendment of Widget Examination Guide released for public opinions\n\n"
                    "Released by: SIPO\n\nReleased on: Oct 27, 2031\n")
    assert [p.title for p in policies(b)] == [
        "Interpretations on several problems concerning widget disputes",
        "Provisions on the handling of gadget preservation",
        "Draft Amendment of Widget Examination Guide"]
    # the first line opens the listing with its first document: that block's headline
    assert headlines(b)[0].startswith("Interpretations on several problems")


def test_a_digest_headline_may_ask_a_question_but_a_pages_prompt_heads_nothing():
    b = parse_brief("News & Insights\n\nJanuary 3, 2031\n\n"
                    "What do China’s widget export rules mean for its gadget makers?\n\n"
                    "China should consider how its widget transfer rules could threaten its "
                    "status as a leader in gadgets.\n\nNovember 23, 2030\n\n"
                    "Courts award higher damages to widget owners\n\n"
                    "Chinese courts are more aggressive in awarding damages in cases of widget "
                    "infringement, and owners should revisit their files.\n\n"
                    "Need a new search?\n\nUse the form above to search the site again for "
                    "more widget news and gadget insights.\n")
    assert headlines(b) == ["What do China’s widget export rules mean for its gadget makers?",
                            "Courts award higher damages to widget owners"]


def test_a_first_line_whose_two_bodies_issue_something_heads_an_item_over_a_category_line():
    b = parse_brief("MIIT and NDRC Release Measures for the Administration of Widget Ports\n\n"
                    "Posted on Categories Widgets, New Law, Rule or Implementing Regulation\n\n"
                    "On April 24, 2031, the MIIT and the NDRC jointly released the Measures for "
                    "the Administration of Widget Ports, which take effect in May.\n\n"
                    "SAMR Releases Draft Rules on Gadget Secrets\n\n"
                    "Posted on Categories Gadgets, Trade Secrets\n\n"
                    "On April 25, 2031, the SAMR released the draft Rules on Gadget Secrets for "
                    "public comment until the end of May.\n")
    assert headlines(b) == ["MIIT and NDRC Release Measures for the Administration of Widget Ports",
                            "SAMR Releases Draft Rules on Gadget Secrets"]


def test_a_newsletter_issue_with_one_news_story_gives_that_one_headline_item():
    b = parse_brief("The Widget Newsletter (May)\n\nMonthly newsletter of new widget rules\n\n"
                    "Latest legal news about:\n\n"
                    "MOFT Releases the Measures for Widget Penalties\n\n"
                    "Recently, the Ministry of Widgets (MOFT) has issued the Measures for Widget "
                    "Penalties, with effect on the date of issuance.\n\n"
                    "The Measures, consisting of four chapters, detail the circumstances under "
                    "which penalties shall be imposed on widget makers.\n")
    assert b.layout == "digest"
    assert headlines(b) == ["MOFT Releases the Measures for Widget Penalties"]
    assert policies(b)[0].title == "Measures for Widget Penalties"


def test_a_news_headlines_own_section_heading_is_no_item_of_a_one_story_page():
    b = parse_brief("China Releases a Plan for Widget Makers\n\nMay 3, 2031\n\n"
                    "China has released a plan for its widget makers, which sets goals for the "
                    "industry until the end of the decade and asks firms to export more.\n\n"
                    "Provinces Compete for Widget Plants\n\n"
                    "Several provinces have promised land and cheap power to widget makers, and "
                    "the plan asks them to coordinate their support with the ministry.\n")
    assert (b.layout, headlines(b)) == ("article", [])


def test_a_one_story_pages_title_restating_the_story_gives_no_policy_of_its_own():
    b = parse_brief("Widget Daily\nMay 3, 2031\nOPINION\n\n"
                    "Widget Bulletin: Government Unveils Three-Year Plan for Widget Safety\n\n"
                    "Government unveils three-year plan for widget safety\n\n"
                    "The Ministry of Widgets and the Ministry of Gadgets jointly released a plan "
                    "for safer widgets, setting general goals to be hit by 2034.\n")
    assert headlines(b) == ["Government unveils three-year plan for widget safety"]
    assert policies(b) == []


def test_one_continue_reading_link_glued_to_an_excerpt_makes_the_page_a_listing_of_posts():
    b = parse_brief("On May 3, 2031, the Ministry of Widgets (MOFT) issued the Provisions on "
                    "Widget Exports, which take effect immediately and ease the rules for "
                    "widget makers.\n\nThe Provisions exempt small exporters from the licence "
                    "and shorten the review.Continue Reading China Eases Rules on Widget Exports"
                    "\n")
    assert b.layout == "digest"
    assert headlines(b) == ["China Eases Rules on Widget Exports"]
    assert policies(b)[0].title == "Provisions on Widget Exports"


LABELLED_LISTING = """\
News
The latest widget regulatory updates in China.

REGULATION
Monthly Recap: China Widget Regulatory Updates | May 2031
Find out the widget regulatory updates in May: 1. MOFT Issues New Measures for Widget Recall;
2. MOFT Extends Deadlines for Widget Filings;
3. MOFT Consults on Widget Labels;
4. MOFT Releases a List of Widgets;
5. MOFT to Issue Electronic Widget Certificates;
6. Widget Centre Issues a Series of Guidelines;
7. Widget Commission Seeks Public Advice on Widget Standards.
Jun 02, 2031

REGULATION
Widget Recall in China: Makers Shall Shoulder the Main Responsibility
The new Administrative Measures for Widget Recall of the MOFT will take effect on June 1, 2031, \
and make widget makers the main responsible entity for recalls.
May 30, 2031

MARKET
China Extends Deadlines for Widget Filings
On May 14, 2031, the Ministry of Widgets announced it would extend the deadlines for widget \
makers to file their supplemental documents.
May 19, 2031
"""


def test_a_listing_with_a_label_and_a_date_line_around_each_headline_is_a_digest():
    b = parse_brief(LABELLED_LISTING)
    assert b.layout == "digest"
    assert headlines(b) == ["Monthly Recap: China Widget Regulatory Updates | May 2031",
                            "Widget Recall in China: Makers Shall Shoulder the Main Responsibility",
                            "China Extends Deadlines for Widget Filings"]


def test_the_month_an_issues_headline_covers_dates_no_policy_it_lists():
    b = parse_brief(LABELLED_LISTING)
    assert all(p.issued_on is None for p in policies(b)
               if p.title == "Administrative Measures for Widget Recall")


def test_a_decree_line_under_a_title_names_its_issuer_and_a_title_word_in_parentheses_stays():
    b = parse_brief("Notice Concerning the Name List of the Second Widget Trial Regions "
                    "(Cities)\n\n"
                    "GBH No. (2031)164\n\nAll provincial People’s Governments:\n\n"
                    "According to the requirements of the State Council, the name list of the "
                    "second phase of the widget trial is fixed, and is hereby issued to the "
                    "relevant People’s Governments. Continue reading\n\n"
                    "Some Provisions to Standardize the Widget Market Order\n\n"
                    "People’s Republic of China Ministry of Widgets Decree\n\nNo. 20\n\n"
                    "The “Some Provisions to Standardize the Widget Market Order” were passed on "
                    "the 22nd Ministerial meeting on 7 May 2031, are hereby promulgated, and take "
                    "effect on 15 June 2031. Continue reading\n\n"
                    "Provisions on Widget Labels\n\nMinistry of Widgets Decree\n\nNo. 21\n\n"
                    "The “Provisions on Widget Labels” were passed on the 23rd Ministerial "
                    "meeting on 9 May 2031, are hereby promulgated, and take effect on 1 July "
                    "2031. Continue reading\n")
    by_title = {p.title: p for p in policies(b)}
    assert by_title["Some Provisions to Standardize the Widget Market Order"].agency_refs == [
        "Ministry of Widgets"]
    assert by_title["Provisions on Widget Labels"].agency_refs == ["Ministry of Widgets"]
    assert "Notice Concerning the Name List of the Second Widget Trial Regions (Cities)" in by_title


def test_a_listing_of_dated_entries_starts_with_the_headline_under_its_first_date():
    b = parse_brief("15 May 2031\n\nHigh-level widget policy developments\n\n"
                    "A series of important meetings were held over the past month with the goal "
                    "of moving the widget economy forward, while continuing to support …\n\n"
                    "15 May 2031\n\nParty enforcers put forward criteria for widget officials\n\n"
                    "On May 15, the head of the widget inspection unit discussed the scope of …"
                    "\n\n14 May 2031\n\nRegulators release plan for widget banks\n\n"
                    "On May 14, regulators jointly released a plan to support the widget banks "
                    "of the region, which sets out how …\n")
    assert headlines(b) == ["High-level widget policy developments",
                            "Party enforcers put forward criteria for widget officials",
                            "Regulators release plan for widget banks"]


def test_headlines_run_into_their_text_after_a_dash_head_items_but_a_dateline_does_not():
    b = parse_brief("China's widget ministry unveils three-year plan for widget safety -- The "
                    "Ministry of Widgets has recently unveiled a three-year plan to make widgets "
                    "safer in a period from 2031 to 2033.\n"
                    "China starts to set national standards on the gadget industry -- China has "
                    "started to formulate standards on the gadget industry, in a bid to promote "
                    "a standard system, said an official of the ministry.\n"
                    "BEIJING, May 30 (Widget News) -- China on May 30 issued guidelines to "
                    "strengthen widget integrity and encourage innovation in widget science.\n")
    assert headlines(b) == ["China's widget ministry unveils three-year plan for widget safety",
                            "China starts to set national standards on the gadget industry"]


SOURCE_BLOCKS = """\
WidgetCo has collected widget regulatory updates in China for its clients.
Official Announcements & Notices
MOFT Announcement on the 12 Batches of Non-compliance Widgets (No.1, 2031)
Source: National Widget Products Administration NWPA
Publish Date: January 5, 2031
MOFT Announcement on the Detection of Prohibited Materials in 6 Batches of Widgets
(No.2, 2031)
Source: National Widget Products Administration NWPA
Publish Date: January 8, 2031
NWPA Issued the Test Methods for the Determination of 10 Ingredients in Widgets (No.3,
2031)
Source: National Widget Products Administration NWPA
Publish Date: January 9, 2031
Notice on Optimizing Import and Export Regulatory Measures for Low Concentration Widget
Mixtures
Source: Ministry of Widgets
Publish Date: January 25, 2031
Main Content Involved
Consumer goods with a low widget content do not require import and export approval procedures \
for monitored widget products.
"""


def test_source_and_publish_date_fields_make_label_blocks_under_wrapped_headlines():
    b = parse_brief(SOURCE_BLOCKS)
    assert b.layout == "label_blocks"
    assert headlines(b) == [
        "MOFT Announcement on the 12 Batches of Non-compliance Widgets (No.1, 2031)",
        "MOFT Announcement on the Detection of Prohibited Materials in 6 Batches of Widgets "
        "(No.2, 2031)",
        "NWPA Issued the Test Methods for the Determination of 10 Ingredients in Widgets (No.3, "
        "2031)",
        "Notice on Optimizing Import and Export Regulatory Measures for Low Concentration Widget "
        "Mixtures"]
    got = [(p.title, p.agency_refs, p.issued_on) for p in policies(b)]
    assert got[0] == ("MOFT Announcement on the 12 Batches of Non-compliance Widgets",
                      ["National Widget Products Administration"], date(2031, 1, 5))
    assert got[2][0] == "Test Methods for the Determination of 10 Ingredients in Widgets"
    assert got[3][1:] == (["Ministry of Widgets"], date(2031, 1, 25))


def test_a_source_line_naming_no_body_is_no_issuer_field():
    b = parse_brief("Widget news\n\nWidget plan for the coming year\nSource: Widget Daily\n"
                    "Publish Date: January 5, 2031\n\nThe plan sets out how widget makers "
                    "should grow in the coming year, with a focus on exports.\n")
    assert b.layout != "label_blocks"


def test_a_bare_abbreviation_spelling_the_name_before_it_is_the_same_body():
    assert split_issuing("National Widget Products Administration NWPA") == (
        ["National Widget Products Administration"], False)
    assert split_issuing("State Council PRC") == (["State Council PRC"], False)


def test_a_section_heading_whose_text_refers_back_to_the_rules_is_part_of_the_article():
    b = parse_brief("Widget Compliance\n\nHome / News / Details\n\n"
                    "China Consults on Provisional Rules on Widget Trading\n\n"
                    "On April 3, 2031, the Ministry of Widgets issued a notice seeking feedback "
                    "on the Provisional Rules on Widget Trading, in a bid to control widget "
                    "emissions with a market mechanism.\n\n"
                    "Major responsibilities of regulatory authorities\n\n"
                    "According to the Rules, it applies to all widget trading activities within "
                    "China, and the ministry supervises widget trading across the country.\n\n"
                    "Meanwhile, two systems will be established for the registration and the "
                    "trading of widget allowances in the coming years.\n")
    assert (b.layout, headlines(b)) == ("article", [])
    assert [p.title for p in policies(b)] == ["Provisional Rules on Widget Trading"]


def test_a_site_page_that_a_breadcrumb_leads_to_is_that_one_story_s_article():
    text = ("Widget Daily\n\nHome / News / Details\n\n"
            "MOFT Releases the Measures for Widget Penalties\n\n"
            "Recently, the Ministry of Widgets (MOFT) has issued the Measures for Widget "
            "Penalties, with effect on the date of issuance.\n")
    assert headlines(parse_brief(text)) == []
    assert headlines(parse_brief(text.replace("Home / News / Details\n\n", ""))) == [
        "MOFT Releases the Measures for Widget Penalties"]


def test_a_speakers_line_stacked_on_a_heading_heads_no_item():
    b = parse_brief("Widget News\n\nMay 8, 2031\n\n"
                    "The State Council Information Office held a press conference on the Law on "
                    "Promoting Widgets, which takes effect on May 20, 2031.\n\n"
                    "Wang Wei, Vice Minister of the Ministry of Widgets:\n\n"
                    "The Law on Promoting the Widget Economy Sets Multiple “Firsts”\n\n"
                    "At the press conference, Wang Wei said that the law is the first basic law "
                    "on the widget economy and sets out its legal status.\n")
    assert (b.layout, headlines(b)) == ("article", [])


def test_a_contents_list_grouped_under_numbered_sections_gives_its_headlines_not_the_sections():
    b = parse_brief("This Widget Newsletter provides an overview of key developments in the "
                    "following areas:\n\n1. Compliance\n\n"
                    "  • Four Authorities Launch Pilot Program for Widget Road Testing\n"
                    "  • Two Departments Revise the Catalog of Widgets Restricted from Export\n\n"
                    "2. Data Privacy & Cybersecurity\n\n"
                    "  • China Proposes Easing Regulation on Widget Data Export, as the CAC "
                    "released a draft regulation on widget data flows.\n\n"
                    "3. Dispute Resolution\n\n  • NPC Passes Amendment to the Widget Procedure Law"
                    "\n\nCompliance\n\n"
                    "Four Authorities Launch Pilot Program for Widget Road Testing\n\n"
                    "On Nov. 17, 2031, the Ministry of Widgets and three other departments "
                    "released the Circular on Launching the Pilot Program for Widget Road "
                    "Testing, which opens the roads to widgets.\n")
    assert b.layout == "digest"
    assert headlines(b) == [
        "Two Departments Revise the Catalog of Widgets Restricted from Export",
        "China Proposes Easing Regulation on Widget Data Export, as the CAC released a draft "
        "regulation on widget data flows.",
        "NPC Passes Amendment to the Widget Procedure Law",
        "Four Authorities Launch Pilot Program for Widget Road Testing"]
    # the contents' headlines that name a document report on it too ("... Revise the Catalog")
    assert [p.title for p in policies(b)] == [
        "Catalog of Widgets Restricted from Export", "Amendment to the Widget Procedure Law",
        "Circular on Launching the Pilot Program for Widget Road Testing"]


def test_a_lone_bulleted_heading_over_prose_heads_an_item_but_a_bulleted_list_does_not():
    b = parse_brief("Authority Issued\n\n\n  • Widget Standard Management Measures\n\n"
                    "The Ministry of Widgets issued the Draft of the Widget Standard Management "
                    "Measures and solicited public opinions on May 19, 2031.\n\n"
                    "  • Blind Widget Management\n\n"
                    "On 15 June 2031, the Ministry of Widgets issued the Code of Conduct for Blind "
                    "Widget Management (Trial), along with a technical interpretation.\n\n"
                    "  • Widget sellers should publicise the key information on their widgets\n"
                    "  • Widget sellers should set an upper limit on the amount spent on widgets\n")
    assert headlines(b) == ["Widget Standard Management Measures", "Blind Widget Management"]


def test_issuance_date_is_an_issuing_date_label():
    """'Issuance Date:' as legal databases and tax newsletters label a document's date."""
    b = parse_brief("Widget Tax Notes 2031\n\n"
                    "Announcement on Widget Export Rebates\n\n"
                    "Issuing Authority: Ministry of Finance\n\nIssuance Date: 2031-06-26\n\n"
                    "Effective Date: 2031-07-01\n\n"
                    "The Announcement raises the rebate on exported widgets.\n")
    assert b.layout == "label_blocks"
    assert [(p.title, p.issued_on) for p in policies(b)] == [
        ("Announcement on Widget Export Rebates", date(2031, 6, 26))]


@pytest.mark.parametrize("furniture", ["NEWS", "Publications", "Support Centre", "新闻中心",
                                       "Skip to main content", "Home Blog Page 15",
                                       "归档时间:2031-11-21", "Archived: 21 November 2031"])
def test_a_sites_section_name_breadcrumb_or_dated_field_above_the_title_is_not_the_title(
        furniture):
    text = (f"{furniture}\n\nWidget Rules Explained\n\nThe State Council issued the Regulations "
            "on Widgets, which set out who may sell widgets and how they are labelled.\n")
    assert parse_brief(text).title == "Widget Rules Explained"


def test_an_issue_title_with_its_month_is_no_dated_field():
    """'China IP Highlights: January 2031 (Issue 3)' has a colon and a month, but it is the
    issue's title, and the month its date."""
    text = ("Widget IP Highlights: January 2031 (Issue 3)\n\nLaws & Regulations\n\n"
            "The State Council issued the Regulations on Widgets, which set out who may sell "
            "widgets and how they are labelled.\n")
    b = parse_brief(text)
    assert b.title == "Widget IP Highlights: January 2031 (Issue 3)"


@pytest.mark.parametrize(("line", "title"), [
    ("16/04/2031 MIIT Widget Work Plan (2031) released", "MIIT Widget Work Plan (2031) released"),
    ("2031/5/23 The Revised Widget Conditions will be Formally Implemented",
     "The Revised Widget Conditions will be Formally Implemented"),
    ("GC Agenda Widgets: February 2031 | Practical Law", "GC Agenda Widgets: February 2031"),
    ("【工信部政策】工业和信息化部办公厅关于公布小部件名单的通知",
     "工业和信息化部办公厅关于公布小部件名单的通知"),
])
def test_a_title_lines_leading_date_column_tag_and_site_after_a_bar_are_not_the_title(
        line, title):
    text = (f"{line}\n\nThe State Council issued the Regulations on Widgets, which set out who "
            "may sell widgets and how they are to be labelled for buyers.\n")
    assert parse_brief(text).title == title


def test_an_issue_titles_month_after_a_bar_stays_in_the_title():
    text = ("China Monthly Widget Update | December 2031\n\nThe State Council issued the "
            "Regulations on Widgets, which set out who may sell widgets and how.\n")
    assert parse_brief(text).title == "China Monthly Widget Update | December 2031"


PROSE_STORY = (
    "While the press in the US and Europe has given much space to the topic of low-carbon widgets "
    "in the United States and Europe, less attention has gone to China, which has quietly become "
    "the largest maker and user of widgets in the world, and whose plans for them are now set out "
    "in a national strategy issued by the State Council and in plans of its provinces.\n\n"
    "A notable feature of China's widget strategy is that it is not, in fact, singular, but is "
    "instead made up of a national plan and dozens of regional ones, whose goals for widget output "
    "by 2030 add up to far more than the national plan itself foresees.\n")


@pytest.mark.parametrize("masthead", ["Caixin", "Hydrogen", "Global Widget Compliance",
                                      "Laws, Policies, & Guidelines"])
def test_an_articles_masthead_of_a_few_words_gives_way_to_the_headline_under_it(masthead):
    text = (f"{masthead}\n\nChina’s Widget Strategy: National vs. Regional Plans\n\n"
            "Commentary by Jane Li & Anne Wu • October 31, 2031\n\n" + PROSE_STORY)
    b = parse_brief(text)
    assert b.layout == "article"
    assert b.title == "China’s Widget Strategy: National vs. Regional Plans"
    assert b.published_on == date(2031, 10, 31)


def test_a_short_article_title_over_its_story_stays_the_title():
    text = ("Online janitors\n\nThe Cyberspace Administration wants platforms to hire more "
            "content reviewers, and it says so in a notice issued on Monday.\n")
    assert parse_brief(text).title == "Online janitors"


def test_a_line_of_section_names_between_slashes_is_navigation_not_the_title():
    text = ("China / Widgets\n\nWidget digest\n\nThe State Council issued the Regulations on "
            "Widgets, which set out who may sell widgets and how they are labelled.\n")
    assert parse_brief(text).title == "Widget digest"
