#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefs_site.settings")
    if not os.environ.get("SECRET_KEY"):
        # No secret: a developer's machine, where commands run with DEBUG on. A production
        # environment sets SECRET_KEY, so DEBUG stays off there unless it is set; the web
        # server's entry point (wsgi.py) never turns it on.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
