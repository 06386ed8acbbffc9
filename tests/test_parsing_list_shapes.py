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
