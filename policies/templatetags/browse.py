"""The browse pages' helpers: `{% hidden_state results.state "q date_from date_to" %}` carries
the list's other filters (set by the facets and chips) through a submit of its form, and
`{% facet_values facet facet.first %}` writes a facet's links."""

import functools
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()

# a facet value's id: the same few hundred agencies, sectors, types and years on every page
_slug = functools.lru_cache(maxsize=4096)(slugify)


def _e(value) -> str:
    """Django's conditional_escape (a safe string as it is, anything else through html.escape),
    without the lazy-string wrapper that made it most of a facet list's cost."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


SELECTED = ' class="selected" aria-current="true"'
SELECTED_NOTE = '<span class="visually-hidden"> (selected; follow the link to remove)</span>'


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
    includes were most of its rendering time. `_e` escapes every value."""
    path = context["request"].path
    name = _e(facet.name)
    links = []
    for counter, value in enumerate(values, start=1):
        query = value.query_string
        if value.hint and value.hint != value.label:
            hint = _e(value.hint)
            title, label = f' title="{hint}"', f"{hint} <abbr>{_e(value.label)}</abbr>"
        else:
            title, label = "", _e(value.label)
        selected = value.selected
        links.append(
            f'<li><a id="facet-{name}-{_e(_slug(value.value) or counter)}" '
            f'href="{_e(f"{path}?{query}" if query else path)}"'
            f'{SELECTED if selected else ""}{title}><span class="facet-label">{label}</span> '
            f'<span class="facet-count">({_e(value.count)})</span></a>'
            f'{SELECTED_NOTE if selected else ""}</li>')
    return mark_safe("".join(links))  # every value above is escaped
