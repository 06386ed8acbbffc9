from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Archive"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(sync_site, sender=self)
        from .editorial import history  # noqa: F401  (connects the history signal)
        from .read_cache import connect_signals

        connect_signals()


def sync_site(using="default", **kwargs):
    """Keep the sites row (used by the sitemap and redirects) on settings.SITE_DOMAIN."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )


class ArchiveAdminConfig(AdminConfig):
    """The admin with the archive's own site: a review queue and its count on the index."""

    default_site = "policies.admin_site.ArchiveAdminSite"
