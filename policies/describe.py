"""The active filters said in one sentence: "6 policies led by MIIT in Manufacturing since 2024"."""

from __future__ import annotations

from django.utils.text import get_text_list

from .filters import FacetedFilterSet, PartialDate


def either(labels) -> str:
    return get_text_list([str(label) for label in labels], "or")


def dates_phrase(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        if start.text == end.text:
            preposition = "on" if start.precision == "day" else "in"
            return f"{preposition} {start.humanise()}"
        return f"from {start.humanise()} to {end.humanise()}"
    if start:
        return f"since {start.humanise()}"
    if end:
        return f"up to {end.humanise()}"
    return ""


def count_noun(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"


def filter_phrases(filterset: FacetedFilterSet, choices: dict | None = None) -> list[str]:
    """The phrases for each active filter, in reading order."""
    values = filterset.values
    choices = choices or {}
    phrases = []
    if "type" in values:
        phrases.append(f"of type {either(choices['type'].get(t, t) for t in values['type'])}")
    if "kind" in values:
        phrases.append(f"of kind {either(choices['kind'].get(k, k) for k in values['kind'])}")
    if "agency" in values:
        phrases.append(f"issued by {either(e.label for e in values['agency'])}")
    if "lead" in values:
        phrases.append(f"led by {either(e.label for e in values['lead'])}")
    if "sector" in values:
        phrases.append(f"in {either(e.label for e in values['sector'])}")
    if "company" in values:
        phrases.append(f"naming {either(e.label for e in values['company'])}")
    if "q" in values:
        phrases.append(f"matching “{values['q']}”")
    dates = dates_phrase(values.get("date_from"), values.get("date_to"))
    if dates:
        phrases.append(dates)
    return phrases


def describe(count: int, noun: tuple[str, str], filterset: FacetedFilterSet, *,
             scope: str = "", choices: dict[str, dict] | None = None) -> str:
    """'6 policies led by MIIT in Manufacturing since 2024' (plain text, escaped when shown)."""
    parts = [count_noun(count, *noun)]
    if scope:
        parts.append(scope)
    parts.extend(filter_phrases(filterset, choices))
    return " ".join(parts)
