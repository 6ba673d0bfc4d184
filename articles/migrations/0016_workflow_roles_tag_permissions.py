"""The workflow's new roles and tags: the editor-in-chief manages them as editors do;
reporters pick tags for their drafts and may add a missing one, never rename or delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVERS_GROUP = "Tổng biên tập"
REPORTERS_GROUP = "Phóng viên"
REPORTER_CODENAMES = ("view_tag", "add_tag")


def _tag_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="articles", content_type__model="tag")


def grant(apps, schema_editor):
    # As in 0002: permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    approvers, _ = Group.objects.get_or_create(name=APPROVERS_GROUP)
    approvers.permissions.add(*_tag_permissions(apps))
    reporters, _ = Group.objects.get_or_create(name=REPORTERS_GROUP)
    reporters.permissions.add(*_tag_permissions(apps).filter(codename__in=REPORTER_CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[APPROVERS_GROUP, REPORTERS_GROUP]):
        group.permissions.remove(*_tag_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_merge_workflow_and_readers")]

    operations = [migrations.RunPython(grant, revoke)]
