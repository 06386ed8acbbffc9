"""What the archive already knows, for one ingest run: its agencies, companies and sectors with
their matchers, built once from the database so the aliases and keywords editors added count.

`sync_brief` resolves every name through one `KnownRecords`; companies found by their legal
suffix are created here, and the company matcher is rebuilt so the next file knows them. The
matchers come from `ingest.matching.cache`: a registry that has not changed is not compiled again.
"""

from __future__ import annotations

from ingest.matching import AgencyMatcher, CompanyMatcher
from ingest.matching.cache import built
from ingest.sectors import sector_classifier
from policies.models import Agency, Company, slug_for


class KnownRecords:
    """Agencies by abbreviation, companies and sectors by slug, and their matchers."""

    def __init__(self):
        self.companies_created = 0
        self.agencies = {a.abbreviation: a for a in Agency.objects.prefetch_related("aliases")}
        self.agency_matcher = built(
            AgencyMatcher,
            ((abbr, [a.abbreviation, a.name, a.chinese_name, *[x.name for x in a.aliases.all()]])
             for abbr, a in self.agencies.items()),
        )
        self.sector_classifier, self.sectors = sector_classifier()
        self.reload_companies()

    def reload_companies(self):
        self.companies = {c.slug: c for c in Company.objects.prefetch_related("aliases")}
        self.company_matcher = built(
            CompanyMatcher,
            ((slug, [c.name, *[x.name for x in c.aliases.all()]])
             for slug, c in self.companies.items()),
        )

    def agencies_in(self, text: str) -> list[Agency]:
        """The agencies a prose text names, in order of first appearance."""
        return [self.agencies[key] for key in self.agency_matcher.find_mentions(text)]

    def companies_in(self, text: str, *, create: bool) -> list[Company]:
        """Known companies the text names, plus careful suffix-pattern candidates (created when
        `create`)."""
        found = [self.companies[key] for key in self.company_matcher.find_mentions(text)]
        for name in self.company_matcher.find_candidates(text):
            existing = Company.objects.named(name).first()
            if existing is None and create:
                existing = Company.objects.create(name=name, slug=_unique_company_slug(name))
                self.companies_created += 1
                self.reload_companies()
            if existing is not None and existing not in found:
                found.append(existing)
        return found


def _unique_company_slug(name: str) -> str:
    base = slug_for(name, max_length=70, fallback="company")
    slug, n = base, 2
    while Company.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
