"""Give existing databases the bodies the second corpus batch named that the registry lacked:
the General Office of the CPC Central Committee, the Central Institutional Organization
Commission's office, the National Commission of Supervision (and the Ministry of Supervision
before it), the three stock exchanges and the Asset Management Association of China; and the
predecessors AQSIQ and SAIC (now SAMR) and the State Council's Legislative Affairs Office (now
MOJ) as aliases. `sync_registry` only adds what is missing."""

from django.db import migrations

from policies.registry import sync_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0009_date_precision")]

    operations = [migrations.RunPython(sync_in_migration, migrations.RunPython.noop)]
