"""{% report_problem_form "policy" record %}: the "Report a problem" form on a record page."""

from django import template

from policies.editorial.problem_reports import ReportForm

register = template.Library()


@register.inclusion_tag("includes/_report_problem.html", takes_context=True)
def report_problem_form(context, kind, record):
    return {"form": ReportForm(), "kind": kind, "record": record,
            "csrf_token": context.get("csrf_token")}
