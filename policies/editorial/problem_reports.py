"""Readers' "Report a problem" on public records: a small form that lands in the review queue.

No account needed. Protected by CSRF (middleware), a honeypot field and a signed render time (a
report sent faster than a person can type is refused; `policies.antispam`, shared with the
e-mail alerts' sign-up), and a per-client rate limit (settings.RATELIMITS["problem_reports"]).
"""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType

from ..antispam import GuardedForm, client_hash
from ..models import Agency, Brief, Company, Policy, ProblemReport, Sector
from ..ratelimits import Limit

REPORTABLE = {"policy": Policy, "brief": Brief, "agency": Agency, "sector": Sector,
              "company": Company}
LIMIT = Limit("problem_reports", "problem reports")


class ReportForm(GuardedForm):
    salt = "policies.report-problem"

    message = forms.CharField(
        label="What is wrong?", min_length=10, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example a wrong date, a missing agency, or a garbled Chinese title.",
    )
    email = forms.EmailField(label="Your email (optional, only to answer you)", required=False)


_signer = ReportForm.signer()


def throttled(request) -> int | None:
    """The seconds until this client may send a report again, when it has sent its last."""
    return LIMIT.reached(request)


def save_report(request, record, form: ReportForm) -> ProblemReport:
    LIMIT.count(request)
    return ProblemReport.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        message=form.cleaned_data["message"],
        email=form.cleaned_data["email"],
        page_url=record.get_absolute_url()[:500],
        client_hash=client_hash(request),
    )
