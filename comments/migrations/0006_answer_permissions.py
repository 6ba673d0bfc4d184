from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here, as in 0002: the migration means the same whatever happens to articles/roles.py.
MODERATORS_GROUP = "Kiểm duyệt viên"
EDITORS_GROUP = "Biên tập viên"
# Moderators manage answers; editors may write them (they reach a comment's page
# only if an administrator also lets them read comments).
GRANTS = {
    MODERATORS_GROUP: ("add", "change", "delete", "view"),
    EDITORS_GROUP: ("add", "view"),
}


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="comments",
        codename__in=[f"{action}_commentanswer" for action in actions],
    )


def grant_answer_permissions(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, actions))


def revoke_answer_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_newsroom_answers_and_reader_status"),
        ("articles", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_answer_permissions, revoke_answer_permissions)]
