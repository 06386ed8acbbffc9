"""The items of an issue told by its structure (branch parse-297): a bulleted contents list
whose entries head the text further down, short lines each over a paragraph with the same
run-in label. Pure parser, no database."""

from __future__ import annotations

from ingest.parsing import parse_brief


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
