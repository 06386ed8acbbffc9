"""Settings and deployment: migrations are complete, the deploy check is clean, production refuses
to start without its secret, a developer machine runs with DEBUG."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from .conftest import ROOT


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


PRODUCTION_UNSET = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                    "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="briefs_site.settings",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="briefs.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    # what gunicorn does: load the WSGI application
    result = subprocess.run([sys.executable, "-c", "import briefs_site.wsgi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_on_a_developer_machine_runs_with_debug_and_without_a_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                             "from django.conf import settings; print(settings.DEBUG)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("True")
