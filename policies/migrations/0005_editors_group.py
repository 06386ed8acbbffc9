"""The "Editors" group: may change archive records, not users or groups, and not delete policies."""

from django.db import migrations

EDITABLE = ["brief", "briefitem", "newsitem", "policy", "policyagency", "policysector",
            "agency", "agencyalias", "sector", "company", "companyalias", "problemreport"]
DELETABLE = ["briefitem", "newsitem", "policyagency", "policysector", "agencyalias",
             "companyalias", "problemreport"]
VIEW_ONLY = ["ingestrun", "ingestwarning"]


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now for this app.
    app_config = apps.get_app_config("policies")
    app_config.models_module = True  # the migration state's app stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = (
        [f"{action}_{model}" for model in EDITABLE for action in ("view", "change", "add")]
        + [f"delete_{model}" for model in DELETABLE]
        + [f"view_{model}" for model in VIEW_ONLY]
        + [f"view_historical{model}" for model in
           ("brief", "briefitem", "newsitem", "policy", "policyagency", "policysector",
            "agency", "sector", "company")]
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    permissions = Permission.objects.filter(content_type__app_label="policies",
                                            codename__in=codenames)
    editors.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0004_history_corrections_reports"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
