"""The workflow's new roles get what ``main`` gave the editors meanwhile.

0008_correction_permissions_for_editors and 0009_editor_attachment_permissions
were written before the groups "Phóng viên" and "Tổng biên tập" existed, and
0008_workflow_roles before attachments and corrections did; which of them ran
first depends on the database. Either way, after this:

* "Tổng biên tập" manages attached documents and adds corrections, as editors do;
* "Phóng viên" manages the attached documents of the articles they may edit, as
  they do photos, and sees corrections. Corrections go on published articles,
  which a reporter no longer edits, so adding them stays with the editors.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTERS_GROUP = "Phóng viên"
APPROVERS_GROUP = "Tổng biên tập"

ATTACHMENT_CODENAMES = tuple(
    f"{action}_attachment" for action in ("add", "change", "delete", "view")
)
CORRECTION_CODENAMES = ("add_correction", "change_correction", "view_correction")
GRANTS = {
    REPORTERS_GROUP: (*ATTACHMENT_CODENAMES, "view_correction"),
    APPROVERS_GROUP: (*ATTACHMENT_CODENAMES, *CORRECTION_CODENAMES),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def grant(apps, schema_editor):
    # As in 0002: permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_merge_workflow")]

    operations = [migrations.RunPython(grant, revoke)]
