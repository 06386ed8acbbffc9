"""E-mail alerts ("Follow by e-mail"), against a real SMTP server the suite starts (aiosmtpd on
127.0.0.1): double opt-in, digests with exactly the new matches, nothing twice, nothing lost
when the mail server fails, one-click unsubscribe, refused links, the throttle, and the
subscribers' addresses in no public output."""

from __future__ import annotations

import email
import email.policy
import html
import re
import socket
import time
from datetime import date, timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client, override_settings

from briefs_site.email_config import EmailConfigError, email_settings, parse_email_url
from policies import dump
from policies.alerts import mail as alert_mail
from policies.alerts.signup import FollowForm
from policies.alerts.tokens import confirm_token
from policies.models import Policy, SentAlert, Subscription
from policies.search.index import reindex_all

from .factories import add_companies, make_policy

READER = "reader@example.org"


# --------------------------------------------------------------------------- the SMTP server


class Inbox:
    """An aiosmtpd handler keeping every message it accepts; refuses the addresses in
    `refused` as a mail server refuses an unknown mailbox."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on a free local port; Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1", EMAIL_PORT=controller.port, EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="", EMAIL_USE_TLS=False, EMAIL_USE_SSL=False, EMAIL_TIMEOUT=10,
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def clear_throttle():
    cache.clear()


@pytest.fixture(autouse=True)
def public_domain(settings):
    """Alerts go out with links on the site's public host: SITE_DOMAIN, which manage.py
    send_alerts needs (tests/test_absolute_urls.py covers it unset)."""
    settings.SITE_DOMAIN = "testserver"


# --------------------------------------------------------------------------- helpers


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def link(message, kind: str) -> str:
    """The path of the confirm or unsubscribe link in a message's text."""
    found = re.search(rf"https://testserver(/alerts/{kind}/[^/\s]+/)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def old_token(seconds: int = 10) -> str:
    return FollowForm.signer().sign(str(int(time.time()) - seconds))


def follow_url(client, url: str) -> str:
    """Where a list page's "E-mail me new matches" link leads."""
    page = client.get(url).content.decode()
    found = re.search(r'<p class="follow"><a href="([^"]+)">E-mail me new matches</a>', page)
    assert found, url
    return html.unescape(found.group(1))


def form_fields(client, url: str) -> dict:
    """The hidden fields of the alert form the list page's link leads to, as a browser would
    send them."""
    page = client.get(follow_url(client, url)).content.decode()
    form = page[page.index('id="follow"'):]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    return {**fields, "token": old_token()}  # a person takes more than three seconds


def sign_up(client, url: str = "/policies/?agency=MIIT", *, address: str = READER,
            frequency: str = "daily", client_address: str = "127.0.0.1", **changes):
    """Fill in and send the alert form of the list at `url`, from `client_address`."""
    fields = {k: html.unescape(v) for k, v in form_fields(client, url).items()}
    return client.post("/alerts/follow/", {**fields, "email": address, "frequency": frequency,
                                           "website": "", **changes},
                       REMOTE_ADDR=client_address)


def confirm(client, smtp, address: str = READER):
    confirmation = smtp.to(address)[-1]
    response = client.get(link(confirmation, "confirm"))
    assert response.status_code == 200
    return response


def a_day_passes():
    Subscription.objects.update(checked_at=F("checked_at") - timedelta(days=1, minutes=1))


def send_alerts(*args, stderr=None) -> str:
    out = StringIO()
    call_command("send_alerts", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def permalinks(message) -> set[str]:
    return set(re.findall(r"https://testserver(/policies/\d+/[^/\s]+/)", text_of(message)))


# --------------------------------------------------------------------------- end to end


@pytest.mark.django_db
def test_sign_up_confirm_digest_nothing_twice_and_one_click_unsubscribe(client, smtp):
    before = make_policy(title="Notice Before the Sign-up", agencies=("MIIT",))

    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/policies/?agency=MIIT"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None and subscription.query == "agency=MIIT"
    (confirmation,) = smtp.to(READER)
    assert "Confirm" in confirmation["Subject"]
    assert "Policies issued by MIIT" in text_of(confirmation)

    make_policy(title="Notice While Unconfirmed", agencies=("MIIT",))
    send_alerts()
    assert len(smtp.messages) == 1  # unconfirmed: no digest

    assert "Your e-mail alert is on" in confirm(client, smtp).content.decode()
    new = [make_policy(title="Plan for <b>Bold</b> Robots & Co", agencies=("MIIT", "NDRC"),
                       issued_on=date(2025, 3, 1), chinese_title="机器人计划"),
           make_policy(title="Notice on Industrial Internet", agencies=("MIIT",))]
    elsewhere = make_policy(title="Notice by NDRC Alone", agencies=("NDRC",))

    assert "Sent 1 digest (2 policies)" in send_alerts()
    digest = smtp.messages[-1]
    assert digest["To"] == READER and digest["Subject"].startswith("2 new policies")
    unsubscribe = re.fullmatch(r"<https://testserver(/alerts/unsubscribe/[^/]+/)>",
                               digest["List-Unsubscribe"].strip()).group(1)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link(digest, "unsubscribe") == unsubscribe
    assert permalinks(digest) == {p.get_absolute_url() for p in new}
    assert "Plan for <b>Bold</b> Robots & Co" in text_of(digest)
    assert "Issued 1 March 2025 · MIIT, NDRC" in text_of(digest)
    assert "Plan for &lt;b&gt;Bold&lt;/b&gt; Robots &amp; Co" in html_of(digest)
    assert "<b>Bold</b>" not in html_of(digest)
    for absent in (before, elsewhere, Policy.objects.get(title="Notice While Unconfirmed")):
        assert absent.title not in text_of(digest)
    assert set(SentAlert.objects.values_list("policy", flat=True)) == {p.pk for p in new}

    assert "Sent 0 digests" in send_alerts()  # at once: not due
    a_day_passes()
    assert "Sent 0 digests (0 policies); 1 with nothing new" in send_alerts()
    make_policy(title="Another NDRC Notice", agencies=("NDRC",))
    a_day_passes()
    send_alerts()
    assert len(smtp.messages) == 2  # the confirmation and one digest: no match, no e-mail

    latest = make_policy(title="Measures on Robot Safety", agencies=("MIIT",))
    a_day_passes()
    send_alerts()
    assert permalinks(smtp.messages[-1]) == {latest.get_absolute_url()}

    one_click = Client(enforce_csrf_checks=True)  # a mail program: no cookie, no CSRF token
    response = one_click.post(unsubscribe, "List-Unsubscribe=One-Click",
                              content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and "You are unsubscribed" in response.content.decode()
    assert not Subscription.objects.exists() and not SentAlert.objects.exists()
    make_policy(title="Notice After Leaving", agencies=("MIIT",))
    a_day_passes()
    send_alerts()
    assert len(smtp.messages) == 3  # no digest after leaving
    assert one_click.post(unsubscribe).status_code == 200  # again: still unsubscribed


@pytest.mark.django_db
def test_an_agency_pages_form_follows_that_agency_with_the_pages_filters(client, smtp):
    response = sign_up(client, "/agencies/miit/?type=plan", frequency="weekly")
    assert response["Location"] == "/agencies/miit/?type=plan"
    subscription = Subscription.objects.get()
    assert subscription.agency.abbreviation == "MIIT" and subscription.query == "type=plan"
    assert subscription.frequency == "weekly"
    confirm(client, smtp)
    plan = make_policy(title="Plan for Sensors", agencies=("MIIT",), document_type="plan")
    make_policy(title="Notice on Sensors", agencies=("MIIT",), document_type="notice")
    make_policy(title="Plan for Grids", agencies=("NEA",), document_type="plan")
    send_alerts("--frequency", "daily")
    assert len(smtp.messages) == 1  # a weekly subscription is no daily one
    send_alerts("--frequency", "weekly")
    assert permalinks(smtp.messages[-1]) == {plan.get_absolute_url()}
    assert "weekly digest" in text_of(smtp.messages[-1])


@pytest.mark.django_db
def test_sector_and_company_pages_offer_the_form_for_themselves(client, smtp):
    add_companies(make_policy(title="Notice on Batteries", sectors=("energy",)), "byd")
    for url, page in (("/sectors/energy/", "sector:energy"), ("/companies/byd/", "company:byd")):
        assert form_fields(client, url)["page"] == page
        assert sign_up(client, url).status_code == 302
    assert {str(s.page) for s in Subscription.objects.all()} == {"Energy", "BYD"}


@pytest.mark.django_db
def test_a_searched_list_sends_the_new_policies_its_search_finds_in_chinese_too(client, smtp):
    sign_up(client, "/policies/?q=机器人")
    assert Subscription.objects.get().query == "q=%E6%9C%BA%E5%99%A8%E4%BA%BA"
    confirm(client, smtp)
    robots = make_policy(title="Plan for the Robot Industry", chinese_title="机器人产业发展规划")
    make_policy(title="Plan for Grid Storage", chinese_title="新型储能发展规划")
    reindex_all()  # as the ingest does for what it stores
    send_alerts()
    assert permalinks(smtp.messages[-1]) == {robots.get_absolute_url()}


@pytest.mark.django_db
def test_a_policy_matching_two_of_an_addresss_lists_is_sent_once(client, smtp):
    sign_up(client, "/policies/?agency=MIIT")
    confirm(client, smtp)
    sign_up(client, "/sectors/energy/")
    confirm(client, smtp)
    both = make_policy(title="Energy Plan of MIIT", agencies=("MIIT",), sectors=("energy",))
    send_alerts()
    digests = [m for m in smtp.to(READER) if "new polic" in m["Subject"]]
    assert len(digests) == 1 and permalinks(digests[0]) == {both.get_absolute_url()}
    a_day_passes()
    send_alerts()
    assert len([m for m in smtp.to(READER) if "new polic" in m["Subject"]]) == 1


# --------------------------------------------------------------- nothing lost, nothing twice


def two_confirmed_readers(client, smtp):
    for address in ("a@example.org", "b@example.org"):
        sign_up(client, address=address)
        confirm(client, smtp, address)
    return [make_policy(title=f"Notice {n} of MIIT", agencies=("MIIT",)) for n in (1, 2)]


@pytest.mark.django_db
def test_a_refused_digest_is_recorded_as_unsent_and_the_rerun_sends_it_once(client, smtp):
    policies = two_confirmed_readers(client, smtp)
    smtp.refused.add("b@example.org")
    errors = StringIO()
    with pytest.raises(CommandError, match="1 digest"):
        send_alerts(stderr=errors)
    assert "refused the address (550)" in errors.getvalue()
    assert "b@example.org" not in errors.getvalue()  # cron output keeps no addresses
    assert len([m for m in smtp.to("a@example.org") if "new" in m["Subject"]]) == 1
    b = Subscription.objects.get(email="b@example.org")
    assert not b.sent.exists() and b.checked_at is None and b.last_sent_at is None

    smtp.refused.clear()
    assert "Sent 1 digest (2 policies)" in send_alerts()
    assert permalinks(smtp.to("b@example.org")[-1]) == {p.get_absolute_url() for p in policies}
    assert len([m for m in smtp.messages if "new" in m["Subject"]]) == 2


@pytest.mark.django_db
def test_a_crash_mid_run_loses_nothing_and_the_rerun_repeats_nothing(client, smtp,
                                                                     monkeypatch):
    two_confirmed_readers(client, smtp)
    build = alert_mail.digest

    def crash_on_b(subscription, *args, **kwargs):
        if subscription.email == "b@example.org":
            raise KeyboardInterrupt  # the process is stopped half-way through the run
        return build(subscription, *args, **kwargs)

    monkeypatch.setattr(alert_mail, "digest", crash_on_b)
    with pytest.raises(KeyboardInterrupt):
        send_alerts()
    assert SentAlert.objects.filter(subscription__email="b@example.org").count() == 0
    assert SentAlert.objects.filter(subscription__email="a@example.org").count() == 2

    monkeypatch.setattr(alert_mail, "digest", build)
    send_alerts()
    digests = [m for m in smtp.messages if "new" in m["Subject"]]
    assert sorted(m["To"] for m in digests) == ["a@example.org", "b@example.org"]


@pytest.mark.django_db
def test_a_dry_run_sends_and_records_nothing(client, smtp):
    two_confirmed_readers(client, smtp)
    assert "Would send 2 digests (4 policies)" in send_alerts("--dry-run")
    assert not [m for m in smtp.messages if "new" in m["Subject"]]
    assert not SentAlert.objects.exists()
    assert not Subscription.objects.filter(checked_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_list_that_no_longer_applies_is_not_widened_but_skipped(client, smtp):
    sign_up(client, "/policies/?agency=MIIT&sector=energy")
    confirm(client, smtp)
    Subscription.objects.update(query="agency=MIIT&sector=gone")  # e.g. a sector removed
    make_policy(title="Notice of MIIT", agencies=("MIIT",))
    assert "1 skipped" in send_alerts()
    assert not SentAlert.objects.exists()


@pytest.mark.django_db
def test_unconfirmed_sign_ups_are_removed_once_their_link_has_expired(client, smtp):
    sign_up(client)
    Subscription.objects.update(created_at=F("created_at") - timedelta(days=4))
    assert "1 expired sign-ups removed" in send_alerts()
    assert not Subscription.objects.exists()


# --------------------------------------------------------------------------- links


@pytest.mark.django_db
def test_an_expired_confirmation_link_is_refused(client, smtp, monkeypatch):
    sign_up(client)
    subscription = Subscription.objects.get()
    four_days_ago = int(time.time()) - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp",
                      lambda self: signing.b62_encode(four_days_ago))
        token = confirm_token(subscription, "daily")
    response = client.get(f"/alerts/confirm/{token}/")
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_a_changed_or_misused_link_is_refused(client, smtp):
    sign_up(client)
    good = link(smtp.messages[-1], "confirm")
    token = good.split("/")[3]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for path in (f"/alerts/confirm/{tampered}/", f"/alerts/confirm/{token[:20]}/",
                 f"/alerts/unsubscribe/{token}/",  # a confirm token is no unsubscribe token
                 "/alerts/unsubscribe/not-a-token/"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "not valid" in response.content.decode()
        assert client.post(path).status_code == 400
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_the_unsubscribe_link_asks_first_and_only_a_post_unsubscribes(client, smtp):
    sign_up(client)
    path = link(smtp.messages[-1], "unsubscribe")  # a confirmation may be refused at once
    page = client.get(path)
    assert page.status_code == 200 and "<button" in page.content.decode()
    assert Subscription.objects.exists()
    assert client.post(path).status_code == 200
    assert not Subscription.objects.exists()


# --------------------------------------------------------------------------- the form


@pytest.mark.django_db
def test_the_list_pages_form_names_the_views_canonical_query(client):
    fields = form_fields(client, "/policies/?type=plan&agency=miit&page=1&utm_source=x")
    assert fields["query"] == "agency=MIIT&amp;type=plan" and fields["page"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "message"), [
    ({"website": "http://spam.example"}, "must stay empty"),
    ({"token": ""}, "This field is required"),
    ({"token": "abc:def"}, "not sent from this site"),
    ({"token_age": 0}, "too fast"),
    ({"email": "not an address"}, "Enter a valid email address"),
    ({"frequency": "hourly"}, "Select a valid choice"),
    ({"query": "agency=NOPE"}, "Unknown agency"),
    ({"query": "colour=red"}, "not a parameter of this list"),
    ({"page": "agency:no-such-body"}, "no longer exists"),
    ({"query": "q=" + "机器人" * 100}, "too many filters"),
])
def test_bad_sign_ups_are_answered_400_with_the_reason(client, smtp, changes, message):
    if "token_age" in changes:
        changes = {"token": old_token(changes.pop("token_age"))}
    response = sign_up(client, **changes)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not Subscription.objects.exists() and not smtp.messages


@pytest.mark.django_db
def test_sign_ups_are_throttled_per_client(client, smtp):
    for n in range(5):
        assert sign_up(client, address=f"reader{n}@example.org").status_code == 302
    response = sign_up(client, address="reader6@example.org")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600  # seconds left in the hour's window
    assert Subscription.objects.count() == 5 and len(smtp.messages) == 5
    other = sign_up(client, address="reader6@example.org", client_address="192.0.2.44")
    assert other.status_code == 302 and Subscription.objects.count() == 6


@pytest.mark.django_db
def test_one_address_gets_few_confirmations_and_nobody_learns_it_is_subscribed(client, smtp):
    first = sign_up(client)
    confirm(client, smtp)
    for n in range(3):
        again = sign_up(client, client_address=f"192.0.2.{n + 1}")  # from other clients
        assert again.status_code == first.status_code == 302
    assert Subscription.objects.count() == 1
    assert len(smtp.to(READER)) == 3  # the first, then two more: at most three an hour


@pytest.mark.django_db
def test_csrf_is_enforced_on_the_sign_up(smtp):
    client = Client(enforce_csrf_checks=True)
    response = sign_up(client)
    assert response.status_code == 403 and not Subscription.objects.exists()


@pytest.mark.django_db
def test_a_mail_server_that_cannot_be_reached_is_a_503_not_a_500(client):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                           EMAIL_HOST="127.0.0.1", EMAIL_PORT=free_port(), EMAIL_TIMEOUT=2):
        response = sign_up(client)
    assert response.status_code == 503
    assert "could not be sent" in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_sign_up_page_shows_the_form_for_the_list_its_link_names(client, db):
    page = client.get("/alerts/follow/", {"query": "agency=MIIT", "page": ""})
    assert page.status_code == 200
    body = html.unescape(page.content.decode())
    assert 'name="query" value="agency=MIIT"' in body and 'name="csrfmiddlewaretoken"' in body
    assert "issued by MIIT" in body
    gone = client.get("/alerts/follow/", {"query": "", "page": "agency:no-such-agency"})
    assert gone.status_code == 400 and 'id="follow"' not in gone.content.decode()
    bad = client.get("/alerts/follow/", {"query": "sector=nothing", "page": ""})
    assert bad.status_code == 400
    assert client.put("/alerts/follow/").status_code == 405


def test_a_list_page_links_to_it_and_carries_no_form_or_cookie(client, db):
    response = client.get("/policies/?agency=MIIT")
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body and "csrftoken" not in response.cookies
    assert follow_url(client, "/policies/?agency=MIIT") == (
        "/alerts/follow/?query=agency%3DMIIT&page=")


# --------------------------------------------------------------------------- privacy


@pytest.mark.django_db
def test_no_subscribers_address_in_the_dump_the_api_or_any_public_page(client, smtp):
    secret = "secret.reader@example.org"
    add_companies(make_policy(title="Notice on Chips", agencies=("MIIT",),
                              sectors=("energy",)), "byd")
    for url in ("/policies/?agency=MIIT", "/sectors/energy/", "/companies/byd/"):
        sign_up(client, url, address=secret)
        confirm(client, smtp, secret)
    make_policy(title="Notice on Chips Again", agencies=("MIIT",), sectors=("energy",))
    send_alerts()
    assert SentAlert.objects.exists()

    assert not {"policies.subscription", "policies.sentalert"} & set(dump.MODELS)
    response = client.get("/dump/archive.jsonl")
    assert secret not in b"".join(response.streaming_content).decode()
    policy = Policy.objects.first()
    for url in ("/", "/policies/", "/policies/?agency=MIIT", "/agencies/", "/agencies/miit/",
                "/sectors/", "/sectors/energy/", "/companies/", "/companies/byd/", "/briefs/",
                "/news/", policy.get_absolute_url(), "/policies/feed/",
                "/agencies/miit/feed/", "/policies/export.csv", "/sitemap.xml", "/api/",
                "/api/policies/", f"/api/policies/{policy.pk}/", "/api/agencies/",
                "/api/agencies/miit/", "/api/sectors/", "/api/companies/", "/api/briefs/",
                "/api/news/"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content).decode()
        assert secret not in body and "secret.reader" not in body, url
    for message in smtp.to(secret):  # the pages the links open do not show it either
        path = link(message, "unsubscribe")
        assert secret not in client.get(path).content.decode()


@pytest.mark.django_db
def test_editors_see_subscriptions_read_only(client, smtp, editor_client):
    sign_up(client)
    confirm(client, smtp)
    page = editor_client.get("/admin/policies/subscription/")
    assert page.status_code == 200 and READER in page.content.decode()
    subscription = Subscription.objects.get()
    change = editor_client.get(f"/admin/policies/subscription/{subscription.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert editor_client.get("/admin/policies/subscription/add/").status_code == 403
    assert editor_client.post(f"/admin/policies/subscription/{subscription.pk}/delete/",
                              {"post": "yes"}).status_code == 403
    assert Subscription.objects.exists()


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize(("url", "expected"), [
    ("smtp://mail.example.org", {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 25,
                                 "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False}),
    ("smtp://user%40example.org:p%3Ass@mail.example.org:2525?tls=1",
     {"EMAIL_HOST_USER": "user@example.org", "EMAIL_HOST_PASSWORD": "p:ss",
      "EMAIL_PORT": 2525, "EMAIL_USE_TLS": True}),
    ("smtp://mail.example.org?ssl=true", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ("smtps://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ("smtp+tls://mail.example.org", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
    ("smtp://mail.example.org?timeout=5", {"EMAIL_TIMEOUT": 5}),
    ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
])
def test_email_url_gives_djangos_settings(url, expected):
    config = parse_email_url(url)
    assert {key: config[key] for key in expected} == expected


@pytest.mark.parametrize("url", ["ftp://mail.example.org", "smtp://", "smtp://h:99999",
                                 "smtp://h?tls=1&ssl=1", "smtp://h?timeout=soon"])
def test_a_bad_email_url_is_refused_with_the_reason(url):
    with pytest.raises(EmailConfigError):
        parse_email_url(url)


def test_separate_email_variables_and_the_defaults():
    config = email_settings({"EMAIL_HOST": "relay", "EMAIL_PORT": "587", "EMAIL_USE_TLS": "1",
                             "EMAIL_HOST_USER": "u", "EMAIL_HOST_PASSWORD": "p"}, debug=False)
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"], config["EMAIL_USE_TLS"]) == \
        ("relay", 587, True)
    assert email_settings({}, debug=True)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings({}, debug=False)["EMAIL_HOST"] == "localhost"
    assert email_settings({"EMAIL_URL": "smtp://a", "EMAIL_HOST": "b"},
                          debug=False)["EMAIL_HOST"] == "a"
