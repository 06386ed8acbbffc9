"""Load the curated registries (agencies, sectors, companies) into every fresh database."""

from django.db import migrations


def load_registry(apps, schema_editor):
    from policies.registry import sync_registry

    sync_registry(
        Agency=apps.get_model("policies", "Agency"),
        AgencyAlias=apps.get_model("policies", "AgencyAlias"),
        Sector=apps.get_model("policies", "Sector"),
        Company=apps.get_model("policies", "Company"),
        CompanyAlias=apps.get_model("policies", "CompanyAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [migrations.RunPython(load_registry, migrations.RunPython.noop)]
