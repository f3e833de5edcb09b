from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that gather every app: home, about, site search, sitemaps and robots.txt."""

    name = "portal"
    verbose_name = "Portail"
