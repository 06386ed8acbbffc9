"""Signing up for an alert, with double opt-in: the form stores an unconfirmed subscription to
the list it was on and mails a signed, expiring link; following it confirms. Unsubscribing
deletes the subscription and what was sent to it (the address is kept no longer than needed).

The form is guarded like the problem reports (CSRF, honeypot, signed render time:
`policies.antispam`; a per-client rate limit: `policies.ratelimits`), and one address gets at
most a few confirmation e-mails an hour,
so the form cannot be used to flood someone's inbox. The answer to a sign-up is the same
whether the address was new, pending or subscribed already: it tells nobody who follows what.
"""

from __future__ import annotations

import logging
import smtplib

from django import forms
from django.db import IntegrityError
from django.utils import timezone

from ..antispam import GuardedForm, keyed_hash
from ..models import Frequency, Subscription
from ..ratelimits import Limit
from . import mail
from .lists import MAX_QUERY_CHARS, FollowedList, page_record, subscription_filter
from .tokens import LinkError, read_confirm_token, read_unsubscribe_token

logger = logging.getLogger(__name__)

# settings.RATELIMITS: sign-ups per client, confirmation e-mails per address (whoever asks)
_clients = Limit("alert_sign_ups", "alert sign-ups")
_addresses = Limit("alert_mails", "confirmation e-mails")


class NotSent(Exception):
    """The confirmation e-mail could not be handed to the mail server."""


def followed_list(query: str, page: str) -> FollowedList | None:
    """The list a follow link names, if its page exists and its filters are all valid."""
    try:
        record = page_record(page)
    except LookupError:
        return None
    followed = FollowedList.read(query, record)
    return None if followed.problems else followed


class FollowForm(GuardedForm):
    salt = "policies.alerts.sign-up"

    email = forms.EmailField(label="Your e-mail address", max_length=254)
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices,
                                  initial=Frequency.DAILY, widget=forms.RadioSelect)
    # The list the form was on: its canonical query string and its page (agency:slug, ...).
    query = forms.CharField(required=False, max_length=4 * MAX_QUERY_CHARS,
                            widget=forms.HiddenInput)
    page = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    followed: FollowedList | None = None

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if "query" not in cleaned or "page" not in cleaned:
            return cleaned
        try:
            page = page_record(cleaned["page"])
        except LookupError:
            raise forms.ValidationError("The page this form was on no longer exists: open the "
                                        "list again and sign up there.") from None
        followed = FollowedList.read(cleaned["query"], page)
        if followed.problems:
            raise forms.ValidationError(
                "This list's filters could not all be used, so it cannot be followed as it "
                "is: " + " ".join(followed.problems))
        if len(followed.query) > MAX_QUERY_CHARS:
            raise forms.ValidationError(
                f"This list has too many filters to follow by e-mail (its query string is "
                f"{len(followed.query):,} characters; at most {MAX_QUERY_CHARS:,}): remove "
                "some and try again.")
        self.followed = followed
        return cleaned


def throttled(request) -> int | None:
    """The seconds until this client may sign up again, when it has used its last sign-up."""
    return _clients.reached(request)


def sign_up(request, form: FollowForm) -> None:
    """Store (or find) the unconfirmed subscription and mail its confirmation link. NotSent
    when the mail server refused or could not be reached (nothing new is kept then)."""
    _clients.count(request)
    email, frequency = form.cleaned_data["email"], form.cleaned_data["frequency"]
    address = keyed_hash(email)
    if _addresses.reached(request, address):
        return  # enough links to that inbox for an hour; the answer stays the same
    try:
        subscription, created = Subscription.objects.get_or_create(
            email=email, **subscription_filter(form.followed),
            defaults={"frequency": frequency})
    except IntegrityError:  # the same sign-up twice at once: the other one mails the link
        return
    if not created and subscription.confirmed_at is None and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    try:
        mail.confirmation(subscription, form.followed, frequency=frequency,
                          request=request).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Alert confirmation not sent (subscription %s): %s", subscription.pk,
                       mail.failure_reason(error))
        if created:
            subscription.delete()
        raise NotSent from error
    _addresses.count(request, address)


def confirm(token: str) -> tuple[Subscription, FollowedList]:
    """Follow a confirmation link: the subscription is confirmed (digests list what is added
    from now on), at the frequency the link names. LinkError says why a link cannot be used."""
    key, frequency = read_confirm_token(token)
    subscription = Subscription.objects.select_related("agency", "sector", "company") \
        .filter(key=key).first()
    if subscription is None:
        raise LinkError("This sign-up is no longer waiting for confirmation: it was "
                        "unsubscribed, or never confirmed in time. Please sign up again on "
                        "the list's page.")
    subscription.frequency = frequency
    subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.save(update_fields=["frequency", "confirmed_at"])
    return subscription, FollowedList.of(subscription)


def list_to_leave(token: str) -> FollowedList | None:
    """The list followed by the subscription an unsubscribe link names; None when that
    subscription is gone already. LinkError for a changed or malformed link."""
    key = read_unsubscribe_token(token)
    subscription = Subscription.objects.select_related("agency", "sector", "company") \
        .filter(key=key).first()
    return FollowedList.of(subscription) if subscription else None


def unsubscribe(token: str) -> None:
    """Delete the subscription the link names, with what was sent to it; done again, nothing."""
    Subscription.objects.filter(key=read_unsubscribe_token(token)).delete()
