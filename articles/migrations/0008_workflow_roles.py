"""The workflow's roles: reporters and the editor-in-chief join the editors.

Editors keep what they had and may now review any unpublished article; the
permission to publish (``approve_article``) is the editor-in-chief's alone.
Existing articles keep their status: "draft" and "published" mean what they did.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTERS_GROUP = "Phóng viên"
EDITORS_GROUP = "Biên tập viên"
APPROVERS_GROUP = "Tổng biên tập"

REPORTER_PERMISSIONS = (
    *(f"{action}_article" for action in ("add", "change", "delete", "view")),
    *(f"{action}_byline" for action in ("add", "change", "delete", "view")),
    *(f"{action}_photo" for action in ("add", "change", "delete", "view")),
    # To pick sections and authors in the article form.
    "view_section",
    "view_author",
)


def create_workflow_roles(apps, schema_editor):
    # As in 0002: the new permissions must exist now, on a fresh database too.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles = Permission.objects.filter(content_type__app_label="articles")

    reporters, _ = Group.objects.get_or_create(name=REPORTERS_GROUP)
    reporters.permissions.add(*articles.filter(codename__in=REPORTER_PERMISSIONS))

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(articles.get(codename="review_article"))

    approvers, _ = Group.objects.get_or_create(name=APPROVERS_GROUP)
    approvers.permissions.add(*editors.permissions.all(), articles.get(codename="approve_article"))


def remove_workflow_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[REPORTERS_GROUP, APPROVERS_GROUP]).delete()
    Permission = apps.get_model("auth", "Permission")
    review = Permission.objects.filter(
        content_type__app_label="articles", codename="review_article"
    )
    for editors in Group.objects.filter(name=EDITORS_GROUP):
        editors.permissions.remove(*review)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_workflow_states"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflow_roles, remove_workflow_roles)]
