"""Give existing databases the registry's new names: "MST" for the Ministry of Science and
Technology, "Cybersecurity Administration of China", "State Administration of Market
Supervision", and the predecessors "Ministry of Culture" (now MCT) and "State Administration of
Work Safety" (now MEM). `sync_registry` only adds what is missing."""

from django.db import migrations


def add_registry_names(apps, schema_editor):
    from policies.registry import sync_registry

    sync_registry(
        Agency=apps.get_model("policies", "Agency"),
        AgencyAlias=apps.get_model("policies", "AgencyAlias"),
        Sector=apps.get_model("policies", "Sector"),
        Company=apps.get_model("policies", "Company"),
        CompanyAlias=apps.get_model("policies", "CompanyAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("policies", "0006_news_year")]

    operations = [migrations.RunPython(add_registry_names, migrations.RunPython.noop)]
