from django.contrib.auth.management import create_permissions
from django.db import migrations

# As in articles/migrations/0002_role_groups.py: the name is frozen here so the
# migration means the same thing whatever later happens to articles/roles.py.
MODERATORS_GROUP = "Kiểm duyệt viên"
MODERATOR_MODELS = ("comment", "blockedterm")


def grant_moderator_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure
    # the comments app's exist now so the group can be given them on a fresh database.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", content_type__model__in=MODERATOR_MODELS
        )
    )


def revoke_moderator_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="comments", content_type__model__in=MODERATOR_MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_moderator_permissions, revoke_moderator_permissions)]
