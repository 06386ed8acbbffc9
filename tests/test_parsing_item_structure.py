"""The item structure of a page read by shape, whatever the publisher: how its items are
numbered, and (below) the tables it lists documents in. Made-up texts (widgets, made-up dates):
none is taken from the corpus."""

from datetime import date

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.numbering import enumerated

BODY = ("The Ministry of Widgets issued the Measures for the Administration of Widgets on 3 May "
        "2031, which set out how widget makers register their products and report defects.")
BODY2 = ("The State Administration for Market Regulation released the Guidelines for Widget "
         "Labelling on 9 May 2031, so that every widget sold online carries its maker's name.")


@pytest.mark.parametrize(("text", "kind", "value", "rest"), [
    ("1. MOFT issues widget measures", "dot", 1, "MOFT issues widget measures"),
    ("2.MOFT issues widget measures", "dot", 2, "MOFT issues widget measures"),
    ("(3) MOFT issues widget measures", "paren", 3, "MOFT issues widget measures"),
    ("（4）MOFT issues widget measures", "paren", 4, "MOFT issues widget measures"),
    ("5) MOFT issues widget measures", "close", 5, "MOFT issues widget measures"),
    ("6、MOFT issues widget measures", "comma", 6, "MOFT issues widget measures"),
    ("一、Latest developments", "cjk", 1, "Latest developments"),
    ("（十二）Latest developments", "cjk_paren", 12, "Latest developments"),
    ("IV. Latest developments", "roman", 4, "Latest developments"),
    ("NO.3", "label", 3, ""),
    ("Item 2: Widget labels", "label", 2, "Widget labels"),
    ("N01. Widget labels", "label", 1, "Widget labels"),
    ("B. Latest developments", "letter", 2, "Latest developments"),
    ("(c) MOFT issues widget measures", "letter_paren", 3, "MOFT issues widget measures"),
    ("d) MOFT issues widget measures", "letter_close", 4, "MOFT issues widget measures"),
    ("(iv) MOFT issues widget measures", "roman_paren", 4, "MOFT issues widget measures"),
    ("Ⅲ. Latest developments", "uroman", 3, "Latest developments"),
    ("2: MOFT issues widget measures", "colon", 2, "MOFT issues widget measures"),
    ("1.2 MOFT issues widget measures", "sub", 2, "MOFT issues widget measures"),
])
def test_an_enumerator_is_read_as_its_kind_and_value(text, kind, value, rest):
    found = enumerated(text)
    assert (found.kind, found.value, found.text) == (kind, value, rest)


@pytest.mark.parametrize("text", ["1.5 million widgets were sold", "2024. A year of widgets",
                                  "No. 35 of 2031 Announcement", "No. 20",
                                  "In 2031, MOFT issued rules", "U.S. widget rules",
                                  "10: 30 widgets", "N95 widget masks",
                                  "2.7 GW of widget plants were built", "3.5 percent more widgets",
                                  "2.5 Million widgets were sold", "Ⅱ类小部件",
                                  "N95 – widget masks"])
def test_an_amount_a_year_or_a_document_number_is_no_enumerator(text):
    assert enumerated(text) is None


@pytest.mark.parametrize("number", ["{n}. ", "({n}) ", "{n}) ", "{n}、", "N0{n}. ", "({a}) ",
                                    "{a}) ", "{A}. ", "({r}) ", "{u}. ", "{n}: ",
                                    "1.{n} "])
def test_numbered_headlines_head_items_however_they_are_numbered(number):
    first, second = (number.format(n=n, a=a, A=a.upper(), r=r, u=u)
                     for n, a, r, u in ((1, "a", "i", "Ⅰ"), (2, "b", "ii", "Ⅱ")))
    text = (f"Widget Regulatory Update\n\n{first}MOFT issues measures on widget "
            f"registration\n\n{BODY}\n\n{second}SAMR releases guidelines on widget "
            f"labelling\n\n{BODY2}\n")
    b = parse_brief(text)
    assert b.layout == "numbered_newsletter"
    assert [i.headline for i in b.items] == ["MOFT issues measures on widget registration",
                                            "SAMR releases guidelines on widget labelling"]


def test_a_number_on_a_line_of_its_own_numbers_the_headline_under_it():
    text = ("Widget Regulatory Update\n\nNO.1\nMOFT issues measures on widget registration\n"
            f"{BODY}\nNO.2\nSAMR releases guidelines on widget labelling\n{BODY2}\n")
    b = parse_brief(text)
    assert [i.headline for i in b.items] == ["MOFT issues measures on widget registration",
                                            "SAMR releases guidelines on widget labelling"]


def test_a_list_numbered_another_way_may_stand_right_under_a_headline():
    text = ("Widget Regulatory Update\n\n1. MOFT issues measures on widget registration\n"
            "(1) Makers register each widget model before its sale\n"
            "(2) Makers report every defect within ten days\n"
            f"{BODY}\n2. SAMR releases guidelines on widget labelling\n{BODY2}\n")
    b = parse_brief(text)
    assert [i.headline for i in b.items] == ["MOFT issues measures on widget registration",
                                            "SAMR releases guidelines on widget labelling"]


def test_a_run_of_lines_numbered_the_same_way_is_a_list_not_items():
    text = ("Widget Regulatory Update\n\n1. MOFT issues measures on widget registration\n"
            f"{BODY}\nThe measures require that:\n1. Makers register each widget model\n"
            "2. Makers report every widget defect\n3. Sellers keep widget records\n"
            f"2. SAMR releases guidelines on widget labelling\n{BODY2}\n")
    b = parse_brief(text)
    assert [i.headline for i in b.items if i.headline] == [
        "MOFT issues measures on widget registration",
        "SAMR releases guidelines on widget labelling"]


# --- tables of documents ----------------------------------------------------------------------

def table_policies(text):
    b = parse_brief(text)
    return b, [(i.policy.title, i.policy.chinese_title, i.policy.agency_refs, i.policy.issued_on)
               for i in b.items if i.policy is not None]


def test_a_table_whose_header_names_its_columns_is_read_by_column():
    b, found = table_policies(
        "Widget rules this month\n\n| Regulation | Regulator | Release date | Effective date |\n"
        "|---|---|---|---|\n"
        "| Measures for the Administration of Widgets | Ministry of Widgets | 3 May 2031 | "
        "1 July 2031 |\n| Guidelines for Widget Labelling | SAMR | 2031-05-09 | 2031-08-01 |\n")
    assert b.layout == "tracker"
    assert found == [
        ("Measures for the Administration of Widgets", "", ["Ministry of Widgets"],
         date(2031, 5, 3)),
        ("Guidelines for Widget Labelling", "", ["SAMR"], date(2031, 5, 9))]


def test_a_tables_effective_date_column_dates_nothing():
    _, found = table_policies(
        "Widget rules this month\n\nTitle | Issuer | Effective date\n"
        "Measures for the Administration of Widgets | Ministry of Widgets | 1 July 2031\n"
        "Guidelines for Widget Labelling | SAMR | 1 August 2031\n")
    assert [f[3] for f in found] == [None, None]
    assert [f[2] for f in found] == [["Ministry of Widgets"], ["SAMR"]]


def test_a_table_without_a_header_has_its_columns_told_by_their_cells():
    _, found = table_policies(
        "Widget rules this month\n\n"
        "Measures for the Administration of Widgets | Ministry of Widgets | 3 May 2031\n"
        "Guidelines for Widget Labelling | SAMR | 9 May 2031\n"
        "关于小部件的通知 | 国家市场监督管理总局 | 2031年5月9日\n")
    assert [(f[1], f[2], f[3]) for f in found][-1] == (
        "关于小部件的通知", ["国家市场监督管理总局"], date(2031, 5, 9))
    assert [f[0] for f in found][:2] == ["Measures for the Administration of Widgets",
                                         "Guidelines for Widget Labelling"]


def test_a_table_of_other_columns_is_no_list_of_documents():
    from ingest.parsing.cleaning import make_lines
    from ingest.parsing.tables import document_tables

    assert document_tables(make_lines("Sector | Share | Growth\nWidgets | 12% | 3%\n"
                                      "Gadgets | 8% | 1%\n")) == []


def test_a_table_without_a_header_needs_document_titles_in_its_title_column():
    from ingest.parsing.cleaning import make_lines
    from ingest.parsing.tables import document_tables

    assert document_tables(make_lines(
        "Widget makers met in Beijing | SAMR | 3 May 2031\n"
        "Gadget exports grew by a fifth | MOFT | 9 May 2031\n")) == []


# --- runs of items alike ----------------------------------------------------------------------

LONG = ("The Ministry of Widgets said on Tuesday that makers must register each widget model "
        "before its sale, keep records of every buyer for three years and report any defect "
        "within ten days, and that local offices will inspect the largest makers first.")


def test_a_run_of_short_sentences_over_long_text_heads_items():
    text = ("Widget news this week\n\nMOFT tightens widget registration.\n\n" + LONG +
            "\n\nSAMR sets out widget labelling rules.\n\n" + LONG.replace("register", "label")
            + "\n")
    b = parse_brief(text)
    assert [i.headline for i in b.items if i.headline] == [
        "MOFT tightens widget registration.", "SAMR sets out widget labelling rules."]


def test_one_short_sentence_over_long_text_heads_nothing():
    text = ("Widget news this week\n\nMOFT tightens widget registration.\n\n" + LONG
            + "\n\n" + LONG + "\n")
    assert not any(i.headline for i in parse_brief(text).items)


def test_short_sentences_among_other_short_sentences_are_the_texts_own():
    text = ("Widget news this week\n\nMOFT tightens widget registration.\n\n" + LONG +
            "\n\nSAMR sets out widget labelling rules.\n\n" + LONG + "\n\nMakers welcomed "
            "the rules.\n\nSellers asked for more time.\n\nBuyers were not asked.\n")
    assert not any(i.headline for i in parse_brief(text).items)


def test_leads_under_headlines_are_no_headlines_of_their_own():
    text = ("Widget news this week\n\nNew widget registration rules\n\nThe Ministry of "
            "Widgets tightened the registration of widgets on Monday.\n\n" + LONG
            + "\n\nNew widget labelling rules\n\nThe market regulator set out new rules "
            "for the labels of widgets.\n\n" + LONG + "\n")
    assert [i.headline for i in parse_brief(text).items if i.headline] == [
        "New widget registration rules", "New widget labelling rules"]


def test_a_run_of_lines_opening_with_a_bracket_heads_items():
    text = ("Widget news this week\n\n[Registration] MOFT tightens widget registration\n\n"
            + LONG + "\n\n[Labelling] SAMR sets out widget labelling rules\n\n" + LONG + "\n")
    assert [i.headline for i in parse_brief(text).items if i.headline] == [
        "[Registration] MOFT tightens widget registration",
        "[Labelling] SAMR sets out widget labelling rules"]


def test_a_numbered_summary_sentence_on_the_first_line_heads_no_item():
    text = ("1. On May 4, 2031, the Ministry of Widgets released the Measures for the "
            "Administration of Widgets.\n"
            "2. The document lays out a wide range of rules for widget makers and sellers.\n"
            "3. Widget makers have had such rules since 2011, which are updated every decade.\n"
            "WIDGET REGISTRATION\n"
            "1. Under the new rules, every widget model is registered before its sale.\n"
            "2. Makers report every widget defect within ten days of learning of it.\n")
    b = parse_brief(text)
    assert not any(i.headline.startswith("On May 4, 2031") for i in b.items)


@pytest.mark.parametrize("mark", ["## {h}", "### {h} ###", "**{h}**", "__{h}__"])
def test_a_markdown_briefs_marked_headings_head_its_items(mark):
    first = mark.format(h="MOFT issues measures on widget registration")
    second = mark.format(h="SAMR releases guidelines on widget labelling")
    text = f"# Widget Regulatory Update\n\n{first}\n\n{BODY}\n\n{second}\n\n{BODY2}\n"
    b = parse_brief(text, "update.md")
    assert [i.headline for i in b.items if i.headline] == [
        "MOFT issues measures on widget registration",
        "SAMR releases guidelines on widget labelling"]
