"""Give existing databases "GAQSIQ", the General Administration of Quality Supervision,
Inspection and Quarantine's other abbreviation, as an alias of SAMR (its successor, which already
has AQSIQ). `sync_registry` only adds what is missing."""

from django.db import migrations

from policies.registry import sync_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0016_registry_predecessors_and_standards_bodies")]

    operations = [migrations.RunPython(sync_in_migration, migrations.RunPython.noop)]
