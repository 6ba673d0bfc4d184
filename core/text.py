"""Text helpers for Vietnamese: Unicode normalisation and slugs."""

import html
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


_SEARCH_WORD = re.compile(r"[a-z0-9]+")


def search_words(value: str) -> list[str]:
    """The accent-free, lower-case words of ``value``, punctuation dropped.

    >>> search_words("Đà Nẵng: 2 ngày, 1 đêm")
    ['da', 'nang', '2', 'ngay', '1', 'dem']
    """
    return _SEARCH_WORD.findall(fold_for_search(value))


def plain_text_from_html(value: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded."""
    # A space per tag, so "<p>một</p><p>hai</p>" gives two words, not "mộthai".
    return html.unescape(_TAG.sub(" ", value))


_TAG = re.compile(r"<[^>]*>")

# Telex and VNI, the two ways Vietnamese keyboards type diacritics with plain
# keys. A reader whose input method is off types "dda nawng" (Telex) or
# "d9a na8ng" (VNI) for "đa năng"/"Đà Nẵng"; search converts such words back.
_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}
_VNI_TONES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
# Combining marks for sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = {1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323"}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
_BREVE = {"a": "ă"}
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
_INITIALS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()  # noqa: SIM905
)
_FINALS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "y", "o", "u"])


def _add_mark(letters: list[str], marks: dict[str, str], *, pair_uo: bool = False) -> bool:
    """Put a circumflex, horn or breve on the last vowel that takes it; True if one did."""
    for index in range(len(letters) - 1, -1, -1):
        base = letters[index]
        if base in marks:
            letters[index] = marks[base]
            # "uow" and "u7o7" both give "ươ": the horn goes on both.
            if pair_uo and base == "o" and index > 0 and letters[index - 1] == "u":
                letters[index - 1] = "ư"
            elif pair_uo and base == "u" and index + 1 < len(letters) and letters[index + 1] == "o":
                letters[index + 1] = "ơ"
            return True
    return False


def _place_tone(syllable: str, tone: int) -> str | None:
    """``syllable`` with ``tone`` on the vowel that carries it, or None if it is no syllable."""
    onset = ""
    for initial in sorted(_INITIALS, key=len, reverse=True):
        if syllable.startswith(initial):
            onset = initial
            break
    rest = syllable[len(onset) :]
    if onset == "gi" and not any(letter in _VOWELS for letter in rest):
        onset, rest = "g", syllable[1:]  # "gì": the i is the vowel
    vowel_start = 0
    while vowel_start < len(rest) and rest[vowel_start] not in _VOWELS:
        vowel_start += 1
    vowel_end = vowel_start
    while vowel_end < len(rest) and rest[vowel_end] in _VOWELS:
        vowel_end += 1
    vowels, coda = rest[vowel_start:vowel_end], rest[vowel_end:]
    if vowel_start != 0 or not vowels or len(vowels) > 3 or coda not in _FINALS:
        return None
    if not tone:
        return syllable
    marked = [i for i, letter in enumerate(vowels) if letter in _MARKED_VOWELS]
    if marked:
        position = marked[-1]  # "ươ" takes the tone on the ơ
    elif coda or len(vowels) == 1:
        position = len(vowels) - 1
    elif len(vowels) == 3:
        position = 1
    else:
        position = 0  # the traditional style: "hòa", "thủy"
    toned = vowels[position] + _TONE_MARKS[tone]
    word = onset + vowels[:position] + toned + vowels[position + 1 :] + coda
    return unicodedata.normalize("NFC", word)


def _modify(letters: list[str], key: str, *, scheme: str) -> bool:
    """Apply ``key`` to the letters typed so far if it is a modifier there; True if it was."""
    if scheme == "telex":
        if key == "d" and letters == ["d"]:
            letters[0] = "đ"
            return True
        if key in _CIRCUMFLEX and letters and letters[-1] == key:
            letters[-1] = _CIRCUMFLEX[key]
            return True
        if key == "w":
            return _add_mark(letters, _HORN, pair_uo=True) or _add_mark(letters, _BREVE)
        return False
    if key == "9" and letters[:1] == ["d"]:
        letters[0] = "đ"
        return True
    marks = {"6": _CIRCUMFLEX, "7": _HORN, "8": _BREVE}.get(key)
    return marks is not None and _add_mark(letters, marks, pair_uo=key == "7")


def _convert_word(word: str, *, scheme: str) -> str | None:
    tones, no_tone = (_TELEX_TONES, "z") if scheme == "telex" else (_VNI_TONES, "0")
    letters: list[str] = []
    tone = 0
    changed = False
    for key in word.lower():
        has_vowel = any(letter in _VOWELS for letter in letters)
        if _modify(letters, key, scheme=scheme):
            changed = True
        elif has_vowel and key in tones:
            tone, changed = tones[key], True
        elif has_vowel and key == no_tone:
            tone, changed = 0, True
        else:
            letters.append(key)
    if not changed:
        return None
    result = _place_tone("".join(letters), tone)
    if result is None:
        return None
    if word.isupper() and len(word) > 1:
        return result.upper()
    return result[0].upper() + result[1:] if word[0].isupper() else result


def from_typed_keys(value: str, *, scheme: str) -> str:
    """Read ``value`` as typed with the Telex or VNI keys and no input method.

    Only words that make a Vietnamese syllable are converted; the others stay
    as typed. Used as one more way to read a search query, never to change
    what a reader wrote.

    >>> from_typed_keys("dda nawng", scheme="telex")
    'đa năng'
    >>> from_typed_keys("d9a2 na8ng4", scheme="vni")
    'đà nẵng'
    """
    if scheme not in ("telex", "vni"):
        raise ValueError(f"unknown typing scheme: {scheme!r}")
    words = []
    for word in value.split():
        converted = _convert_word(word, scheme=scheme) if word.isalnum() else None
        words.append(converted or word)
    return " ".join(words)


def search_document(*, title: str, text: str) -> str:
    """What accent-insensitive search reads where full-text search is not available.

    The folded words of the title, a line break, the folded words of the rest,
    each word between spaces: " da nang " then matches the phrase as whole
    words, and the line break tells a match in the title from one below it.
    """
    return f" {' '.join(search_words(title))} \n {' '.join(search_words(text))} "
