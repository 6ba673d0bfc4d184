"""The newsroom's roles, as Django groups created by data migrations.

The names are what staff see in the admin, hence Vietnamese. What each role
may do to an article is decided by permissions (``articles.review_article``,
``articles.approve_article``, the model's own add/change) in ``articles/workflow.py``;
the groups only bundle them.
"""

REPORTERS_GROUP = "Phóng viên"
EDITORS_GROUP = "Biên tập viên"
APPROVERS_GROUP = "Tổng biên tập"
MODERATORS_GROUP = "Kiểm duyệt viên"

REVIEW_PERMISSION = "articles.review_article"
APPROVE_PERMISSION = "articles.approve_article"


def may_see_unpublished(user) -> bool:
    """Whether ``user`` may read every draft and scheduled article, not only published ones.

    Editors and the editor-in-chief may; a reporter sees only their own work
    (``articles.workflow.articles_viewable_by``). Every place that names articles
    (the comment admin's filter, for one) shows no more than the article admin does.
    """
    return user.has_perm(REVIEW_PERMISSION) or user.has_perm(APPROVE_PERMISSION)
