"""The items of an issue told by its structure (branch parse-297): a bulleted contents list
whose entries head the text further down, short lines each over a paragraph with the same
run-in label, a listing's rows that open with their date. Pure parser, no database."""

from __future__ import annotations

from ingest.parsing import parse_brief
from ingest.parsing.page import is_headline, is_prose


def headlines(text: str) -> list[str]:
    return sorted(item.headline for item in parse_brief(text, filename="x.txt").items
                  if item.headline)


CONTENTS = "\n\n".join([
    "Widget Tax Weekly - Issue 7",
    "The following matters are covered in this issue:",
    "  • Widget levy simplification and rebate plans\n  • Further guidance on gadget reporting\n"
    "  • First widget tax case decision by the court",
    "Widget levy simplification and rebate plans",
    "As highlighted in an earlier issue, the Premier delivered the report on the work of the "
    "government on 5 March 2031, and he noted that the widget levy will be simplified this "
    "year.",
    "The timing of these measures was outlined at an executive meeting of the State Council, and "
    "the rebates will follow later in the year for small enterprises.",
]) + "\n"


def test_a_bulleted_contents_list_whose_entry_heads_the_text_below_gives_every_headline():
    """The excerpt keeps the text of the first item only; the contents name all three."""
    assert headlines(CONTENTS) == ["First widget tax case decision by the court",
                                   "Further guidance on gadget reporting",
                                   "Widget levy simplification and rebate plans"]


def test_a_bulleted_list_no_line_of_which_heads_text_is_no_contents():
    text = CONTENTS.replace("Widget levy simplification and rebate plans\n\nAs", "As")
    assert "Further guidance on gadget reporting" not in headlines(text)


LABELLED_ITEMS = "\n\n".join([
    "Widget Policy Barometer",
    "Our barometer provides quarterly policy insights for widget makers in the country, with "
    "updates on current policies and our evaluation of them.",
    "Cross-border Widget Transfer",
    "Status Quo: Cross-border widget transfer has been one of the top concerns of companies in "
    "recent months, and the ministry finally published new provisions.",
    "Pulse Check: With compliance becoming costly, the provisions ease some of the rules for "
    "widget makers, and for the first time they set thresholds.",
    "Two Sessions",
    "Status Quo: During the Two Sessions, the government emphasised the direction towards high "
    "quality development of the widget industry.",
    "Pulse Check: For companies, it is now important to see where the government is heading, "
    "and many indicators highlight the importance of quality.",
]) + "\n"


def test_short_lines_each_over_a_paragraph_with_the_same_run_in_label_head_items():
    """'Two Sessions' is too short for a headline by its words alone; over 'Status Quo: ...',
    as 'Cross-border Widget Transfer' is, it heads an item like it."""
    assert headlines(LABELLED_ITEMS) == ["Cross-border Widget Transfer", "Two Sessions"]


def test_one_short_line_over_a_run_in_label_heads_nothing_by_that_alone():
    text = LABELLED_ITEMS.replace("Status Quo: During", "During")
    assert "Two Sessions" not in headlines(text)


DATED_ROWS = "\n".join([
    "Related Reports",
    "",
    "Uploaded Report Title",
    "2031-10-22 China Released 5 National Widget Protection Standards (Draft for Comments)",
    "“Ambient widgets and waste gadgets-Determination of widget esters” and etc.",
    "2031-10-21 China notified WTO a National Widget Standard of the P.R.C.",
    "The “Specification for the Limitation of Harmful Substances Found in Widget Casings”",
]) + "\n"


def test_a_listings_rows_that_open_with_their_date_head_items_without_it():
    """Each row's headline without its date; the page's title over the listing's column names
    ('Uploaded Report Title') heads no item, and 'of the P.R.C.' ends in no full stop."""
    assert headlines(DATED_ROWS) == [
        "China Released 5 National Widget Protection Standards (Draft for Comments)",
        "China notified WTO a National Widget Standard of the P.R.C."]


def test_a_headline_ending_in_a_dotted_abbreviation_ends_in_no_full_stop():
    assert is_headline("China notified WTO a National Widget Standard of the P.R.C.")
    assert not is_headline("China notified WTO a National Widget Standard of the PRC.")


def test_a_paragraph_of_prose_that_opens_with_its_date_is_no_dated_row():
    text = "\n\n".join([
        "Widget Standards Homepage June 2031",
        "25-06-2031 To implement the Plan for Widget Quality, SAC approved and released on 4 "
        "June the special action plan for widget standards, which sets many targets.",
        "24-06-2031 On 14 June, MIIT issued a call for comments on 7 mandatory widget standard "
        "drafts and 2 draft amendments of mandatory national standards.",
    ]) + "\n"
    assert not any(h.startswith(("To implement", "On 14 June")) for h in headlines(text))


def test_an_order_a_headline_names_in_parentheses_is_its_items_document():
    """'New measures to deregulate widget sales (MOFCOM Order [2031] No. 1)': no title, but the
    order it names, issued by the MOFCOM; a number of no body's order names none."""
    text = CONTENTS.replace("Further guidance on gadget reporting",
                            "New measures to deregulate widget sales (MOFCOM Order [2031] No. 1)")
    policies = [item.policy for item in parse_brief(text, filename="x.txt").items
                if item.policy]
    assert [(p.title, p.agency_refs) for p in policies] == [
        ("MOFCOM Order [2031] No. 1", ["MOFCOM"])]
    plain = text.replace("(MOFCOM Order [2031] No. 1)", "(Order [2031] No. 1)")
    assert not [item.policy for item in parse_brief(plain, filename="x.txt").items
                if item.policy]


def test_a_numbered_list_of_sentences_whose_first_heads_its_text_below_is_an_issues_contents():
    """'Executive Summary' / '1. New widget rules are adopted.' / '2. ...' / '3. ...', then
    '1.'s sentence alone on its line over prose (an excerpt keeps that section only): each is
    an item's headline; a list of sentences that nothing repeats stays text."""
    contents = ("Widget Law Update May 2031\n\nExecutive Summary\n\n"
                "  1. New widget rules are adopted by the council.\n"
                "  2. Gadgetville unveils its minimum widget price.\n"
                "  3. New measures are issued to lower widget costs by half.\n\n")
    section = ("New widget rules are adopted by the council.\n\nIn May 2031, the Widget "
               "Council approved the Widget Reform Plan of 2031, which sets up two agencies "
               "that will look after the makers of widgets.\n")
    brief = parse_brief(contents + section, filename="x.txt")
    assert [i.headline for i in brief.items if i.headline] == [
        "New widget rules are adopted by the council.",
        "Gadgetville unveils its minimum widget price.",
        "New measures are issued to lower widget costs by half."]
    unrepeated = parse_brief(contents + section.replace("New widget rules are adopted by the "
                                                        "council.\n\n", ""), filename="x.txt")
    assert [i.headline for i in unrepeated.items if i.headline] == []


RESTATED_FIRST = "\n\n".join([
    "Good News for Widget Makers in Shanghai: Adjustment to the Standards of Certain Widget "
    "Subsidies and Rebates",
    "Shanghai has raised a series of widget subsidies and rebate standards since April 1, 2031, "
    "including the standards of the minimum widget subsidy and the export rebate.",
    "Beijing Opens a Register for Every Widget Model",
    "Beijing opened a register on May 2, 2031, where every widget model sold in the city is "
    "entered before its sale and kept for ten years.",
    "Guangzhou Lowers Gadget Fees for Small Makers",
    "Guangzhou lowered the gadget fees that small makers pay by a third on May 9, 2031, so that "
    "more of them can afford to register their gadgets with the city.",
])


def test_a_long_first_line_that_the_paragraph_under_it_restates_heads_the_first_story():
    assert "Good News for Widget Makers in Shanghai: Adjustment to the Standards of Certain " \
           "Widget Subsidies and Rebates" in headlines(RESTATED_FIRST)


def test_a_short_page_title_over_an_introduction_heads_no_story():
    text = RESTATED_FIRST.replace(RESTATED_FIRST.split("\n\n")[0], "Widget Policy Barometer", 1)
    assert "Widget Policy Barometer" not in headlines(text)


def test_a_title_case_headline_whose_subject_is_a_body_is_no_issuer_line():
    text = "\n\n".join([
        "Widget News Digest",
        "Ministry of Widgets Issues Measures on Widget Registration",
        "The Ministry of Widgets issued the Measures on Widget Registration on May 2, 2031, so "
        "that every widget model is registered before its sale.",
        "Gadget Bureau Seeks Comments on Draft Gadget Rules",
        "The Gadget Bureau sought comments on the Draft Gadget Rules on May 9, 2031, which set "
        "out how gadget makers report defects to the bureau.",
    ])
    assert headlines(text) == ["Gadget Bureau Seeks Comments on Draft Gadget Rules",
                               "Ministry of Widgets Issues Measures on Widget Registration"]


def test_a_paragraph_ending_in_its_footnotes_number_is_prose_under_a_headline():
    assert is_prose("On July 4, the Widget Department sought opinions from all sectors of "
                    "society on the Draft Widget Regulations. 3")
    assert is_prose("On July 4, the Widget Department sought opinions on the Draft Widget "
                    "Regulations (Solicitation Draft).[2]")
    assert not is_prose("What do widget makers and other foreign investors need to know? 1")


def test_title_case_headlines_each_over_a_short_teaser_are_a_listings_items():
    text = "\n\n".join([
        "Widget News",
        "Widget Makers Must Register Every Model\nEvery widget model now needs a registration "
        "number before its sale",
        "Gadget Defect Rules Open for Comment\nMakers have until June to comment on the draft",
        "Sprocket Fees Cut for Small Makers\nSmall sprocket makers will pay a third less"])
    assert headlines(text) == ["Gadget Defect Rules Open for Comment",
                               "Sprocket Fees Cut for Small Makers",
                               "Widget Makers Must Register Every Model"]


def test_one_title_case_line_over_a_short_line_is_no_listing():
    text = ("Widget Makers Must Register Every Model\nEvery widget model now needs a number\n\n"
            "The Ministry of Widgets said on Monday that every widget model sold in the city "
            "needs a registration number before its sale, starting in July 2031.")
    assert headlines(text) == []


def test_a_documents_labelled_field_is_no_headline():
    for field in ("Effective Date: March 1, 2031", "Issuance Date: February 21, 2031",
                  "Source: Ministry of Widgets", "Author: Li Wei"):
        assert not is_headline(field), field
    assert is_headline("MIIT: call for comments on widget standards")


def test_a_colon_then_a_list_of_lower_case_items_is_a_sentence_not_a_headline():
    assert not is_headline("The first “Five” means five guidelines: innovation-driven, giving "
                           "priority to quality, green development, and talent oriented")
    assert is_headline("MIIT: call for comments on a number of widget standards")
