"""Matching blocked terms against what readers write, through the ways they dodge a filter.

Readers who know a word is blocked write it "d0 ngu", "đ.ồ n g u", "ĐỒ NGUUU",
"zồ ngu" or without accents. ``normalize_for_matching`` turns both the term and
the text into the same comparable form; ``BlockedTermMatcher`` looks for whole
terms in it. The terms are few and change rarely, so each set of terms is
prepared once per process (``matcher_for``) and a comment costs one pass over
its text per form (literal and teencode-expanded) plus a ``str.find`` per term.
"""

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Digits and symbols read as letters when they sit inside a word ("d0", "ng@y").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}

# Whole words of teencode and their Vietnamese (without accents, as the rest is compared).
_TEENCODE_WORDS = {
    "k": "khong",
    "ko": "khong",
    "kh": "khong",
    "hok": "khong",
    "hong": "khong",
    "khum": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "vs": "voi",
    "mk": "minh",
    "ng": "nguoi",
    "bit": "biet",
}

# Spelling substitutions of teencode, applied to every word (and to the terms, so
# they agree): none of f, w, j, z is a Vietnamese letter, and Vietnamese writes
# k only before i, e, ê, y, where it never writes c, so k→c merges no two words.
_TEENCODE_SPELLING = (("ck", "ch"), ("f", "ph"), ("w", "qu"), ("j", "gi"), ("z", "d"))

# Combining marks that are not accents: kept out of the comparison.
_ZERO_WIDTH = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@dataclass(frozen=True, slots=True)
class Normalized:
    """Text as a string of base letters, with each letter's accents and the word boundaries.

    ``letters``: lower-case ASCII letters and digits, separators removed.
    ``marks[i]``: the accents (combining characters) the writer put on ``letters[i]``.
    ``boundaries``: the positions in ``letters`` where a word starts or ends in the
    original text (0 and ``len(letters)`` included).
    """

    letters: str
    marks: tuple[frozenset[str], ...]
    boundaries: frozenset[int]


def normalize_for_matching(text: str, *, expand_teencode: bool = False) -> Normalized:
    """Reduce ``text`` to the form blocked terms are compared in. The rules, in order:

    1. Compatibility forms become plain letters (NFKC: full-width "ｎｇｕ", ligatures);
       invisible characters (zero-width space, soft hyphen) are dropped as if absent.
    2. Case is ignored, and so are accents: each letter is kept as its base letter
       ("ồ" → "o", "Đ"/"đ" → "d"), with its accents set aside for the check below.
    3. Leetspeak: inside a word that has a letter, 0 1 3 4 5 7 @ $ read as
       o i e a s t a s ("d0" → "do", "ng@y" → "ngay"); a number standing alone
       ("đường 3/2") stays a number.
    4. Teencode spellings: ck → ch, f → ph, w → qu, j → gi, z → d, and k → c
       unless it starts "kh" ("fải" → "phai", "zồ" → "do"). With
       ``expand_teencode``, whole teencode words are written out too ("ko" →
       "khong", "dc" → "duoc"); a matcher tries both forms, because a single
       "k" in "đ k m" is a spaced-out letter, not "không".
    5. A letter repeated is one letter ("nguuuu" → "ngu").
    6. Spaces and punctuation are removed, but where they were is remembered as a
       word boundary; so are the start and the end of the text.

    A term then matches where its letters appear in the text's letters starting and
    ending on a boundary: the text's words, however split ("đ.ồ n g u"), must add up
    to the term exactly, so "đồng ý" (dongy) never holds "đồ ngu" (dongu) and
    "Nguyễn" never holds "ngu". The accent check is in ``BlockedTermMatcher``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch not in _ZERO_WIDTH)
    letters: list[str] = []
    marks: list[frozenset[str]] = []
    boundaries = {0}
    for word in _words(text):
        pieces = _word_letters(word, expand_teencode=expand_teencode)
        for base, accents in pieces:
            if letters and letters[-1] == base and len(letters) not in boundaries:
                marks[-1] = marks[-1] | accents  # a repeated letter: one letter
                continue
            letters.append(base)
            marks.append(accents)
        boundaries.add(len(letters))
    return Normalized("".join(letters), tuple(marks), frozenset(boundaries))


def _words(text: str) -> Iterable[str]:
    """Runs of letters, digits and leet symbols; everything else separates them."""
    word: list[str] = []
    for ch in text:
        if ch.isalnum() or ch in _LEET or unicodedata.category(ch).startswith("M"):
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def _word_letters(word: str, *, expand_teencode: bool) -> list[tuple[str, frozenset[str]]]:
    """One word as (base letter, its accents) pairs, after leetspeak and teencode."""
    pieces: list[tuple[str, frozenset[str]]] = []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(ch):
            if pieces:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] | {ch})
            continue
        base = "d" if ch == "đ" else ch
        pieces.append((base, frozenset()))
    has_letter = any(base.isalpha() for base, _ in pieces)
    if has_letter:
        pieces = [(_LEET.get(base, base), accents) for base, accents in pieces]
    pieces = [(base, accents) for base, accents in pieces if base.isascii() and base.isalnum()]
    plain = "".join(base for base, _ in pieces)
    if expand_teencode and plain in _TEENCODE_WORDS:
        return [(letter, frozenset()) for letter in _TEENCODE_WORDS[plain]]
    return _respell(pieces)


def _respell(pieces: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    out: list[tuple[str, frozenset[str]]] = []
    i = 0
    while i < len(pieces):
        base, accents = pieces[i]
        following = pieces[i + 1][0] if i + 1 < len(pieces) else ""
        for spelled, written in _TEENCODE_SPELLING:
            if base + following == spelled or (len(spelled) == 1 and base == spelled):
                out.extend((letter, accents) for letter in written)
                i += len(spelled)
                break
        else:
            out.append(("c" if base == "k" and following != "h" else base, accents))
            i += 1
    return out


@dataclass(frozen=True, slots=True)
class _PreparedTerm:
    key: object
    letters: str
    marks: tuple[frozenset[str], ...] | None  # None: written without accents, any accents match


class BlockedTermMatcher:
    """Finds the first of some terms in a text, in the order the terms were given.

    Accents: a term written without any accent ("du", "do ngu") matches whatever
    accents the reader used. A term written with them ("đồ ngu") matches the
    reader's text with the same accents or fewer (readers who drop accents are
    caught), never other ones: "đó ngủ" is not "đồ ngu".
    """

    def __init__(self, terms: Iterable[tuple[object, str]]) -> None:
        prepared = []
        for key, term in terms:
            form = normalize_for_matching(term)
            if not form.letters:
                continue
            accented = any(form.marks)
            prepared.append(_PreparedTerm(key, form.letters, form.marks if accented else None))
        self._terms = tuple(prepared)

    def first_match(self, text: str) -> object | None:
        """The key of the first term found in ``text``, or ``None``."""
        if not self._terms:
            return None
        forms = (
            normalize_for_matching(text),
            normalize_for_matching(text, expand_teencode=True),
        )
        for term in self._terms:
            if any(self._found(term, form) for form in forms):
                return term.key
        return None

    @staticmethod
    def _found(term: _PreparedTerm, form: Normalized) -> bool:
        start = form.letters.find(term.letters)
        while start != -1:
            end = start + len(term.letters)
            if (
                start in form.boundaries
                and end in form.boundaries
                and (
                    term.marks is None
                    or all(form.marks[start + i] <= term.marks[i] for i in range(len(term.letters)))
                )
            ):
                return True
            start = form.letters.find(term.letters, start + 1)
        return False


@functools.lru_cache(maxsize=8)
def matcher_for(terms: tuple[tuple[object, str], ...]) -> BlockedTermMatcher:
    """The matcher of ``terms``, prepared once per process for each set of terms."""
    return BlockedTermMatcher(terms)
