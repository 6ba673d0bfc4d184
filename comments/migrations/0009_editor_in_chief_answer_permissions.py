"""The editor-in-chief may write the newsroom's answers, as editors may (0006).

The group "Tổng biên tập" comes from the articles app's workflow migration,
written before answers existed; the editor-in-chief has every right an editor has.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here, as in 0002: the migration means the same whatever happens to articles/roles.py.
APPROVERS_GROUP = "Tổng biên tập"
CODENAMES = ("add_commentanswer", "view_commentanswer")


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="comments", codename__in=CODENAMES)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=APPROVERS_GROUP)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=APPROVERS_GROUP):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0008_merge_admin_search"),
        ("articles", "0008_workflow_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
