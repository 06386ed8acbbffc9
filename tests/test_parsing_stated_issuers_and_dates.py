"""Who issued a policy and when, as a text states it (branch titles-267): the body a title
names, the notes after a title that say who promulgated it and when, and the date lines that
are a document's events rather than the page's own date. Pure parser, no database."""

from __future__ import annotations

from datetime import date

from ingest.parsing import parse_brief
from ingest.parsing.document_lines import document_line
from ingest.parsing.issuers import issuers_in
from ingest.parsing.policy_titles import find_titles, whole_title
from ingest.parsing.prose import policies_in, policies_in_paragraphs, title_issuers


def test_a_body_named_after_a_titles_of_keeps_the_for_its_name_goes_on_with():
    """'Decision of the State Administration for Market Regulation on ...': the body's name
    runs through the "for" after its agency word; the "on" starts what the decision is about."""
    assert title_issuers("Decision of the Gadget Administration for Widget Regulation on "
                         "Revising Some Rules") == ["Gadget Administration for Widget Regulation"]
    assert title_issuers("Order of the Gadget Administration for Widget Regulation No.31") == [
        "Gadget Administration for Widget Regulation"]
    # a "for" that starts what a notice does still ends the body
    assert title_issuers("Notice of the Widget Council for Printing and Distributing the Plan"
                         ) == ["Widget Council"]


def test_a_body_whose_name_runs_on_into_a_titles_subject_is_not_its_author():
    """'Widget Council Structural Overhaul Plan': the words after the body's agency word say
    what the plan is about, so the council is its subject; 'Widget Council Plan' and
    'Ministry of Gadgets Notice' still name their author."""
    assert title_issuers("Widget Council Structural Overhaul Plan of 2031") == []
    assert title_issuers("Widget Council Plan on Gadgets") == ["Widget Council"]
    assert title_issuers("Ministry of Gadgets Notice on Widgets") == ["Ministry of Gadgets"]


def test_a_status_line_under_its_date_is_a_documents_event_not_the_pages_date():
    """A tracker's "Progress" block: '20 Aug 2026 in force', '05 Jan 2026 in consultation'
    date the document's events; the page states no date of its own."""
    brief = parse_brief(
        "Progress\n\nCurrent status\nadopted\n20 Aug 2031 in force\n05 Jan 2031 in consultation"
        "\n\nWidget measures enter into force\n\nOn 20 August 2031, the measures for widget "
        "safety, issued by the Ministry of Widgets, enter into force. The measures aim to "
        "standardise widget safety across the country and the provinces.\n", filename="x.txt")
    assert brief.published_on is None


def test_a_decrees_order_line_and_date_over_its_hereby_paragraph_date_what_it_promulgates():
    """'Order of X No.31' / 'October 23, 2031' / 'The Decision ..., which was adopted at a
    meeting on October 20, is hereby promulgated': the order's date is the decision's."""
    found = policies_in_paragraphs([
        "Order of the Ministry of Widgets No.31",
        "October 23, 2031",
        "The Decision on Revising Some Widget Rules, which was adopted upon deliberation at the "
        "ninth executive meeting of the Ministry of Widgets on October 20, 2031, is hereby "
        "promulgated and shall come into force as of the date of promulgation.",
    ])
    assert [(f.title, f.refs, f.issued_on) for f in found] == [
        ("Decision on Revising Some Widget Rules", ["Ministry of Widgets"], date(2031, 10, 23))]


def test_a_capitalised_participle_and_by_end_a_title_run_into_its_promulgation_note():
    """A record printed on one line: 'The Rules for X (Forest Part) Promulgated by Y on 16 June
    1999 Chapter 1 ...': the title ends before the note, which names its issuer and date."""
    (found,) = policies_in("The Rules for the Implementation of the Widget Regulations (Forest "
                           "Part) Promulgated by the State Widget Administration on 16 June 2031 "
                           "Chapter 1 General Provision Article 1 These Rules are formulated.")
    assert found.title == "Rules for the Implementation of the Widget Regulations (Forest Part)"
    assert (found.refs, found.issued_on) == (["State Widget Administration"], date(2031, 6, 16))


def test_a_promulgation_note_in_parentheses_names_the_order_its_body_and_its_date():
    """'(promulgated by Order No. 3 of August 10, 2031 of X)', '(Promulgated as Order of X
    No.31 on October 23, 2031)': the body and the date; what follows the note names nobody."""
    (found,) = policies_in("Implementing Rules for the Widget Regulations (promulgated by Order "
                           "No. 3 of August 10, 2031 of the State Widget Administration) CN017, "
                           "Complete document (pdf) [50 KB]")
    assert (found.refs, found.issued_on) == (["State Widget Administration"], date(2031, 8, 10))
    (found,) = policies_in("Decision on Revising Some Widget Rules (Promulgated as Order of the "
                           "Ministry of Widgets No.31 on October 23, 2031)")
    assert (found.refs, found.issued_on) == (["Ministry of Widgets"], date(2031, 10, 23))


def test_a_language_label_glued_to_a_title_is_no_part_of_it():
    """A database's 'Texts available: English...' link runs the label into the title."""
    assert [s.english for s in find_titles("AnglaisImplementing Rules for Widget Protection")
            ] == ["Implementing Rules for Widget Protection"]
    assert [s.english for s in find_titles("EnglishMeasures for Gadget Safety")] == [
        "Measures for Gadget Safety"]


def test_clauses_joined_by_semicolons_share_their_subject_and_an_ie_lists_the_documents():
    """'X released A; published three draft guidelines for comments, i.e., the B (Draft) and
    C (Draft); and ...': X issued B and C too."""
    found = policies_in(
        "In May, the Ministry of Widgets released the Provisions on Widget Rights; published "
        "two draft widget guidelines for comments, i.e., the Guidelines for Widget Fields (Draft "
        "for Comments) and Guidelines on Widget Associations (Draft for Comments); and deployed "
        "special actions.")
    assert [(f.title, f.refs) for f in found] == [
        ("Provisions on Widget Rights", ["Ministry of Widgets"]),
        ("Guidelines for Widget Fields (Draft for Comments)", ["Ministry of Widgets"]),
        ("Guidelines on Widget Associations (Draft for Comments)", ["Ministry of Widgets"]),
    ]


def test_an_abbreviation_after_another_names_the_body_within_it():
    """'NMPA CDE Announcement on ...': the CDE of the NMPA issued it, as '(CDE) of the NMPA'
    does; two abbreviations joined by 'and' stay two bodies."""
    assert issuers_in("WDA GEC") == (["GEC"], False)
    assert issuers_in("WDA and GEC") == (["WDA", "GEC"], False)


def test_a_policy_interpretation_heading_reports_on_the_title_it_explains():
    """'Policy Interpretation of Provisions on X' (a site's 政策解读): the Provisions."""
    span = whole_title("Policy Interpretation of Provisions on the Research of Widgets")
    assert span is not None and span.english == "Provisions on the Research of Widgets"


def test_a_documents_number_then_its_title_in_parentheses_gives_that_title_and_its_body():
    """'WDA Announcement No. 14 of 2031 (Announcement on X)' listed, with 'Issuance Date:'
    under it: the Announcement on X, by the WDA, on that date (not the effective date)."""
    found = policies_in_paragraphs([
        "1、WDA Announcement No. 14 of 2031 (Announcement on Adjusting the Declaration of "
        "Widgets)",
        "Issuance Date: February 21, 2031",
        "Effective Date: March 1, 2031",
    ], listing=document_line)
    assert [(f.title, f.refs, f.issued_on) for f in found] == [
        ("Announcement on Adjusting the Declaration of Widgets", ["WDA"], date(2031, 2, 21))]
    span = whole_title("WDA Announcement No. 14 of 2031 (Announcement on Adjusting Widgets)")
    assert (span.english, span.carrier) == ("Announcement on Adjusting Widgets",
                                            "WDA Announcement No. 14 of 2031")


def test_a_numbered_headline_whose_body_ends_in_customs_gives_the_title_and_the_whole_body():
    """'General Administration of Widget Customs Announcement No. 9 of 2031 (Announcement on X)'
    heading a newsletter's item, 'Issuance Date:' under it: the Announcement on X, by the whole
    body (not just "Customs ..."), on that date."""
    brief = parse_brief(
        "Widget Trade Policies of May 2031\n\n"
        "1. General Administration of Widget Customs Announcement No. 9 of 2031 (Announcement "
        "on Declaration Requirements for Widget Numbers)\n\n"
        "Issuance Date: 2031-05-14\n\nEffective Date: 2031-05-15\n\n"
        "The announcement sets out how importers declare the numbers of widgets at the border "
        "from the middle of May onwards.\n\n"
        "2. Ministry of Widgets Announcement No. 3 of 2031 (Announcement on Widget Export "
        "Licences)\n\nIssuance Date: 2031-05-20\n\n"
        "The announcement sets out which widgets need an export licence from June onwards.\n",
        filename="x.txt")
    policy = brief.items[0].policy
    assert policy is not None
    assert policy.title == "Announcement on Declaration Requirements for Widget Numbers"
    assert policy.agency_refs == ["General Administration of Widget Customs"]
    assert policy.issued_on == date(2031, 5, 14)


def test_a_chinese_title_without_brackets_that_names_its_issuers_before_guanyu_is_a_title():
    """'(国家税务总局、海关总署关于...的公告), ISSUED BY THE SAT AND ...': a title that names its
    bodies before 关于, in the parenthesis a passive verb's agent follows."""
    (span,) = find_titles("(国家税务总局、海关总署关于实行某某管理办法有关问题的公告), issued")
    assert span.chinese == "国家税务总局、海关总署关于实行某某管理办法有关问题的公告"
    assert title_issuers("", span.chinese) == ["国家税务总局", "海关总署"]
    (found,) = policies_in('("ANNOUNCEMENT") (国家税务总局、海关总署关于实行某某管理办法有关问题的'
                           '公告), ISSUED BY THE WDA AND THE GEC')
    assert found.refs == ["WDA", "GEC", "国家税务总局", "海关总署"]  # the matcher resolves both
    # no body before 关于: no title
    assert find_titles("大家关于天气的意见") == []


def test_a_note_naming_the_order_and_the_defined_term_ends_the_title_and_names_its_body():
    """'The revised Regulations for X (State Council Order No.739, hereinafter referred to as
    the Regulations) will be implemented': the title ends before the note, and the order's
    body made it."""
    (found,) = policies_in("The revised Regulations for the Supervision of Widgets (State "
                           "Council Order No.739, hereinafter referred to as the Regulations) "
                           "will be implemented as of June 1, 2031.")
    assert found.title == "Regulations for the Supervision of Widgets"
    assert found.refs == ["State Council"]


def test_a_release_date_followed_by_an_implementation_date_on_its_line_dates_the_entry():
    """'Release date: 2031-01-12 – Implementation date: 2031-05-01' under a numbered entry: the
    release date is the document's; the implementation date on the same line is not."""
    brief = parse_brief(
        "1. Administrative Measures on Widget Registration\n"
        "Release date: 2031-01-12 – Implementation date: 2031-05-01\n"
        "The measures set out how widget makers register their products with the regulator.\n\n"
        "2. Provisions for Management of Widget Dossiers\n"
        "Release date: 2031-03-04 | Effective date: 2031-05-01\n"
        "The provisions detail the documents that widget registration requires.\n",
        filename="x.txt")
    assert [(i.policy.title, i.policy.issued_on) for i in brief.items if i.policy] == [
        ("Administrative Measures on Widget Registration", date(2031, 1, 12)),
        ("Provisions for Management of Widget Dossiers", date(2031, 3, 4))]


def test_a_date_after_a_passive_verbs_list_of_bodies_is_the_issuing_date():
    """'T, jointly adopted by the WA, the GB and the Ministry of Gadgets on November 25, 2031,
    entered into force ...': the bodies' list holds commas, the date after it is T's; a comma
    before a lower-case word ends the agent ("issued by X, effective on ...": no issuing date)."""
    (found,) = policies_in("The Provisions on the Administration of Widget Services, jointly "
                           "adopted by the WA, GB and Ministry of Gadgets on November 25, 2031, "
                           "entered into force January 10, 2032.")
    assert found.refs == ["WA", "GB", "Ministry of Gadgets"]
    assert found.issued_on == date(2031, 11, 25)
    (found,) = policies_in("The Provisions on Widgets were issued by the WA, effective on "
                           "March 1, 2032.")
    assert found.issued_on is None


def test_a_date_opening_a_sentence_dates_the_title_a_finite_passive_verb_issues():
    """'On DATE, the T (...) are hereby promulgated by X' / 'have finally been promulgated':
    the opening date is T's issuing date."""
    (found,) = policies_in("On January 9, 2031, the Rules on Widget Exports (\"Rules\"), are "
                           "hereby promulgated by the Ministry of Widgets and shall be effective "
                           "as of the date of the promulgation.")
    assert (found.refs, found.issued_on) == (["Ministry of Widgets"], date(2031, 1, 9))
    (found,) = policies_in("On 31 December 2031, the Implementing Regulations of the Widget "
                           "Law have finally been promulgated by the State Council.")
    assert found.issued_on == date(2031, 12, 31)


def test_a_date_opening_a_sentence_whose_title_takes_effect_is_no_issuing_date():
    """'On 1 March, the T issued by X took effect', 'T, which was issued ..., took effect':
    the date the document took effect."""
    for sentence in ("On 1 March 2031, the Widget Rules issued by the Ministry of Widgets took "
                     "effect.",
                     "On 1 March 2031, the Widget Rules, which were issued by the Ministry of "
                     "Widgets in 2030, took effect."):
        (found,) = policies_in(sentence)
        assert found.issued_on is None, sentence


def test_an_orders_signature_by_its_head_dates_what_it_promulgates():
    """'Director Zhang Gong' / 'July 30, 2031' under 'The T ... are hereby promulgated': the
    signature's date (not the meeting's that approved it) is T's; the head names no body."""
    paras = ["The Provisions on Widget Penalties, approved at the 11th executive meeting of the "
             "Widget Administration on July 22, 2031, are hereby promulgated and shall come into "
             "force on September 1, 2031.", "Director Zhang Gong", "July 30, 2031"]
    (found,) = policies_in_paragraphs(paras)
    assert (found.refs, found.issued_on) == ([], date(2031, 7, 30))
    (found,) = policies_in_paragraphs(["The Provisions on Widget Penalties are hereby "
                                       "promulgated.", "Zhang Gong", "July 30, 2031"])
    assert found.issued_on is None  # a name alone is no signature


def _listing(*entries: tuple[str, str, str]) -> str:
    return "Widget news\n\n" + "".join(f"-\n{head}\n{day}\n{text}\n" for head, day, text in entries)


def test_a_date_line_under_a_bodys_own_notice_on_its_own_list_dates_that_notice():
    """'MOW Notice on Launching the Widget Platform' / '2031-12-30' on the MOW's list of its own
    notices: the notice's date; 'Provisions for X' / '2031-10-25' (a law it posts) is none."""
    text = _listing(
        ("MOW Notice on Launching the Widget Registration Platform", "2031-12-30",
         "In order to implement the Widget Provisions, MOW organized to establish the Widget "
         "Registration Platform for all widget makers."),
        ("MOW Announcement on Trial Operation of Electronic Widget Certificates", "2031-12-27",
         "It has been decided upon study that electronic widget certificates will start trial "
         "operation, and relevant issues are hereby announced as follows."),
        ("Provisions for the Supervision of Widget Manufacturing", "2031-10-25",
         "These provisions set out how widget makers are inspected by the local authorities "
         "every year and what records they keep."))
    dates = {i.policy.title: i.policy.issued_on for i in parse_brief(text, "x.txt").items
             if i.policy}
    assert dates["MOW Notice on Launching the Widget Registration Platform"] == date(2031, 12, 30)
    assert dates["MOW Announcement on Trial Operation of Electronic Widget Certificates"] == \
        date(2031, 12, 27)
    assert dates.get("Provisions for the Supervision of Widget Manufacturing") is None


def test_a_date_line_on_a_list_of_many_bodies_notices_is_its_posting_date():
    text = _listing(
        ("MOW Notice on Launching the Widget Registration Platform", "2031-12-30",
         "In order to implement the Widget Provisions, MOW organized to establish the Widget "
         "Registration Platform for all widget makers."),
        ("MOG Announcement on Trial Operation of Electronic Gadget Certificates", "2031-12-27",
         "It has been decided upon study that electronic gadget certificates will start trial "
         "operation, and relevant issues are hereby announced as follows."))
    assert [i.policy.issued_on for i in parse_brief(text, "x.txt").items if i.policy] == [
        None, None]


def test_an_issuing_note_with_a_long_list_of_bodies_under_a_full_texts_title_dates_it():
    """'Interim Measures for X' / '(Issued by A, B, C, ... on December 31, 2031, and implemented
    from ...)': the note under the title dates it, however many bodies it lists."""
    bodies = ", ".join(f"Ministry of Widget Affairs No. {n}" for n in range(1, 9))
    text = ("New widget recycling rules are issued\n\nRecently, the Ministry of Widgets jointly "
            "issued the \"Interim Measures for the Recycling of Waste Vehicle Widgets\", and the "
            "State Council issued the Notice on Widget Safety.\n\nThe full text is as follows:"
            "\n\nInterim Measures for the Recycling of Waste Vehicle Widgets\n\n(Issued by the "
            f"{bodies} on December 31, 2031, and implemented from April 1, 2032.)\n\nArticle 1 "
            "These measures are formulated to regulate the recycling of waste widgets and "
            "protect the environment.\n")
    dates = {i.policy.title: i.policy.issued_on for i in parse_brief(text, "x.txt").items
             if i.policy}
    assert dates["Interim Measures for the Recycling of Waste Vehicle Widgets"] == date(2031, 12,
                                                                                       31)
    assert dates["Notice on Widget Safety"] is None


def test_a_yearless_day_takes_the_year_of_its_entrys_date_line_and_no_other_day_does():
    """'14 May 2031' / 'Regulators release plan for widgets' / 'On May 14, ... released the
    Opinions on X': that day in 2031; 'On May 12' under '13 May 2031' stays without a year."""
    text = ("Widget finance tracker\n\n14 May 2031\n\nRegulators release plan for widgets\n\n"
            "On May 14, regulatory authorities jointly released the Opinions on Financial "
            "Support for Widget Makers, a plan to support the industry.\n\n13 May 2031\n\n"
            "Ministry sets out gadget rules\n\nOn May 12, the Ministry of Gadgets released the "
            "Measures for Gadget Licensing, which local media reported on.\n")
    dates = {i.policy.title: i.policy.issued_on for i in parse_brief(text, "x.txt").items
             if i.policy}
    assert dates == {"Opinions on Financial Support for Widget Makers": date(2031, 5, 14),
                     "Measures for Gadget Licensing": None}


def _tracker_entry(first_sentence: str) -> str:
    return ("Widget policy news\n\nNotice on Further Facilitating Widget Settlement\nState "
            "Administration of Widgets\nWidget makers gain simpler settlement for trade payments "
            "and broader facilitation in pilot zones across the country.\n"
            "New Extension of the Safeguard Investigation into Widget Imports\nMOW\n"
            f"{first_sentence} The investigation, launched last year, will now run longer.\n")


def _dates(text: str) -> dict:
    return {i.policy.title: i.policy.issued_on for i in parse_brief(text, "x.txt").items
            if i.policy}


def test_an_entrys_opening_date_dates_its_headlines_document_when_its_own_body_acts():
    """'New Extension of ...' / 'MOW' / 'On 25 November 2031, the Ministry of Widgets (MOW)
    announced a three-month extension ...': the entry's document, that day."""
    dates = _dates(_tracker_entry("On 25 November 2031, the Ministry of Widgets (MOW) announced "
                                  "a three-month extension of its investigation period."))
    assert dates["New Extension of the Safeguard Investigation into Widget Imports"] == date(
        2031, 11, 25)


def test_an_entrys_opening_date_is_none_of_its_document_when_another_body_acts_or_a_plan():
    for sentence in ("On 25 November 2031, the Ministry of Gadgets (MOG) announced a "
                     "three-month extension of its investigation period.",
                     "On 25 November 2031, the Ministry of Widgets (MOW) announced that it "
                     "would extend its investigation period.",
                     "On 25 November 2031, the extension announced by the Ministry of Widgets "
                     "took effect."):
        dates = _dates(_tracker_entry(sentence))
        assert dates["New Extension of the Safeguard Investigation into Widget Imports"] is None, (
            sentence)


def test_a_date_in_parentheses_right_after_a_title_wins_over_another_events_opening_date():
    """'On August 26, 2031, AmCham submitted comments on the MOW's draft amendments to the
    Widget Regulations (July 25, 2031)': the draft's date is July 25, not the comments' day."""
    (found,) = policies_in("On August 26, 2031, AmCham jointly submitted comments on the "
                           "Ministry of Widgets (MOW)’s draft amendments to the Widget "
                           "Regulations (July 25, 2031) (the Draft Regulations).")
    assert (found.title, found.issued_on) == ("Widget Regulations", date(2031, 7, 25))
    (found,) = policies_in("On August 26, 2031, the MOW released the Widget Regulations "
                           "(effective July 25, 2032).")
    assert found.issued_on == date(2031, 8, 26)
    # the body that acts is the issuer: its day is the reported revision's
    (found,) = policies_in("On 1 March 2031, the MOW revised the Widget Measures (January 5, "
                           "2029).")
    assert found.issued_on == date(2031, 3, 1)


def test_the_day_others_commented_on_a_bodys_draft_is_no_issuing_date():
    (found,) = policies_in("On August 26, 2031, AmCham jointly submitted comments on the "
                           "Ministry of Widgets (MOW)’s draft amendments to the Widget "
                           "Regulations.")
    assert (found.title, found.issued_on) == ("Widget Regulations", None)


def test_the_day_a_draft_went_out_for_comment_after_and_solicited_dates_it():
    """'X issued the Draft of T and solicited public opinions on May 19th 2031': T's date; a
    deadline ('until ...') is none."""
    (found,) = policies_in("The Ministry of Widgets issued the Draft of the Widget Standard "
                           "Measures and solicited public opinions on May 19th 2031.")
    assert found.issued_on == date(2031, 5, 19)
    (found,) = policies_in("The Ministry of Widgets issued the Draft of the Widget Standard "
                           "Measures and solicited public opinions until May 19th 2031.")
    assert found.issued_on is None


def test_a_date_of_issue_line_closing_a_section_dates_its_one_document():
    """'Date of issue: June 14, 2031. Effective date: July 1, 2031.' at the end of the text
    about one document (the page's opening one, or an entry's): its issuing date."""
    entry = ("{head}\n\nThe {body} released the {title}, which lists the records to file.\n\n"
             "It also lists ten circumstances for which no records need to be filed.\n\n"
             "Date of issue: {day}. Effective date: September 1, 2031.\n\n")
    text = ("(\"ANNOUNCEMENT\") ON COMPARING WIDGET CERTIFICATES BEFORE DEDUCTION, ISSUED BY THE "
            "MOW\n\nTo strengthen the management of widget deductions, the Ministry of Widgets "
            "issued the Announcement on Comparing Widget Certificates before Deduction.\n\nFrom "
            "July 1, 2031, widget certificates will be verified by the tax authorities.\n\n"
            "Date of issue: June 14, 2031. Effective date: July 1, 2031.\n\n"
            + entry.format(head="Ministry of Gadgets relaxes rules for gadget trade",
                           body="Ministry of Gadgets", title="Measures for Gadget Trade Records",
                           day="July 9, 2031")
            + entry.format(head="Ministry of Gizmos eases gizmo exports",
                           body="Ministry of Gizmos", title="Measures for Gizmo Export Records",
                           day="July 10, 2031"))
    dates = {i.policy.title: i.policy.issued_on for i in parse_brief(text, "x.txt").items
             if i.policy}
    opening = next(d for t, d in dates.items() if t.startswith("Announcement on Comparing"))
    assert opening == date(2031, 6, 14)
    assert dates["Measures for Gadget Trade Records"] == date(2031, 7, 9)


def test_an_entrys_month_line_gives_its_year_to_the_days_of_that_month():
    """'Ministry sets widget rules' / 'August 2031' / 'On 26 August, the MOW issued ...': 26
    August 2031; a day of another month ('On 3 September') gets no year from it."""
    text = ("Widget regulatory roundup\n\n5 September 2031\n\nMinistry sets widget rules\n\n"
            "August 2031\n\nOn 26 "
            "August, the Ministry of Widgets issued the Measures for Widget Labels, which cover "
            "every widget sold.\n\nGadget office sets gadget rules\n\nAugust 2031\n\nOn 3 "
            "September, the Gadget Office issued the Measures for Gadget Labels, which cover "
            "every gadget sold.\n")
    dates = _dates(text)
    assert dates == {"Measures for Widget Labels": date(2031, 8, 26),
                     "Measures for Gadget Labels": None}


ORDER_PAGE = ("Provisions on Widget Penalties\n\nOrder of the Ministry of Widgets\n\nNo. 45\n\n"
              "{date}The Provisions on Widget Penalties, adopted at the 11th executive meeting of "
              "the Ministry of Widgets on July 22, 2031, are hereby promulgated and shall come "
              "into force on September 1, 2031.\n\n{signature}Article 1 These provisions are "
              "formulated to regulate widget penalties and protect the market order.\n\n"
              "Article 2 These provisions apply to all widget makers.\n")


def _order_page(date_line: str = "", signature: str = ""):
    brief = parse_brief(ORDER_PAGE.format(date=date_line, signature=signature), "x.txt")
    return brief.published_on, [i.policy.issued_on for i in brief.items if i.policy]


def test_the_date_under_an_orders_name_and_number_lines_dates_its_document_not_the_page():
    """'Order of the Ministry of Widgets' / 'No. 45' / 'July 30, 2031': the order's date."""
    assert _order_page(date_line="July 30, 2031\n\n") == (None, [date(2031, 7, 30)])


def test_an_orders_signature_read_as_a_headline_still_dates_what_it_promulgates():
    """'Minister Wang Wu' or 'Wang Wu, Minister of Widgets' / 'July 30, 2031' after the
    'hereby promulgated' paragraph, whichever way the page's lines are read."""
    for signature in ("Minister Wang Wu\n\nJuly 30, 2031\n\n",
                      "Wang Wu, Minister of Widgets\n\nJuly 30, 2031\n\n"):
        assert _order_page(signature=signature) == (None, [date(2031, 7, 30)]), signature


def test_a_clause_describing_the_subject_names_no_issuer():
    """A relative clause or an appositive set off by commas describes the body before it."""
    for sentence in (
            "The Widget Administration, which the Gadget Commission oversees, issued the "
            "Measures for the Administration of Widgets.",
            "The Widget Administration, an agency under the Gadget Commission, issued the "
            "Measures for the Administration of Widgets."):
        (found,) = policies_in(sentence)
        assert found.refs == ["Widget Administration"], sentence


def test_a_speaker_and_the_body_he_works_for_are_not_issuers_of_what_he_reports():
    for sentence in (
            "Li Wei, a researcher at the Widget Research Center of the State Council, said the "
            "Gadget Ministry issued the Notice on Widgets.",
            "According to Zhang Wei, director of the Sprocket Commission, the Gadget Ministry "
            "issued the Notice on Widgets.",
            "Experts from the Academy of Widgets said the Gadget Ministry issued the Notice on "
            "Widgets."):
        (found,) = policies_in(sentence)
        assert found.refs == ["Gadget Ministry"], sentence


def test_who_supported_or_requested_a_document_did_not_issue_it():
    for sentence in (
            "The Notice on Widgets was issued by the Gadget Ministry, with the support of the "
            "Association of Widget Makers.",
            "The Notice on Widgets was issued by the Gadget Ministry, at the request of the "
            "Sprocket Commission."):
        (found,) = policies_in(sentence)
        assert found.refs == ["Gadget Ministry"], sentence


def test_a_relative_clauses_earlier_step_gives_way_to_the_main_verbs_agent():
    (found,) = policies_in("The Measures for Widgets, which the Gadget Ministry drafted in 2031, "
                           "were issued by the Widget Council.")
    assert found.refs == ["Widget Council"]
    (found,) = policies_in("The Measures for Widgets, which the Gadget Ministry and the Widget "
                           "Council jointly released, take effect on May 1.")
    assert found.refs == ["Gadget Ministry", "Widget Council"]


def test_it_or_they_as_a_subject_points_back_at_the_body_an_earlier_sentence_made_its_subject():
    found = policies_in_paragraphs([
        "During the session, the Widget Committee reviewed twelve bills and approved two.",
        "First, it revised the Widget Competition Law, effective October 15, 2031."])
    assert [(f.title, f.refs) for f in found] == [("Widget Competition Law", ["Widget Committee"])]
    (found,) = policies_in_paragraphs(["The Gadget Ministry and the Widget Council met on "
                                       "Monday. They issued the Measures on Widgets."])
    assert found.refs == ["Gadget Ministry", "Widget Council"]
    # "it" cannot point at two bodies
    (found,) = policies_in_paragraphs(["The Gadget Ministry and the Widget Council met on "
                                       "Monday. It issued the Measures on Widgets."])
    assert found.refs == []


def test_who_comments_on_a_draft_did_not_issue_it_but_the_body_that_released_it_did():
    (found,) = policies_in("The Association of Widget Makers submitted comments on the Draft "
                           "Measures for Widgets.")
    assert found.refs == []
    (found,) = policies_in("The Association of Widget Makers commented on the Draft Measures "
                           "for Widgets, which was released by the Gadget Ministry in May.")
    assert found.refs == ["Gadget Ministry"]


def test_a_month_after_an_issuing_body_is_no_part_of_its_name():
    assert issuers_in("the Gadget Ministry in May")[0] == ["Gadget Ministry"]
    (found,) = policies_in("The Measures for Widgets were issued by the Gadget Ministry in May.")
    assert found.refs == ["Gadget Ministry"]
