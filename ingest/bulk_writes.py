"""Many rows written at once, for `persist`: one statement per table, with history rows that carry
the run's reason as the ones `save()` writes do, and many-to-many links of many records set in one
delete and one insert."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, reduce
from operator import or_

from django.db.models import Model, Q
from simple_history.utils import get_history_manager_for_model

from policies.editorial.history import current_reason


def create(model: type[Model], objs: list[Model]) -> None:
    """Insert new records with their "+" history rows (both databases return the new primary
    keys, which the history rows need)."""
    if objs:
        model._default_manager.bulk_create(objs)
        _history(model).bulk_history_create(objs, default_change_reason=current_reason())


def update(model: type[Model], objs: list[Model], fields: list[str]) -> None:
    """Save these fields of changed records, with their "~" history rows."""
    if objs:
        model._default_manager.bulk_update(objs, fields)
        _history(model).bulk_history_create(objs, update=True,
                                            default_change_reason=current_reason())


@cache
def _history(model: type[Model]):
    """The model's history manager: simple_history builds a new manager class at every
    `Model.history`, which costs more than the insert it is used for."""
    return get_history_manager_for_model(model)


def record_history(model: type[Model], objs: list[Model], *, created: bool) -> None:
    """History rows ("+" or "~") for records written without them, with the rows of the
    many-to-many fields the history tracks, as `save()` or a link change would write them."""
    if not objs:
        return
    manager = _history(model)
    rows = manager.bulk_history_create(objs, update=not created,
                                       default_change_reason=current_reason())
    for field in getattr(manager.model, "_history_m2m_fields", []):
        through = field.remote_field.through
        source = field.m2m_field_name()
        links: dict[int, list[Model]] = {}
        for link in through.objects.filter(**{f"{source}__in": [obj.pk for obj in objs]}):
            links.setdefault(getattr(link, f"{source}_id"), []).append(link)
        m2m_history = _m2m_history_model(manager.model, through)
        columns = [f.attname for f in through._meta.concrete_fields]
        m2m_history.objects.bulk_create(
            m2m_history(history_id=row.pk, **{c: getattr(link, c) for c in columns})
            for row in rows for link in links.get(row.id, [])
        )


def _m2m_history_model(history_model: type[Model], through: type[Model]) -> type[Model]:
    name = f"Historical{through._meta.object_name}"
    return next(rel.related_model for rel in history_model._meta.related_objects
                if rel.related_model._meta.object_name == name)


def set_links(through: type[Model], source: str, target: str,
              changes: Iterable[tuple[int, set[int], set[int]]]) -> None:
    """Bring the links of many records to what they should be: `changes` holds
    (record pk, pks linked now, pks wanted); the through model's columns are `source`_id and
    `target`_id."""
    removed, added = [], []
    for owner, current, wanted in changes:
        if current - wanted:
            removed.append(Q(**{f"{source}_id": owner, f"{target}_id__in": current - wanted}))
        added += [through(**{f"{source}_id": owner, f"{target}_id": pk})
                  for pk in sorted(wanted - current)]
    if removed:
        through.objects.filter(reduce(or_, removed)).delete()
    if added:
        through.objects.bulk_create(added)
