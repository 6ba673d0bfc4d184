"""The newsroom's writes during bench/run.py's churn scenario, in a process of its own.

    python bench/churn_writer.py PLAN.json   # started by bench/run.py, not by hand

With the same settings as the servers (environment from bench/run.py), it
prints ``ready`` once Django is set up, waits for a line on stdin, then until
stdin closes (bench/run.py closes it when wrk is done, and the system does if
bench/run.py dies):

* every second, a moderator approves the next pending comment of the plan,
  through ``comments.services.comments_moderate`` as the admin does;
* every 10 seconds (the first after 5), an editor saves the next article of
  the plan with its lead slightly changed, through ``articles.services.article_save``.

A comment someone already decided is skipped and counted, not an error (so is
a tick after the plan's comments ran out), and a failed write is reported and
counted while the writer goes on. The last line it
prints is a JSON summary: how many writes of each kind it made.
"""

import itertools
import json
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPROVE_EVERY_SECONDS = 1.0
SAVE_EVERY_SECONDS = 10.0
FIRST_SAVE_AFTER_SECONDS = 5.0
EDIT_MARK = re.compile(r" \(cập nhật lần \d+\)$")


def main() -> int:
    plan = json.loads(Path(sys.argv[1]).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from articles.services import article_save
    from comments.models import Comment
    from comments.services import comments_moderate

    users = get_user_model().objects
    moderator = users.get(pk=plan["moderator_id"])
    editor = users.get(pk=plan["editor_id"])
    comment_ids = iter(plan["comment_ids"])
    # A failed save moves on to the next article too, rather than retrying one that may be gone.
    article_ids = itertools.cycle(plan["article_ids"])
    summary = {
        "approved": 0,
        "already_decided": 0,
        "none_left": 0,
        "articles_saved": 0,
        "errors": 0,
    }

    def approve_next() -> None:
        pk = next(comment_ids, None)
        if pk is None:
            summary["none_left"] += 1
            return
        comment = Comment.objects.filter(pk=pk).first()
        if comment is None or not comments_moderate(
            comments=[comment], status=Comment.Status.APPROVED, user=moderator
        ):
            summary["already_decided"] += 1
        else:
            summary["approved"] += 1

    def save_next() -> None:
        article = Article.objects.get(pk=next(article_ids))
        edit = summary["articles_saved"] + 1
        article.lead = f"{EDIT_MARK.sub('', article.lead)} (cập nhật lần {edit})"
        article_save(article=article, user=editor)
        summary["articles_saved"] += 1

    stop = threading.Event()

    def wait_for_stdin_to_close() -> None:
        for _line in sys.stdin:
            pass
        stop.set()

    print("ready", flush=True)
    sys.stdin.readline()  # "go": wrk is starting
    started = time.monotonic()
    threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()
    # On a fixed schedule from the start, so a slow write does not shift the later ones.
    next_approval = started + APPROVE_EVERY_SECONDS
    next_save = started + FIRST_SAVE_AFTER_SECONDS
    while not stop.wait(max(0.0, min(next_approval, next_save) - time.monotonic())):
        now = time.monotonic()
        for due, write in ((next_approval, approve_next), (next_save, save_next)):
            if now < due:
                continue
            try:
                write()
            # Any failure (a lock timeout, a row deleted meanwhile) costs one write, not the run.
            except Exception:
                summary["errors"] += 1
                traceback.print_exc()
        if now >= next_approval:
            next_approval += APPROVE_EVERY_SECONDS
        if now >= next_save:
            next_save += SAVE_EVERY_SECONDS
    summary["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
