"""{% follow_link results page_record %}: the "E-mail me new matches" link of a policy list, to
the sign-up page for that list (its canonical query string and its page: an agency's, sector's
or company's; none for /policies/). A link, not a form, so the list pages carry no CSRF token
and stay the same for every reader (and cacheable)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from policies.alerts.lists import page_key

register = template.Library()


@register.simple_tag
def follow_link(results, page=None) -> str:
    query = {"query": results.filterset.state().urlencode(), "page": page_key(page)}
    return f"{reverse('policies:alerts-follow')}?{urlencode(query)}"
