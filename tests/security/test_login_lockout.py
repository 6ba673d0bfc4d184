"""Brute force against the admin login is stopped per username and address."""

import pytest
from axes.models import AccessAttempt

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password: str, *, ip: str = "203.0.113.7", username: str = "bientap"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_is_locked_after_repeated_failures_with_a_vietnamese_message(client, settings):
    UserFactory(username="bientap", password="mat-khau-dung", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "sai").status_code == 200  # the login form again
    locked = attempt(client, "sai")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "thử lại sau 30 phút" in locked.content.decode()
    # Even the right password is refused while locked.
    assert attempt(client, "mat-khau-dung").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address_so_others_can_still_log_in(client, settings):
    UserFactory(username="bientap", password="mat-khau-dung", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai", ip="203.0.113.7")
    response = attempt(client, "mat-khau-dung", ip="198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_behind_a_proxy_the_lockout_is_per_forwarded_address(client, settings):
    # Everyone arrives from the proxy's address; only X-Forwarded-For tells readers apart.
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="bientap", password="mat-khau-dung", is_staff=True)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "bientap", "password": "sai"},
            **proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    editor = client.post(
        LOGIN,
        {"username": "bientap", "password": "mat-khau-dung"},
        **proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert editor.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"


def test_superuser_can_unlock_from_the_admin(client, settings, superuser):
    UserFactory(username="bientap", password="mat-khau-dung", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sai")
    assert AccessAttempt.objects.filter(username="bientap").exists()

    admin = type(client)()
    admin.force_login(superuser)
    attempts = AccessAttempt.objects.filter(username="bientap")
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, "mat-khau-dung").status_code == 302
