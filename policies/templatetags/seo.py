"""`{{ data|ld_json }}`: a schema.org JSON-LD block, escaped exactly as `json_script` escapes."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

register = template.Library()

JSON_OPEN = '<script type="application/json">'
LD_OPEN = '<script type="application/ld+json">'


@register.filter
def ld_json(value) -> SafeString:
    """json_script's element with the type JSON-LD needs.

    json_script() serialises `value` and escapes <, > and & as \\u003C, \\u003E and \\u0026, so
    no text in the data can end the element; it only ever says type="application/json", which
    search engines do not read as JSON-LD. We swap that constant opening tag for the JSON-LD one
    and keep everything after it as json_script made it. Slicing drops the SafeString marker,
    so the result is marked again: the only text added is LD_OPEN, a constant.
    """
    element = json_script(value)
    if not element.startswith(JSON_OPEN):  # json_script's output changed: fail loudly
        raise ValueError("json_script() no longer opens with " + JSON_OPEN)
    return SafeString(LD_OPEN + element.removeprefix(JSON_OPEN))
