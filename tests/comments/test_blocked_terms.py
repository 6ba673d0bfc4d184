"""Blocked terms through the ways readers dodge them, and the ordinary words they must spare."""

import pytest

from comments import services
from comments.models import BlockedTerm
from comments.terms import normalize_for_matching

CAUGHT, SPARED = True, False

# (blocked term, what the reader wrote, caught?)
TABLE = [
    ("đồ ngu", "Đúng là đồ ngu", CAUGHT),
    ("đồ ngu", "ĐỒ NGU", CAUGHT),
    ("đồ ngu", "do ngu", CAUGHT),  # accents dropped
    ("đồ ngu", "d0 ngu", CAUGHT),  # leetspeak
    ("đồ ngu", "đ.ồ n g u", CAUGHT),  # punctuation and spaces inside the words
    ("đồ ngu", "đồ-ngu!!!", CAUGHT),
    ("đồ ngu", "đồngu", CAUGHT),
    ("đồ ngu", "đồ ngu\u200bu", CAUGHT),  # a zero-width space, a repeated letter
    ("đồ ngu", "đồ nguuuuu", CAUGHT),
    ("đồ ngu", "ｄｏ　ｎｇｕ", CAUGHT),  # full-width letters
    ("đồ ngu", "zồ ngu", CAUGHT),  # teencode z for d
    ("đồ ngu", "dồ ngu", CAUGHT),  # đ typed as d
    ("đồ ngu", "Tôi đồng ý với ý kiến này", SPARED),
    ("đồ ngu", "Chúc cả nhà ngủ ngon", SPARED),
    ("đồ ngu", "Quận Đông Kinh Nghĩa Thục", SPARED),
    ("đồ ngu", "Họ để đó ngủ cả đêm", SPARED),  # other accents: other words
    ("đồ ngu", "bộ đồ nguyên chiếc", SPARED),  # "ngu" only starts "nguyên"
    ("đkm", "dkm", CAUGHT),
    ("đkm", "Đ.K.M", CAUGHT),
    ("đkm", "đ k m", CAUGHT),  # single letters, not teencode "k" = không
    ("đkm", "ĐKM thật", CAUGHT),
    ("đkm", "đi 5 km nữa", SPARED),
    ("ngu", "Nguyễn Văn An", SPARED),
    ("ngu", "ngủ ngon", CAUGHT),  # a term without accents matches any accents
    ("phản động", "fản động", CAUGHT),  # teencode f for ph
    ("lừa đảo", "L-U-A Đ-A-O", CAUGHT),
    ("lừa đảo", "lua d4o", CAUGHT),
    ("lừa đảo", "lúa đào chín sớm", SPARED),
    ("không được", "ko dc", CAUGHT),  # teencode words written out
    ("cờ bạc", "co bac", CAUGHT),
    ("cờ bạc", "cổ bác đã về", SPARED),
    ("du", "Dũng đi dùng bữa", SPARED),
    ("đường 3", "đường 3/2", CAUGHT),  # a number standing alone stays a number
]


@pytest.mark.django_db
@pytest.mark.parametrize(("term", "text", "caught"), TABLE)
def test_blocked_term_table(term, text, caught):
    BlockedTerm.objects.create(term=term, action=BlockedTerm.Action.HOLD)
    match = services.blocked_term_match(text)
    assert (match.term if match else None) == (term if caught else None)


def test_normalize_for_matching_reduces_evasions_to_letters_and_boundaries():
    form = normalize_for_matching("Đ.ồ  n-g-u, ng@y 2024")
    assert form.letters == "dongungay2024"
    assert form.boundaries == frozenset({0, 1, 2, 3, 4, 5, 9, 13})


@pytest.mark.django_db
def test_blocked_term_match_sees_a_term_edited_since_the_last_comment():
    term = BlockedTerm.objects.create(term="lừa đảo", action=BlockedTerm.Action.HOLD)
    assert services.blocked_term_match("lua dao").action == BlockedTerm.Action.HOLD
    term.term, term.action = "cờ bạc", BlockedTerm.Action.REJECT
    term.save()
    assert services.blocked_term_match("lua dao") is None
    assert services.blocked_term_match("co bac").action == BlockedTerm.Action.REJECT
