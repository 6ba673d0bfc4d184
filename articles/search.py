"""Search for readers, in Vietnamese typed however the reader types it.

A query is read up to three ways (``search_terms``): as typed, and as typed
with the Telex or VNI keys and no input method ("dda nawng", "d9a na8ng" for
"đa năng"). Every reading is matched without accents, as whole words, in the
title, the lead and the body of the articles readers may see.

Ranking, best first: the words as one phrase in the title, the phrase anywhere,
the query spelt exactly as typed (diacritics included) in the title or lead;
then, on PostgreSQL, the full-text rank (title above lead above body) and the
title's trigram similarity. So "da nang" puts the articles about Đà Nẵng above
one that merely contains "đa" and "nâng" apart, and "Đà Nẵng" puts them above
an article about a "máy đa năng".

PostgreSQL reads the ``search_vector`` column and the trigram index of
migration 0011 (both kept by the database); when no article has the words, a
typo in the title ("da nagn") still finds it by trigram similarity. SQLite
reads ``Article.search_text`` (``core.text.search_document``, kept by
``articles.services``) with simpler ranking and no typo tolerance. Snippets
are made here, in Python, the same way on both: every character escaped, the
words found in ``<mark>``.
"""

import functools
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.selectors import article_listing
from core.dependencies import depends_on, list_key
from core.text import (
    fold_for_search,
    from_typed_keys,
    normalize_text,
    plain_text_from_html,
    search_words,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_WORDS = 36
# How many of the newest matches are ranked and counted, at most (PostgreSQL).
MAX_RANKED = 1000
# Shorter queries match too many titles by trigram similarity to mean anything.
MIN_TRIGRAM_QUERY = 4

TITLE_PHRASE_SCORE = 8.0
PHRASE_SCORE = 4.0
EXACT_SPELLING_SCORE = 2.0
TITLE_WORDS_SCORE = 1.0


@dataclass(frozen=True)
class SearchTerms:
    """A query, cleaned, with the ways it may be read."""

    typed: str
    # The accent-free words of each reading: as typed, then Telex and VNI when they differ.
    readings: tuple[tuple[str, ...], ...]
    # The readings that carry diacritics, lower-case: an exact spelling ranks higher.
    spellings: tuple[str, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(word for reading in self.readings for word in reading)

    def __bool__(self) -> bool:
        return bool(self.readings)


def search_terms(*, query: str) -> SearchTerms:
    # Cleaned as stored titles and leads are; PostgreSQL also refuses a NUL in a query.
    typed = " ".join(normalize_text(query).split())[:MAX_QUERY_LENGTH]
    readings: list[tuple[str, ...]] = []
    spellings: list[str] = []
    for text in (
        typed,
        from_typed_keys(typed, scheme="telex"),
        from_typed_keys(typed, scheme="vni"),
    ):
        words = tuple(search_words(text)[:MAX_WORDS])
        if words and words not in readings:
            readings.append(words)
        spelling = text.lower()
        if spelling != fold_for_search(spelling) and spelling not in spellings:
            spellings.append(spelling)
    return SearchTerms(typed=typed, readings=tuple(readings), spellings=tuple(spellings))


def search_articles(*, terms: SearchTerms) -> QuerySet[Article]:
    """The articles readers may see that match ``terms``, best first, with their bodies."""
    depends_on(list_key(Article))
    published = article_listing(Article.objects.published(), also=("body",))
    if not terms:
        return published.none()
    if connection.vendor == "postgresql":
        ranked = _postgresql_search(published, terms)
    else:
        ranked = _portable_search(published, terms)
    return ranked.order_by(F("rank").desc(), "-published_at", "-id")


def results_capped(*, count: int) -> bool:
    """Whether a search found more than it ranks, so readers see only the newest matches."""
    return connection.vendor == "postgresql" and count >= MAX_RANKED


def _spelt_exactly(terms: SearchTerms) -> Q:
    """The title or lead contains a reading with its diacritics, in common capitalisations."""
    condition = Q()
    for spelling in terms.spellings:
        for variant in {spelling, spelling.capitalize(), spelling.title(), spelling.upper()}:
            condition |= Q(title__contains=variant) | Q(lead__contains=variant)
    return condition


def _score(condition: Q, score: float) -> Case:
    return Case(When(condition, then=Value(score)), default=Value(0.0), output_field=FloatField())


def _portable_search(published: QuerySet[Article], terms: SearchTerms) -> QuerySet[Article]:
    # search_text is " title words \n other words ": a word or a phrase between
    # spaces is a whole-word match, and what comes before the line break is the title.
    matches = Q()
    title_phrase = Q()
    phrase = Q()
    title_words = Q()
    for reading in terms.readings:
        all_words = Q()
        all_in_title = Q()
        for word in reading:
            all_words &= Q(search_text__contains=f" {word} ")
            all_in_title &= Q(search_title__contains=f" {word} ")
        matches |= all_words
        title_words |= all_in_title
        title_phrase |= Q(search_title__contains=f" {' '.join(reading)} ")
        phrase |= Q(search_text__contains=f" {' '.join(reading)} ")
    rank = (
        _score(title_phrase, TITLE_PHRASE_SCORE)
        + _score(phrase, PHRASE_SCORE)
        + _score(title_words, TITLE_WORDS_SCORE)
    )
    if terms.spellings:
        rank += _score(_spelt_exactly(terms), EXACT_SPELLING_SCORE)
    return (
        published.alias(search_title=Substr("search_text", 1, StrIndex("search_text", Value("\n"))))
        .filter(matches)
        .annotate(rank=rank)
    )


def _tsquery(terms: SearchTerms, *, joiner: str, weight: str = "") -> SearchQuery:
    # Words are [a-z0-9]+ (core.text.search_words): nothing in them is tsquery syntax.
    alternatives = " | ".join(
        "(" + joiner.join(f"{word}{weight}" for word in reading) + ")" for reading in terms.readings
    )
    return SearchQuery(alternatives, search_type="raw", config="simple")


def _postgresql_search(published: QuerySet[Article], terms: SearchTerms) -> QuerySet[Article]:
    any_reading = _tsquery(terms, joiner=" & ")
    documents = published.alias(
        # Unqualified: the same expression serves in the subquery below, whose
        # table has an alias; no other table in these queries has the column.
        document=RawSQL("search_vector", [], output_field=SearchVectorField())
    )
    matches = documents.filter(document=any_reading)
    typed = " ".join(terms.readings[0])
    if len(typed) >= MIN_TRIGRAM_QUERY and not matches.exists():
        return _postgresql_typo_search(published, typed)
    # A word in a fifth of all articles matches tens of thousands of them on a
    # big site; ranking and counting them all would cost more than the page's
    # budget. Only the newest MAX_RANKED are ranked (news readers want recent
    # news first anyway), through the lists' index when matches are common and
    # the full-text index when they are rare, as the planner sees fit.
    newest = matches.order_by("-published_at", "-id").values("pk")[:MAX_RANKED]
    matches = documents.filter(pk__in=newest)
    as_phrase = _tsquery(terms, joiner=" <-> ")
    as_title_phrase = _tsquery(terms, joiner=" <-> ", weight=":A")
    rank = (
        _score(Q(document=as_title_phrase), TITLE_PHRASE_SCORE)
        + _score(Q(document=as_phrase), PHRASE_SCORE)
        + SearchRank(F("document"), any_reading, weights=[0.1, 0.2, 0.4, 1.0])
    )
    if terms.spellings:
        rank += _score(_spelt_exactly(terms), EXACT_SPELLING_SCORE)
    return matches.annotate(rank=rank)


def _postgresql_typo_search(published: QuerySet[Article], typed: str) -> QuerySet[Article]:
    """Titles that look like the query ("da nagn"), when no article has its words.

    A separate query, only then: matching every search by trigrams as well
    would recheck thousands of rows for common words.
    """
    titles = published.alias(
        # The trigram index's expression, written the same way so the planner uses it.
        folded_title=Func(Lower("title"), function="newsroom_unaccent", output_field=TextField()),
    )
    # word_similarity(typed, title) above pg_trgm's threshold, through the trigram index.
    similar = titles.filter(folded_title__trigram_word_similar=typed)
    newest = similar.order_by("-published_at", "-id").values("pk")[:MAX_RANKED]
    return titles.filter(pk__in=newest).annotate(rank=TrigramWordSimilarity(typed, "folded_title"))


_TOKEN = re.compile(r"\w+")


@functools.lru_cache(maxsize=20_000)
def _folded(word: str) -> str:
    return fold_for_search(word)


def highlight(*, text: str, terms: SearchTerms, words: int | None = None) -> SafeString:
    """``text`` escaped, with the words searched for in ``<mark>``.

    With ``words``, only that many words around the first match (the first
    place the whole phrase appears, if it does), with "…" where text was cut.
    Nothing of ``text`` reaches the page unescaped: only our ``<mark>`` tags.
    """
    tokens = list(_TOKEN.finditer(text))
    wanted = terms.words
    hits = [_folded(token.group()) in wanted for token in tokens]
    first, last = 0, len(tokens)
    if words is not None and len(tokens) > words:
        start = _phrase_start(tokens, terms)
        if start is None:
            start = hits.index(True) if any(hits) else 0
        first = max(0, min(start - words // 4, len(tokens) - words))
        last = first + words
    if not tokens:
        return mark_safe(escape(text))  # noqa: S308 (escaped)
    begin = tokens[first].start() if first > 0 else 0
    end = tokens[last - 1].end() if last < len(tokens) else len(text)
    parts = ["… " if first > 0 else ""]
    position = begin
    for index in range(first, last):
        token = tokens[index]
        parts.append(escape(text[position : token.start()]))
        if hits[index]:
            parts.append(f"<mark>{escape(token.group())}</mark>")
        else:
            parts.append(escape(token.group()))
        position = token.end()
    parts.append(escape(text[position:end]))
    if last < len(tokens):
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 (every piece of text is escaped)


def _phrase_start(tokens: list[re.Match[str]], terms: SearchTerms) -> int | None:
    folded = [_folded(token.group()) for token in tokens]
    for reading in terms.readings:
        size = len(reading)
        for index in range(len(folded) - size + 1):
            if tuple(folded[index : index + size]) == reading:
                return index
    return None


def search_results(*, articles: list[Article], terms: SearchTerms) -> list[Article]:
    """One page of results, each with a ``snippet`` of its lead and body.

    Set on the articles themselves, so the one list template
    (``includes/article_list.html``) shows search results like any other list.
    """
    for article in articles:
        article.snippet = highlight(  # type: ignore[attr-defined]
            text=" ".join(f"{article.lead} {plain_text_from_html(article.body)}".split()),
            terms=terms,
            words=SNIPPET_WORDS,
        )
    return articles
