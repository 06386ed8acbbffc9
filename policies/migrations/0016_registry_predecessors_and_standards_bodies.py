"""Give existing databases the bodies corpus texts 068-137 named that the registry lacked: the
National Cultural Heritage Administration, the State Cryptography Administration, TC260 (the
information security standards committee), the State Council's Customs Tariff Commission, the
China Futures Association, the NMPA's Center for Drug Evaluation, the China National Center
for Food Safety Risk Assessment and the State Economic and Trade Commission (until 2003); and
predecessors and other translations as aliases (CBRC and CIRC of the CBIRC, GAPP of the NPPA, SARFT of the NRTA, the Ministry of Health of the NHC, the
Ministry of Land and Resources of the MNR, SFDA of the NMPA, "National Energy Board" of the
NEA, 国家卫生计生委 and 卫生部 of the NHC, MOFTEC of MOFCOM, ...). `sync_registry` only adds
what is missing."""

from django.db import migrations

from policies.registry import sync_in_migration


class Migration(migrations.Migration):
    dependencies = [("policies", "0015_newest_first_index")]

    operations = [migrations.RunPython(sync_in_migration, migrations.RunPython.noop)]
