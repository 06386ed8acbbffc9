"""The browse pages' helpers: `{% hidden_state results.state "q date_from date_to" %}` carries
the list's other filters (set by the facets and chips) through a submit of its form, and
`{% facet_values facet facet.first %}` writes a facet's links."""

from django import template
from django.utils.html import format_html_join
from django.utils.text import slugify

register = template.Library()


def _html(format_string: str, *args) -> str:
    """format_string with args escaped into it, as safe HTML."""
    return format_html_join("", format_string, [args])


# constant markup, as safe strings ("{}" takes an empty string: format_html wants an argument)
SELECTED = _html('{} class="selected" aria-current="true"', "")
SELECTED_NOTE = _html('{}<span class="visually-hidden"> (selected; follow the link to remove)'
                      '</span>', "")
LINK = ('<li><a id="facet-{}-{}" href="{}"{}{}><span class="facet-label">{}</span> '
        '<span class="facet-count">({})</span></a>{}</li>')


@register.inclusion_tag("includes/_hidden_state.html")
def hidden_state(state, shown: str):
    """Hidden inputs for every value of `state` whose parameter has no visible control (`shown`:
    the names, space-separated, of the ones the form shows)."""
    visible = set(shown.split())
    return {"pairs": [(name, value) for name, values in state.lists() if name not in visible
                      for value in values]}


@register.simple_tag(takes_context=True)
def facet_values(context, facet, values):
    """The <li> link of each facet value: its label (an agency's name with its abbreviation),
    its count, selected or not, and the list's query string with the value toggled. Written in
    Python rather than an include per value: a list page has hundreds of values, and their
    includes were most of its rendering time. format_html_join escapes every value."""
    path = context["request"].path

    def rows():
        for counter, value in enumerate(values, start=1):
            query = value.query.urlencode()
            named = value.hint and value.hint != value.label
            yield (facet.name, slugify(value.value) or counter,
                   f"{path}?{query}" if query else path,
                   SELECTED if value.selected else "",
                   _html(' title="{}"', value.hint) if named else "",
                   _html("{} <abbr>{}</abbr>", value.hint, value.label) if named else value.label,
                   value.count, SELECTED_NOTE if value.selected else "")

    return format_html_join("", LINK, rows())
