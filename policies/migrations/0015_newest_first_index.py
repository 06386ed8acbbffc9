"""An index in the lists' default order (issued_on descending, undated last, then id
descending), so the SQL path's first page, the CSV export and the feeds read rows in index order
instead of sorting every match. PostgreSQL says NULLS LAST; SQLite's CREATE INDEX cannot, and
needs not: it sorts NULL lowest, so DESC already puts the undated last."""

from django.db import migrations

NAME = "policy_newest_first_idx"


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "policies_policy" '
                          f'("issued_on" DESC{nulls}, "id" DESC)')


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("policies", "0014_data_version")]

    operations = [migrations.RunPython(create, drop)]
