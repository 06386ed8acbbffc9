from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Archive"

    def ready(self):
        from .editorial import history  # noqa: F401  (connects the history signal)
        from .read_cache import connect_signals

        connect_signals()


class ArchiveAdminConfig(AdminConfig):
    """The admin with the archive's own site: a review queue and its count on the index."""

    default_site = "policies.admin_site.ArchiveAdminSite"
