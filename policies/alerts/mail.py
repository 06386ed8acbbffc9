"""The alerts' messages: the confirmation and the digest, each as plain text and HTML from
templates (templates/alerts/; ingested titles are data, escaped in the HTML), with a signed
one-click unsubscribe link in the body and in the `List-Unsubscribe` header (RFC 2369), which
`List-Unsubscribe-Post` makes one-click (RFC 8058). Links are absolute, on settings.SITE_DOMAIN
(https outside DEBUG); without it, a message sent while answering a request (the sign-up's
confirmation) uses the request's host, and one sent without (the digests) cannot be sent.
"""

from __future__ import annotations

import hashlib
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from ..models import Subscription
from .lists import FollowedList
from .tokens import CONFIRM_MAX_AGE, confirm_token, unsubscribe_token

NO_SITE_DOMAIN = ("SITE_DOMAIN is not set: e-mails sent outside a web request (manage.py "
                  "send_alerts) need the site's public host for their links, e.g. "
                  "SITE_DOMAIN=briefs.example.org.")


class NoSiteDomain(ImproperlyConfigured):
    """A message's links need a host, and neither SITE_DOMAIN nor a request gives one."""


def absolute_url(path: str, request=None) -> str:
    if settings.SITE_DOMAIN:
        scheme = "http" if settings.DEBUG else "https"
        return f"{scheme}://{settings.SITE_DOMAIN}{path}"
    if request is None:
        raise NoSiteDomain(NO_SITE_DOMAIN)
    return request.build_absolute_uri(path)


def unsubscribe_url(subscription: Subscription, request=None) -> str:
    return absolute_url(reverse("policies:alerts-unsubscribe",
                                kwargs={"token": unsubscribe_token(subscription)}), request)


def failure_reason(error: Exception) -> str:
    """Why a message was not sent, without the address (logs and cron output keep none)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in error.recipients.values()})
        return f"the mail server refused the address ({', '.join(map(str, codes))})"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the mail server answered {error.smtp_code}"
    if isinstance(error, smtplib.SMTPException):
        return f"SMTP error: {type(error).__name__}"
    return f"the mail server could not be reached ({error.strerror or type(error).__name__})"


def _subject(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(150)


def _message(subscription: Subscription, followed: FollowedList, *, subject: str,
             template: str, context: dict, connection=None, message_id: str = "",
             request=None) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(subscription, request)
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": absolute_url(reverse("policies:home"), request),
        "description": Truncator(followed.description).chars(300),
        "list_url": absolute_url(followed.path, request),
        "frequency": subscription.get_frequency_display().lower(),
        "unsubscribe_url": unsubscribe,
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",  # RFC 3834: no out-of-office replies
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        _subject(subject), engines["text"].get_template(f"alerts/{template}.txt").render(context),
        to=[subscription.email], headers=headers, connection=connection,
    )
    message.attach_alternative(render_to_string(f"alerts/{template}.html", context),
                               "text/html")
    return message


def confirmation(subscription: Subscription, followed: FollowedList, *, frequency: str,
                 request=None) -> EmailMultiAlternatives:
    """'Confirm your e-mail alert': the link confirms it (or changes a confirmed one's
    frequency to `frequency`). Its links are on the request's host when SITE_DOMAIN is unset."""
    token = confirm_token(subscription, frequency)
    context = {
        "confirm_url": absolute_url(reverse("policies:alerts-confirm", kwargs={"token": token}),
                                    request),
        "asked_frequency": frequency,
        "already": subscription.confirmed_at is not None,
        "days": CONFIRM_MAX_AGE.days,
    }
    return _message(subscription, followed, subject=f"Confirm your e-mail alert: "
                    f"{followed.description}", template="confirm", context=context,
                    request=request)


def digest(subscription: Subscription, followed: FollowedList, policies: list, *,
           more: bool, connection=None) -> EmailMultiAlternatives:
    """The new policies of a followed list. Its Message-ID is the same for the same policies, so
    a digest sent again after a crash between sending and recording it is one message to the
    reader's mail program. NoSiteDomain without settings.SITE_DOMAIN."""
    rows = [{
        "title": policy.title,
        "chinese_title": policy.chinese_title,
        "issued_iso": policy.issued.iso,
        "issued_text": policy.issued.text,
        "agencies": [link.agency.abbreviation for link in policy.policy_agencies.all()],
        "url": absolute_url(policy.get_absolute_url()),
    } for policy in policies]
    ids = ",".join(str(policy.pk) for policy in sorted(policies, key=lambda p: p.pk))
    digest_id = hashlib.sha256(ids.encode()).hexdigest()[:20]
    domain = urlsplit(f"//{settings.SITE_DOMAIN}").hostname or "localhost"
    noun = "policy" if len(rows) == 1 else "policies"
    return _message(
        subscription, followed, subject=f"{len(rows)}{'+' if more else ''} new {noun}: "
        f"{followed.description}", template="digest",
        context={"policies": rows, "more": more, "count": len(rows), "noun": noun},
        connection=connection,
        message_id=f"<alerts.{subscription.pk}.{digest_id}@{domain}>",
    )
