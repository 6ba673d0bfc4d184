"""Who may add corrections and updates to published articles.

The approver's role ("Tổng biên tập") is being added by the workflow's own
migration. Until then the editors' group gets the permission; if the group
"Tổng biên tập" already exists when this runs, it gets it too. The workflow
migration should grant ``add_correction``/``change_correction``/``view_correction``
to "Tổng biên tập" and decide whether editors keep them. Superusers have every
permission already.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Biên tập viên"
EDITOR_IN_CHIEF_GROUP = "Tổng biên tập"
CODENAMES = ("add_correction", "change_correction", "view_correction")


def _groups_and_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=CODENAMES
    )
    return Group.objects.filter(name__in=[EDITORS_GROUP, EDITOR_IN_CHIEF_GROUP]), permissions


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    groups, permissions = _groups_and_permissions(apps)
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    groups, permissions = _groups_and_permissions(apps)
    for group in groups:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_revisions_and_corrections"),
        ("articles", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
