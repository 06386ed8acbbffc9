"""How policy titles are written in English, rule by rule (branch tune-titles): what a title
is made of, where it starts and ends, and what wraps it. Pure parser, no database."""

from __future__ import annotations

from ingest.parsing.policy_titles import find_titles
from ingest.parsing.prose import policies_in, title_issuers


def titles(text: str) -> list[str]:
    return [s.english for s in find_titles(text)]


def test_a_law_named_after_an_agency_word_is_a_title_and_that_word_is_no_issuer():
    """'Customs Law', 'Drug Administration Law': a law is named after what it governs; no
    agency's name ends in 'Law', so the words before it are neither an agency nor its issuer."""
    assert titles("The Customs Law was amended.") == ["Customs Law"]
    assert titles("It revised the Widget Administration Law, effective May 1.") == [
        "Widget Administration Law"
    ]
    (found,) = policies_in("The NPCSC revised the Public Security Administration Widgets Law.")
    assert found.refs == ["NPCSC"]
    assert title_issuers("Widget Administration Law") == []
    # an agency's name still ends before a document word that is not "Law"
    assert titles("the State Administration for Market Regulation said") == []


def test_an_en_dash_between_letters_is_a_hyphen_inside_a_title_word():
    assert titles("First, it revised the Anti–Unfair Competition Law, effective soon.") == [
        "Anti–Unfair Competition Law"
    ]
    # a dash set with spaces still separates a standard's series from its title
    assert titles(
        "Information Security Technology – Personal Information Security Specification"
    ) == ["Information Security Technology – Personal Information Security Specification"]


def test_a_headline_verb_after_a_plural_subject_starts_no_title_and_reports_one():
    """'Two Departments Revise the Catalog of ...', 'NPC Passes ...': the base form of the
    verb (and 'Passes') reports on the title after it, which starts after the verb."""
    (found,) = policies_in("Two Departments Revise the Catalog of Widgets Prohibited from Export")
    assert found.title == "Catalog of Widgets Prohibited from Export"
    (found,) = policies_in("MIIT and NDRC Jointly Issue Measures for the Administration of Gizmos")
    assert found.title == "Measures for the Administration of Gizmos"
    assert found.refs == ["MIIT", "NDRC"]


def test_an_amendment_to_a_law_is_a_document_of_its_own():
    (found,) = policies_in("NPC Passes Amendment to the Widget Procedure Law")
    assert found.title == "Amendment to the Widget Procedure Law"
    assert found.refs == ["NPC"]


def test_a_parenthesised_version_after_a_title_is_part_of_it_not_a_defined_term():
    """'(the Seventh Version of SAIC)' says which draft it is; '(the “Guidelines”)' is still
    the term the text defines for it."""
    assert titles(
        "The bureau published the Guidelines for Widget Rights (the Seventh Version "
        "of SAIC) on its website."
    ) == ["Guidelines for Widget Rights (the Seventh Version of SAIC)"]
    assert titles("It issued the Rules on Gizmos (the 2019 Edition) today.") == [
        "Rules on Gizmos (the 2019 Edition)"
    ]
    assert titles("It issued the Rules on Gizmos (the “Rules”) today.") == ["Rules on Gizmos"]


def test_a_body_of_another_body_is_the_issuer_and_its_parent_is_not():
    from ingest.parsing.issuers import issuers_in

    assert issuers_in(
        "The Center for Widget Evaluation (CWE) of the National Widget "
        "Administration (NWA) has released"
    )[0] == ["Center for Widget Evaluation (CWE)"]
    # only the body right after "of" is the parent: the list goes on after it
    assert issuers_in(
        "the Central Commission for Widget Inspection (“CCWI”) of the CPC, the "
        "Ministry of Widgets and the National Gizmo Office jointly"
    )[0] == ["Central Commission for Widget Inspection (CCWI)", "Ministry of Widgets",
             "National Gizmo Office"]


def test_a_heading_announcing_the_issuance_of_a_title_is_that_title():
    from ingest.parsing.policy_titles import whole_title

    span = whole_title("Issuance of the 14th Five-Year Plan for National Widget Safety")
    assert span.english == "14th Five-Year Plan for National Widget Safety"
    span = whole_title("Release of the Measures for the Administration of Gizmos (Chinese Text)")
    assert span.english == "Measures for the Administration of Gizmos"
    # a heading saying more than that is no title
    assert whole_title("Issuance of the Widget Plan delayed again") is None


def test_a_number_line_near_a_titled_heading_is_that_documents_number_not_a_policy():
    """'Announcement on X' / (page furniture) / 'Announcement No. 23 of the Ministry of Widgets
    in 2023': one document, titled, issued by the body its number names."""
    from ingest.parsing.headings import heading_policies

    paras = [
        (1, "Announcement on Implementing Export Controls on Widget Related Items"),
        (2, "Update Time : 2031-08-18 View : 697"),
        (3, "Announcement No. 23 of the Ministry of Commerce in 2031"),
        (
            4,
            "According to the relevant provisions of the Export Control Law, it is decided "
            "to implement export controls on widget related items as follows:",
        ),
    ]
    found = [f for _, f in heading_policies(paras)]
    assert [(f.title, f.refs) for f in found] == [
        (
            "Announcement on Implementing Export Controls on Widget Related Items",
            ["Ministry of Commerce"],
        )
    ]


def test_a_label_in_brackets_opening_a_line_dates_the_pages_document():
    from datetime import date

    from ingest.parsing import parse_brief

    b = parse_brief(
        "News\n\nAnnouncement on Implementing Export Controls on Widget Items\n\n"
        "Announcement No. 23 of the Ministry of Commerce in 2031\n\n"
        "[Date of Issue] July 3, 2031\n\n"
        "According to the relevant provisions of the Export Control Law of the "
        "People's Republic of China, in order to maintain national security, it is "
        "decided to implement export controls on widget items. The relevant matters "
        "are announced as follows.\n"
    )
    (policy,) = [i.policy for i in b.items if i.policy]
    assert policy.title == "Announcement on Implementing Export Controls on Widget Items"
    assert policy.issued_on == date(2031, 7, 3)


def test_a_heading_of_a_notice_issuing_a_named_document_is_that_document():
    """'NMPA Announcement on Issuance and Implementation of the Measures for X': the document
    the announcement issues, with the announcement as its carrier (which names the issuer)."""
    from ingest.parsing.policy_titles import whole_title

    span = whole_title(
        "NWA Announcement on Issuance and Implementation of the Measures for the "
        "Administration of Widget Labels"
    )
    assert span.english == "Measures for the Administration of Widget Labels"
    assert span.carrier == "NWA Announcement on Issuance and Implementation of"
    # a notice on doing something else is the notice itself
    span = whole_title("NWA Announcement on Trial Operation of Electronic Widget Certificates")
    assert span.english == "NWA Announcement on Trial Operation of Electronic Widget Certificates"


def test_a_title_never_ends_in_a_capitalised_preposition_of_the_next_sentence():
    (span,) = find_titles("Guidelines for Testing Solar Inverters In addition, the agency "
                          "will hold hearings.")
    assert span.english == "Guidelines for Testing Solar Inverters"


def test_a_short_name_of_an_abbreviation_and_the_document_word_ends_the_title():
    """'(SPS Regulations)': the short name the text goes on to use, not part of the title."""
    assert titles("Under the Seed Purity Supervision Regulations (SPS Regulations), the "
                  "MARA checks seeds.") == ["Seed Purity Supervision Regulations"]
    # a version in parentheses is still part of the title
    assert titles("It issued the Seed Purity Regulations (2023 Revision) last week.") == [
        "Seed Purity Regulations (2023 Revision)"]


def test_a_document_the_text_points_back_at_with_these_or_this_is_no_title():
    """'Chapter I General Provisions Article 1 These Rules are hereby formulated ...': a law's
    own text, the document it is; a title never runs through "These" or "This" (but through
    the relative "That": '... Substances That May Be Added to Widgets')."""
    spans = find_titles("Chapter I General Provisions Article 1 These Rules are hereby "
                        "formulated in accordance with the law.")
    assert not any("Rules" in s.english for s in spans)
    assert [s.english for s in find_titles(
        "SAMR issued the Work Specifications for the List of Substances That May Be Added to "
        "Widgets.")] == ["Work Specifications for the List of Substances That May Be Added to "
                         "Widgets"]


def test_a_notices_title_cut_after_its_issuing_word_is_no_title_but_what_it_issues_is():
    """'SAMR released the Notice on Releasing “Guidelines for ...” and the “Guidelines for
    ...”': the two guidelines, not a 'Notice on Releasing'."""
    found = policies_in("On 5 June, SAMR released the Notice on Releasing “Guidelines for Random "
                        "Inspection on Widget Standards” and the “Guidelines for Random "
                        "Inspection on Gadget Standards”.")
    assert [f.title for f in found] == ["Guidelines for Random Inspection on Widget Standards",
                                        "Guidelines for Random Inspection on Gadget Standards"]


def test_a_title_a_quoted_title_in_apposition_names_is_one_document_the_quoted_title():
    """'issued its draft Judicial Interpretation, the “Provisions on ...”': one document."""
    found = policies_in("The Supreme People’s Court issued its draft widget Judicial "
                        "Interpretation, the “Provisions on Several Issues Concerning the Trial "
                        "of Civil Cases Involving Widget Patents” (Draft for Comments).")
    assert [f.title for f in found] == [
        "Provisions on Several Issues Concerning the Trial of Civil Cases Involving Widget "
        "Patents"]
    assert found[0].refs == ["Supreme People’s Court"]


def test_a_quoted_name_in_lower_case_that_says_what_it_is_is_the_verbs_title():
    """'jointly released the “guidelines for strengthening the standardization of widgets”':
    quotes and a document word make it a name; a quoted phrase that is no document is none."""
    found = policies_in("On 15 May, the NEA and SAC jointly released the “guidelines for "
                        "strengthening the standardization of widget Internet”.")
    assert [(f.title, f.refs) for f in found] == [
        ("guidelines for strengthening the standardization of widget Internet", ["NEA", "SAC"])]
    assert policies_in("The NEA released the “widgets of the future” in a speech.") == []


def test_a_date_after_the_verb_dates_the_document_not_the_date_that_opens_the_sentence():
    """'25-06-2031 To implement ..., SAC approved and released on 4 June the “...”': the
    entry's date opens the sentence; the document is dated 4 June, its year unstated."""
    found = policies_in("25-06-2031 To implement the widget quality plan, SAC approved and "
                        "released on 4 June the “special action plan for widget national "
                        "standards (2031)”.")
    assert [f.title for f in found] == ["special action plan for widget national standards "
                                        "(2031)"]
    assert found[0].issued_on is None


def test_a_parenthesised_document_number_after_a_title_ends_it():
    """'Rules on Widget Mergers (2031 Announcement No. 5)': the number the rules go by, the year
    first or last, is no part of their title."""
    assert titles("The MOW issued the Rules on Widget Mergers (2031 Announcement No. 5) "
                  "on May 3, 2031.") == ["Rules on Widget Mergers"]
    assert titles("The MOW issued the Rules on Widget Mergers (MOW Order No. 5 of 2031) "
                  "on May 3, 2031.") == ["Rules on Widget Mergers"]


def test_upon_and_over_join_a_translated_titles_words():
    """Translations of Chinese titles run on through 'upon' and 'over' ("Refunding Taxes upon
    the Strength of Invoices", "Administration over the Issuance of ..."); a lower-case word
    after them still ends the title."""
    assert titles("Circular on Refunding Widget Taxes upon the Strength of Common Invoices") == [
        "Circular on Refunding Widget Taxes upon the Strength of Common Invoices"]
    assert titles("The Measures for the Administration over the Issuance of Widget Permits "
                  "took effect.") == ["Measures for the Administration over the Issuance of "
                                      "Widget Permits"]
    assert titles("The Rules on Widget Permits over the past year changed.") == [
        "Rules on Widget Permits"]


def test_policies_for_doing_something_is_a_documents_title_but_policies_alone_are_not():
    """'Several Policies for Promoting the Widget Industry' (若干政策 as translated) names a
    document; 'National Policies for the Widget Industry' and 'Gadgetland's Widget Policies'
    name policy in general."""
    assert titles("The Council released the Several Policies for Promoting the Development of "
                  "the Widget Industry.") == [
        "Several Policies for Promoting the Development of the Widget Industry"]
    assert titles("The Council released the Policies of Supporting Widget Makers.") == [
        "Policies of Supporting Widget Makers"]
    assert titles("National Policies for the Widget Industry in the First Half of 2031") == []
    assert titles("Reviewing Gadgetland's Widget Policies") == []


def test_an_and_between_the_words_a_law_is_named_after_is_part_of_its_title():
    assert titles("The passage of the new Urban and Widget Planning Law.") == [
        "Urban and Widget Planning Law"]
    # two titles, a list of bodies and an owner are no one name
    assert titles("It issued the Provisions on Widgets and Provisions on Gadgets.") == [
        "Provisions on Widgets", "Provisions on Gadgets"]
    assert titles("The MOW and MOG Measures were passed.") == ["MOG Measures"]
    assert titles("It commented on the Bureau for Widgets and Gadgets’s Regulations on Sprockets."
                  ) == ["Regulations on Sprockets"]


def test_and_then_a_verb_in_the_past_tense_starts_a_headlines_second_clause_not_the_title():
    assert titles("MOW Issued the Registration List of First Batch of Widgets for Special "
                  "Purposes and Adjusted the Related Transitional Period") == [
        "Registration List of First Batch of Widgets for Special Purposes"]
    assert titles("Measures for the Supervision and Administration of Widgets") == [
        "Measures for the Supervision and Administration of Widgets"]
