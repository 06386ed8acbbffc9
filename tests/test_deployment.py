"""Settings and deployment: migrations are complete, the deploy check is clean, production refuses
to start without its secret, DEBUG is never implied, commands on a developer's machine work
without a secret (with the checkout's own key), and admin sessions are short and well kept."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from briefs_site.development_key import KEY_FILE, development_key

from .conftest import ROOT


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


PRODUCTION_UNSET = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                    "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


PRODUCTION_SECRET = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"


def _environment(tmp_path, **variables) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", **variables)
    return env


def _run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _settings(env, *names) -> list[str]:
    """The values of settings `names`, as manage.py sees them in `env`."""
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names)
    result = _run(["manage.py", "shell", "-c", code], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-len(names):]


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = _environment(tmp_path, DJANGO_SETTINGS_MODULE="briefs_site.settings",
                       SECRET_KEY=PRODUCTION_SECRET, ALLOWED_HOSTS="example.org")
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing reported; the one silenced check is the documented security.W021 (HSTS preload).
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_admin_sessions_in_production_are_secure_script_proof_and_short(tmp_path):
    env = _environment(tmp_path, SECRET_KEY=PRODUCTION_SECRET, ALLOWED_HOSTS="example.org")
    assert _settings(env, "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
                     "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_AGE",
                     "SESSION_EXPIRE_AT_BROWSER_CLOSE", "CSRF_COOKIE_SECURE",
                     "CSRF_COOKIE_HTTPONLY") == [
        "False", "True", "True", "'Lax'", str(8 * 3600), "True", "True", "True"]


@pytest.mark.django_db
def test_an_admin_sign_in_ends_with_the_browser_and_after_eight_hours_at_most(client):
    User.objects.create_superuser("admin", password="a long passphrase for the admin")
    response = client.post("/admin/login/?next=/admin/", {
        "username": "admin", "password": "a long passphrase for the admin"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    expires = Session.objects.get().expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < expires <= timedelta(hours=8)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    development_key()  # even with this checkout's development key at hand
    # what gunicorn does: load the WSGI application
    result = _run(["-c", "import briefs_site.wsgi"], _environment(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_web_server_with_debug_on_uses_the_checkouts_development_key(tmp_path):
    """make run: gunicorn with DEBUG=1 and no SECRET_KEY signs with the same key as manage.py,
    so links made by a command (an alert's unsubscribe link) work on the server."""
    result = _run(["-c", "import briefs_site.wsgi; from django.conf import settings; "
                         "print(settings.DEBUG, settings.SECRET_KEY)"],
                  _environment(tmp_path, DEBUG="1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", KEY_FILE.read_text().strip()]


def test_manage_py_without_a_secret_uses_the_checkouts_own_key_and_debug_stays_off(tmp_path):
    env = _environment(tmp_path)
    debug, key = _settings(env, "DEBUG", "SECRET_KEY")
    assert debug == "False"  # never implied by a missing secret
    assert key.strip("'") == KEY_FILE.read_text().strip()
    assert stat.S_IMODE(KEY_FILE.stat().st_mode) == 0o600
    assert _settings(env, "SECRET_KEY") == [key]  # the same on every run
    assert _settings({**env, "DEBUG": "1"}, "DEBUG") == ["True"]  # only when asked for


def test_the_development_key_is_made_once_random_and_private(tmp_path):
    path = tmp_path / "var" / "development-secret-key"
    key = development_key(path)
    assert len(key) >= 50 and key != development_key(tmp_path / "other")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert development_key(path) == key == path.read_text().strip()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no draft left behind


@pytest.mark.parametrize("command", [["check"], ["makemigrations", "--check", "--dry-run"]])
def test_checks_run_in_an_empty_environment(command):
    """A checker runs these bare: no SECRET_KEY, no DEBUG, nothing but PATH."""
    result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT,
                            env={"PATH": os.environ.get("PATH", "")}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
