"""Policies read from sentences and pages as real texts word them (cases from corpus texts
068-107): what counts as reporting on a document, where a title ends, and which date is whose.
Pure parser, no database."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.policy_titles import find_titles
from ingest.parsing.prose import policies_in


def titles(text: str) -> list[str]:
    return [s.english for s in find_titles(text)]


def test_a_document_that_took_effect_is_reported_on_without_an_issuer_or_a_date():
    (found,) = policies_in("On March 1, 2020, the Provisions on the Governance of Network "
                           "Information Content Ecology took effect.")
    assert found.title == "Provisions on the Governance of Network Information Content Ecology"
    assert (found.refs, found.issued_on) == ([], None)  # March 1 is when it took effect


def test_a_law_cited_in_a_clause_about_something_else_is_no_report():
    assert policies_in("Since the Cybersecurity Law of the People's Republic of China took "
                       "effect, the CAC has fined many operators.") == []
    assert policies_in("The AI Measures have taken effect as of 15 August 2023.") == []


def test_a_call_for_comments_on_a_draft_reports_on_it_with_its_issuers():
    (found,) = policies_in(
        "On April 21, 2021, the National Development and Reform Commission (NDRC) and the "
        "National Energy Administration (NEA) called for comments on Guidance on Accelerating "
        "the Development of New Energy Storage (Draft for comments).")
    assert found.title.startswith("Guidance on Accelerating the Development of New Energy")
    assert found.refs == ["National Development and Reform Commission (NDRC)",
                          "National Energy Administration (NEA)"]
    assert found.issued_on == date(2021, 4, 21)


def test_collecting_comments_on_a_draft_reports_on_it_as_soliciting_them_does():
    (found,) = policies_in("On May 3, 2031, the WRC started to collect comments on the "
                           "Technical Guideline for Widget Registration (Draft).")
    assert found.title == "Technical Guideline for Widget Registration (Draft)"
    assert found.refs == ["WRC"] and found.issued_on == date(2031, 5, 3)


def test_a_new_clause_after_the_verb_does_not_make_its_title_the_object():
    assert policies_in("Meanwhile, the Anti-Unfair Competition Law will be revised and the "
                       "Telecom Law will be enacted this year.") == []


def test_two_titles_joined_by_and_are_two_policies_and_the_date_after_them_is_no_part():
    found = policies_in("The General Administration of Press and Publication (GAPP) issued the "
                        "Provisions on the Administration of Newspapers and Provisions on the "
                        "Administration of Periodicals on September 30 to replace the old ones.")
    assert [f.title for f in found] == ["Provisions on the Administration of Newspapers",
                                        "Provisions on the Administration of Periodicals"]
    assert all(f.refs == ["General Administration of Press and Publication (GAPP)"] for f in found)


def test_a_revision_to_a_new_title_names_both_documents_apart():
    assert titles("The CSRC revised the Provisions on Categorisation-based Regulation of "
                  "Securities Companies to the Provisions on the Categorisation-based Evaluation "
                  "of Securities Companies.") == [
        "Provisions on Categorisation-based Regulation of Securities Companies",
        "Provisions on the Categorisation-based Evaluation of Securities Companies"]


def test_a_quoted_name_and_a_number_stay_inside_a_title():
    assert titles("the Notice on the Reform of “Multi-Report Integration” of Annual Reports "
                  "promulgated on 16 December 2019") == [
        "Notice on the Reform of “Multi-Report Integration” of Annual Reports"]
    assert titles("MOFCOM issued Announcement No. 21 of 2024 to implement export controls") == [
        "Announcement No. 21 of 2024"]


def test_lists_and_reports_are_document_words():
    assert titles("the NDRC released the Negative List for Market Access (2022 Edition).") == [
        "Negative List for Market Access (2022 Edition)"]


def test_the_date_of_another_event_in_an_opening_clause_is_not_the_issuing_date():
    (found,) = policies_in(
        "Following the release of the draft version for public consultation in December 2021, "
        "the China Securities Regulatory Commission (CSRC) issued the finalised Trial Measures "
        "for the Administration of Overseas Issuance and Listing of Securities by Domestic "
        "Enterprises (the Overseas Listing Rules) and a series of associated regulatory "
        "guidelines on 17 February 2023.")
    assert found.refs == ["China Securities Regulatory Commission (CSRC)"]
    assert found.issued_on == date(2023, 2, 17)


def test_a_listing_page_of_dated_entries_has_no_page_date():
    brief = parse_brief(
        "News & Insights\n\nJanuary 17, 2023\n\nDoes all content published by the proprietor on "
        "its premises constitute commercial advertising within the meaning of the law?\n\n"
        "January 3, 2023\n\nWhat do China's data export regulations mean for its trade?\n\n"
        "China should consider how its cross-border data transfer rules could threaten its "
        "status as a global leader in manufacturing.\n\nNovember 23, 2022\n\nChina released "
        "guidelines for security assessment of cross-border data transfers\n\nCross-border data "
        "transfer has been a hot topic among companies operating in China this year.\n",
        filename="listing.txt")
    assert brief.published_on is None


DATED_POSTS = ("Widget Market Intelligence\n\nAugust 20th, 2031\nAnn Lee and Bo Chen\n\n"
               "On August 20, the National People's Congress passed the Widget Protection Law, "
               "which will enter into force on November 1, 2031.\n\nAugust 18th, 2031\n\nOn "
               "August 12, the State Council released the Gadget Security Regulations, which "
               "finalize a draft issued last year.\n\nAugust 11th, 2031\nBy Staff\n\nA wave "
               "of widget recalls has spread to more than 200 counties across the country, and "
               "makers expect more of them this year.\n")


def test_a_yearless_day_takes_the_year_of_the_date_line_its_post_stands_under():
    """'August 20th, 2031' / 'On August 20, the NPC passed the T': that day in 2031; another
    day in the post ('August 18th, 2031' / 'On August 12, ...') gets no year."""
    brief = parse_brief(DATED_POSTS, filename="posts.txt")
    dates = {i.policy.title: i.policy.issued_on for i in brief.items if i.policy}
    assert dates == {"Widget Protection Law": date(2031, 8, 20),
                     "Gadget Security Regulations": None}
    assert brief.published_on is None


def test_the_date_under_an_order_number_is_the_orders_not_the_pages():
    brief = parse_brief(
        "Decision of the State Council on Revising and Repealing Certain Administrative "
        "Regulations\n\nOrder of the State Council of the People's Republic of China No.726\n\n"
        "March 27, 2020\n\nThe Decision of the State Council on Revising and Repealing Certain "
        "Administrative Regulations is hereby published, and shall come into force as of the "
        "date of publication.\n", filename="order.txt")
    assert brief.published_on is None


def test_run_in_heads_and_continue_reading_links_head_digest_items():
    run_in = parse_brief(
        "A selection of developments\nAutomobile industry to fully open up:\nWith the removal "
        "of limits on foreign investment in passenger vehicle companies, the industry will be "
        "fully open to overseas investment in 2022.\nListed company M&A:\nGreater liberalisation"
        " of foreign strategic investments in listed companies was emphasised by the Ministry "
        "of Commerce in May 2021.\n", filename="runin.txt")
    assert [i.headline for i in run_in.items] == ["Automobile industry to fully open up",
                                                  "Listed company M&A"]
    teasers = parse_brief(
        "On February 9, 2020, the Cyberspace Administration of China issued a new circular to "
        "emphasize the protection of relevant personal data collected during the outbreak.\n"
        "Continue Reading China Emphasizes Protection of Personal Data by Issuing a New Circular"
        "\n\nOn May 31, 2019, the Cyberspace Administration of China released Draft Regulations "
        "on Network Protection of Minors' Personal Information. This blog entry provides an "
        "overview.\nContinue Reading China's Cybersecurity Administration Issues Draft "
        "Regulations Aimed at Protecting Minors\n", filename="teasers.txt")
    assert [i.headline for i in teasers.items if i.headline] == [
        "China Emphasizes Protection of Personal Data by Issuing a New Circular",
        "China's Cybersecurity Administration Issues Draft Regulations Aimed at Protecting "
        "Minors"]


def test_the_subject_reaches_past_in_conjunction_with_and_jointly():
    (found,) = policies_in(
        "On July 13, 2023, the Cybersecurity Administration of China (“CAC”), in conjunction "
        "with six other agencies, jointly issued the Interim Administrative Measures for "
        "Generative Artificial Intelligence Services.")
    assert found.refs == ["Cybersecurity Administration of China (CAC)"]
    assert found.etc and found.issued_on == date(2023, 7, 13)


def test_the_subject_starts_after_a_subordinating_word():
    (found,) = policies_in("The new list and the ECCN system were launched after the State "
                           "Council unveiled the Regulations on Civil-Military Dual-Use Items "
                           "on October 19.")
    assert found.refs == ["State Council"]


def test_an_article_on_one_document_takes_the_date_of_its_label():
    brief = parse_brief(
        "SAMR Pledges an Integrated Administrative Law Enforcement System\n"
        "Promulgation date: 2019-02-28 Chinese version\n"
        "The General Office of the State Administration for Market Regulation (\"SAMR\") has "
        "recently enacted and issued the Opinions on Integrating Resources to Create the 12315 "
        "Administrative Law Enforcement System (the \"Opinions\").\n\nAccording to the Opinions,"
        " a unified and highly-efficient 12315 system is expected by the end of 2020.\n",
        filename="label.txt")
    (policy,) = [i.policy for i in brief.items if i.policy]
    assert policy.issued_on == date(2019, 2, 28)


def test_a_policy_the_introduction_names_again_is_the_entrys_with_the_introductions_date():
    brief = parse_brief(
        "Monthly update\n\nIn August 2025, the CSRC revised the Provisions on Categorisation-based"
        " Regulation of Securities Companies; the NFRA issued the Notice on the Repeal of Certain"
        " Normative Documents.\n\n1. The CSRC revised the Provisions on Categorisation-based "
        "Regulation of Securities Companies\n\nTo optimise regulation, the CSRC has revised the "
        "Provisions on Categorisation-based Regulation of Securities Companies, which take "
        "effect on 22 August 2025.\n\n2. The NFRA issued the Notice on the Repeal of Certain "
        "Normative Documents\n\nThe notice repeals twelve documents that no longer apply to "
        "the banking sector.\n", filename="update.txt")
    policies = [i.policy for i in brief.items if i.policy]
    assert [p.title for p in policies] == [
        "Provisions on Categorisation-based Regulation of Securities Companies",
        "Notice on the Repeal of Certain Normative Documents"]
    assert all(str(p.issued_on) == "2025-08" for p in policies)  # the month each clause shares


def test_a_month_first_date_is_read_only_when_the_day_says_so():
    from ingest.parsing.date_mentions import date_mentions
    (d,) = date_mentions("Date issued:06-25-2018")
    assert (d.year, d.month, d.day) == (2018, 6, 25)
    assert date_mentions("05-06-2018") == []  # May 6 or June 5: not guessed


def test_a_bulleted_label_block_without_a_title_takes_the_document_its_text_issues():
    brief = parse_brief(
        "Laws and Regulations\n"
        "· Promulgation Date: 2017-07-30\n· Area of Law: Foreign Investment\n"
        "· Promulgation Department: Ministry of Commerce\n\n"
        "The Decision on Revising the Interim Administrative Measures for the Record-filing of "
        "Foreign-funded Enterprises, adopted at the 101st executive meeting of the Ministry of "
        "Commerce, is hereby promulgated for implementation as of the date of promulgation.\n\n"
        "Minister, Zhong Shan\n", filename="decree.txt")
    (policy,) = [i.policy for i in brief.items if i.policy]
    assert policy.title.startswith("Decision on Revising the Interim Administrative Measures")
    assert policy.agency_refs == ["Ministry of Commerce"]
    assert policy.issued_on == date(2017, 7, 30)


def test_a_quoted_sentence_is_no_title_but_the_title_inside_it_is():
    (found,) = policies_in('"The revised version of Measures for the Compulsory Licensing for '
                           'Patent Implementation came into effect from May 1, 2012," the '
                           "State Intellectual Property Office said.")
    assert found.title == "Measures for the Compulsory Licensing for Patent Implementation"
    assert found.issued_on is None


def test_a_relative_clause_reports_its_documents_issuer_and_date():
    (found,) = policies_in(
        "Such promulgation was made before the implementation of the Foreign Investment Law "
        "of the People's Republic of China (“FIL”), which had been promulgated by the National "
        "People's Congress on 15 March 2019.")
    assert found.refs == ["National People's Congress"]
    assert found.issued_on == date(2019, 3, 15)


def test_implementing_regulations_of_a_law_are_not_that_law():
    from ingest.parsing.entries import same_policy
    from ingest.parsing.prose import Found
    law = Found("Foreign Investment Law of the People's Republic of China", "")
    assert not same_policy(law, Found("Implementing Regulations of the Foreign Investment Law "
                                      "of the People's Republic of China", ""))
    assert same_policy(Found("Interim Measures for Management of Widgets", ""),
                       Found("Interim Measures for the Management of Widgets", ""))


def test_two_titles_issued_together_are_two_policies_of_both_issuers():
    found = policies_in(
        "On July 16, 2014, the General Office of the Communist Party of China (“CPC”) Central "
        "Committee and the State Council jointly issued the Guiding Opinions on Comprehensively "
        "Promoting the Reform of Official Vehicles System and the Reform Scheme of the Official "
        "Vehicles System in Central and State Organs (collectively, the “Directives”).")
    assert [f.title for f in found] == [
        "Guiding Opinions on Comprehensively Promoting the Reform of Official Vehicles System",
        "Reform Scheme of the Official Vehicles System in Central and State Organs"]
    assert all(f.refs == ["General Office of the Communist Party of China Central Committee",
                          "State Council"] for f in found)


def test_finalised_formulated_and_issued_in_apposition_or_in_a_carrier_document():
    (final,) = policies_in("On 22 March 2024, the Cyberspace Administration of China (CAC) "
                           "finalized the Provisions on Promoting and Regulating Cross-Border "
                           "Data Flows.")
    assert final.refs == ["Cyberspace Administration of China (CAC)"]
    assert final.issued_on == date(2024, 3, 22)
    (formulated,) = policies_in("The PBOC and five other departments jointly formulated the "
                                "Measures for the Administration of Payment Institutions.")
    assert formulated.refs == ["PBOC"] and formulated.etc
    (apposed,) = policies_in("SAMR issued new rules, the Provisions on the Supervision of Food "
                             "Additives, on 3 June 2024.")
    assert apposed.title == "Provisions on the Supervision of Food Additives"
    assert apposed.refs == ["SAMR"]
    (carrier,) = policies_in(
        "The Ministry of Commerce (MOFCOM) and the General Administration of Customs (GAC) "
        "announced export controls on gallium and germanium in Announcement No. 23 of 2023.")
    assert carrier.title == "Announcement No. 23 of 2023"
    assert carrier.refs == ["Ministry of Commerce (MOFCOM)",
                            "General Administration of Customs (GAC)"]


def test_a_list_of_aims_after_an_issuing_verb_is_no_list_of_documents():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs(["The Overall Plan was formulated to:",
                                    "- facilitate the planning of the Hongqiao Hub; and",
                                    "- promote the collaborative opening of the Delta"])
    assert [f.title for f in found] == ["Overall Plan"]  # the plan itself, not its aims
    (draft,) = policies_in_paragraphs(["The NPCSC on December 29 released the following drafts:",
                                       "- Judges Law (Draft Revision)"])
    assert draft.title == "Judges Law (Draft Revision)" and draft.refs == ["NPCSC"]


def test_a_title_case_headline_may_end_with_a_full_stop_a_sentence_may_not():
    from ingest.parsing.page import is_headline
    assert is_headline("Latest Measures for Optimising Epidemic Prevention and Control.")
    assert not is_headline("MIIT issued the Circular on Further Clearing Up the Internet "
                           "Access Service Market on 10 May 2018.")


def test_posted_by_lines_and_authors_after_headlines_are_no_part_of_an_item():
    from ingest.parsing.entries import without_section_label
    from ingest.parsing.page import is_chrome
    assert is_chrome("Posted by Irene Piao on Dec 3, 2019")
    assert without_section_label("New Pesticide Residue Limits established for 43 compounds by "
                                 "Nikolaas Tilkin-Franssens") == (
        "New Pesticide Residue Limits established for 43 compounds")
    kept = "China Releases Files on the Purchasing of Foreign Aircraft by Leasing Companies"
    assert without_section_label(kept) == kept


def test_a_date_set_off_between_verb_and_title_dates_it():
    (found,) = policies_in("In addition to the PIPL, the NPC has also approved, on 10 June 2021,"
                           " the Data Security Law, which entered into effect on 1 September "
                           "2021.")
    assert found.title == "Data Security Law" and found.refs == ["NPC"]
    assert found.issued_on == date(2021, 6, 10)


def test_a_short_defined_term_inside_the_drafts_parentheses_ends_the_title():
    assert titles("the MOHRSS released the Interim Measures for Publicizing the Acts in Material "
                  "Violation of Labor Protection Laws (Draft for Comments) (Draft). The Draft "
                  "further interprets them.") == [
        "Interim Measures for Publicizing the Acts in Material Violation of Labor Protection "
        "Laws (Draft for Comments)"]


def test_a_title_takes_the_edition_the_text_gives_it_elsewhere():
    brief = parse_brief(
        "Medical devices market news\n\nThe National Medical Products Administration (NMPA) "
        "released a 2025 edition of its Catalogue of Medical Devices Exempted from Clinical "
        "Evaluation on 13 May 2025. The catalogue replaced the 2023 edition.\n\nThe Catalogue of"
        " Medical Devices Exempted from Clinical Evaluation (2025 Edition) is available on the "
        "NMPA's website.\n", filename="edition.txt")
    (policy,) = [i.policy for i in brief.items if i.policy]
    assert policy.title == ("Catalogue of Medical Devices Exempted from Clinical Evaluation "
                            "(2025 Edition)")


def test_a_parenthesised_promulgation_note_gives_a_legal_database_entry_its_issuer_and_date():
    from ingest.parsing.agencies import split_issuing
    assert split_issuing("the General Administration of Quality Supervision, Inspection and "
                         "Quarantine on April 4 2010 and effective as of June 1 2010.") == (
        ["the General Administration of Quality Supervision, Inspection and Quarantine"], False)
    brief = parse_brief(
        "Provisions for the Regulation of Food Additive Production\n\n"
        "The Provisions set forth the application procedure for a food additive production "
        "permit and require the keeping of production records.\n\n"
        "Clp Reference: 1740/10.04.04 Promulgated: 2010-04-04 Effective: 2010-06-01\n\n"
        "(Promulgated by the General Administration of Quality Supervision, Inspection and "
        "Quarantine on April 4 2010 and effective as of June 1 2010.)\n\n"
        "Article 1: These Provisions have been formulated in order to ensure food safety.\n",
        filename="clp.txt")
    assert brief.layout == "label_blocks"
    (policy,) = [i.policy for i in brief.items if i.policy]
    assert policy.title == "Provisions for the Regulation of Food Additive Production"
    assert policy.issued_on == date(2010, 4, 4)
    assert policy.agency_refs == [
        "the General Administration of Quality Supervision, Inspection and Quarantine"]


def test_a_notice_seeking_feedback_reports_the_draft_and_a_footnote_number_leaves_its_title():
    (found,) = policies_in("On April 3, 2019, the Ministry of Ecology and Environment issued a "
                           "notice [1] seeking feedback on the Provisional Administrative Rules "
                           "on Carbon Emission Trading.")
    assert found.title == "Provisional Administrative Rules on Carbon Emission Trading"
    assert found.refs == ["Ministry of Ecology and Environment"]
    assert titles("the CAC promulgated the finalised Standard Contract Measures for Exporting "
                  "Personal Information1 ('the Measures')") == [
        "Standard Contract Measures for Exporting Personal Information"]


def test_page_dates_under_a_prose_like_title_or_opening_it_but_not_an_adoption_note():
    under = parse_brief(
        "CPC's recommendations for new five-year plan prioritize building modernized "
        "industrial system, reinforcing real economy: official\n\nXinhua) 13:06, October 24, "
        "2025\n\nZheng Shanjie, head of the National Development and Reform Commission, spoke at "
        "a press conference held on the guiding principles of the plenary session.\n",
        filename="xinhua.txt")
    assert under.published_on == date(2025, 10, 24)
    opening = parse_brief("16/04/2018 MIIT Legislation Work Plan (2018) released\n\nMIIT "
                          "released the work plan on 4 April 2018, and the following tasks "
                          "shall be completed within the year.\n", filename="sesec.txt")
    assert opening.published_on == date(2018, 4, 16)
    adopted = parse_brief(
        "Decision of the Standing Committee of the National People's Congress on Improving the "
        "System of Recording and Review\n"
        "(2023年12月29日第十四届全国人民代表大会常务委员会第七次会议通过)\n"
        "The recording and review system is an important constitutional supervision system "
        "with Chinese characteristics and it shall be improved.\n", filename="npc.txt")
    assert adopted.published_on is None


NUMBERED = """China Regulatory Update – May 2024

{1} MIIT Issues Notice on Strengthening Vehicle Software Updates
On 5 May 2024, the Ministry of Industry and Information Technology (MIIT) issued the Notice on \
Strengthening the Management of Vehicle Software Updates, which requires filings.

{2} NDRC Releases Measures for Concession Projects
On 8 May 2024, the National Development and Reform Commission (NDRC) released the Measures for \
the Administration of Infrastructure and Public Utility Concessions.

{3} CAC Finalizes Rules on Cross-Border Data
On 22 March 2024, the Cyberspace Administration of China (CAC) issued the Provisions on \
Promoting and Regulating Cross-Border Data Flows.
"""


@pytest.mark.parametrize("marks", [("(1)", "(2)", "(3)"), ("1、", "2、", "3、"),
                                   ("I.", "II.", "III."), ("1.", "2.", "3.")])
def test_numbered_items_in_any_numbering_are_items_and_headlines_short_names_are_the_text_titles(
        marks):
    text = NUMBERED
    for n, mark in enumerate(marks, start=1):
        text = text.replace(f"{{{n}}}", mark)
    brief = parse_brief(text, filename="numbered.txt")
    assert [i.headline for i in brief.items] == [
        "MIIT Issues Notice on Strengthening Vehicle Software Updates",
        "NDRC Releases Measures for Concession Projects",
        "CAC Finalizes Rules on Cross-Border Data"]
    assert [(i.policy.title, i.policy.agency_refs) for i in brief.items] == [
        ("Notice on Strengthening the Management of Vehicle Software Updates",
         ["Ministry of Industry and Information Technology (MIIT)"]),
        ("Measures for the Administration of Infrastructure and Public Utility Concessions",
         ["National Development and Reform Commission (NDRC)"]),
        ("Provisions on Promoting and Regulating Cross-Border Data Flows",
         ["Cyberspace Administration of China (CAC)"])]


def test_a_tracker_table_row_gives_date_title_and_issuers_by_cell():
    brief = parse_brief(
        "Policy tracker\n\nDate | Document | Issuer\n"
        "2024-05-05 | Notice on Promoting the Development of Humanoid Robots | MIIT\n"
        "2024-05-08 | Implementation Plan for New Energy Storage (2024-2027) | NDRC, NEA\n"
        "2025-03-14 | Measures for Labelling AI-Generated Content | CAC\n", filename="table.txt")
    assert [(i.policy.title, i.policy.agency_refs, i.policy.issued_on) for i in brief.items] == [
        ("Notice on Promoting the Development of Humanoid Robots", ["MIIT"], date(2024, 5, 5)),
        ("Implementation Plan for New Energy Storage (2024-2027)", ["NDRC", "NEA"],
         date(2024, 5, 8)),
        ("Measures for Labelling AI-Generated Content", ["CAC"], date(2025, 3, 14))]


@pytest.mark.parametrize(("sentence", "title", "refs", "issued"), [
    ("工业和信息化部日前印发《关于加快推进人形机器人产业发展的指导意见》。",
     "关于加快推进人形机器人产业发展的指导意见", ["工业和信息化部"], None),
    ("近日，国家发展改革委、国家能源局联合印发《新型储能发展实施方案（2024—2027年）》。",
     "新型储能发展实施方案（2024—2027年）", ["国家发展改革委", "国家能源局"], None),
    ("《中华人民共和国民营经济促进法》已由第十四届全国人民代表大会常务委员会第十五次会议于2025年4月30日"
     "通过。", "中华人民共和国民营经济促进法", ["全国人民代表大会常务委员会"], date(2025, 4, 30)),
    ("《网络数据安全管理条例》已经2024年8月30日国务院第40次常务会议通过，现予公布。",
     "网络数据安全管理条例", ["国务院"], date(2024, 8, 30)),
])
def test_chinese_subjects_with_adverbs_and_chinese_passives_name_the_issuers(
        sentence, title, refs, issued):
    (found,) = policies_in(sentence)
    assert (found.chinese, found.refs, found.issued_on) == (title, refs, issued)


def test_a_law_cited_in_chinese_is_no_report():
    assert policies_in("根据《网络安全法》，由企业负责。") == []


def test_a_body_whose_name_holds_a_document_word_is_still_a_body():
    from ingest.parsing.issuers import issuers_in
    assert issuers_in("The State Administration for Market Regulation")[0] == [
        "State Administration for Market Regulation"]
    assert issuers_in("Administration Measures for Emergency Plans")[0] == []
    (found,) = policies_in("The State Administration for Market Regulation issued the Rules on "
                           "Pricing Behaviour of Internet Platforms.")
    assert found.refs == ["State Administration for Market Regulation"]


def test_every_registry_name_written_in_full_is_found_as_the_subject():
    """The People's Bank of China (not the 'Bank of China'), the State Administration of Radio,
    Film and Television (a comma inside the name), the Leading Groups, the CPPCC, the
    stock exchanges, 'China MSA': every registry name and alias, as the subject of an issuing
    sentence, resolves to its own agency."""
    import json
    from pathlib import Path

    from ingest.matching import AgencyMatcher
    records = json.loads((Path(__file__).resolve().parents[1] / "policies" / "data"
                          / "agencies.json").read_text(encoding="utf-8"))
    matcher = AgencyMatcher((r["abbreviation"], [r["abbreviation"], r["name"], r["chinese_name"],
                                                 *r["aliases"]]) for r in records)
    missed = []
    for rec in records:
        for name in [rec["name"], *(a for a in rec["aliases"] if a.isascii() and len(a) > 6)]:
            found = policies_in(f"On 5 May 2024, the {name} issued the Notice on Strengthening "
                                "the Management of Widget Factories.")
            keys = [matcher.resolve(ref) for ref in found[0].refs] if found else None
            if keys != [rec["abbreviation"]]:
                missed.append((rec["abbreviation"], name, keys))
    assert missed == []


def test_a_headlines_effective_date_does_not_date_its_policy():
    from ingest.parsing.entries import headline_date
    assert headline_date("State Council released the “Ecological Protection Compensation "
                         "Regulations”, effective June 1, 2024", []) is None
    assert headline_date("MIIT issues draft rules (5 May 2024)", []) == date(2024, 5, 5)


def test_a_listings_date_line_between_headline_and_text_keeps_the_item():
    brief = parse_brief(
        "Cosmetics news\n\n-\nProvisions for Supervision and Administration of Manufacturing "
        "and Marketing of Cosmetics\n2022-10-25\n(Promulgated by Decree No. 46 of the State "
        "Administration for Market Regulation on August 2, 2021, these Provisions shall be "
        "effective as of January 1, 2022.)\n-\nNMPA Announcement on the Good Manufacturing "
        "Practice for Cosmetics\n2022-01-07\nNMPA organized to formulate the Good Manufacturing"
        " Practice for Cosmetics, which was issued on January 6, and shall enter into force as "
        "of July 1, 2022.\n", filename="nmpa.txt")
    assert [i.headline for i in brief.items if i.headline] == [
        "Provisions for Supervision and Administration of Manufacturing and Marketing of "
        "Cosmetics", "NMPA Announcement on the Good Manufacturing Practice for Cosmetics"]


def test_a_listing_of_headline_colon_excerpt_entries_heads_each_item():
    brief = parse_brief(
        "China Green Insights\n\nJuly 2009\n\n"
        "GM & SAIC Strengthen Partnership: Shanghai Automotive Industry Corp. has recently "
        "announced it will use the same fuel cell system that powers the Equinox...More...\n\n"
        "New Environmental Tax Measures Issued by MEP: On 20 March 2009, the Ministry of "
        "Environmental Protection issued the Measures for the Acceleration of the Policy Reform "
        "of Environmental Taxes, reforming the environmental tax regime... More...\n",
        filename="green.txt")
    assert [i.headline for i in brief.items] == ["GM & SAIC Strengthen Partnership",
                                                 "New Environmental Tax Measures Issued by MEP"]
    assert brief.items[1].policy.issued_on == date(2009, 3, 20)


def test_continue_reading_glued_to_an_excerpt_names_its_post_and_the_posts_headings_do_not():
    brief = parse_brief(
        "Introduction\n\nOn December 2, 2013, the State Council issued the Circular Concerning "
        "Catalogue of Investment Projects Requiring Government Approval (2013 Version) and "
        "introduced new changes to approvals.Continue Reading China to Relax Governmental "
        "Approvals for Outbound Investment\n\nStricter Blacklist Regime\n\nOn December 25, "
        "2013, the National Health and Family Planning Commission issued new rules on "
        "pharmaceutical corruption in hospitals.Continue Reading China Cracking Down On "
        "Pharmaceutical Corruption\n", filename="teasers.txt")
    assert [i.headline for i in brief.items if i.headline] == [
        "China to Relax Governmental Approvals for Outbound Investment",
        "China Cracking Down On Pharmaceutical Corruption"]


def test_a_month_alone_under_the_title_dates_the_issue_and_an_intro_without_issuer_lists_nothing():
    from ingest.parsing.prose import policies_in_paragraphs
    brief = parse_brief("China Green Insights\n\nJuly 2009\n\nThe Ministry of Environmental "
                        "Protection issued the Measures for Environmental Taxes on 20 March "
                        "2009, reforming the environmental tax regime for polluters.\n",
                        filename="month.txt")
    assert (brief.published_on, brief.published_precision) == (date(2009, 7, 1), "month")
    assert policies_in_paragraphs(["The revised regulations including:",
                                   "- Clarifying the positioning and scope of industry standards;"
                                   ]) == []


def test_the_body_whose_document_others_comment_on_is_its_issuer():
    (draft,) = policies_in(
        "On August 26, AmCham Shanghai and AmCham China jointly submitted comments on the China "
        "Food and Drug Administration (CFDA)’s draft amendments to the Drug Registration "
        "Regulations.")
    assert (draft.title, draft.refs) == ("Drug Registration Regulations",
                                         ["China Food and Drug Administration (CFDA)"])
    (rules,) = policies_in("AmCham Shanghai submitted comments on the State Administration for "
                           "Industry and Commerce’s Regulations on the Protection of Consumers.")
    assert rules.refs == ["State Administration for Industry and Commerce"]


def test_a_listing_excerpt_that_starts_with_its_first_post_keeps_that_posts_headline():
    brief = parse_brief(
        "China Issues New National Drafts Standards for the Dairy Industry\n\n"
        "Posted by Siyu Zeng on Apr 13, 2020\n\nOn April 08, 2020, the National Health "
        "Commission has published two new draft documents that are relevant for dairy.\n\n"
        "China Proposes to Expand Allowed Food Contact Materials List\n\nPosted by Irene Piao on "
        "Dec 3, 2019\n\nOn December 02, 2019, the China National Center For Food Safety Risk "
        "Assessment has notified the publication of a new draft document on food contact.\n\n"
        "China Releases the Health Food Naming Guide - 2019 Edition\n\nPosted by Irene Piao on "
        "Nov 12, 2019\n\nOn November 10, 2019, the State Administration for Market Regulation "
        "announced the release of a naming guide for health foods.\n", filename="posts.txt")
    assert [i.headline for i in brief.items if i.headline][:3] == [
        "China Issues New National Drafts Standards for the Dairy Industry",
        "China Proposes to Expand Allowed Food Contact Materials List",
        "China Releases the Health Food Naming Guide - 2019 Edition"]
    assert titles("China Releases New Administrative Measures for Drug Recall") == [
        "Administrative Measures for Drug Recall"]


def test_a_bulleted_contents_list_of_news_headlines_gives_each_its_item():
    brief = parse_brief(
        "China Law Deskbook Legal Update – March/April 2013\n\nThe new issue is available as a "
        "complimentary PDF download and contains details of new laws and regulations.\n\n"
        "Included in this month’s issue are comments on the following new laws:\n\n"
        "  • MEP issues list of targeted chemicals and industry sectors for closer supervision\n"
        "  • NPC Standing Committee adopted a new Tourism Law designed to better control the "
        "industry\n"
        "  • SPC adopts criminal sanction standards for crimes involving extortion\n",
        filename="deskbook.txt")
    assert [i.headline for i in brief.items if i.headline] == [
        "MEP issues list of targeted chemicals and industry sectors for closer supervision",
        "NPC Standing Committee adopted a new Tourism Law designed to better control the "
        "industry",
        "SPC adopts criminal sanction standards for crimes involving extortion"]
    assert [(i.policy.title, i.policy.agency_refs) for i in brief.items if i.policy] == [
        ("Tourism Law", ["NPC Standing Committee"])]


@pytest.mark.parametrize(("subject", "refs"), [
    ("China's top economic planner, the National Development and Reform Commission (NDRC), "
     "issued", ["National Development and Reform Commission (NDRC)"]),
    ("Chinese regulators including the CSRC and the PBOC released", ["CSRC", "PBOC"]),
    ("The MIIT, along with the NDRC, released", ["MIIT", "NDRC"]),
    ("The NDRC on Monday unveiled", ["NDRC"]),
    ("China’s cyberspace regulator, the CAC, released", ["CAC"]),
    ("The Supreme People's Court and the Supreme People's Procuratorate jointly issued",
     ["Supreme People's Court", "Supreme People's Procuratorate"]),
])
def test_the_ways_a_sentence_names_its_issuers(subject, refs):
    (found,) = policies_in(f"{subject} the Notice on Strengthening the Management of Widgets.")
    assert found.refs == refs


def test_a_date_label_under_an_entrys_headline_dates_its_policy():
    labelled = parse_brief(
        "Regulatory Newsletter – Issue 12\n\n1. MIIT Issues Notice on Industrial Internet "
        "Security\nDate: 5 May 2024\nThe Ministry of Industry and Information Technology issued "
        "the Notice on Strengthening Industrial Internet Security, requiring classification.\n\n"
        "2. NDRC Publishes Measures for Price Supervision\nDate: 8 May 2024\nThe NDRC published "
        "the Measures for Price Supervision of Electricity Markets.\n", filename="dated.txt")
    assert [i.policy.issued_on for i in labelled.items] == [date(2024, 5, 5), date(2024, 5, 8)]


def test_two_full_body_names_joined_by_and_are_two_issuers_and_a_number_is_no_body():
    from ingest.parsing.agencies import split_issuing
    from ingest.parsing.prose import title_issuers
    assert split_issuing("Supreme People's Procuratorate and Ministry of Public Security") == (
        ["Supreme People's Procuratorate", "Ministry of Public Security"], False)
    assert split_issuing("Ministry of Industry and Information Technology") == (
        ["Ministry of Industry and Information Technology"], False)
    assert titles("the Notice of People’s Bank of China No.7 [2018] was issued") == [
        "Notice of People’s Bank of China No.7 [2018]"]
    assert title_issuers("Notice of People’s Bank of China No.7 [2018]") == [
        "People’s Bank of China"]


def test_credits_and_category_lines_are_page_furniture_and_an_as_of_date_dates_nothing():
    from ingest.parsing.entries import headline_date
    from ingest.parsing.page import is_chrome
    assert is_chrome("Posted on Categories Copyright, New Law, Rule or Implementing Regulation")
    assert is_chrome("Translator: Etcetera Language Group, Inc.")
    assert is_chrome("Editor: Ben Murphy, CSET Translation Lead")
    assert headline_date("US $1 ≈ 7 Chinese Yuan Renminbi (RMB), as of December 9, 2019",
                         []) is None


def test_a_bullet_alone_above_a_listing_is_no_title():
    brief = parse_brief("•\nThe National Medical Products Administration (NMPA) has launched a "
                        "new column on its official website to provide a centralized resource "
                        "for patients and healthcare providers.\n", filename="bullet.txt")
    assert brief.title.startswith("The National Medical Products Administration")


def test_a_national_standards_series_and_its_committee_are_read_whole():
    (found,) = policies_in(
        "On October 31, 2025, the National Technical Committee 260 on Cybersecurity of SAC "
        "(TC260) released a draft titled Data Security Technology – Requirements for Data "
        "Security Protection (hereafter referred to as the Draft).")
    assert found.title == "Data Security Technology – Requirements for Data Security Protection"
    assert found.refs == ["National Technical Committee 260 on Cybersecurity of SAC (TC260)"]
    assert titles("a third draft of the Information Security Technology – Personal Information "
                  "Security Specification.") == [
        "Information Security Technology – Personal Information Security Specification"]
    assert titles("MIIT – Notice on Widgets") == ["Notice on Widgets"]  # a site's agency label


def test_china_before_an_agencys_abbreviation_is_no_part_of_its_name():
    from ingest.parsing.issuers import issuers_in
    assert issuers_in("China NMPA")[0] == ["NMPA"]
    assert issuers_in("China Securities Regulatory Commission")[0] == [
        "China Securities Regulatory Commission"]
    (found,) = policies_in("On Oct. 21, 2022, China NMPA issued the draft of Administrative "
                           "Measures for Good Laboratory Practice (GLP) Certification.")
    assert found.refs == ["NMPA"] and found.issued_on == date(2022, 10, 21)


def test_a_law_a_document_is_formulated_on_the_basis_of_is_no_report():
    assert policies_in("Article 1: These Measures are formulated on the basis of the "
                       "Anti-Monopoly Law of the People's Republic of China.") == []


def test_a_quoted_name_an_issuing_verb_takes_and_good_practices_are_documents():
    (pilot,) = policies_in("To offer support to the market, the CSRC issued its “Real Estate "
                           "Private Equity Investment Funds Pilot”, aimed at small funds.")
    assert (pilot.title, pilot.refs) == ("Real Estate Private Equity Investment Funds Pilot",
                                         ["CSRC"])
    assert policies_in("He said “we will work hard” yesterday.") == []
    (gmp,) = policies_in("The NMPA issued the newly revised Medical Device Good Manufacturing "
                         "Practice (hereinafter referred to as the GMP).")
    assert (gmp.title, gmp.refs) == ("Medical Device Good Manufacturing Practice", ["NMPA"])
    assert titles("Understanding China's Good Laboratory Practice (GLP) Certification "
                  "Regulation Draft") != [
        "Understanding China's Good Laboratory Practice (GLP) Certification Regulation Draft"]


def test_a_notice_that_issues_a_document_hereby_is_signed_by_its_issuer_and_dated_under_it():
    from ingest.parsing.prose import policies_in_paragraphs
    (found,) = policies_in_paragraphs([
        "To all ministries: The Widget Safety Plan is hereby printed and distributed to you.",
        "Ministry of Commerce",
        "March 3, 2031"])
    assert (found.title, found.refs, found.issued_on) == (
        "Widget Safety Plan", ["Ministry of Commerce"], date(2031, 3, 3))
    (found,) = policies_in_paragraphs([
        "The Widget Safety Plan is hereby issued. Please implement it.",
        "State Council November 29, 2031 (This circular is released publicly)"])
    assert (found.refs, found.issued_on) == (["State Council"], date(2031, 11, 29))
    # a report that names a document is no notice: the lines after it sign nothing
    (found,) = policies_in_paragraphs(["The Widget Safety Plan was issued last week.",
                                       "Ministry of Commerce", "March 3, 2031"])
    assert (found.refs, found.issued_on) == ([], None)


def test_a_promulgation_note_names_the_body_after_its_order_number_and_the_date_after_it():
    brief = parse_brief(
        "Widget News\n\n"
        "Provisions on the Supervision of Widget Makers\n\n"
        "(Promulgated by Decree No. 46 of the State Administration for Market Regulation on "
        "August 2, 2031, these Provisions shall be effective as of January 1, 2032.)\n\n"
        "Measures for the Registration of Gadget Importers\n\n"
        "(Promulgated by Order No. 7 of the Ministry of Commerce on 5 May 2031, these Measures "
        "shall take effect on 1 July 2031.)\n\n", filename="x.txt")
    got = [(i.policy.title, i.policy.agency_refs, i.policy.issued_on) for i in brief.items
           if i.policy]
    assert got == [
        ("Provisions on the Supervision of Widget Makers",
         ["State Administration for Market Regulation"], date(2031, 8, 2)),
        ("Measures for the Registration of Gadget Importers", ["Ministry of Commerce"],
         date(2031, 5, 5))]
    from ingest.parsing.agencies import split_issuing
    assert split_issuing("Order No. 7 of the Ministry of Commerce") == (
        ["the Ministry of Commerce"], False)


def test_a_notice_that_prints_and_distributes_a_document_reports_on_that_document():
    (found,) = policies_in("On 5 May 2031, the SAMR issued an announcement No. 12/2031 on the "
                           "Printing and Distributing of the Code of Conduct for Widget Sales "
                           "(Trial).")
    assert (found.title, found.refs, found.issued_on) == (
        "Code of Conduct for Widget Sales (Trial)", ["SAMR"], date(2031, 5, 5))
    (found,) = policies_in("The MIIT released a circular on issuing the Measures for the "
                           "Administration of Gadget Ports.")
    assert (found.title, found.refs) == ("Measures for the Administration of Gadget Ports",
                                         ["MIIT"])


def test_a_headline_of_a_circular_distributing_a_quoted_document_names_that_document():
    from ingest.parsing.policy_titles import whole_title
    span = whole_title('Ministry of Education and Ministry of Finance Circular on Printing and '
                       'Distributing "Measures on the Management of Widget Schools"')
    assert span.english == "Measures on the Management of Widget Schools"
    from ingest.parsing.prose import title_issuers
    assert title_issuers(span.carrier) == ["Ministry of Education", "Ministry of Finance"]
    span = whole_title('Circular Concerning Printing and Distribution of "Hunan Province '
                       'Provisional Measures for the Management of Widget Venues"')
    assert span.english == "Hunan Province Provisional Measures for the Management of Widget Venues"
    # a notice that issues an unquoted document is a title of its own
    assert whole_title("Notice of the State Council on Issuing the Working Rules of the State "
                       "Council").english.startswith("Notice of the State Council")


def test_a_plan_an_issuing_verb_takes_is_named_by_what_it_is_dubbed():
    (found,) = policies_in("SHANGHAI, June 3 (Xinhua) — China’s State Council has unveiled a "
                           "national plan, dubbed “Widgets for All 2040,” focusing on gadgets.")
    assert (found.title, found.refs, found.issued_on) == ("Widgets for All 2040",
                                                          ["State Council"], None)
    (found,) = policies_in("The MIIT released a new strategy recently, known as “Smart Gadget "
                           "Action”.")
    assert (found.title, found.refs) == ("Smart Gadget Action", ["MIIT"])


def test_a_news_dateline_is_no_issuing_date():
    (found,) = policies_in("Shanghai, (Widget Daily Online), May 22, 2031 – The MIIT issued "
                           "the Measures for the Administration of Gadget Ports.")
    assert (found.refs, found.issued_on) == (["MIIT"], None)


def test_an_order_or_a_consultation_notice_carries_the_document_it_acts_on():
    # the verb's object is the order or notice; the document it amends or consults on is the
    # one reported, issued by the sentence's subject
    (found,) = policies_in("On 3 May 2031, the SAMR issued an order (SAMR Order No. 12) to "
                           "amend the Provisions on the Supervision of Widget Makers.")
    assert (found.title, found.refs, found.issued_on) == (
        "Provisions on the Supervision of Widget Makers", ["SAMR"], date(2031, 5, 3))
    (found,) = policies_in("The Ministry of Widgets recently issued a notice of Public "
                           "Consultation for the Opinions on Several Issues of Widget Fines.")
    assert (found.title, found.refs) == ("Opinions on Several Issues of Widget Fines",
                                         ["Ministry of Widgets"])
    (found,) = policies_in("The CAC published a notice soliciting public comments on the "
                           "Measures for Gadget Exports.")
    assert (found.title, found.refs) == ("Measures for Gadget Exports", ["CAC"])
    # an order that merely accompanies the document is no carrier of it
    assert policies_in("The SAMR issued an order to widget makers on the basis of the Widget "
                       "Law.") == []


def test_a_quoted_name_with_a_small_word_inside_stays_part_of_the_title():
    assert titles("The MEE issued the Opinions on Fines for the Illegal Activities of "
                  "“Production before Final Acceptance” (the Opinions).") == [
        "Opinions on Fines for the Illegal Activities of “Production before Final Acceptance”"]


def test_a_date_labelled_as_the_page_date_is_no_issuing_date():
    (found,) = policies_in("date 2031-07-21 To curb widget abuse, the SAMR issued the "
                           "Provisions on Widget Abuse.")
    assert (found.refs, found.issued_on) == (["SAMR"], None)


def test_a_date_label_opening_the_first_line_dates_the_page():
    brief = parse_brief("date 2031-07-21 To curb widget abuse, the SAMR issued the Provisions "
                        "on Widget Abuse, which the agency says will protect innovation.\n",
                        filename="x.txt")
    assert brief.published_on == date(2031, 7, 21)


PROSE = ("\nThe Ministry of Widgets issued the Measures for Widget Safety, which require every "
         "maker to register its widgets.\n")


def test_a_date_field_on_a_pages_metadata_line_dates_the_page():
    """'Source: MOW View: 541 Date: 2031-05-16', '来源:某市政府门户网 日期:2031-01-12 17:08',
    'Time:2031-08-02' under the title: the page's date."""
    for meta, day in (("Source: MOW View: 541 Date: 2031-05-16", date(2031, 5, 16)),
                      ("来源:某市政府门户网 日期:2031-01-12 17:08 字号:【", date(2031, 1, 12)),
                      ("Time:2031-08-02", date(2031, 8, 2)),
                      ("来源:某市政府门户网 发布时间:2031-01-12 10:00", date(2031, 1, 12)),
                      ("Source: Xinhua Last updated: 2031-01-12 10:00", date(2031, 1, 12))):
        brief = parse_brief(f"Measures for Widget Safety\n{meta}\n{PROSE}", filename="x.txt")
        assert brief.published_on == day, meta


def test_a_date_among_a_metadata_lines_parts_dates_the_page():
    for meta in ("updated on 30 June 2031 | reading time approx. 3 minutes",
                 "Commentary by Ann Lee & Bo Chen • June 30, 2031",
                 "Lee & Chen Mergers & Acquisitions Practice" + " " * 60
                 + "June 30, 2031 | Number 2531"):
        brief = parse_brief(f"Widget rules tighten\n\n{meta}\n{PROSE}", filename="x.txt")
        assert brief.published_on == date(2031, 6, 30), meta


def test_a_posted_line_under_a_posts_first_paragraph_dates_the_page():
    """'Posted: 07/02/2031 By: Professor Ann Lee' below the first paragraph: the post's date
    (day first); a 'Posted:' line that goes on about something else is none."""
    text = ("Draft widget rules published\n{first}\nPosted: 07/02/2031 {rest}\n\nMore on the "
            "draft and what it means for widget makers follows below.\n")
    first = ("On 8 January 2031, the Ministry of Widgets published the draft Regulation on Widget "
             "Risks for public comments until 20 February 2031.")
    brief = parse_brief(text.format(first=first, rest="By: Professor Ann Lee"), "x.txt")
    assert brief.published_on == date(2031, 2, 7)
    brief = parse_brief(text.format(first=first, rest="the draft was revised twice"), "x.txt")
    assert brief.published_on is None


def test_a_systems_stamp_with_its_time_and_a_byline_dates_the_page():
    """'Tue Dec 31 11:45:00 CST 2031 发布人:Editor', '2031-12-31 11:45 By Ann Lee': when the page
    was posted."""
    for stamp in ("Tue Dec 31 11:45:00 CST 2031 发布人:Editor", "2031-12-31 11:45 By Ann Lee",
                  "iconDec 31, 2031 13:26"):  # an icon's name glued to it
        text = f"NEWS\n\nWidget office seeks comments on widget rules\n\n{stamp}\n{PROSE}"
        assert parse_brief(text, filename="x.txt").published_on == date(2031, 12, 31), stamp


def test_a_documents_date_field_is_no_page_date():
    """'Publish Date:', 'Effective Date: ... | Status:', '成文日期:', or 'Date:' among a label
    block's fields: the document's date, not the page's."""
    for meta in ("Publish Date: January 5, 2031", "Effective Date: 2031-05-16 | Status: valid",
                 "Release Date:    2031.05.16    ", "| Release date | 2031-05-16 |",
                 "Measures for the Administration of Widgets     2031-05-16     MOW",
                 "来源:某市政府 成文日期:2031-01-12", "Issuing authority: MOW\nDate: 2031-05-16"):
        brief = parse_brief(f"Measures for Widget Safety\n{meta}\n{PROSE}", filename="x.txt")
        assert brief.published_on is None, meta


def test_documents_an_issuing_verb_lists_after_such_as_are_each_reported_with_its_subject():
    found = policies_in("Since then, the CAC has released a series of supporting regulations "
                        "for implementing the Widget Law, such as the Measures for Widget "
                        "Exports (April 11, 2031), Regulations on Gadget News (May 2, 2031) and "
                        "Provisions on Gizmo Reviews (May 2, 2031).")
    assert [(f.title, f.refs) for f in found] == [
        ("Measures for Widget Exports", ["CAC"]), ("Regulations on Gadget News", ["CAC"]),
        ("Provisions on Gizmo Reviews", ["CAC"])]  # not the Widget Law they implement
    (found,) = policies_in("The MIIT issued two documents, including the Notice on Gadget "
                           "Ports.")
    assert (found.title, found.refs) == ("Notice on Gadget Ports", ["MIIT"])


def test_a_title_runs_on_through_to_be_and_a_capitalised_participle():
    assert titles("The CAC released the Measures for the Assessment of Widget Data to be "
                  "Transmitted Abroad (Draft) on 1 May.") == [
        "Measures for the Assessment of Widget Data to be Transmitted Abroad (Draft)"]


def test_a_date_in_parentheses_after_a_listed_title_dates_that_title_alone():
    found = policies_in("The CAC has released several regulations, such as the Measures for "
                        "Widget Exports (April 11, 2031) and Regulations on Gadget News (May 2, "
                        "2031).")
    assert [(f.title, f.issued_on) for f in found] == [
        ("Measures for Widget Exports", date(2031, 4, 11)),
        ("Regulations on Gadget News", date(2031, 5, 2))]


def test_a_report_without_a_subject_takes_the_issuer_an_earlier_sentence_named():
    from ingest.parsing.prose import policies_in_paragraphs
    (found,) = policies_in_paragraphs([
        "On 3 May 2031, the Widget Regulatory Commission (WRC) published new rules on widget "
        "listings. They take effect in June.",
        "The newly released set of rules consists of four documents, including the Measures "
        "for the Listing of Widgets (the Measures)."])
    assert (found.title, found.refs, found.issued_on) == (
        "Measures for the Listing of Widgets", ["Widget Regulatory Commission (WRC)"],
        date(2031, 5, 3))
    # a document cited later with no verb of its own stays no one's
    found = policies_in_paragraphs([
        "The WRC published new rules on widget listings.",
        "The Law on the Promotion of Widgets took effect in 2030."])
    assert [(f.title, f.refs) for f in found] == [("Law on the Promotion of Widgets", [])]


def test_a_term_s_abbreviation_before_the_defined_term_stays_in_the_title():
    assert titles("The MIIT released the Circular on Piloting Smart Connected Widgets (SCWs) "
                  "(the Circular).") == ["Circular on Piloting Smart Connected Widgets (SCWs)"]
    # a body's abbreviation after its name is no part of the title
    assert titles("The Measures of the Widget Administration (WA) (the Measures) apply.") == [
        "Measures of the Widget Administration"]


@pytest.mark.parametrize("span", ["April and May 2015", "June–August 2025", "June - July 2024",
                                  "March to May 2023", "July/August 2022"])
def test_a_span_of_months_dates_no_document(span):
    """"In April and May 2015, X promulgated A and B": neither document was issued in May."""
    from ingest.parsing.date_mentions import date_mentions, stated_period

    assert date_mentions(f"In {span}, the General Office issued them.") == []
    assert len(stated_period(f"{span}: the recap").months) > 1
    policies = policies_in(f"In {span}, the State Council issued the Opinions on Testing "
                           "Spans and the Measures for Testing Months.")
    assert policies and all(p.issued_on is None for p in policies)


def test_a_month_with_its_issues_number_on_a_line_dates_the_page_to_the_month():
    brief = parse_brief("Widget Tax News Flash\n\nJul 2031, Issue 25\n\nThe negative list of "
                        "the widget catalogue is further shortened to open the market to foreign "
                        "capital, the State Council said.\n", filename="flash.txt")
    assert (brief.published_on, brief.published_precision) == (date(2031, 7, 1), "month")


def test_a_series_name_and_a_month_as_the_title_date_the_page_to_the_month():
    """'Widget Agenda China: February 2031 | Practical Law': the issue's month; a document's
    title before the month ('Measures for Widget Safety: June 2031') is none."""
    body = ("\n\nA look back at the most recent legal developments for counsel working on "
            "widget matters, and what they mean for the year ahead.\n")
    brief = parse_brief("Widget Agenda China: February 2031 | Practical Law" + body, "x.txt")
    assert (brief.published_on, brief.published_precision) == (date(2031, 2, 1), "month")
    assert parse_brief("Measures for Widget Safety: June 2031" + body, "x.txt").published_on \
        is None


def test_a_span_of_months_in_an_issues_title_is_no_page_date():
    text = ("June–August 2025: Monthly Recap of the Legislature\n\nWelcome back to the monthly "
            "newsletter about the legislature and what it did over the summer.\n")
    assert parse_brief(text, "recap.txt").published_on is None


def test_a_document_named_by_its_number_and_year_is_reported_on_by_that_name():
    """'published a Circular 76/2018 extending ...': some publishers name a circular only by
    its number in that year."""
    (found,) = policies_in("The Ministry of Widgets has published a Circular 76/2031 extending "
                           "the loss carry forward period for widget firms to ten years.")
    assert (found.title, found.refs) == ("Circular 76/2031", ["Ministry of Widgets"])
    assert titles("the Circular 76 on widgets and 12/05 of the plan") == ["Circular 76"]


def test_a_heading_that_gives_a_documents_number_then_its_title_is_that_title():
    """'MOFCOM Announcement No. 61 of 2031: Announcement of the Decision to Implement Export
    Controls on Widgets': the number names the document, the title after the colon is its
    title, and the body before the number issued it."""
    from ingest.parsing.policy_titles import whole_title

    span = whole_title("MOFCOM Announcement No. 61 of 2031: Announcement of the Decision to "
                       "Implement Export Controls on Relevant Widget Items")
    assert span is not None and span.english == (
        "Announcement of the Decision to Implement Export Controls on Relevant Widget Items")
    assert span.carrier == "MOFCOM Announcement No. 61 of 2031"
    brief = parse_brief(
        "MOFCOM Announcement No. 61 of 2031: Announcement of the Decision to Implement Export "
        "Controls on Relevant Widget Items\n"
        "[Issuing Unit] Widget Security and Control Bureau\n"
        "[Issuing Date] October 9, 2031\n"
        "To safeguard national security and interests, in accordance with the Export Control "
        "Law, the following export control measures on widgets have been implemented:\n"
        "I. Overseas organisations must apply for a licence before they export the widget "
        "items listed in Annex 1 to this Announcement to any country.\n", "announcement.txt")
    found = [i.policy for i in brief.items if i.policy is not None]
    assert [(p.title, p.agency_refs) for p in found][:1] == [
        ("Announcement of the Decision to Implement Export Controls on Relevant Widget Items",
         ["MOFCOM"])]


def test_a_laws_chapter_heading_is_no_policy_of_a_full_text_page():
    """'Chapter 1 General Provisions' heads a chapter of the document the page prints in full;
    its 'Provisions' names no document of its own."""
    from ingest.parsing.headings import heading_policies

    paras = [(1, "Interim Measures for the Management of Widget Recycling"),
             (2, "Chapter 1 General Provisions"), (3, "Article 1"),
             (4, "In order to strengthen the management of widget recycling, these measures are "
                 "formulated in accordance with the relevant laws and regulations.")]
    assert [f.title for _, f in heading_policies(paras)] == [
        "Interim Measures for the Management of Widget Recycling"]


def test_a_list_of_capitalised_names_inside_a_title_stays_in_it():
    """'Interim Measures for Hong Kong, Macao, and Taiwanese Residents to ...': the commas of a
    list of places inside a title; a list of documents is still three titles."""
    assert titles("Pursuant to the Interim Measures for Hong Kong, Macao, and Taiwanese "
                  "Residents to Participate in Widget Insurance in the Mainland (Measures), "
                  "employers must enrol them.") == [
        "Interim Measures for Hong Kong, Macao, and Taiwanese Residents to Participate in "
        "Widget Insurance in the Mainland"]
    assert titles("The MOFT issued the Provisions on Widgets, the Measures for Gadgets, and "
                  "the Rules on Gizmos.") == [
        "Provisions on Widgets", "Measures for Gadgets", "Rules on Gizmos"]
    assert titles("It issued the Widget Plan, MIIT and NDRC said on Monday.") == ["Widget Plan"]


def test_a_decimal_point_inside_a_standards_number_ends_no_sentence():
    found = policies_in(
        "On May 3, the MEE adopted the standards Technical Guidelines for Soil Sampling "
        "(HJ 25.2-2019) and Technical Guidelines for Monitoring Groundwater Wells, which cover "
        "3.5 million sites.")
    soil, wells = found
    assert soil.title.startswith("Technical Guidelines for Soil Sampling")
    assert wells.title == "Technical Guidelines for Monitoring Groundwater Wells"
    assert all(f.refs == ["MEE"] for f in found)


def test_a_chinese_name_in_square_brackets_is_the_titles_chinese_title():
    (span,) = find_titles("Last week the Rural Roads Law [农村公路法] was debated again.")
    assert (span.english, span.chinese) == ("Rural Roads Law", "农村公路法")


def test_a_note_in_parentheses_after_a_title_that_says_it_was_adopted_reports_on_it():
    roads, parks = policies_in(
        "On March 1, the Rural Roads Law [农村公路法] (adopted on Oct. 9, 2023) and the "
        "amendment to the National Parks Law (adopted on Dec. 2, 2023) took effect.")
    assert (roads.title, roads.chinese, roads.issued_on) == (
        "Rural Roads Law", "农村公路法", date(2023, 10, 9))
    assert (parks.title, parks.issued_on) == ("National Parks Law", date(2023, 12, 2))
    assert policies_in("The Rural Roads Law (see our note of May) is short.") == []


def test_the_date_after_a_passive_verbs_short_agent_dates_the_document_an_effect_date_does_not():
    (found,) = policies_in("The Seed Export Rules (issued by MOA on 3 March 2021) apply.")
    assert (found.refs, found.issued_on) == (["MOA"], date(2021, 3, 3))
    (found,) = policies_in("The Seed Export Rules were issued by MOA and take effect on "
                           "3 March 2021.")
    assert (found.refs, found.issued_on) == (["MOA"], None)


def test_a_title_a_relative_clause_says_a_body_issued_is_reported_with_that_body():
    (found,) = policies_in(
        "Under the Measures for Farm Credit Insurance (the Measures), which the Ministry of "
        "Finance (MOF) and the SAT jointly issued, insurers must report losses monthly.")
    assert found.title == "Measures for Farm Credit Insurance"
    assert found.refs == ["Ministry of Finance (MOF)", "SAT"]
    assert policies_in("Under the Measures for Farm Credit Insurance, which the SAT regards "
                       "as a model, insurers must report losses monthly.") == []


def test_a_revised_title_that_a_passive_verb_says_a_body_published_is_that_bodys():
    (found,) = policies_in(
        "Last week the revised version of the Measures for Licensing Drone Pilots (Draft) was "
        "published by the Civil Aviation Administration of China (CAAC) for comments.")
    assert found.refs == ["Civil Aviation Administration of China (CAAC)"]
    (found,) = policies_in("The CAAC revised the Measures for Licensing Drone Pilots.")
    assert found.refs == ["CAAC"]


def test_a_document_a_body_drafted_is_reported_with_that_body():
    (found,) = policies_in("The “Measures for Labelling Seed Packages” have been drafted by "
                           "the MOA to improve traceability.")
    assert (found.title, found.refs) == ("Measures for Labelling Seed Packages", ["MOA"])
    (found,) = policies_in("On 3 May, the MOA drafted the Measures for Labelling Seed Packages.")
    assert found.refs == ["MOA"]


def test_a_list_intro_that_points_back_takes_the_issuer_of_the_sentence_before_it():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "On 3 May 2022, the Ministry of Agriculture and Rural Affairs (MARA) released two "
        "technical guidelines on seed storage. These guidelines include:",
        "1. Guidelines for Cold Storage of Maize Seeds",
        "2. Guidelines for Humidity Control in Seed Warehouses"])
    assert [f.title for f in found] == ["Guidelines for Cold Storage of Maize Seeds",
                                        "Guidelines for Humidity Control in Seed Warehouses"]
    assert all(f.refs == ["Ministry of Agriculture and Rural Affairs (MARA)"]
               and f.issued_on == date(2022, 5, 3) for f in found)


def test_a_numbered_list_run_into_its_intros_line_is_read_as_its_entries():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "On 9 June 2031, the Gadgetland Widget Bureau (GWB) issued three documents on widget "
        "safety. These documents include: 1. Measures for Labelling Widgets 2. Rules for "
        "Recycling Widgets 3. Guidelines for Storing Widgets In conjunction with them, the "
        "bureau opened a hotline for widget makers."])
    assert [(f.title, f.refs, f.issued_on) for f in found] == [
        (title, ["Gadgetland Widget Bureau (GWB)"], date(2031, 6, 9))
        for title in ("Measures for Labelling Widgets", "Rules for Recycling Widgets",
                      "Guidelines for Storing Widgets")]
    # numbered aims are no documents
    assert policies_in_paragraphs(["The GWB set two aims: 1. cut widget waste 2. raise widget "
                                   "output by a tenth."]) == []
    # without a sentence reporting documents, "They include:" lists no policies
    assert policies_in_paragraphs(["Farmers face two risks. They include:",
                                   "- Late Frost", "- Dry Summers"]) == []


def test_documents_listed_after_a_sentence_that_names_no_issuer_are_listed_without_one():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "Since then, many rules and standards have been issued to implement it. These "
        "include, among others:",
        "- Rules on Labelling Seed Packages, effective from 1 June 2021; and",
        "- Technical Specification for Seed Purity (TSSP Specification), as amended in 2022."])
    assert [(f.title, f.refs) for f in found] == [("Rules on Labelling Seed Packages", []),
                                                  ("Technical Specification for Seed Purity", [])]


def test_the_passage_or_release_of_a_title_reports_it_but_not_since_its_promulgation():
    (found,) = policies_in("The passage of China's Widget Law on August 30 completed a "
                           "13-year drafting process.")
    assert (found.title, found.refs, found.issued_on) == ("Widget Law", [], None)
    (found,) = policies_in("Makers welcomed the release of the Measures on Widgets, by the "
                           "Ministry of Widgets.")
    assert (found.title, found.refs) == ("Measures on Widgets", ["Ministry of Widgets"])
    for cited in ("Since the promulgation of the Widget Law, makers have registered widgets.",
                  "Following the release of the Measures on Widgets, makers must comply.",
                  "Prior to the issuance of the Notice on Widgets, makers waited."):
        assert policies_in(cited) == [], cited


def test_a_bracketed_note_after_a_lists_introduction_leaves_it_introducing_the_list():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "On March 30, 2031, the Ministry of Widgets released two draft national standards, "
        "which are open to public comments: [Note to the editor: please add a hotlink here. "
        "https://example.com/drafts ]",
        "- Widget making – online detection of defects – general requirements,",
        "- Widget making – reference architecture for widget plants."])
    assert [(f.title, f.refs, f.issued_on) for f in found] == [
        ("Widget making – online detection of defects – general requirements",
         ["Ministry of Widgets"], date(2031, 3, 30)),
        ("Widget making – reference architecture for widget plants",
         ["Ministry of Widgets"], date(2031, 3, 30))]


def test_a_footnotes_mark_after_a_title_leaves_its_passive_report_whole():
    (found,) = policies_in("The system rests on the Methods on Ranking of Widget Makers,[1] "
                           "issued by the Ministry of Widgets on 25 March 2031.")
    assert (found.title, found.refs) == ("Methods on Ranking of Widget Makers",
                                         ["Ministry of Widgets"])


def test_a_run_of_glossed_titles_lists_policies_of_the_body_that_reported_them():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "The Ministry of Widgets published various draft and final rules in May 2031.",
        "Revised Regulations on Administration of Widget Banks—The amendments aim to open the "
        "widget banking industry further.",
        "• Draft Notice on Rules Related to Gadget Products: To strengthen the supervision of "
        "gadget products, the notice sets limits."])
    assert [(f.title, f.refs, f.issued_on) for f in found] == [
        ("Revised Regulations on Administration of Widget Banks", ["Ministry of Widgets"], None),
        ("Draft Notice on Rules Related to Gadget Products", ["Ministry of Widgets"], None)]


def test_one_glossed_title_alone_is_no_list():
    from ingest.parsing.prose import policies_in_paragraphs
    assert policies_in_paragraphs([
        "Widget Regulations: The ministry said more widget rules are coming next year."]) == []


def test_a_document_named_in_common_words_then_and_a_title_shares_the_verb_with_it():
    from ingest.parsing.prose import policies_in_paragraphs
    found = policies_in_paragraphs([
        "In early 2031, the Widget Council released a notice setting out 20 measures. Soon "
        "after, China released the new negative list for widget investments and Industry "
        "Catalogue Guide for Widget Investment (2031 version) to implement them."])
    # China is the subject: the council named a sentence before did not issue the catalogue
    assert [(f.title, f.refs) for f in found] == [
        ("Industry Catalogue Guide for Widget Investment (2031 version)", [])]
