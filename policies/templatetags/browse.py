"""The browse pages' form helpers: `{% hidden_state results.state "q date_from date_to" %}`
carries the list's other filters (set by the facets and chips) through a submit of its form."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/_hidden_state.html")
def hidden_state(state, shown: str):
    """Hidden inputs for every value of `state` whose parameter has no visible control (`shown`:
    the names, space-separated, of the ones the form shows)."""
    visible = set(shown.split())
    return {"pairs": [(name, value) for name, values in state.lists() if name not in visible
                      for value in values]}
