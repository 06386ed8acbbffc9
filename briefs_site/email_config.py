"""Outgoing e-mail settings from the environment: one `EMAIL_URL`, or the usual separate
variables. Pure (a mapping in, Django settings out), so it is tested without Django.

EMAIL_URL    smtp://user:password@host:port       plain SMTP (port 25)
             smtp://...?tls=1   or smtp+tls://...  STARTTLS (port 587 unless given)
             smtp://...?ssl=1   or smtps://...     TLS from the start (port 465 unless given)
             console://                            print messages (development)
             (user and password percent-encoded; ?timeout=SECONDS)
else         EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
             EMAIL_USE_SSL, EMAIL_TIMEOUT; nothing at all: the console when DEBUG is on, else
             SMTP on localhost:25 (a local relay).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
TRUE = {"1", "true", "yes", "on"}
DEFAULT_TIMEOUT = 30  # seconds: a stuck server must not hang the alerts' cron job


class EmailConfigError(ValueError):
    pass


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUE


def _number(text: str, name: str, *, upto: int) -> int:
    """A whole number from 1 to `upto` (a port, a timeout in seconds)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 0 < number <= upto:
        raise EmailConfigError(f"{name} must be a whole number from 1 to {upto}, not {text!r}.")
    return number


def parse_email_url(url: str) -> dict:
    """Django's EMAIL_* settings for one URL; EmailConfigError says what is wrong with it."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    if scheme not in {"smtp", "smtps", "smtp+tls", "smtp+ssl"}:
        raise EmailConfigError(f"EMAIL_URL: unknown scheme {parts.scheme!r}: use smtp://, "
                               "smtps://, smtp+tls:// or console://.")
    if not parts.hostname:
        raise EmailConfigError("EMAIL_URL: no host, e.g. smtp://user:password@mail.example.org")
    query = {k.lower(): v[-1] for k, v in parse_qs(parts.query).items()}
    use_ssl = scheme in {"smtps", "smtp+ssl"} or _flag(query.get("ssl"))
    use_tls = scheme == "smtp+tls" or _flag(query.get("tls"))
    if use_ssl and use_tls:
        raise EmailConfigError("EMAIL_URL: choose ssl (TLS from the start) or tls (STARTTLS), "
                               "not both.")
    try:
        given_port = parts.port
    except ValueError:
        raise EmailConfigError("EMAIL_URL: the port must be a number from 1 to 65535.") from None
    config = {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": given_port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": DEFAULT_TIMEOUT,
    }
    if "timeout" in query:
        config["EMAIL_TIMEOUT"] = _number(query["timeout"], "EMAIL_URL's timeout", upto=3600)
    return config


def email_settings(environ: Mapping[str, str], *, debug: bool) -> dict:
    """The EMAIL_* settings: from EMAIL_URL when set, else from the separate variables."""
    url = environ.get("EMAIL_URL", "").strip()
    if url:
        return parse_email_url(url)
    host = environ.get("EMAIL_HOST", "").strip()
    if not host and debug:
        return {"EMAIL_BACKEND": CONSOLE}
    use_tls, use_ssl = _flag(environ.get("EMAIL_USE_TLS")), _flag(environ.get("EMAIL_USE_SSL"))
    if use_tls and use_ssl:
        raise EmailConfigError("EMAIL_USE_TLS and EMAIL_USE_SSL: set one of them, not both.")
    port = environ.get("EMAIL_PORT", "").strip()
    timeout = environ.get("EMAIL_TIMEOUT", "").strip()
    default_port = 465 if use_ssl else 587 if use_tls else 25
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": host or "localhost",
        "EMAIL_PORT": _number(port, "EMAIL_PORT", upto=65535) if port else default_port,
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": (_number(timeout, "EMAIL_TIMEOUT", upto=3600) if timeout
                          else DEFAULT_TIMEOUT),
    }
