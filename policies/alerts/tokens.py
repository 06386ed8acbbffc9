"""The signed links of the alerts' e-mails (django.core.signing, salted per purpose).

A confirmation link names a subscription's key and the frequency asked for, and expires after
CONFIRM_MAX_AGE; an unsubscribe link names the key alone and never expires (a digest read a
year later must still stop the next one). Both are refused when changed or cut short.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core import signing

from ..models import Frequency, Subscription

CONFIRM_MAX_AGE = timedelta(days=3)
_CONFIRM = "policies.alerts.confirm"
_unsubscribe = signing.Signer(salt="policies.alerts.unsubscribe")


class LinkError(ValueError):
    """A link that cannot be used; the message says why, for the reader."""


NOT_VALID = ("This link is not valid: it may have been cut short or changed. Please open the "
             "whole link from the e-mail.")


def confirm_token(subscription: Subscription, frequency: str) -> str:
    return signing.dumps({"k": subscription.key.hex, "f": frequency}, salt=_CONFIRM)


def read_confirm_token(token: str) -> tuple[uuid.UUID, str]:
    """(subscription key, frequency); LinkError when expired, changed or malformed."""
    try:
        data = signing.loads(token, salt=_CONFIRM, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(f"This confirmation link has expired (links work for "
                        f"{CONFIRM_MAX_AGE.days} days): please sign up again on the list's "
                        "page.") from None
    except signing.BadSignature:
        raise LinkError(NOT_VALID) from None
    try:
        key, frequency = uuid.UUID(hex=data["k"]), data["f"]
    except (TypeError, KeyError, ValueError):
        raise LinkError(NOT_VALID) from None
    if frequency not in Frequency.values:
        raise LinkError(NOT_VALID)
    return key, frequency


def unsubscribe_token(subscription: Subscription) -> str:
    return _unsubscribe.sign(subscription.key.hex)


def read_unsubscribe_token(token: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=_unsubscribe.unsign(token))
    except (signing.BadSignature, ValueError):
        raise LinkError(NOT_VALID) from None
