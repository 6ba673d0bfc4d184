from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_approved_comments(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    approved = (
        Comment.objects.filter(article_id=OuterRef("pk"), status="approved")
        .order_by()
        .values("article_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Article.objects.update(
        approved_comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_approved_comment_count"),
        ("comments", "0003_comment_admin_order_index"),
    ]

    operations = [
        migrations.RunPython(count_approved_comments, migrations.RunPython.noop, elidable=True),
    ]
