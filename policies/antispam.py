"""What keeps the public forms (problem reports, e-mail alerts) from bots and floods: a honeypot
field and a signed render time (a form sent faster than a person can type, or from another site,
is refused); how many each client may send is a rate limit (`policies.ratelimits`).

No database and no model: a form mixes in `GuardedForm`, a view asks its form's `Limit`.
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing

from .ratelimits import client_address

MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 3600


def client_hash(request) -> str:
    return keyed_hash(client_address(request))


def keyed_hash(text: str) -> str:
    """A salted hash of a client's address or an e-mail address: countable, not readable."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{text}".encode()).hexdigest()


class GuardedForm(forms.Form):
    """A form with a honeypot (`website`, must stay empty) and a signed render time (`token`).
    Subclasses name their own `salt`, so one form's token is no good for another."""

    salt = "policies.form"

    website = forms.CharField(required=False, label="Leave this empty",
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = self.fresh_token()

    @classmethod
    def signer(cls) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=cls.salt)

    @classmethod
    def fresh_token(cls) -> str:
        """A render time signed now: for a form shown again after an error."""
        return cls.signer().sign(str(int(time.time())))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must stay empty.")
        return ""

    def clean_token(self):
        token = self.cleaned_data["token"]
        try:
            rendered_at = int(self.signer().unsign(token, max_age=MAX_AGE_SECONDS))
        except signing.SignatureExpired:
            raise forms.ValidationError("The form expired: please send it again.") from None
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError("The form was not sent from this site.") from None
        if time.time() - rendered_at < MIN_SECONDS:
            raise forms.ValidationError("That was too fast: please check the form and send it "
                                        "again.")
        return token
