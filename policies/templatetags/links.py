"""`{% link 'policies:home' %}`: `{% url %}` for the site's fixed links (the header's and
footer's on every page, a list's JSON twin), remembered per URLconf and script prefix
(`models.base.url_of`): each {% url %} reversed its name again, tens of microseconds apiece,
a dozen times a page. Keyword arguments as {% url %}'s (`kind='companies'`)."""

from django import template

from ..models.base import url_of

register = template.Library()


@register.simple_tag
def link(name: str, **kwargs) -> str:
    return url_of(name, **kwargs)
