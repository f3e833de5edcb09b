import re

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from core.pagination import CachedCountPaginator, NearestPageMixin
from core.preview import PreviewMixin
from news.models import FundingAnnouncement, NewsRelease
from offices.models import FieldOffice
from projects.models import Project


class NewsReleaseListView(NearestPageMixin, ListView):
    paginate_by = 12

    def get_queryset(self):
        return NewsRelease.objects.published().newest_first()

    def get_paginator(self, queryset, per_page, **kwargs):
        return CachedCountPaginator(queryset, per_page, count_key=("news-releases",), **kwargs)


class NewsReleaseDetailView(PreviewMixin, DetailView):
    context_object_name = "release"

    def get_queryset(self):
        return self.visible(NewsRelease.objects).prefetch_related(
            Prefetch("funding", queryset=FundingAnnouncement.objects.prefetch_related("donors")),
            "contacts",
            "quotes",
            "figures",
            Prefetch("related_projects", queryset=Project.objects.published().select_related("project_type")),
            Prefetch("sites", queryset=FieldOffice.objects.published().order_by("name")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        funding = self.object.funding.all()
        context["funding_lines"] = [line for line in funding if not line.is_total]
        context["funding_totals"] = [line for line in funding if line.is_total]
        # A quote the text already gives is not printed a second time under "Ils ont dit".
        text = _comparable(f"{self.object.lead} {self.object.body}")
        context["quotes_outside_text"] = [
            quote for quote in self.object.quotes.all() if _comparable(quote.text) not in text
        ]
        return context


def _comparable(text):
    """Text for finding a quote in a body: one kind of apostrophe, single spaces, no case, and
    no closing punctuation (the body may close the quote before its full stop)."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip(" .,;:!?…").lower()
