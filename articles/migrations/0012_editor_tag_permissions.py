"""Editors manage tags, as they do sections and authors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Biên tập viên"


def grant(apps, schema_editor):
    # As in 0002: permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", content_type__model="tag")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name=EDITORS_GROUP):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", content_type__model="tag"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_tags_and_view_counts")]

    operations = [migrations.RunPython(grant, revoke)]
