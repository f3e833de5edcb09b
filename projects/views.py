from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.cache import cached_fragment
from core.models import Country, ThematicArea
from core.pagination import CachedCountPaginator, NearestPageMixin
from core.preview import PreviewMixin
from offices.models import FieldOffice
from projects.charts import project_charts_html
from projects.filters import ProjectFilter
from projects.models import Project, ResultKind


class ProjectListView(NearestPageMixin, FilterView):
    filterset_class = ProjectFilter
    template_name_suffix = "_list"
    paginate_by = 20
    # An invalid parameter is ignored and explained on the page, the valid ones still apply.
    strict = False

    def get_queryset(self):
        # The long texts are not on the cards: leaving them out keeps the sort of a deep page in memory.
        return (
            Project.objects.published()
            .select_related("project_type")
            .with_donors()
            .defer("description", "search_vector")
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        count_key = ("projects", *self.filterset.cache_parts())
        return CachedCountPaginator(queryset, per_page, count_key=count_key, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        filterset = self.filterset
        context["charts"] = cached_fragment(
            "project-charts-html", filterset.cache_parts(), lambda: project_charts_html(filterset.qs)
        )
        return context


class ProjectDetailView(PreviewMixin, DetailView):
    def get_queryset(self):
        return (
            self.visible(Project.objects)
            .select_related("project_type")
            # Names only: read in the project's own query rather than one query each.
            .annotate(
                country_names=ArraySubquery(
                    Country.objects.filter(beneficiary_projects=OuterRef("pk"))
                    .order_by("name")
                    .values("name")
                ),
                thematic_area_names=ArraySubquery(
                    ThematicArea.objects.filter(projects=OuterRef("pk"))
                    .order_by("position", "name")
                    .values("name")
                ),
            )
            .with_donors()
            .prefetch_related(
                "partners",
                "results",
                "figures",
                Prefetch("offices", queryset=FieldOffice.objects.published().order_by("name")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = self.object.results.all()
        context["expected_results"] = [r for r in results if r.kind == ResultKind.EXPECTED_RESULT]
        context["activities"] = [r for r in results if r.kind == ResultKind.ACTIVITY]
        return context
