from django.contrib import admin
from django.db.models import Max, Min, Q

from core import formatting
from core.admin_tools import (
    DataQualityAdminMixin,
    DataQualityFilter,
    HistoryAdmin,
    OrderedInline,
    ProjectCountAdminMixin,
    PublicationFilter,
    PublishableAdmin,
    QualityCheck,
)
from projects.models import (
    Project,
    ProjectFigure,
    ProjectResult,
    ProjectType,
    status_outdated_condition,
)


@admin.register(ProjectType)
class ProjectTypeAdmin(ProjectCountAdminMixin, HistoryAdmin):
    list_display = ["name", "slug", "project_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class RunningInYearFilter(admin.SimpleListFilter):
    title = "en cours en"
    parameter_name = "annee"

    def lookups(self, request, model_admin):
        bounds = Project.objects.aggregate(
            Min("start_year"), Min("end_year"), Max("start_year"), Max("end_year")
        ).values()
        years = [year for year in bounds if year is not None]
        if not years:
            return []
        return [(str(year), str(year)) for year in range(max(years), min(years) - 1, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        year = int(self.value())
        # The same rule as the public list's year filters.
        return queryset.running_from(year).running_until(year)

    def value(self):
        value = super().value()
        return value if value and value.isdigit() else None


class ProjectResultInline(OrderedInline, admin.TabularInline):
    model = ProjectResult
    fields = ["position", "kind", "text"]


class ProjectFigureInline(OrderedInline, admin.TabularInline):
    model = ProjectFigure
    fields = ["position", "qualifier", "value", "value_as_stated", "currency", "label", "year"]


@admin.register(Project)
class ProjectAdmin(DataQualityAdminMixin, PublishableAdmin):
    list_display = [
        "project_code",
        "title",
        "status",
        "project_type",
        "budget_display",
        "years",
        "publication",
        "quality_warnings",
    ]
    list_display_links = ["project_code", "title"]
    list_select_related = ["project_type"]
    list_filter = [
        "status",
        PublicationFilter,
        DataQualityFilter,
        "project_type",
        "coverage",
        RunningInYearFilter,
        "funding_year",
        "region",
    ]
    search_fields = ["title", "project_code", "prima_id", "donors__name", "donors__acronym"]
    autocomplete_fields = [
        "project_type",
        "donors",
        "partners",
        "beneficiary_countries",
        "offices",
        "thematic_areas",
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProjectResultInline, ProjectFigureInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "project_code", "prima_id", "status", "project_type"]}),
        ("Calendrier", {"fields": ["start_year", "end_year", "funding_year"]}),
        (
            "Financement",
            {
                "fields": [
                    ("budget", "budget_currency"),
                    "fund",
                    "donors",
                    "coverage",
                    "region",
                    "beneficiary_countries",
                ]
            },
        ),
        ("Contenu", {"fields": ["summary", "description"]}),
        ("Liens", {"fields": ["partners", "offices", "thematic_areas"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def quality_checks(self):
        return {
            "ended": QualityCheck(
                "Actif mais terminé",
                status_outdated_condition(),
                lambda project: f"Actif mais terminé en {project.end_year}",
            ),
            "no_budget": QualityCheck("Sans budget", Q(budget__isnull=True), lambda project: "Sans budget"),
            "no_type": QualityCheck(
                "Sans type de projet", Q(project_type__isnull=True), lambda project: "Sans type de projet"
            ),
        }

    @admin.display(description="budget", ordering="budget")
    def budget_display(self, obj):
        return formatting.money(obj.budget, obj.budget_currency) or None

    @admin.display(description="années", ordering="start_year")
    def years(self, obj):
        return formatting.years(obj) or None
