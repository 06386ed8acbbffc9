from django.contrib.admin.apps import AdminConfig
from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Archive"


class ArchiveAdminConfig(AdminConfig):
    """The admin with the archive's own site: a review queue and its count on the index."""

    default_site = "policies.admin_site.ArchiveAdminSite"
