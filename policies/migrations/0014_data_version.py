"""The data version: its table, its row, and the triggers that bump it on every write of an
archive table (policies/data_version.py)."""

import django.utils.timezone
from django.db import migrations, models

from policies.data_version import sync_triggers_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0013_policy_chain")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True,
                                                        serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"constraints": [models.CheckConstraint(condition=models.Q(id=1),
                                                            name="data_version_one_row")]},
        ),
        migrations.RunPython(sync_triggers_in_migration, migrations.RunPython.noop),
    ]
