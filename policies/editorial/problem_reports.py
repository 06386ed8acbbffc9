"""Readers' "Report a problem" on public records: a small form that lands in the review queue.

No account needed. Protected by CSRF (middleware), a honeypot field, a signed render time (a
report sent faster than a person can type is refused), and a per-client throttle in the cache.
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache

from ..models import Agency, Brief, Company, Policy, ProblemReport, Sector

REPORTABLE = {"policy": Policy, "brief": Brief, "agency": Agency, "sector": Sector,
              "company": Company}
MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 3600
PER_HOUR = 5
_signer = signing.TimestampSigner(salt="policies.report-problem")


def client_hash(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


class ReportForm(forms.Form):
    message = forms.CharField(
        label="What is wrong?", min_length=10, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example a wrong date, a missing agency, or a garbled Chinese title.",
    )
    email = forms.EmailField(label="Your email (optional, only to answer you)", required=False)
    website = forms.CharField(required=False, label="Leave this empty",
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = _signer.sign(str(int(time.time())))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must stay empty.")
        return ""

    def clean_token(self):
        token = self.cleaned_data["token"]
        try:
            rendered_at = int(_signer.unsign(token, max_age=MAX_AGE_SECONDS))
        except signing.SignatureExpired:
            raise forms.ValidationError("The form expired: please send it again.") from None
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError("The form was not sent from this site.") from None
        if time.time() - rendered_at < MIN_SECONDS:
            raise forms.ValidationError("That was too fast: please check your report and "
                                        "send it again.")
        return token


def throttled(request) -> bool:
    key = f"report-problem:{client_hash(request)}"
    sent = cache.get(key, 0)
    return sent >= PER_HOUR


def save_report(request, record, form: ReportForm) -> ProblemReport:
    key = f"report-problem:{client_hash(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
    return ProblemReport.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        message=form.cleaned_data["message"],
        email=form.cleaned_data["email"],
        page_url=record.get_absolute_url()[:500],
        client_hash=client_hash(request),
    )
