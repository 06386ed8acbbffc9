"""Matching names in brief texts against the curated registries: pure code, no Django.

Three matchers, each built from plain data so the caller can feed them from the JSON files in
`policies/data/` or from database rows:

* `AgencyMatcher(entries)` with entries `(key, [abbreviation, English name, Chinese name,
  *aliases])`: `resolve()` one token of an "Issuing bodies:" line, `find_mentions()` in prose.
* `CompanyMatcher(entries)` with entries `(key, [name, *aliases])`: `find_mentions()` of
  registered companies, and `find_candidates()` for unregistered names carrying a legal suffix.
* `SectorClassifier(entries)` with entries `(slug, keywords)`: `classify(title, summary,
  key_points)`.

Every matcher compiles its names into one linear-time regular expression (`trie`); `names`
holds how two spellings of a name are compared.
"""

from .agencies import AGENCY_RESOLVE_ONLY, AGENCY_WORDLIKE, AgencyMatcher
from .companies import GENERIC_COMPANY_WORDS, CompanyMatcher
from .names import first_keys, normalise_name
from .sectors import DEFAULT_SECTOR_RELATIVE, DEFAULT_SECTOR_THRESHOLD, SectorClassifier

__all__ = [
    "AGENCY_RESOLVE_ONLY",
    "AGENCY_WORDLIKE",
    "DEFAULT_SECTOR_RELATIVE",
    "DEFAULT_SECTOR_THRESHOLD",
    "GENERIC_COMPANY_WORDS",
    "AgencyMatcher",
    "CompanyMatcher",
    "SectorClassifier",
    "first_keys",
    "normalise_name",
]
