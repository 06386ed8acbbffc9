"""Documents a sentence lists after the sentence that reports them (branch parse-297): "The
Ministry published five draft standards on 21 November." / "The five draft standards include:
the A, the B, ... and the E." Pure parser, no database."""

from __future__ import annotations

from datetime import date

from ingest.parsing.prose import policies_in_paragraphs

REPORT = ("The Ministry of Widgets published three draft industrial standards on 21 November "
          "2031 to solicit public opinion. The three draft standards include: the Monitoring "
          "Indicators of Online Widgets, the Fake Transactions on Widget Platform Management "
          "Specifications, and the Specification for Operation of Mobile Widget Services.")


def test_documents_listed_after_the_sentence_that_reports_them_take_its_issuer_and_date():
    found = policies_in_paragraphs([REPORT])
    assert [f.title for f in found] == [
        "Monitoring Indicators of Online Widgets",
        "Fake Transactions on Widget Platform Management Specifications",
        "Specification for Operation of Mobile Widget Services"]
    assert {tuple(f.refs) for f in found} == {("Ministry of Widgets",)}
    assert {f.issued_on for f in found} == {date(2031, 11, 21)}


def test_a_list_that_is_no_titles_or_not_as_many_as_counted_names_no_documents():
    """Entries in lower case are no titles; two entries are not the three the count says."""
    lower = REPORT.replace("the Monitoring Indicators of Online Widgets", "rules on monitoring")
    assert "rules on monitoring" not in [f.title for f in policies_in_paragraphs([lower])]
    short = REPORT.replace("the Fake Transactions on Widget Platform Management "
                           "Specifications, and ", "and ")
    assert "Monitoring Indicators of Online Widgets" not in [
        f.title for f in policies_in_paragraphs([short])]
