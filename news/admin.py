from django.contrib import admin
from django.db.models import Q

from core.admin_tools import (
    DataQualityAdminMixin,
    DataQualityFilter,
    OrderedInline,
    PublicationFilter,
    PublishableAdmin,
    QualityCheck,
)
from news.models import FundingAnnouncement, KeyFigure, MediaContact, NewsRelease, Quote


class FundingAnnouncementInline(OrderedInline, admin.StackedInline):
    model = FundingAnnouncement
    fields = [
        "position",
        "donors",
        ("amount", "currency"),
        "amount_as_stated",
        ("qualifier", "value_as_stated"),
        "is_total",
        "project",
    ]
    autocomplete_fields = ["donors", "project"]


class MediaContactInline(OrderedInline, admin.TabularInline):
    model = MediaContact
    fields = ["position", "name", "organisation_label", "phone", "email"]


class QuoteInline(OrderedInline, admin.StackedInline):
    model = Quote
    fields = ["position", "text", ("speaker", "speaker_role")]


class KeyFigureInline(OrderedInline, admin.TabularInline):
    model = KeyFigure
    fields = ["position", "qualifier", "value", "value_as_stated", "label", "year"]


@admin.register(NewsRelease)
class NewsReleaseAdmin(DataQualityAdminMixin, PublishableAdmin):
    list_display = ["title", "release_date", "dateline", "publication", "quality_warnings"]
    list_filter = [PublicationFilter, DataQualityFilter, "release_date", "thematic_areas"]
    date_hierarchy = "release_date"
    search_fields = [
        "title",
        "slug",
        "dateline",
        "funding__donors__name",
        "funding__donors__acronym",
        "related_projects__project_code",
    ]
    autocomplete_fields = ["related_projects", "sites", "countries", "organisations", "thematic_areas"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FundingAnnouncementInline, QuoteInline, KeyFigureInline, MediaContactInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("dateline", "release_date"), "lead", "body"]}),
        ("Liens", {"fields": ["related_projects", "sites", "countries", "organisations", "thematic_areas"]}),
        (
            "Publication",
            {"fields": [*PublishableAdmin.publication_fieldset[1]["fields"], "first_published_at"]},
        ),
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "first_published_at"]

    def quality_checks(self):
        return {
            "no_date": QualityCheck("Sans date", Q(release_date__isnull=True), lambda release: "Sans date"),
        }
