"""{% report_problem_link "policy" record %}: the "Report a problem" link of a record page.

The form itself is on its own page (/report/<kind>/<pk>/, GET): a record page then carries no
form, no CSRF cookie and no freshly signed antispam token, so it is the same for every reader
and the response cache can keep it (as the list pages link to /alerts/follow/)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/_report_link.html")
def report_problem_link(kind, record):
    return {"kind": kind, "record": record}
