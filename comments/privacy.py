"""Who may see a commenter's phone number and IP address: decided here, once."""

from django.contrib.auth.models import AnonymousUser, User


def may_see_personal_data(user: User | AnonymousUser) -> bool:
    """People who may change comments, i.e. moderators (and superusers).

    An editor given read access to comments sees the comment, never who is
    behind it; blocking a sender by phone or address needs the same right.
    """
    return bool(user.is_active and user.is_staff and user.has_perm("comments.change_comment"))
