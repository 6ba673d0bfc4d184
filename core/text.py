"""Text helpers for Vietnamese: Unicode normalisation and slugs."""

import re
import unicodedata

# Đ and đ are letters of their own in Unicode, not D with a combining mark, so a
# plain NFKD + ASCII pass (what django.utils.text.slugify does) drops them:
# "Đà Nẵng" would become "a-nang".
_VIETNAMESE_LETTERS = str.maketrans({"Đ": "D", "đ": "d"})
_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
# Besides control and invisible formatting characters, surrogate code points:
# in a Python string they are always unpaired (a decoder that let one through,
# such as unicode_escape), and can be neither rendered nor stored as UTF-8.
_CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff]"
)


def normalize_text(value: str) -> str:
    """Return ``value`` in NFC with control characters and lone surrogates removed.

    Text pasted from other systems often arrives decomposed (NFD): the same
    word then compares, sorts and searches differently. Newlines and tabs stay.
    """
    # Control characters go first: one between a letter and its combining
    # accent would otherwise keep the pair from being composed.
    return unicodedata.normalize("NFC", _CONTROL_CHARACTERS.sub("", value))


def vietnamese_slugify(value: str, *, max_length: int = 200) -> str:
    """Make an ASCII slug that keeps every Vietnamese letter readable.

    >>> vietnamese_slugify("Đà Nẵng đón Tết")
    'da-nang-don-tet'
    """
    ascii_text = (
        unicodedata.normalize("NFKD", value.translate(_VIETNAMESE_LETTERS))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = _NON_ALPHANUMERIC.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        # Cut at a word boundary so the slug does not end in half a word.
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def fold_for_search(value: str) -> str:
    """Lower-case ASCII form used to match text without caring about accents.

    Readers often type without diacritics ("da nang" for "Đà Nẵng"), so both
    the stored text and the query are folded the same way.
    """
    return " ".join(
        unicodedata.normalize("NFKD", value.translate(_VIETNAMESE_LETTERS))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
        .split()
    )
