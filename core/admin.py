"""The staff admin: site titles, accounts, reference tables and pages. The tools the content admins
share are in core/admin_tools.py."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import models

from core.admin_tools import (
    HistoryAdmin,
    OrderedInline,
    ProjectCountAdminMixin,
    PublicationFilter,
    PublishableAdmin,
)
from core.models import Country, Organisation, Page, PageSection, ThematicArea

admin.site.site_header = "Administration du portail OIM Haïti"
admin.site.site_title = "Portail OIM Haïti"
admin.site.index_title = "Contenu du site"
# The sidebar repeats the home page's list of models and takes 250 px from every form and list:
# at 1280 px, lists then scroll sideways. The breadcrumbs and the home page lead everywhere.
admin.site.enable_nav_sidebar = False


# Accounts grant rights: even a staff member given auth permissions by mistake must not manage them.
class SuperuserOnlyAdminMixin:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(SuperuserOnlyAdminMixin, UserAdmin):
    pass


@admin.register(Group)
class AccountGroupAdmin(SuperuserOnlyAdminMixin, GroupAdmin):
    pass


@admin.register(Country)
class CountryAdmin(HistoryAdmin):
    list_display = ["iso_code", "name"]
    list_display_links = ["iso_code", "name"]
    search_fields = ["name", "iso_code"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent"]
    list_filter = ["kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["country", "parent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ThematicArea)
class ThematicAreaAdmin(ProjectCountAdminMixin, HistoryAdmin):
    list_display = ["name", "position", "project_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PageSectionInline(OrderedInline, admin.StackedInline):
    model = PageSection
    fields = ["position", "heading", "body"]


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "slug", "publication", "updated_at"]
    list_filter = [PublicationFilter]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PageSectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        PublishableAdmin.publication_fieldset,
    ]
