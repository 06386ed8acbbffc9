"""Sectors of stored policies: the classifier built from the Sector rows, and the one way
automatic sectors are written, by the ingest and by the admin's "re-run classification" action.

Editor-corrected sectors are never replaced. The classifier itself is pure code
(`ingest.matching.SectorClassifier`); this module feeds it from the database.
"""

from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from ingest.matching import SectorClassifier
from ingest.matching.cache import built
from policies.models import Policy, PolicySector, Sector


def sector_classifier() -> tuple[SectorClassifier, dict[str, Sector]]:
    """The classifier of the sectors in the database (editors' keywords included), and the
    sectors by slug."""
    sectors = {s.slug: s for s in Sector.objects.all()}
    classifier = built(SectorClassifier, ((slug, s.keywords or []) for slug, s in sectors.items()))
    return classifier, sectors


def sector_change(current: dict[str, float], scored: list[tuple[str, float]],
                  sectors: dict[str, Sector], *, corrected: bool) -> tuple[str, dict[str, float]]:
    """What the classifier's `scored` does to a policy's sectors `current` (slug -> score):
    "same", "kept" (editor-corrected) or "changed", and the sectors it has then."""
    wanted = {slug: score for slug, score in scored if slug in sectors}
    if current == wanted:
        return "same", current
    if corrected:
        return "kept", current
    return "changed", wanted


def apply_sectors(policy: Policy, scored: list[tuple[str, float]],
                  sectors: dict[str, Sector]) -> str:
    """Replace the automatic sectors; returns "kept" (editor-corrected), "same" or "changed"."""
    current = {ps.sector.slug: ps.score for ps in policy.policy_sectors.select_related("sector")}
    outcome, wanted = sector_change(current, scored, sectors,
                                    corrected=policy.is_corrected("sectors"))
    if outcome == "changed":
        policy.policy_sectors.all().delete()
        bulk_create_with_history(sector_rows(policy, wanted, sectors), PolicySector)
    return outcome


def sector_rows(policy: Policy, scores: dict[str, float],
                sectors: dict[str, Sector]) -> list[PolicySector]:
    """The automatic PolicySector rows of these scores."""
    return [PolicySector(policy=policy, sector=sectors[slug], score=score, automatic=True)
            for slug, score in scores.items()]


def reclassify_policies(queryset) -> tuple[int, int]:
    """Re-run the classifier on stored policies (title, summaries, key points of their items);
    returns (changed, kept because corrected)."""
    classifier, sectors = sector_classifier()
    changed = kept = 0
    for policy in queryset.prefetch_related("brief_items"):
        items = list(policy.brief_items.all())
        scored = classifier.classify(
            policy.title,
            "\n".join(item.summary for item in items),
            [point for item in items for point in item.key_points or []],
        )
        outcome = apply_sectors(policy, scored, sectors)
        changed += outcome == "changed"
        kept += outcome == "kept"
    return changed, kept
