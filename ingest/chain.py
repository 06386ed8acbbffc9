"""The policy chain of one brief's policies, stored inside the brief's transaction: the relations
their items state (interprets, implements, revises; keyed on source, kind and the target's
title) and the draft -> final pairs their titles make, each matched against the policies already
in the archive by normalised title and, where both name issuers, a shared issuer.

A fixed number of queries whatever the brief holds: the relations stored for these policies, the
policies their relations may name, their issuers, and the relations stored earlier that name one
of these policies without having found it, read at once; one insert, one update and one delete.
A field an editor corrected is kept, and a relation an editor added is never touched; a relation
the brief's items no longer state goes unless an editor corrected it. Draft -> final pairs are
found from titles, not from one brief's text, and no ingest removes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ingest import bulk_writes
from ingest.parsing.relations import base_chinese_title, base_title
from ingest.parsing.structures import ParsedPolicy
from policies.models import (
    BriefItem,
    Policy,
    PolicyAgency,
    PolicyRelation,
    RelationKind,
    normalise_title,
    relation_key,
)

FIELDS = ["target", "target_title", "evidence", "brief_item", "updated_at"]


@dataclass
class Stated:
    """One brief policy: the item it was read from, its parsed facts, its issuers' pks."""

    policy: Policy
    item: BriefItem
    parsed: ParsedPolicy
    agencies: list[int]


@dataclass
class _Wanted:
    source: Policy
    kind: str
    key: str
    title: str
    target: Policy | None
    evidence: str
    item: BriefItem | None


def sync_relations(stated: list[Stated], writer) -> None:
    """Bring the stored relations of these policies to what their items and titles say;
    `writer` (persist's) applies values unless an editor corrected them."""
    if not stated:
        return
    ours = {s.policy.pk for s in stated}
    names, chinese, bases, base_chinese = set(), set(), set(), set()
    for s in stated:
        for r in s.parsed.relations:
            names.add(normalise_title(r.target_title))
            chinese.add(r.target_chinese_title)
        bases.add(normalise_title(base_title(s.policy.title)))
        base_chinese.add(base_chinese_title(s.policy.chinese_title))
    names, chinese, bases, base_chinese = (v - {""} for v in (names, chinese, bases, base_chinese))

    # the policies the relations may name: by title, and drafts whose base title is one of ours
    condition = Q(title_key__in=names | bases) | Q(chinese_title__in=chinese | base_chinese)
    for base in bases:
        condition |= Q(is_draft=True, title_key__startswith=base)
    named = Policy.objects.filter(condition).exclude(pk__in=ours).order_by()
    candidates = list(named)
    pool = candidates + [s.policy for s in stated]
    issuers: dict[int, set[int]] = {s.policy.pk: set(s.agencies) for s in stated}
    # a subquery, not the pks: one query however many candidates, none included
    for policy_id, agency_id in PolicyAgency.objects.filter(
            policy__in=named.values("pk")).values_list("policy_id", "agency_id"):
        issuers.setdefault(policy_id, set()).add(agency_id)

    wanted = _stated_relations(stated, pool, issuers) + _draft_pairs(stated, pool, issuers)
    sources = ours | {w.source.pk for w in wanted}
    stored = {(r.source_id, r.kind, r.target_key): r for r in PolicyRelation.objects.filter(
        Q(source_id__in=sources) | Q(target_id__in=ours, kind=RelationKind.FINAL_VERSION_OF))}

    new, changed, seen = [], [], set()
    now = timezone.now()
    for w in wanted:
        key = (w.source.pk, w.kind, w.key)
        if key in seen:
            continue
        seen.add(key)
        relation = stored.get(key)
        values = {"target": w.target, "target_title": w.title[:500], "evidence": w.evidence}
        if relation is None:
            new.append(PolicyRelation(source=w.source, kind=w.kind, target_key=w.key,
                                      brief_item=w.item, **values))
            continue
        if not relation.automatic:
            continue
        moved = relation.target_id != (w.target.pk if w.target else None)
        if moved and not relation.is_corrected("target"):
            relation.target = w.target
        else:
            moved = False
        values.pop("target")
        if writer.assign(relation, values) or moved:
            relation.updated_at = now
            changed.append(relation)
    # relations stored earlier that name one of these policies without having found it
    keys = {relation_key(s.policy.title): s.policy for s in stated}
    keys |= {relation_key("", s.policy.chinese_title): s.policy
             for s in stated if s.policy.chinese_title}
    for relation in PolicyRelation.objects.filter(target__isnull=True, automatic=True,
                                                  target_key__in=set(keys) - {""}):
        found = keys[relation.target_key]
        if relation.source_id != found.pk and not relation.is_corrected("target"):
            relation.target, relation.updated_at = found, now
            changed.append(relation)
    items = {s.item.pk for s in stated}
    gone = [r.pk for key, r in stored.items()
            if key not in seen and r.automatic and r.brief_item_id in items
            and r.kind != RelationKind.FINAL_VERSION_OF and not r.corrected_fields]
    bulk_writes.create(PolicyRelation, new)
    bulk_writes.update(PolicyRelation, changed, FIELDS)
    if gone:
        PolicyRelation.objects.filter(pk__in=gone).delete()


def _stated_relations(stated: list[Stated], pool: list[Policy], issuers) -> list[_Wanted]:
    out = []
    for s in stated:
        for r in s.parsed.relations:
            key = relation_key(r.target_title, r.target_chinese_title)
            if not key:
                continue
            target = _best(s.policy, [
                p for p in pool if p is not s.policy and (
                    (r.target_title and p.title_key == normalise_title(r.target_title))
                    or (r.target_chinese_title and p.chinese_title == r.target_chinese_title))
                and not (r.kind == RelationKind.REVISES and _later(p, s.policy))], issuers)
            out.append(_Wanted(s.policy, r.kind, key, r.target_title or r.target_chinese_title,
                               target, r.evidence, s.item))
    return out


def _draft_pairs(stated: list[Stated], pool: list[Policy], issuers) -> list[_Wanted]:
    """Final version -> draft for comments: same base title (English or Chinese) and an issuer
    in common; whichever of the two this brief holds."""
    out = []
    for s in stated:
        policy = s.policy
        base, chinese = normalise_title(base_title(policy.title)), base_chinese_title(
            policy.chinese_title)
        others = [p for p in pool if p is not policy and p.is_draft != policy.is_draft
                  and _shares_issuer(policy, p, issuers)
                  and ((base and normalise_title(base_title(p.title)) == base)
                       or (chinese and base_chinese_title(p.chinese_title) == chinese))]
        for other in others:
            final, draft = (other, policy) if policy.is_draft else (policy, other)
            if _later(draft, final):
                continue  # a "final" issued before its draft is another document
            out.append(_Wanted(final, RelationKind.FINAL_VERSION_OF,
                               relation_key(draft.title, draft.chinese_title), draft.title,
                               draft, _draft_evidence(final, draft), None))
    return out


def _draft_evidence(final: Policy, draft: Policy) -> str:
    return (f"Same title as the draft for comments “{draft.title}” without its status words, "
            f"and an issuing agency in common.")[:1000]


def _shares_issuer(a: Policy, b: Policy, issuers) -> bool:
    mine, theirs = issuers.get(a.pk, set()), issuers.get(b.pk, set())
    return not mine or not theirs or bool(mine & theirs)


def _later(a: Policy, b: Policy) -> bool:
    return bool(a.issued_on and b.issued_on and a.issued_on > b.issued_on)


def _best(source: Policy, found: list[Policy], issuers) -> Policy | None:
    """Of the policies a relation's title names, one sharing an issuer first, then the newest."""
    if not found:
        return None
    return max(found, key=lambda p: (bool(issuers.get(source.pk, set())
                                          & issuers.get(p.pk, set())),
                                     p.issued_on.toordinal() if p.issued_on else 0, p.pk or 0))
