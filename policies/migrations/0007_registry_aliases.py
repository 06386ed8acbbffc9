"""Give existing databases the registry's new names: "MST" for the Ministry of Science and
Technology, "Cybersecurity Administration of China", "State Administration of Market
Supervision", and the predecessors "Ministry of Culture" (now MCT) and "State Administration of
Work Safety" (now MEM). `sync_registry` only adds what is missing."""

from django.db import migrations

from policies.registry import sync_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0006_news_year")]

    operations = [migrations.RunPython(sync_in_migration, migrations.RunPython.noop)]
