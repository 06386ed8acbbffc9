#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.settings")
    if not os.environ.get("SECRET_KEY"):
        # No secret: a developer's machine. Commands use this checkout's own random key
        # (var/development-secret-key, made on first use); DEBUG is never implied by it, only
        # DEBUG=1 turns it on (make run sets it). The web server's entry point, wsgi.py, never
        # does this: without SECRET_KEY it refuses to start unless DEBUG is on.
        from briefs_site.development_key import development_key

        os.environ["SECRET_KEY"] = development_key()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
