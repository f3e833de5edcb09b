from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin, with PortalAdminSite as admin.site."""

    default_site = "oimhaiti.admin.PortalAdminSite"
