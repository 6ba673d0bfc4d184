"""Helpers for the admin's browser tests: staff signed in to a live server's admin."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.test import Client

from articles.roles import EDITORS_GROUP, MODERATORS_GROUP
from tests.factories import UserFactory

LAPTOP = {"width": 1366, "height": 768}


def staff_user(role: str):
    """An editor or a moderator as the role migrations define them.

    Transactional tests empty the database after each test, the migrations'
    groups and permissions included, so they are made again here.
    """
    for app in ("articles", "comments"):
        create_permissions(apps.get_app_config(app), verbosity=0)
    if role == "editor":
        group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
        group.permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    else:
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        group.permissions.set(Permission.objects.filter(content_type__app_label="comments"))
    user = UserFactory(username=f"{role}-browser", is_staff=True)
    user.groups.add(group)
    return user


def signed_in_page(browser, live_server, user, **context_options):
    """A page of a new browser context with ``user``'s session, and the context."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=LAPTOP, **context_options
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page, context


# Evaluated in the page: each visible form control of the admin form, with the
# name assistive technology would find for it (label, aria-label, aria-labelledby;
# a button's value), or none. The blank row copied by "Thêm" is left out.
UNNAMED_CONTROLS_JS = """() => {
  const text = (node) => (node ? node.textContent.trim() : "");
  const named = (el) => {
    if ((el.getAttribute("aria-label") || "").trim()) return true;
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    if (ids.some((id) => text(document.getElementById(id)))) return true;
    if (el.labels && [...el.labels].some((label) => text(label))) return true;
    return ["submit", "button", "reset"].includes(el.type) && el.value.trim() !== "";
  };
  const controls = "input, select, textarea, [role=combobox]";
  return [...document.querySelectorAll(controls.replace(/(^|, )/g, "$1#content-main "))]
    .filter((el) => el.type !== "hidden" && !el.closest(".empty-form"))
    .filter((el) => el.getClientRects().length > 0 || el.matches("select.admin-autocomplete"))
    .filter((el) => !named(el))
    .map((el) => el.name || el.id || el.outerHTML.slice(0, 80));
}"""
