"""The per-checkout secret key of a developer's machine: random, made on first use, kept in
var/development-secret-key (git-ignored, readable by its owner only).

manage.py uses it when SECRET_KEY is unset, so commands work on a fresh checkout and the signed
links and sessions they make stay valid across runs; DEBUG stays off unless DEBUG=1 says so.
The web server's entry point (wsgi.py) never uses it: production refuses to start without a
SECRET_KEY. Plain Python: manage.py reads it before Django is set up.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = Path(__file__).resolve().parent.parent / "var" / "development-secret-key"


def development_key(path: Path = KEY_FILE) -> str:
    """The key in `path`, written there first (mode 0600) when the file does not exist yet."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then linked into place: another command starting at
    # the same moment reads either no file or the whole key, and the first link wins.
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text(encoding="ascii").strip()
