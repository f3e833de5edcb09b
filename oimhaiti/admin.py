from django.contrib import admin
from django.urls import path

from importer.views import import_iom_pages


class PortalAdminSite(admin.AdminSite):
    """Django's admin site, with the pages that belong to no model: the import of IOM pages."""

    def get_urls(self):
        # Before the admin's own patterns, whose last one catches every other address.
        return [
            path("importer/", self.admin_view(import_iom_pages), name="import_iom_pages"),
            *super().get_urls(),
        ]
