"""Readers' "Report a problem" on public records: a small form that lands in the review queue.

No account needed. Protected by CSRF (middleware), a honeypot field, a signed render time (a
report sent faster than a person can type is refused), and a per-client throttle in the cache
(all but CSRF from `policies.antispam`, shared with the e-mail alerts' sign-up).
"""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType

from ..antispam import GuardedForm, HourlyLimit, client_hash
from ..models import Agency, Brief, Company, Policy, ProblemReport, Sector

REPORTABLE = {"policy": Policy, "brief": Brief, "agency": Agency, "sector": Sector,
              "company": Company}
PER_HOUR = 5
_limit = HourlyLimit("report-problem", per_hour=PER_HOUR)


class ReportForm(GuardedForm):
    salt = "policies.report-problem"

    message = forms.CharField(
        label="What is wrong?", min_length=10, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example a wrong date, a missing agency, or a garbled Chinese title.",
    )
    email = forms.EmailField(label="Your email (optional, only to answer you)", required=False)


_signer = ReportForm.signer()


def throttled(request) -> bool:
    return _limit.exceeded(client_hash(request))


def save_report(request, record, form: ReportForm) -> ProblemReport:
    _limit.count(client_hash(request))
    return ProblemReport.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        message=form.cleaned_data["message"],
        email=form.cleaned_data["email"],
        page_url=record.get_absolute_url()[:500],
        client_hash=client_hash(request),
    )
