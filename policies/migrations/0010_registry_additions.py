"""Give existing databases the bodies the second corpus batch named that the registry lacked:
the General Office of the CPC Central Committee, the Central Institutional Organization
Commission's office, the National Commission of Supervision (and the Ministry of Supervision
before it), the three stock exchanges and the Asset Management Association of China; and the
predecessors AQSIQ and SAIC (now SAMR) and the State Council's Legislative Affairs Office (now
MOJ) as aliases. `sync_registry` only adds what is missing."""

from django.db import migrations


def add_registry_bodies(apps, schema_editor):
    from policies.registry import sync_registry

    sync_registry(
        Agency=apps.get_model("policies", "Agency"),
        AgencyAlias=apps.get_model("policies", "AgencyAlias"),
        Sector=apps.get_model("policies", "Sector"),
        Company=apps.get_model("policies", "Company"),
        CompanyAlias=apps.get_model("policies", "CompanyAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("policies", "0009_date_precision")]

    operations = [migrations.RunPython(add_registry_bodies, migrations.RunPython.noop)]
