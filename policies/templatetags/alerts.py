"""{% follow_form results page_record %}: the "E-mail me new matches" form of a policy list,
naming the list by its canonical query string and its page (an agency's, sector's or company's;
none for /policies/)."""

from django import template

from policies.alerts.lists import page_key
from policies.alerts.signup import FollowForm

register = template.Library()


@register.inclusion_tag("includes/_follow.html", takes_context=True)
def follow_form(context, results, page=None):
    form = FollowForm(initial={"query": results.filterset.state().urlencode(),
                               "page": page_key(page)})
    return {"form": form, "csrf_token": context.get("csrf_token")}
