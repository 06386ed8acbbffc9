"""Who issued a policy and when, as a text states it (branch titles-267): the body a title
names, the notes after a title that say who promulgated it and when, and the date lines that
are a document's events rather than the page's own date. Pure parser, no database."""

from __future__ import annotations

from ingest.parsing import parse_brief
from ingest.parsing.prose import title_issuers


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


def test_a_status_line_under_its_date_is_a_documents_event_not_the_pages_date():
    """A tracker's "Progress" block: '20 Aug 2026 in force', '05 Jan 2026 in consultation'
    date the document's events; the page states no date of its own."""
    brief = parse_brief(
        "Progress\n\nCurrent status\nadopted\n20 Aug 2031 in force\n05 Jan 2031 in consultation"
        "\n\nWidget measures enter into force\n\nOn 20 August 2031, the measures for widget "
        "safety, issued by the Ministry of Widgets, enter into force. The measures aim to "
        "standardise widget safety across the country and the provinces.\n", filename="x.txt")
    assert brief.published_on is None
