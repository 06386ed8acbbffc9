"""The answers to requests Django refuses before a view can read them: a body over
DATA_UPLOAD_MAX_MEMORY_SIZE is 413 and a file sent to a site that takes none is 400, each with
a page that says so (and that nothing was kept); other bad requests get Django's 400 page. And
the answer to an error while handling one: a database that cannot answer is a 503 the client
can read (outages.py), anything else Django's 500 page."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.views import defaults

from .outages import unavailable, unavailable_response


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).replace("\xa0", " ")
        return _refusal(f"What was sent is larger than this site accepts (at most {limit}), so "
                        "nothing was kept. Go back (your browser still has what you typed), "
                        "shorten it and send it again.", status=413)
    if isinstance(exception, TooManyFilesSent):
        return _refusal("This site takes no files, so nothing was kept. Go back and send the "
                        "form without one.", status=400)
    return defaults.bad_request(request, exception)


def _refusal(message: str, *, status: int) -> HttpResponse:
    # As Django's own error pages: no request context, nothing from the refused request.
    body = loader.get_template("400.html").render({"message": message,
                                                   "request_too_large": status == 413})
    return HttpResponse(body, status=status)


def server_error(request):
    """handler500, for errors raised in views and middleware alike. Django calls it while it
    handles the exception, so `sys.exc_info()` holds it."""
    error = sys.exc_info()[1]
    if error is not None and unavailable(error):
        return unavailable_response(request, error)
    return defaults.server_error(request)
