"""The site search: published projects, releases, offices and the About page, best first.

The matching, ranking and excerpts are search.queries'; this module names what is searched.
"""

from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Page, PageSection
from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import PROJECT_SEARCH
from search.queries import Source, text_query


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


def search_site(text):
    """Published projects, releases, offices and the About page matching `text`, best first.

    One query per kind; if none matches, one trigram query per kind on titles.
    """
    text = text.strip()
    query = text_query(text)
    if query is None:
        return SearchOutcome(results=[])
    results = [source.as_result(record) for source in SOURCES for record in source.full_text(text, query)]
    typo_tolerant = False
    if not results:
        typo_tolerant = True
        results = [
            source.as_result(record, highlight=False) for source in SOURCES for record in source.similar(text)
        ]
    results.sort(key=lambda result: result.rank, reverse=True)
    return SearchOutcome(results=results, typo_tolerant=typo_tolerant)
