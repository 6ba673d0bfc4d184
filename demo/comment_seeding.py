"""Bulk comments for benchmarks and load tests.

Comments cluster on a few popular articles, as they do on a real portal, so
the moderation queue and the busiest article pages are tested at scale.
"""

import random
from collections.abc import Callable, Sequence

from django.db import transaction

from comments.models import Comment
from comments.services import approved_counts_refresh_all

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Đỗ Thu Hà")
TITLES = ("Ý kiến của tôi", "Đồng tình", "Cần làm rõ thêm", "Cảm ơn bài viết", "Góp ý")
BODIES = (
    "Bài viết rất hữu ích, mong thành phố tiếp tục cập nhật thông tin.",
    "Khu phố tôi cũng gặp tình trạng này, đề nghị cơ quan chức năng xem xét.",
    "Cảm ơn phóng viên đã phản ánh kịp thời.\nMong sớm có giải pháp.",
)
# Mostly approved, as on a moderated site; the rest fill the moderation queue.
STATUS_WEIGHTS = (
    (Comment.Status.APPROVED, 90),
    (Comment.Status.PENDING, 7),
    (Comment.Status.REJECTED, 2),
    (Comment.Status.SPAM, 1),
)


def seed_comments(
    *,
    article_ids: Sequence[int],
    count: int,
    batch_size: int = 5000,
    seed: int = 2,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Create ``count`` comments over ``article_ids`` (skewed towards the first ones)."""
    if not article_ids or count <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 (repeatable fake data, not security)
    statuses = [status for status, _weight in STATUS_WEIGHTS]
    weights = [weight for _status, weight in STATUS_WEIGHTS]
    last = len(article_ids) - 1
    created = 0
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        batch = []
        for _ in range(size):
            # Pareto-distributed index: a handful of articles get most comments.
            index = min(int(rng.paretovariate(1.2)) - 1, last)
            batch.append(
                Comment(
                    article_id=article_ids[index],
                    name=rng.choice(NAMES),
                    title=rng.choice(TITLES),
                    body=rng.choice(BODIES),
                    status=rng.choices(statuses, weights)[0],
                    # Documentation address ranges: never a real reader's address.
                    ip_address=f"203.0.113.{rng.randrange(1, 255)}",
                    user_agent="seed_bulk",
                )
            )
        with transaction.atomic():
            # created_at is auto_now_add, so each batch gets the time it was inserted.
            Comment.objects.bulk_create(batch)
        created += size
        if on_batch is not None:
            on_batch(size)
    approved_counts_refresh_all()
    return created
