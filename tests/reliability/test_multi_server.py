"""Two app servers behind Varnish, sharing PostgreSQL, Redis and an S3 store, on loopback.

The production layout for more than one machine, shrunk onto this one:
varnishd (the repository's VCL, xkey from varnish-modules) in front of two
gunicorn servers on two ports, each with an empty media directory of its own,
one PostgreSQL database, one Redis, one S3-compatible server (moto's server
mode: a pure-Python S3 endpoint that uv installs with the dev dependencies, so
CI needs no binary from elsewhere and every run starts with an empty store),
and a task worker sending the purges. What a reader and the newsroom would
notice is checked through Varnish, as readers reach the site.

Skipped without varnishd and the xkey vmod, except in CI (NEWSROOM_REQUIRE_VARNISH=1).
"""

import contextlib
import html
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from glob import glob
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import free_test_port, require_redis
from tests.reliability.servers import (
    ROOT,
    Server,
    create_database,
    drop_database,
    gunicorn,
    manage,
    postgres_admin_url_or_skip,
    production_env,
    run_django,
)

pytestmark = pytest.mark.slow

# Emptied by the test; on a machine shared with other runs, give it others of its own.
DATABASE = os.environ.get("NEWSROOM_MULTI_SERVER_DATABASE", "toasoan_multi_server")
REDIS_URL = os.environ.get("NEWSROOM_MULTI_SERVER_REDIS_URL", "redis://127.0.0.1:6379/15")
BUCKET = "toasoan-media"
# The pages' s-maxage: short, so that the grace check below waits only this long.
TTL = 20
PASSWORD = "mat-khau-thu-nghiem-2026"
COMMENT_BODY = "Đề nghị thành phố công bố lộ trình cụ thể."


PUBLIC_READ = """{{
  "Version": "2012-10-17",
  "Statement": [{{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                  "Resource": "arn:aws:s3:::{bucket}/*"}}]
}}"""


def require_varnish() -> None:
    missing = [tool for tool in ("varnishd", "varnishstat") if shutil.which(tool) is None]
    if not glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so"):
        missing.append("the xkey vmod (varnish-modules)")
    if missing:
        message = f"missing {', '.join(missing)} (apt-get install varnish varnish-modules)"
        if os.environ.get("NEWSROOM_REQUIRE_VARNISH") == "1":
            pytest.fail(message)
        pytest.skip(message)


# --- An HTTP client that keeps cookies by hand ------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str
    body: bytes


class Visitor:
    """One browser: its cookies, and requests without following redirects.

    Production cookies are Secure, which urllib's cookie jar would keep from an
    http:// address; on loopback there is no TLS, so they are kept here.
    """

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        url: str,
        *,
        fields: list[tuple[str, str]] | None = None,
        files: list[tuple[str, str, str, bytes]] | None = None,
        headers: dict[str, str] | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> Response:
        match = re.fullmatch(r"http://([\d.]+):(\d+)(/.*)", url)
        assert match, url
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            boundary = uuid.uuid4().hex
            body = multipart(boundary, fields or [], files)
            all_headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif fields is not None:
            from urllib.parse import urlencode

            body = urlencode(fields).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(
            host, port, timeout=30, source_address=source_address
        )
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ('""', "") or "Max-Age=0" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Response(
            response.status, response.headers, content.decode("utf-8", "replace"), content
        )

    def get(self, url: str, **kwargs) -> Response:
        return self.request("GET", url, **kwargs)

    def log_in(self, base: str, username: str) -> None:
        page = self.get(f"{base}/admin/login/")
        fields = form_fields(page.text, "login-form")
        fields += [("username", username), ("password", PASSWORD)]
        answer = self.request("POST", f"{base}/admin/login/?next=/admin/", fields=fields)
        assert answer.status == 302, f"login of {username} failed:\n{answer.text[:3000]}"
        assert "sessionid" in self.cookies


def multipart(boundary: str, fields, files) -> bytes:
    out = io.BytesIO()
    for name, value in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    for name, filename, content_type, data in files:
        out.write(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


class _FormParser(HTMLParser):
    """The values a browser would send for the form with a given id (files left out)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name", "")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attributes.get("type", "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value", "")))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea, self._text = name, []
        elif tag == "select" and name and "__prefix__" not in name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((attributes.get("value", ""), "selected" in attributes))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    parser = _FormParser(form_id)
    parser.feed(page)
    assert parser.fields, f"no form #{form_id} in the page"
    return parser.fields


def replace(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    names = {name.replace("__", "-") for name in values}
    kept = [(name, value) for name, value in fields if name not in names]
    return kept + [(name.replace("__", "-"), value) for name, value in values.items()]


# --- The servers --------------------------------------------------------------------


def wait_for_port(port: int, process: subprocess.Popen, log: Path, what: str) -> None:
    import socket

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on {port}:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=5)


@contextlib.contextmanager
def background(command: list[str], log: Path, *, env=None, port=None, what="") -> Iterator[None]:
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        if port is not None:
            wait_for_port(port, process, log, what)
        yield
    finally:
        stop(process)


BACKENDS_VCL = """
import directors;

probe healthz {{
    .url = "/healthz/";
    .interval = 0.5s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}}

backend app_a {{ .host = "127.0.0.1"; .port = "{port_a}"; .probe = healthz; }}
backend app_b {{ .host = "127.0.0.1"; .port = "{port_b}"; .probe = healthz; }}

sub vcl_init {{
    new apps = directors.round_robin();
    apps.add_backend(app_a);
    apps.add_backend(app_b);
}}

sub vcl_recv {{
    set req.backend_hint = apps.backend();
}}

acl purgers {{
    "127.0.0.1";
}}
"""


def varnish_counters(workdir: Path) -> dict[str, int]:
    result = subprocess.run(
        ["varnishstat", "-n", str(workdir), "-1", "-j"],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    )
    counters = json.loads(result.stdout)
    counters = counters.get("counters", counters)
    return {
        name: entry["value"]
        for name, entry in counters.items()
        if isinstance(entry, dict) and "value" in entry
    }


SEED = """
    from datetime import timedelta
    from django.contrib.auth.models import Group, User
    from django.utils import timezone
    from articles import services
    from articles.models import Article, Section
    from articles.roles import APPROVERS_GROUP, MODERATORS_GROUP
    from comments.models import Comment

    section = services.section_save(section=Section(name="Thời sự", order=1))

    def article(title):
        return services.article_save(article=Article(
            title=title, section=section, lead="Sáng nay, thành phố họp báo.",
            body="<p>Nội dung.</p>", status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1)))

    a = article("Thành phố mở rộng đường ven sông")
    b = article("Lịch cắt điện tuần này")
    c = article("Thông báo tuyển dụng đã hết hạn")
    comment = Comment.objects.create(
        article=a, name="Nguyễn Văn An", title="Ý kiến", body={body!r},
        status=Comment.Status.PENDING, ip_address="203.0.113.9", user_agent="thử")
    # The editor-in-chief: editors no longer change published articles.
    for username, group in (("tongbientap", APPROVERS_GROUP), ("kiemduyet", MODERATORS_GROUP)):
        user = User.objects.create_user(username, password={password!r}, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    print(json.dumps({{
        "a": [a.pk, a.get_absolute_url(), a.title],
        "b": [b.pk, b.get_absolute_url(), b.title],
        "c": [c.pk, c.get_absolute_url(), c.title],
        "comment": comment.pk,
    }}))
"""


def jpeg(size=(1600, 1000)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def files_under(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def access_count(server: Server, path: str) -> int:
    return sum(
        1
        for line in server.log().splitlines()
        if line.startswith("access ") and line.split()[-1] == path
    )


def poll(condition, seconds: float = 10.0):
    """``condition()``'s first true result within ``seconds``, with how long it took."""
    started = time.monotonic()
    while True:
        result = condition()
        if result or time.monotonic() - started > seconds:
            return result, time.monotonic() - started
        time.sleep(0.1)


def test_two_app_servers_behind_varnish_share_database_cache_and_object_storage(tmp_path):
    require_varnish()
    admin_url = postgres_admin_url_or_skip()
    require_redis(REDIS_URL).flushdb()
    port_a, port_b, port_varnish, port_s3 = (free_test_port() for _ in range(4))
    while len({port_a, port_b, port_varnish, port_s3}) < 4:
        port_b, port_varnish, port_s3 = (free_test_port() for _ in range(3))
    varnish = f"http://127.0.0.1:{port_varnish}"
    s3 = f"http://127.0.0.1:{port_s3}"
    database_url = create_database(admin_url, DATABASE)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(
                background(
                    [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port_s3)],
                    tmp_path / "moto.log",
                    port=port_s3,
                    what="moto server",
                )
            )
            import boto3

            s3_client = boto3.client(
                "s3",
                endpoint_url=s3,
                region_name="us-east-1",
                aws_access_key_id="test",
                aws_secret_access_key="test",
            )
            s3_client.create_bucket(Bucket=BUCKET)
            # As in production: anyone may read, only the app's credentials write.
            s3_client.put_bucket_policy(Bucket=BUCKET, Policy=PUBLIC_READ.format(bucket=BUCKET))

            shared = {
                "REDIS_URL": REDIS_URL,
                "NEWSROOM_PAGE_CACHE": "1",
                "NEWSROOM_PAGE_CACHE_SECONDS": str(TTL),
                "NEWSROOM_SITE_URL": varnish,
                "NEWSROOM_VARNISH_PURGE_URLS": f"{varnish}/",
                "TRUSTED_PROXY_COUNT": "1",
                "MEDIA_S3_BUCKET": BUCKET,
                "MEDIA_S3_ENDPOINT_URL": s3,
                "AWS_ACCESS_KEY_ID": "test",
                "AWS_SECRET_ACCESS_KEY": "test",
            }
            media = {name: tmp_path / f"media-{name}" for name in "ab"}
            env = {
                name: production_env(
                    database_url,
                    tmp_path,
                    **shared,
                    MEDIA_ROOT=str(media[name]),
                    NEWSROOM_VAR_DIR=str(tmp_path / f"var-{name}"),
                )
                for name in "ab"
            }
            manage(["migrate", "--no-input"], env["a"])
            manage(["collectstatic", "--no-input"], env["a"])
            seeded = run_django(SEED.format(body=COMMENT_BODY, password=PASSWORD), env["a"])
            (pk_a, path_a, _), (_, path_b, title_b), (_, path_c, title_c) = (
                seeded["a"],
                seeded["b"],
                seeded["c"],
            )

            server_a = stack.enter_context(
                gunicorn(env["a"], tmp_path / "a.log", access_log=True, port=port_a)
            )
            server_b = stack.enter_context(
                gunicorn(env["b"], tmp_path / "b.log", access_log=True, port=port_b)
            )
            worker = [sys.executable, "manage.py", "db_worker", "--queue-name", "purges"]
            stack.enter_context(
                background(
                    [*worker, "--interval", "0.2", "--no-startup-delay"],
                    tmp_path / "worker.log",
                    env=env["a"],
                )
            )
            varnish_dir = tmp_path / "varnish"
            (tmp_path / "vcl").mkdir()
            (tmp_path / "vcl" / "toasoan-backends.vcl").write_text(
                BACKENDS_VCL.format(port_a=port_a, port_b=port_b)
            )
            stack.enter_context(
                background(
                    [
                        "varnishd",
                        "-F",
                        "-j",
                        "none",
                        "-n",
                        str(varnish_dir),
                        "-a",
                        f"127.0.0.1:{port_varnish}",
                        "-f",
                        str(ROOT / "deploy" / "varnish" / "toasoan.vcl"),
                        "-p",
                        f"vcl_path={tmp_path / 'vcl'}:/usr/share/varnish/vcl",
                        "-s",
                        "malloc,64m",
                    ],
                    tmp_path / "varnish.log",
                    port=port_varnish,
                    what="varnishd",
                )
            )

            def through_varnish(path: str, **kwargs) -> Response:
                return Visitor().get(varnish + path, **kwargs)

            # A photo uploaded through server A's admin ...
            editor = Visitor()
            editor.log_in(server_a.base, "tongbientap")
            change = f"{server_a.base}/admin/articles/article/{pk_a}/change/"
            fields = form_fields(editor.get(change).text, "article_form")
            fields = replace(
                fields,
                photos__0__alt_text="Công nhân thi công kè sông",
                photos__0__caption="Đoạn kè mới hoàn thành.",
            )
            saved = editor.request(
                "POST",
                change,
                fields=fields,
                files=[("photos-0-image", "ke-song.jpg", "image/jpeg", jpeg())],
            )
            errors = re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', saved.text, re.S)
            assert saved.status == 302, f"the admin refused the photo: {errors}"

            # ... is shown on the article as server B serves it, from the object store.
            page_b = Visitor().get(server_b.base + path_a)
            assert "Đoạn kè mới hoàn thành." in page_b.text
            srcsets = re.findall(r'srcset="([^"]+)"', page_b.text)
            assert srcsets, "no srcset on the article"
            renditions = [c.split()[0] for s in srcsets for c in html.unescape(s).split(", ")]
            assert all(url.startswith(f"{s3}/{BUCKET}/photos/renditions/") for url in renditions)
            assert s3 in page_b.headers["Content-Security-Policy"]
            webp = Visitor().get(next(u for u in renditions if u.endswith(".webp")))
            assert webp.status == 200 and webp.body[:4] == b"RIFF" and webp.body[8:12] == b"WEBP"
            assert files_under(media["a"]) == files_under(media["b"]) == []

            # An anonymous view is a Varnish hit the second time.
            before = varnish_counters(varnish_dir)
            first, second = through_varnish(path_a), through_varnish(path_a)
            assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
            assert second.text == first.text and "Đoạn kè mới hoàn thành." in second.text
            assert "Surrogate-Key" not in second.headers
            # Worker threads add their counts to varnishstat's a moment later.
            hits, _ = poll(
                lambda: varnish_counters(varnish_dir)["MAIN.cache_hit"] - before["MAIN.cache_hit"],
                seconds=3,
            )
            assert hits == 1
            # Junk parameters are the same page; the comment page is another.
            assert through_varnish(path_a + "?utm_source=zalo&fbclid=x").headers["X-Cache"] == "HIT"
            for path in (path_b, path_c, "/"):
                through_varnish(path)
                assert through_varnish(path).headers["X-Cache"] == "HIT"

            # Staff, with a session cookie, always reach an app server.
            def app_requests() -> int:
                return access_count(server_a, path_a) + access_count(server_b, path_a)

            served = app_requests()
            for n in (1, 2):
                staff_view = editor.get(varnish + path_a)
                assert staff_view.headers["X-Cache"] == "PASS"
                assert "private" in staff_view.headers["Cache-Control"]
                # gunicorn writes its access log a moment after answering.
                reached, _ = poll(lambda expected=served + n: app_requests() == expected, 3)
                assert reached, "a staff request was answered without reaching an app server"

            # A moderator approves the comment on A through server B: A shows it at
            # once through Varnish, and B, which does not show it, stays cached.
            assert COMMENT_BODY not in through_varnish(path_a).text
            moderator = Visitor()
            moderator.log_in(server_b.base, "kiemduyet")
            changelist = f"{server_b.base}/admin/comments/comment/"
            # The CSRF cookie's secret is accepted as the form's token.
            csrf = [("csrfmiddlewaretoken", moderator.cookies["csrftoken"])]
            approved = moderator.request(
                "POST",
                changelist,
                fields=[
                    *csrf,
                    ("action", "approve"),
                    ("_selected_action", str(seeded["comment"])),
                    ("index", "0"),
                ],
            )
            assert approved.status == 302, approved.text[:2000]
            shown, delay = poll(lambda: COMMENT_BODY in through_varnish(path_a).text)
            assert shown, "the approved comment never showed through Varnish"
            assert delay < 5, f"the purge took {delay:.1f} s"
            assert through_varnish(path_a).headers["X-Cache"] == "HIT"
            assert through_varnish(path_b).headers["X-Cache"] == "HIT"

            # Only the app servers may purge: another address is refused.
            refused = Visitor().request(
                "PURGE",
                f"{varnish}/",
                headers={"xkey-purge": "site"},
                source_address=("127.0.0.2", 0),
            )
            assert refused.status == 403
            assert through_varnish(path_b).headers["X-Cache"] == "HIT"

            # An article deleted in the admin is gone through Varnish at once,
            # from its own address and from the home page.
            delete = f"{server_a.base}/admin/articles/article/{seeded['c'][0]}/delete/"
            csrf = [("csrfmiddlewaretoken", editor.cookies["csrftoken"])]
            deleted = editor.request("POST", delete, fields=[*csrf, ("post", "yes")])
            assert deleted.status == 302, deleted.text[:2000]
            gone, delay = poll(lambda: through_varnish(path_c).status == 404)
            assert gone, "the deleted article is still served"
            assert title_c not in through_varnish("/").text
            assert title_b in through_varnish("/").text

            # With both app servers down, cached pages are still served past their
            # s-maxage (grace); what was never cached is an error.
            page = through_varnish(path_a)
            fetched = time.monotonic() - int(page.headers.get("Age", "0"))
            server_a.stop()
            server_b.stop()
            time.sleep(max(0.0, fetched + TTL + 2 - time.monotonic()))
            stale = through_varnish(path_a)
            assert stale.status == 200
            assert COMMENT_BODY in stale.text and "Đoạn kè mới hoàn thành." in stale.text
            assert int(stale.headers["Age"]) > TTL
            assert through_varnish("/tim-kiem/?q=song").status == 503
    finally:
        drop_database(admin_url, DATABASE)
