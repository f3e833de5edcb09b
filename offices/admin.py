from django.contrib import admin

from core.admin_tools import PublicationFilter, PublishableAdmin
from offices.models import FieldOffice


@admin.register(FieldOffice)
class FieldOfficeAdmin(PublishableAdmin):
    list_display = ["name", "kind", "city", "departement", "partner", "coordinates", "publication"]
    list_filter = ["kind", "departement", PublicationFilter, "coordinates_approximate"]
    list_select_related = ["partner"]
    search_fields = ["name", "slug", "city", "partner__name", "partner__acronym"]
    autocomplete_fields = ["partner"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "partner", "description"]}),
        ("Adresse", {"fields": ["city", "departement", "address", "phone", "email"]}),
        (
            "Position sur la carte",
            {"fields": [("latitude", "longitude"), "coordinates_approximate", "coordinates_source"]},
        ),
        PublishableAdmin.publication_fieldset,
    ]

    @admin.display(description="coordonnées")
    def coordinates(self, obj):
        if obj.latitude is None:
            return None
        approximate = " (approx.)" if obj.coordinates_approximate else ""
        return f"{obj.latitude}, {obj.longitude}{approximate}"
