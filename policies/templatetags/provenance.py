"""{% provenance policy as rows %}: per field, extracted automatically or confirmed by an editor."""

from django import template

register = template.Library()

FIELDS = [
    ("title", "English title"),
    ("chinese_title", "Chinese title"),
    ("issued_on", "Date"),
    ("document_type", "Document type"),
    ("agencies", "Agencies"),
    ("sectors", "Sectors"),
    ("companies", "Companies"),
]


@register.simple_tag
def provenance(record):
    rows = []
    for field, label in FIELDS:
        corrected = record.is_corrected(field)
        rows.append({
            "label": label,
            "status": "confirmed by an editor" if corrected else "extracted automatically",
            "corrected": corrected,
            "when": record.corrected_on(field) if corrected else None,
        })
    return rows
