"""The query parameters of each list, for the OpenAPI description: generated from the list's
FilterSet (each filter states its value's JSON Schema and a sentence, `filters.py`), so a filter
added to a FilterSet is documented with no other change. The API does not validate them a
second time: the FilterSet does, and answers 400 with its messages (`schemas.Problem`)."""

from __future__ import annotations

from ..listing.params import MAX_PAGE_SIZE, PAGE_SIZE


def _parameter(name: str, schema: dict, description: str) -> dict:
    parameter = {"in": "query", "name": name, "required": False, "schema": schema,
                 "description": description}
    if schema.get("type") == "array":  # ?agency=MIIT&agency=NDRC
        parameter.update(style="form", explode=True)
    return parameter


PAGE_PARAMETERS = [
    _parameter("page", {"type": "integer", "minimum": 1, "default": 1},
               "Page number; a page beyond the last answers 404."),
    _parameter("page_size",
               {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
               f"Rows per page, 1 to {MAX_PAGE_SIZE}."),
]


def list_parameters(filterset_class=None, *, fixed=()) -> list[dict]:
    """The parameters of a list whose rows `filterset_class` filters (None: a registry list,
    pages only), with `fixed` filters fixed by the URL (an agency's own policies)."""
    filters = filterset_class.taken(fixed) if filterset_class else {}
    return [*(_parameter(name, f.value_schema(), f.help()) for name, f in filters.items()),
            *PAGE_PARAMETERS]


def _values(description: str, items: dict) -> dict:
    return {"type": "array", "items": items, "maxItems": 20, "description": description}


TARGET_PARAMETERS = [
    _parameter("year", _values("", {"type": "integer", "minimum": 1000, "maximum": 9999}),
               "Target year (YYYY); repeat for any of several."),
    _parameter("sector", _values("", {"type": "string"}),
               "Sector slug or name; repeat for any of several."),
    _parameter("agency", _values("", {"type": "string"}),
               "Issuing agency (abbreviation, name or slug); repeat for any of several."),
    *PAGE_PARAMETERS,
]
