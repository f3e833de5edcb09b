"""The site search: published projects, releases, offices and the About page, best first.

The matching, ranking and excerpts are search.queries'; this module names what is searched.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page as PageOfResults
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Page, PageSection
from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import PROJECT_SEARCH
from search import queries
from search.queries import RESULTS_PER_PAGE, Source, text_query


class AboutPageSource(Source):
    """The About page (portal.views.about): its text and its sections' are searched and excerpted as
    one, in the same single query as the other kinds of record."""

    def __init__(self):
        super().__init__(_("À propos"), lambda: Page.objects.published().about(), "title", "body")

    @staticmethod
    def sections():
        return PageSection.objects.filter(page=OuterRef("pk")).order_by()

    def matches(self, text, query):
        return Q(search_vector=query) | Exists(self.sections().filter(search_vector=query))

    def rank(self, text, query):
        best_section = (
            self.sections()
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank")
            .values("rank")[:1]
        )
        return Greatest(SearchRank(F("search_vector"), query), Coalesce(Subquery(best_section), Value(0.0)))

    def ranked(self, text, query, *, count_to, limit):
        # A single page: no sample to take, nothing to count but itself.
        return (
            self.queryset()
            .filter(self.matches(text, query))
            .annotate(rank=self.rank(text, query), matches=Value(1))
            .defer(self.excerpt_field, "search_vector")[:1]
        )

    def text(self):
        sections = (
            self.sections()
            .values("page")
            .annotate(
                text=StringAgg(
                    Concat("heading", Value(" — "), "body", output_field=TextField()),
                    "\n\n",
                    order_by="position",
                )
            )
            .values("text")
        )
        return Concat(
            "lead",
            Value("\n\n"),
            "body",
            Value("\n\n"),
            Coalesce(Subquery(sections), Value(""), output_field=TextField()),
            output_field=TextField(),
        )

    def url(self, record):
        return reverse("about")


SOURCES = [
    PROJECT_SEARCH,
    Source(_("Communiqué"), NewsRelease.objects.published, "title", "body"),
    Source(_("Bureau ou site"), FieldOffice.objects.published, "name", "description"),
    AboutPageSource(),
]


@dataclass
class SearchOutcome:
    results: list
    typo_tolerant: bool = False
    # How many match, up to settings.SEARCH_COUNT_CAP; `more`: more than that match.
    count: int = 0
    more: bool = False
    page_obj: PageOfResults | None = None


class _Counted:
    """What the paginator counts: `count` matches, of which only the ranked ones can be read."""

    def __init__(self, count, ranked):
        self.count_of_matches, self.ranked = count, ranked

    def __len__(self):
        return self.count_of_matches

    def __getitem__(self, index):
        return self.ranked[index]


def search_site(text, page=1):
    """Published projects, releases, offices and the About page matching `text`, best first, one
    page of RESULTS_PER_PAGE; the count stops at settings.SEARCH_COUNT_CAP, the pages at
    search.queries.RANKED_CANDIDATES.

    One query per kind ranks a sample of its matches and counts them, then one per kind on the
    page marks the excerpts of the rows shown; if nothing matches, one trigram query per kind
    on titles.
    """
    text = text.strip()
    query = text_query(text)
    if query is None:
        return SearchOutcome(results=[])
    cap = settings.SEARCH_COUNT_CAP
    reachable = min(cap, queries.RANKED_CANDIDATES)
    page = min(max(1, page), max(1, math.ceil(reachable / RESULTS_PER_PAGE)))
    ranked, count, more = [], 0, False
    with transaction.atomic(), connection.cursor() as cursor:
        # The candidates are read through the GIN index, whatever the word. The planner costs a
        # scan of the table for a common word as cheaper, and stops it at the candidate limit, but
        # it does not count that the scan reads each row's vector out of TOAST where the index
        # reads none: twice the time at 10 000 records, more as they grow.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for order, source in enumerate(SOURCES):
            records = list(source.ranked(text, query, count_to=cap + 1, limit=page * RESULTS_PER_PAGE))
            if records:
                count += records[0].matches
                more |= records[0].matches > cap
            ranked += [
                (-record.rank, order, position, source, record) for position, record in enumerate(records)
            ]
    if not ranked:
        results = [
            source.as_result(record, highlight=False) for source in SOURCES for record in source.similar(text)
        ]
        results.sort(key=lambda result: result.rank, reverse=True)
        return SearchOutcome(results=results, typo_tolerant=True, count=len(results))
    more = more or count > cap
    count = min(count, cap)
    ranked.sort(key=lambda item: item[:3])
    page_obj = Paginator(_Counted(min(count, reachable), ranked), RESULTS_PER_PAGE).get_page(page)
    shown = list(page_obj.object_list)
    shown_pks = defaultdict(list)
    for *_order, source, record in shown:
        shown_pks[source].append(record.pk)
    marked = {source: source.excerpts(query, pks) for source, pks in shown_pks.items()}
    results = [
        source.as_result(record, marked=marked[source][record.pk]) for *_order, source, record in shown
    ]
    page_obj.object_list = results
    return SearchOutcome(results=results, count=count, more=more, page_obj=page_obj)
