"""Search on PostgreSQL, model-free: full-text first, trigram similarity when it finds nothing.
portal/search.py names the records the site search covers.

Words are matched as prefixes of their French stems, without accents:
"migrant" finds "migrants" and "migration", "developpement" finds "développement".
Identifiers (L48-805, CD.0037, HT10P0503) match exactly and come first.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.vectors import SEARCH_CONFIG, title_search_vector

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULTS_PER_KIND = 20
RESULTS_PER_PAGE = 20
# Matches ranked for each kind when a word has more (see Source.ranked): ranking reads vectors.
# The search's pages go this far.
RANKED_CANDIDATES = 200
# Below this, a trigram match is more noise than typo.
MIN_SIMILARITY = 0.45
# Rare characters PostgreSQL puts around matches; replaced by <mark> after escaping the excerpt.
MARK_START, MARK_END = "\u2e20", "\u2e21"
IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*$")
WORD = re.compile(r"\w+")
EXACT_MATCH_BOOST = 100.0
EXCERPT_WORDS = 35
EXCERPT_FRAGMENTS = 2
DIGIT = re.compile(r"\d")
SENTENCE_END = re.compile(r"[.!?]$")
SENTENCE_REACH = 8  # words an excerpt may grow by to start or end with its sentence


@dataclass
class SearchResult:
    kind: str
    title: str
    url: str
    excerpt: str
    rank: float


def search_terms(text):
    """The words of a query, safe to put in a tsquery: letters and digits only."""
    return [word for word in WORD.findall(text.replace("_", " ")) if word][:MAX_TERMS]


def text_query(text):
    """A prefix tsquery of all the words, or None when the text has no word at all."""
    terms = search_terms(text)
    if not terms:
        return None
    raw = " & ".join(f"{term}:*" for term in terms)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)


def is_identifier(text):
    return bool(IDENTIFIER.match(text)) and any(ch.isdigit() for ch in text)


def _marked(field, query):
    """The whole text with every matching word between MARK_START and MARK_END: the excerpt is
    cut in Python (excerpt()), where a cut can keep a number whole and say that it is a cut."""
    return SearchHeadline(
        field, query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_END, highlight_all=True
    )


def _cut(tokens, start, end):
    """Widen [start, end) of the words to the sentence's start and end when they are a few words
    away, and so that no number is parted from what follows it, nor its groups of digits from one
    another: "1,6 million", "2 400 000 dollars" stay whole."""
    for back in range(start, max(0, start - SENTENCE_REACH) - 1, -1):
        if back == 0 or SENTENCE_END.search(tokens[back - 1]):
            start = back
            break
    for forward in range(end, min(len(tokens), end + SENTENCE_REACH) + 1):
        if forward == len(tokens) or SENTENCE_END.search(tokens[forward - 1]):
            end = forward
            break
    while start > 0 and DIGIT.search(tokens[start - 1]):
        start -= 1
    while end < len(tokens) and DIGIT.search(tokens[end - 1]):
        end += 1
    return start, end


def excerpt(text, words=EXCERPT_WORDS, fragments=EXCERPT_FRAGMENTS):
    """Up to `fragments` passages of about `words` words around the marked matches of `text` (the
    text's start when nothing is marked), cut between words, each cut shown by "…"."""
    tokens = (text or "").split()
    if not tokens:
        return ""
    marked = [index for index, token in enumerate(tokens) if MARK_START in token]
    spans = []
    for index in marked or [0]:
        if len(spans) == fragments:
            break
        if any(start <= index < end for start, end in spans):
            continue
        # A few words of context before the match, the rest after it.
        start = max(0, index - words // 4)
        spans.append(_cut(tokens, start, min(len(tokens), start + words)))
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    parts = [" ".join(tokens[start:end]) for start, end in merged]
    return (
        ("… " if merged[0][0] > 0 else "") + " … ".join(parts) + (" …" if merged[-1][1] < len(tokens) else "")
    )


def highlighted(text):
    """Escape the excerpt, then turn PostgreSQL's match markers into <mark>."""
    safe = escape(text)
    return mark_safe(safe.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


class Source:
    """How one kind of record is searched and shown."""

    def __init__(self, kind, queryset, title_field, excerpt_field, identifier_fields=()):
        self.kind = kind
        self.queryset = queryset
        self.title_field = title_field
        self.excerpt_field = excerpt_field
        self.identifier_fields = identifier_fields

    def exact_identifier(self, text):
        condition = Q()
        for field in self.identifier_fields:
            condition |= Q(**{f"{field}__iexact": text})
        return condition

    def identifies(self, text):
        return bool(self.identifier_fields) and is_identifier(text)

    def matches(self, text, query):
        """The records the words match, or whose identifier is the text itself."""
        matches = Q(search_vector=query)
        if self.identifies(text):
            matches |= self.exact_identifier(text)
        return matches

    def rank(self, text, query):
        rank = SearchRank(F("search_vector"), query)
        if self.identifies(text):
            rank = rank + Case(
                When(self.exact_identifier(text), then=Value(EXACT_MATCH_BOOST)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return rank

    def text(self):
        """The text the excerpts are taken from."""
        return F(self.excerpt_field)

    def url(self, record):
        return record.get_absolute_url()

    def ranked(self, text, query, *, count_to, limit):
        """The best `limit` records (at most RANKED_CANDIDATES) among the candidates that match
        `query`, each with its `rank` and `matches`: how many match, counted up to `count_to`.

        A very common word matches thousands of records, and ranking reads each one's vector out
        of its table: the candidates are the first RANKED_CANDIDATES the GIN index gives, in no
        order, and as many whose title has the words. A word with fewer matches is ranked
        exactly, a commoner one among that sample, the same for every page. No excerpt here:
        excerpts() marks only the rows shown.
        """
        matching = self.queryset().filter(self.matches(text, query)).order_by().values("pk")
        # Those whose title has the words, wherever they are in the table: they outrank the others.
        titled = (
            self.queryset()
            .alias(title_vector=title_search_vector(self.title_field))
            .filter(title_vector=query)
            .order_by()
            .values("pk")[:RANKED_CANDIDATES]
        )
        # "pk = ANY(ARRAY(…))" rather than "pk IN (…)": PostgreSQL then reads the candidates by
        # primary key; with IN it may hash them and scan the whole table to join them.
        candidate = Func(
            F("pk"),
            ArraySubquery(matching[:RANKED_CANDIDATES].union(titled)),
            arg_joiner=" = ANY(",
            template="%(expressions)s)",
            output_field=BooleanField(),
        )
        # Counting reads ids only, through the index: no vector leaves its table.
        matches = Func(
            ArraySubquery(matching[:count_to]), function="cardinality", output_field=IntegerField()
        )
        return (
            self.queryset()
            .filter(candidate)
            .annotate(rank=self.rank(text, query), matches=matches)
            .defer(self.excerpt_field, "search_vector")
            .order_by("-rank", self.title_field, "pk")[:limit]
        )

    def excerpts(self, query, pks):
        """The marked text of the records `pks`, by pk: ts_headline runs on these rows only."""
        return dict(
            self.queryset()
            .filter(pk__in=pks)
            .annotate(excerpt=_marked(self.text(), query))
            .values_list("pk", "excerpt")
        )

    def similar(self, text):
        similarity = TrigramWordSimilarity(text, self.title_field)
        close = Q(**{f"{self.title_field}__trigram_word_similar": text})
        for field in self.identifier_fields:
            similarity = Greatest(similarity, TrigramSimilarity(field, text))
            close |= Q(**{f"{field}__trigram_similar": text})
        return (
            self.queryset()
            .filter(close)
            .annotate(rank=similarity, excerpt=self.text())
            .filter(rank__gte=MIN_SIMILARITY)
            .order_by("-rank", self.title_field)[:RESULTS_PER_KIND]
        )

    def as_result(self, record, *, highlight=True, marked=None):
        passage = excerpt(record.excerpt if marked is None else marked)
        return SearchResult(
            kind=self.kind,
            title=getattr(record, self.title_field),
            url=self.url(record),
            excerpt=highlighted(passage) if highlight else passage,
            rank=record.rank,
        )
