"""Hundreds of readers commenting at once, against gunicorn and PostgreSQL as in production.

Fifty clients post over 500 comments with captchas solved the way a reader
would (the answer read from the captcha store), mixed with posts that must be
refused: a wrong answer, a captcha used a second time, one raced by two posts
at the same moment, an empty body, a closed article. Every accepted comment
must be stored exactly once, every refused one must say why in Vietnamese, and
the server must never answer 5xx.
"""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

import pytest

from tests.reliability.servers import (
    SEED_ARTICLES,
    create_database,
    drop_database,
    gunicorn,
    manage,
    postgres_admin_url_or_skip,
    production_env,
    run_django,
)

pytestmark = pytest.mark.slow

DATABASE = "toasoan_load"
CLIENTS = 50
VALID_PER_CLIENT = 10
# README's production command line. With 2 sync workers at most two requests
# touch the database at once; four make the captcha race below a real race.
WORKERS = 4
TIME_LIMIT_SECONDS = 120

# What each kind of bad post must be answered with: (HTTP status, words on the page).
WRONG_ANSWER = (200, "Mã xác nhận không đúng")
EMPTY_BODY = (200, "Vui lòng nhập nội dung bình luận.")
CLOSED = (403, "Bình luận của bạn chưa được gửi vì bài viết đã đóng bình luận.")
BAD_KINDS = ("wrong_captcha", "replayed_captcha", "raced_captcha", "empty_body", "closed_article")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Tally:
    """What happened to every POST, filled in by all client threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0
    accepted: list[str] = field(default_factory=list)  # bodies answered with 302
    refused: list[tuple[str, int, str]] = field(default_factory=list)  # body, status, html
    server_errors: list[tuple[str, int]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    races: list[tuple[int, int]] = field(default_factory=list)  # statuses of each raced pair

    def record(self, body: str, status: int, html: str) -> None:
        with self.lock:
            self.sent += 1
            if status == 302:
                self.accepted.append(body)
            elif status >= 500:
                self.server_errors.append((body, status))
            elif status in (200, 403):
                self.refused.append((body, status, html))
            else:
                self.unexpected.append(f"{status} for {body!r}")


class Reader:
    """One reader's browser: fetches captchas and CSRF tokens, posts the form."""

    def __init__(self, base: str, captcha_answer, tally: Tally) -> None:
        self.base = base
        self.answer_for = captcha_answer
        self.tally = tally
        self.opener = urllib.request.build_opener(NoRedirect)

    def challenge(self, article_pk: int) -> dict:
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            f"{self.base}/binh-luan/{article_pk}/ma-xac-nhan/",
            headers={"X-Requested-With": "XMLHttpRequest"},
        )
        with self.opener.open(request, timeout=60) as response:
            challenge = json.load(response)
        challenge["answer"] = self.answer_for(challenge["key"])
        return challenge

    def post(self, article_pk: int, challenge: dict, body: str, *, answer: str | None = None):
        data = urllib.parse.urlencode(
            {
                "name": "Trần Thị Bình",
                "phone": "0912 345 678",
                "title": "Ý kiến về bài viết",
                "body": body,
                "website": "",
                "captcha_0": challenge["key"],
                "captcha_1": challenge["answer"] if answer is None else answer,
                "csrfmiddlewaretoken": challenge["csrf_token"],
            }
        ).encode()
        # The CSRF cookie is Secure in production and this is plain HTTP, so the
        # client sends it itself (Django accepts the masked token as the cookie).
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            f"{self.base}/binh-luan/{article_pk}/gui/",
            data=data,
            headers={"Cookie": f"csrftoken={challenge['csrf_token']}"},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode(errors="replace")
        self.tally.record(body, status, html)
        return status


def one_reader(number: int, reader: Reader, pks: dict, expected: dict) -> None:
    open_pk = pks["open_pk"]
    for n in range(VALID_PER_CLIENT):
        reader.post(open_pk, reader.challenge(open_pk), f"Bạn đọc {number}, ý kiến số {n}.")
    kind = BAD_KINDS[number % len(BAD_KINDS)]
    body = f"Bạn đọc {number}, bình luận lỗi ({kind})."
    if kind == "wrong_captcha":
        expected[body] = WRONG_ANSWER
        reader.post(open_pk, reader.challenge(open_pk), body, answer="sai00")
    elif kind == "replayed_captcha":
        used = reader.challenge(open_pk)
        reader.post(open_pk, used, f"Bạn đọc {number}, trước khi dùng lại mã.")
        expected[body] = WRONG_ANSWER
        reader.post(open_pk, used, body)
    elif kind == "raced_captcha":
        # Two tabs sending different text with the same captcha at the same moment.
        shared = reader.challenge(open_pk)
        bodies = [f"{body} Tab {tab}." for tab in (1, 2)]
        statuses = [0, 0]
        start = threading.Barrier(2)

        def tab(i: int) -> None:
            start.wait()
            statuses[i] = reader.post(open_pk, shared, bodies[i])

        tabs = [threading.Thread(target=tab, args=(i,)) for i in (0, 1)]
        for thread in tabs:
            thread.start()
        for thread in tabs:
            thread.join()
        with reader.tally.lock:
            reader.tally.races.append(tuple(statuses))
        for raced in bodies:
            expected[raced] = WRONG_ANSWER  # for whichever of the two loses
    elif kind == "empty_body":
        # An empty body has nothing to tell the posts apart: they all file under "".
        expected[""] = EMPTY_BODY
        reader.post(open_pk, reader.challenge(open_pk), "")
    else:  # closed_article: its own captcha endpoint refuses, so a captcha from elsewhere
        expected[body] = CLOSED
        reader.post(pks["closed_pk"], reader.challenge(open_pk), body)


def test_comment_posts_under_load_are_stored_once_or_refused_with_a_reason(tmp_path):
    import psycopg

    admin_url = postgres_admin_url_or_skip()
    started = time.monotonic()
    database_url = create_database(admin_url, DATABASE)
    try:
        env = production_env(
            database_url,
            tmp_path,
            # All clients are 127.0.0.1: per-address flood control would refuse them.
            COMMENTS_MIN_INTERVAL_SECONDS="0",
            COMMENTS_MAX_PER_HOUR="0",
            COMMENTS_CAPTCHAS_PER_WINDOW="0",
            NEWSROOM_PAGE_CACHE="0",
        )
        manage(["migrate", "--no-input"], env)
        manage(["collectstatic", "--no-input"], env)
        pks = run_django(SEED_ARTICLES, env)

        # The test reads answers as the reader reads the image: from the captcha store.
        store = psycopg.connect(database_url, autocommit=True)
        store_lock = threading.Lock()

        def captcha_answer(key: str) -> str:
            with store_lock:
                row = store.execute(
                    "SELECT response FROM captcha_captchastore WHERE hashkey = %s", [key]
                ).fetchone()
            return row[0]

        tally = Tally()
        expected_refusals: dict[str, tuple[int, str]] = {}
        errors: list[BaseException] = []

        with gunicorn(env, tmp_path / "gunicorn.log", workers=WORKERS) as server:

            def client(number: int) -> None:
                try:
                    reader = Reader(server.base, captcha_answer, tally)
                    one_reader(number, reader, pks, expected_refusals)
                except BaseException as error:  # reported below, not lost in a thread
                    errors.append(error)

            load_started = time.monotonic()
            threads = [
                threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)
            ]
            for thread in threads:
                thread.start()
            deadline = started + TIME_LIMIT_SECONDS
            for thread in threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
            load_seconds = time.monotonic() - load_started
            assert not any(thread.is_alive() for thread in threads), "clients still running"
            server_log = server.log()

        stored = Counter(
            body
            for (body,) in store.execute(
                "SELECT body FROM comments_comment WHERE article_id = %s", [pks["open_pk"]]
            )
        )
        stored_on_closed = store.execute(
            "SELECT count(*) FROM comments_comment WHERE article_id = %s", [pks["closed_pk"]]
        ).fetchone()[0]
        challenges = store.execute("SELECT count(*) FROM captcha_captchastore")
        leftover_challenges = challenges.fetchone()[0]
        store.close()
    finally:
        drop_database(admin_url, DATABASE)
    total_seconds = time.monotonic() - started

    print(
        f"\ncomment load: {tally.sent} POSTs sent by {CLIENTS} clients to {WORKERS} workers, "
        f"{len(tally.accepted)} accepted, {sum(stored.values())} stored, "
        f"{len(tally.refused)} refused, {len(tally.server_errors)} 5xx, "
        f"{len(tally.unexpected)} other; load {load_seconds:.1f} s "
        f"({tally.sent / load_seconds:.0f} POSTs/s), whole test {total_seconds:.1f} s; "
        f"raced pairs {Counter(tuple(sorted(r)) for r in tally.races)}; "
        f"unused captcha rows left {leftover_challenges}"
    )
    assert not errors, errors
    assert tally.server_errors == [], server_log[-3000:]
    assert tally.unexpected == []
    assert "Traceback" not in server_log, server_log[-3000:]

    bad_posts = CLIENTS + CLIENTS // len(BAD_KINDS) * 2  # replays and races send two each
    assert tally.sent == CLIENTS * VALID_PER_CLIENT + bad_posts
    assert tally.sent >= 500

    # Every accepted comment is stored exactly once, and nothing else is stored.
    assert len(tally.accepted) == len(set(tally.accepted))
    assert stored == Counter(tally.accepted)
    assert stored_on_closed == 0

    # Of each raced pair exactly one post won the captcha.
    assert len(tally.races) == CLIENTS // len(BAD_KINDS)
    assert all(sorted(pair) == [200, 302] for pair in tally.races), tally.races

    # Every refusal was a deliberately bad post, answered with its reason in Vietnamese.
    for body, status, html in tally.refused:
        assert body in expected_refusals, f"a good comment was refused ({status}): {body!r}"
        expected_status, reason = expected_refusals[body]
        assert status == expected_status, (body, status)
        assert reason in html, (body, reason)
        assert body not in stored
    refused_kinds = Counter(expected_refusals[body][1] for body, _, _ in tally.refused)
    per_kind = CLIENTS // len(BAD_KINDS)
    assert refused_kinds == {
        WRONG_ANSWER[1]: per_kind * 3,  # wrong answer, replayed, the loser of each race
        EMPTY_BODY[1]: per_kind,
        CLOSED[1]: per_kind,
    }
    assert len(tally.accepted) == CLIENTS * VALID_PER_CLIENT + per_kind * 2
    assert total_seconds < TIME_LIMIT_SECONDS
