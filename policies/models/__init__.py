"""The archive's relational model, with the QuerySets that hold its query vocabulary (every
page, filter, search and read uses them: `Policy.objects.issued_by(...)`,
`Agency.objects.named(...)`, `.search(q)`, `.for_list()`).

`registries` (agencies, sectors, companies), `briefs` (briefs, their items and news), `policy`
(policies and their agencies and sectors), `intelligence` (the targets policies state),
`records` (problem reports, ingest runs),
`subscriptions` (readers' e-mail alerts and what was sent to them: private), `data_version`
(the counter every write bumps), `base` (what they
share), `searchable` (`.search(q)`); the search index's own models are in
policies/search/models.py.
"""

from ..search.models import SearchDocument, SearchDocumentFTS
from .base import (
    Corrections,
    DatePrecision,
    Review,
    StatedDate,
    StatedDateOf,
    Timestamped,
    choices_constraint,
    slug_for,
)
from .briefs import Brief, BriefItem, BriefKind, NewsItem, NewsKind
from .data_version import DataVersion
from .intelligence import (
    PolicyRelation,
    PolicyTarget,
    RelationKind,
    TargetDirection,
    relation_key,
)
from .policy import (
    DocumentType,
    Policy,
    PolicyAgency,
    PolicySector,
    PolicyStatus,
    normalise_title,
    number_key,
)
from .records import IngestRun, IngestWarning, ProblemReport
from .registries import Agency, AgencyAlias, AgencyKind, Company, CompanyAlias, Sector
from .subscriptions import Frequency, SentAlert, Subscription

__all__ = [
    "Agency", "AgencyAlias", "AgencyKind", "Brief", "BriefItem", "BriefKind", "Company",
    "CompanyAlias", "Corrections", "DataVersion", "DatePrecision", "DocumentType", "Frequency",
    "IngestRun", "IngestWarning",
    "NewsItem", "NewsKind", "Policy", "PolicyAgency", "PolicySector", "ProblemReport", "Review",
    "SearchDocument", "SearchDocumentFTS", "Sector", "SentAlert", "Subscription", "Timestamped",
    "choices_constraint", "normalise_title", "slug_for", "StatedDate", "StatedDateOf",
    "PolicyTarget", "TargetDirection", "number_key", "PolicyRelation", "RelationKind",
    "relation_key", "PolicyStatus",
]
