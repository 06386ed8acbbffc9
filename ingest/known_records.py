"""What the archive already knows, for one ingest run: its agencies, companies and sectors with
their matchers, built once from the database so the aliases and keywords editors added count.

`sync_brief` resolves every name through one `KnownRecords`; companies found by their legal
suffix are created here, and the company matcher is rebuilt so the next file knows them. The
matchers come from `ingest.matching.cache`: a registry that has not changed is not compiled again.
"""

from __future__ import annotations

from collections.abc import Iterable

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

    def companies_in(self, text: str, *, create: bool,
                     stored: dict[str, Company | None] | None = None) -> list[Company]:
        """Known companies the text names, plus careful suffix-pattern candidates (created when
        `create`). `stored`: the candidates already looked up (`stored_companies`), kept up to
        date with the companies created here; a name not in it is looked up on its own."""
        found = [self.companies[key] for key in self.company_matcher.find_mentions(text)]
        for name in self.company_matcher.find_candidates(text):
            if stored is not None and name in stored:
                existing = stored[name]
            else:
                existing = Company.objects.named(name).first()
            if existing is None and create:
                existing = Company.objects.create(name=name, slug=_unique_company_slug(name))
                self.companies_created += 1
                self.reload_companies()
                names = _names_of(existing, aliases=False)
                for other in stored or {}:
                    if stored[other] is None and other.lower() in names:
                        stored[other] = existing
            if existing is not None and existing not in found:
                found.append(existing)
        return found

    def stored_companies(self, texts: Iterable[str]) -> dict[str, Company | None]:
        """The stored company each unregistered candidate of these texts names (or None), in
        two queries for them all: what `Company.objects.named(name).first()` would give."""
        names = list(dict.fromkeys(
            name for text in texts for name in self.company_matcher.find_candidates(text)))
        stored: dict[str, Company | None] = dict.fromkeys(names)
        for start in range(0, len(names), 100):
            chunk = names[start : start + 100]
            companies = Company.objects.named(*chunk).order_by("name", "pk") \
                .prefetch_related("aliases")
            for company in companies:
                names = _names_of(company)
                for name in chunk:
                    if stored[name] is None and name.lower() in names:
                        stored[name] = company
        return stored


def _names_of(company: Company, *, aliases: bool = True) -> set[str]:
    """What `Company.objects.named(name)` compares a name with, in lower case (candidate names
    are ASCII words, which both databases compare case-insensitively alike)."""
    names = {company.name.lower(), company.slug.lower()}
    if aliases:
        names.update(alias.name.lower() for alias in company.aliases.all())
    return names


def _unique_company_slug(name: str) -> str:
    base = slug_for(name, max_length=70, fallback="company")
    slug, n = base, 2
    while Company.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
