from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Biên tập viên"
MODERATORS_GROUP = "Kiểm duyệt viên"
EDITOR_MODELS = ("article", "section", "author", "photo", "byline")


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure
    # the articles app's exist now so the group can be given them on a fresh database.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model__in=EDITOR_MODELS
        )
    )
    # Moderators get their comment permissions from the comments app's migration.
    Group.objects.get_or_create(name=MODERATORS_GROUP)


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[EDITORS_GROUP, MODERATORS_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
