"""The newsroom's roles, as Django groups created by data migrations.

The names are what staff see in the admin, hence Vietnamese.
"""

EDITORS_GROUP = "Biên tập viên"
MODERATORS_GROUP = "Kiểm duyệt viên"


def may_see_unpublished(user) -> bool:
    """Whether ``user`` may read drafts and scheduled articles, not only published ones.

    The same permission the article admin and the staff preview ask for, so
    every place that names articles (the comment admin's filter, for one)
    shows a moderator no more than those do.
    """
    return user.has_perm("articles.view_article")
