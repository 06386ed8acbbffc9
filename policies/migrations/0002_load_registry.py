"""Load the curated registries (agencies, sectors, companies) into every fresh database."""

from django.db import migrations

from policies.registry import sync_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [migrations.RunPython(sync_in_migration, migrations.RunPython.noop)]
