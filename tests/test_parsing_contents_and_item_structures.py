"""The items of an issue told by its structure (branch parse-297): a bulleted contents list
whose entries head the text further down. Pure parser, no database."""

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
