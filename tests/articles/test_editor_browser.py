"""An editor puts an image into an article with CKEditor, in a real Chromium.

The upload endpoint requires Django's CSRF token (articles/uploads.py); this is
the proof that the real editor sends it (static/js/ckeditor-csrf.js), through
the image dialog's upload tab as editors use it.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.test import Client

from articles.roles import EDITORS_GROUP
from tests.conftest import image_bytes
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _editor():
    """An editor as articles/migrations/0002 defines the role.

    Transactional tests empty the database after each test, the migration's
    group and permissions included, so they are made again here.
    """
    create_permissions(apps.get_app_config("articles"), verbosity=0)
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def editor_page(browser, live_server):
    client = Client()
    client.force_login(_editor())
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
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
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "response",
        lambda r: page.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    # CKEditor reports a failed upload with alert().
    page.on("dialog", lambda dialog: (page.problems.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def test_editor_uploads_an_image_through_the_image_dialog(editor_page, settings, tmp_path):
    page = editor_page
    photo = tmp_path / "cau-rong.png"
    photo.write_bytes(image_bytes("PNG", size=(320, 200)))

    page.goto("/admin/articles/article/add/")
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'",
        timeout=60_000,
    )
    page.fill("#id_title", "Cầu Rồng phun lửa")

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog_body")
    dialog.get_by_role("tab", name="Tải lên").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(photo)
    dialog.get_by_role("button", name="Tải lên máy chủ").click()

    # The server's answer fills the image URL in the dialog's first tab.
    url_field = dialog.locator("input.cke_dialog_ui_input_text").first
    page.wait_for_function(
        "(field) => field.value.startsWith('/media/uploads/')",
        arg=url_field.element_handle(),
    )
    url = url_field.input_value()
    assert url.endswith(".png")
    dialog.get_by_role("button", name="Đồng ý").click()

    # In the editor, shown (loaded from the site), and in the body it will save.
    editing = page.frame_locator("iframe.cke_wysiwyg_frame")
    image = editing.locator(f'img[src="{url}"]')
    image.wait_for()
    assert image.evaluate("(img) => img.complete && img.naturalWidth") == 320
    assert f'src="{url}"' in page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    stored = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    assert stored.is_file()
    assert page.problems == []
