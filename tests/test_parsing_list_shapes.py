"""List shapes of trackers and digests: tables of circulars flattened to text, contents lists
without bullets, and the items they head. The texts are made up (widgets, made-up dates)."""

from datetime import date

from ingest.parsing import parse_brief


def policies(brief):
    return [i.policy for i in brief.items if i.policy is not None]


def headlines(brief):
    return [i.headline for i in brief.items if i.headline]


# --- numbered rows: "535/2031 27.12.2031 Subject" ------------------------------------------

CIRCULARS = """\
Widget Circulars Issued During 2031

Circular No. Date of Issue Subject
35/2031 27.12.2031 The Mainland of China : Notice Concerning the Registration of Widget Makers
31/2031 24.12.2031 The Mainland of China : Directive on Improving the Trading Market for Widgets
29/2031 21.12.2031 Measures for the Inspection of Imported Widgets
"""


def test_numbered_circular_rows_head_items_and_name_the_document_their_subject_files():
    b = parse_brief(CIRCULARS)
    assert b.layout == "tracker"
    assert headlines(b) == [
        "The Mainland of China : Notice Concerning the Registration of Widget Makers",
        "The Mainland of China : Directive on Improving the Trading Market for Widgets",
        "Measures for the Inspection of Imported Widgets"]
    assert [p.title for p in policies(b)] == [
        "Notice Concerning the Registration of Widget Makers",
        "Directive on Improving the Trading Market for Widgets",
        "Measures for the Inspection of Imported Widgets"]


def test_a_circulars_date_dates_only_a_subject_that_is_the_documents_own_title():
    b = parse_brief(CIRCULARS)
    assert [p.issued_on for p in policies(b)] == [None, None, date(2031, 12, 21)]


def test_two_numbered_rows_are_no_table_of_circulars():
    text = "\n".join(CIRCULARS.splitlines()[:-1])
    b = parse_brief(text)
    assert "Notice Concerning the Registration of Widget Makers" not in [
        p.title for p in policies(b)]


# --- contents under an "In this issue" label, without bullets ------------------------------

ISSUE = """\
Widget IP Newsletter
No.12 March 3, 2031
In this issue
Widget Office Issues Measures for the Examination of Widget Patents
Widget Court Publishes Its Annual Report on Widget Cases
Cases in Spotlight
Case of Opposition against the Trademark No. 1234 for "WIDGETTE"
Firm News
Widget Firm Named to the List of 2031 Leading Widget Practices
In this issue
Widget Office Issues Measures for the Examination of Widget Patents

The Widget Office issued the Measures for the Examination of Widget Patents on March 1, 2031, \
which set out how examiners read the claims of widget patents and when they may refuse them.
"""


def test_unbulleted_contents_under_an_in_this_issue_label_give_a_headline_each():
    b = parse_brief(ISSUE)
    assert b.layout == "digest"
    assert [h for h in headlines(b) if h != b.title] == [
        "Widget Court Publishes Its Annual Report on Widget Cases",
        'Case of Opposition against the Trademark No. 1234 for "WIDGETTE"',
        "Widget Firm Named to the List of 2031 Leading Widget Practices",
        "Widget Office Issues Measures for the Examination of Widget Patents"]


def test_an_in_this_issue_list_whose_first_line_heads_nothing_later_is_no_contents():
    text = ISSUE.replace("In this issue\nWidget Office Issues Measures for the Examination of "
                         "Widget Patents\n\n", "Widget Office news\n\n")
    b = parse_brief(text)
    assert "Widget Court Publishes Its Annual Report on Widget Cases" not in headlines(b)


# --- numbered contents, then the items' text ------------------------------------------------

RECAP = """\
Monthly Recap: Widget Regulatory Updates | July 2031

The following are the regulatory updates in July 2031.

1. Widget Office Publishes Administrative Measures for Widget Standards

2. Widget Office Revises Widget Inspection Regulation

3. Widget Office Releases Widget Guidelines

4. Widget Office Amends Export Rules (Widget Office Order [2031] No. 7)

1. Widget Office Publishes Administrative Measures for Widget Standards

On July 5, 2031, the Widget Office issued the Administrative Measures for Widget Standards, \
which will take effect on January 1, 2032 and set out how widget standards are made.
"""


def test_numbered_contents_give_a_headline_each_and_a_restarted_number_heads_its_text():
    b = parse_brief(RECAP)
    assert headlines(b) == [
        "Widget Office Revises Widget Inspection Regulation",
        "Widget Office Releases Widget Guidelines",
        "Widget Office Amends Export Rules (Widget Office Order [2031] No. 7)",
        "Widget Office Publishes Administrative Measures for Widget Standards"]
    first = b.items[-1]
    assert first.policy.title == "Administrative Measures for Widget Standards"
    assert first.policy.issued_on == date(2031, 7, 5)


def test_a_contents_line_without_its_text_names_a_document_only_by_its_number():
    b = parse_brief(RECAP)
    assert sorted(p.title for p in policies(b)) == [
        "Administrative Measures for Widget Standards", "Widget Office Order [2031] No. 7"]


# --- titles in angle brackets under category headings ---------------------------------------

BRACKETED = """\
- The Widget Office has revised the Widget Safety Law of the People's Republic of China for the \
first time, to strengthen the safety of widgets.
- The Guideline for Widget Risk Prevention (Trial) aims to standardize how widget makers control \
the risks of their production lines.
Labour
< Notice on Expanding the Scope of Widget Insurance >
Health and Safety
< Widget Safety Law of the People's Republic of China >
"""


def test_titles_in_angle_brackets_under_category_headings_head_items_without_text():
    b = parse_brief(BRACKETED)
    assert b.layout == "digest"
    assert headlines(b) == ["Notice on Expanding the Scope of Widget Insurance",
                            "Widget Safety Law of the People's Republic of China"]
    assert "Labour" not in headlines(b)


def test_one_title_in_angle_brackets_heads_no_item():
    text = BRACKETED.split("Health and Safety")[0]
    assert "Notice on Expanding the Scope of Widget Insurance" not in headlines(parse_brief(text))


# --- a listing's headline with its document number in parentheses --------------------------

NUMBERED_ANNOUNCEMENTS = """\
-
Widget Office Announcement on Provisions for Widget Inspections (No. 52, 2031)
2031-04-29
To strengthen the supervision of widgets and regulate widget inspections, the Widget Office has \
formulated the Provisions for Widget Inspections, which are hereby published.
-
Provisions for Widget Toothpaste Regulation
2031-06-05
Promulgated by the Widget Office on March 16, 2031 and in effect as of December 1, 2031, \
the provisions set out how widget toothpaste is registered.
"""


def test_a_listed_title_with_its_number_in_parentheses_heads_its_item_over_its_date_line():
    b = parse_brief(NUMBERED_ANNOUNCEMENTS)
    assert "Widget Office Announcement on Provisions for Widget Inspections (No. 52, 2031)" \
        in headlines(b)


# --- label blocks: "Issue Number:" and the title the text states ---------------------------

HIGHLIGHTS = """\
Widget IP Highlights: March 2031 (Issue 3)
Laws & Regulations
Widget Office Issued Guidelines for the Use of Basic Intellectual Property Data
Issue Number: Notice of the Widget Office [2031] No. 1192
Issue Date: 2031-01-06
Effective Date: 2031-01-06
The China National Intellectual Property Administration ("CNIPA") issued the Guidelines on the \
Use of Basic IP Data (the "Guidelines") to improve the distribution of widget IP information.
"""


def test_an_issue_number_field_and_an_issue_date_make_a_label_block():
    b = parse_brief(HIGHLIGHTS)
    assert b.layout == "label_blocks"
    assert headlines(b) == [
        "Widget Office Issued Guidelines for the Use of Basic Intellectual Property Data"]
    assert policies(b)[0].issued_on == date(2031, 1, 6)


def test_a_blocks_text_naming_the_headlines_document_in_its_own_words_gives_title_and_issuer():
    b = parse_brief(HIGHLIGHTS)
    assert [(p.title, p.agency_refs) for p in policies(b)] == [
        ("Guidelines on the Use of Basic IP Data",
         ["China National Intellectual Property Administration (CNIPA)"])]


# --- a running head between a headline and its text -----------------------------------------

RUNNING_HEAD = """\
Widget News
Policy digest
Widget border areas to get better roads
The Widget Council on May 10 passed a plan to build better roads in the border areas of the \
widget provinces, where the roads are the worst.
Administrative approvals simplified
Policy digest
Approval procedures for opening widget shops were modified and streamlined by the Widget \
Council, which said the change would save shop owners weeks.
"""


def test_a_running_head_printed_between_a_headline_and_its_text_is_no_part_of_the_item():
    b = parse_brief(RUNNING_HEAD)
    assert headlines(b) == ["Widget border areas to get better roads",
                            "Administrative approvals simplified"]
    assert "Policy digest" not in b.items[1].summary


# --- a listing cut after its last headline and date line ------------------------------------

CUT_LISTING = """\
-
Provisions for Widget Toothpaste Regulation
2031-06-05
The provisions set out how widget toothpaste is registered, labelled and sold, and which \
widget makers must report their ingredients to the Widget Office.
-
Widget Office Announcement on the Matters Related to Optimizing Widget Registration
2031-04-23
To further optimize the widget registration environment and improve widget accessibility, the \
Widget Office has decided on the following matters for widget makers.
-
Widget Office Announcement on Several Measures for Widget Safety Assessment (No. 50, 2031)
2031-04-22
"""


def test_a_listings_last_headline_and_date_line_cut_from_their_text_head_an_item():
    b = parse_brief(CUT_LISTING)
    assert headlines(b)[-1] == (
        "Widget Office Announcement on Several Measures for Widget Safety Assessment "
        "(No. 50, 2031)")
    assert b.items[-1].policy is None  # "(No. 50, 2031)" alone names no document


def test_a_short_section_heading_named_in_the_contents_and_over_its_section_still_heads_it():
    text = """\
Widget Law Newsletter
In this issue
Widget Antitrust Fines
Widget Data Security
Widget Trade
Widget Antitrust Fines
The Widget Office fined three widget makers for fixing the prices of widgets, the first such \
fines under the new widget competition rules.
Widget Data Security
The Widget Office issued rules on how widget makers must store the data their widgets collect \
and when they may send it abroad.
"""
    b = parse_brief(text)
    assert "Widget Antitrust Fines" in headlines(b)


def test_a_decree_note_issued_on_a_day_dates_the_document_its_headline_titles():
    b = parse_brief(CUT_LISTING.replace(
        "The provisions set out how widget toothpaste is registered, labelled and sold, and "
        "which widget makers must report their ingredients to the Widget Office.",
        "Promulgated by Widget Office Decree No. 71, issued on March 16, 2031 and shall go into "
        "effect as of December 1, 2031"))
    toothpaste = next(p for p in policies(b) if "Toothpaste" in p.title)
    assert toothpaste.issued_on == date(2031, 3, 16)


def test_a_laws_table_of_contents_gives_no_headlines():
    text = """\
Widget Protection Law of the People's Republic of China
Contents
Chapter I Rules for the Processing of Widget Information by Makers
Chapter II Rights of Individuals in the Processing of Their Widgets
Chapter III Obligations of the Makers and Sellers of Widgets
Chapter I Rules for the Processing of Widget Information by Makers
Article 1 This Law is formulated to protect the rights of widget owners, regulate the \
processing of widget information and promote the reasonable use of widgets.
"""
    assert "Chapter II Rights of Individuals in the Processing of Their Widgets" not in headlines(
        parse_brief(text))
