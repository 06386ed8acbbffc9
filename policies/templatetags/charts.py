"""`{% timeline_chart timeline %}`: a `timeline.Timeline` as inline <svg> (a bar chart of records
over time: the home page's policies per year, every list's histogram, an agency's network).

Written in Python rather than an include: every list page draws one, its bars are a loop of
nine lookups each, and the include (inside `{% localize off %}`) was a tenth of a list page's
rendering. The markup is the include's, byte for byte (tests/test_timeline_chart.py holds the
two to it); every text goes through `markup.html`, escaped as any template escapes it, and the
numbers are written as `{% localize off %}` writes them (str: the geometry is rounded to a
tenth, never in exponent form).
"""

from django import template

from ..markup import NOTHING, html, joined

register = template.Library()

FIGURE = (
    '\n<figure class="timeline">\n  \n'
    '  <svg viewBox="0 0 {} {}" width="100%" role="{}" aria-label="{}. {}"'
    ' preserveAspectRatio="xMidYMid meet">\n'
    "    <title>{}</title>\n"
    "    <desc>{}</desc>\n"
    '    <line class="axis" x1="0" x2="{}" y1="{}" y2="{}"></line>\n'
    "    {}\n"
    "  </svg>\n"
    "  <figcaption>{}</figcaption>\n"
    "</figure>\n\n"
)
BAR = (
    '\n    <g class="year{}">\n'
    "      {}"
    '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>{}\n'
    "      {}\n"
    "      {}\n"
    "    </g>\n    "
)
LINK = '<a href="{}" aria-label="{}">'
SELECTED_LINK = '<a href="{}" aria-label="{} (shown)" aria-current="true">'
SELECTED = html(" selected")
CLOSE_LINK = html("</a>")


def _bar(bar, label_y) -> str:
    if bar.url:
        opening = html(SELECTED_LINK if bar.selected else LINK, bar.url, bar.tooltip)
    else:
        opening = NOTHING
    count = (html('<text class="count" x="{}" y="{}" text-anchor="middle" aria-hidden="true">'
                  "{}</text>", bar.label_x, bar.count_y, bar.count) if bar.count else NOTHING)
    label = (html('<text class="label" x="{}" y="{}" text-anchor="middle" aria-hidden="true">'
                  "{}</text>", bar.label_x, label_y, bar.label) if bar.show_label else NOTHING)
    return html(BAR, SELECTED if bar.selected else NOTHING, opening, bar.x, bar.y, bar.width,
                bar.height, bar.tooltip, CLOSE_LINK if bar.url else NOTHING, count, label)


@register.simple_tag
def timeline_chart(timeline):
    """The chart's <figure>: an svg whose bars link where they lead (a group of links), or an
    image when none does."""
    label_y = timeline.label_y
    bars = joined([_bar(bar, label_y) for bar in timeline.bars])
    return html(FIGURE, timeline.width, timeline.height,
                "group" if timeline.links else "img", timeline.title, timeline.description,
                timeline.title, timeline.description, timeline.width, timeline.baseline,
                timeline.baseline, bars, timeline.description)
