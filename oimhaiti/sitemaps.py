from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import Project


class SiteUrlSitemap(Sitemap):
    """Addresses under settings.SITE_URL, whatever host the request came in on.

    Every page in French and in English (/en/), each entry naming the other as its alternate.
    """

    i18n = True
    alternates = True
    x_default = True
    # Entries per file (both languages counted): well under the protocol's 50 000, and a file
    # a crawler fetches quickly. /sitemap.xml is the index of these files.
    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PublishedSitemap(SiteUrlSitemap):
    model = None

    def items(self):
        # Only what an entry needs: the sitemap walks every published record.
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of reading every row.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ProjectSitemap(PublishedSitemap):
    model = Project


class NewsReleaseSitemap(PublishedSitemap):
    model = NewsRelease


class FieldOfficeSitemap(PublishedSitemap):
    model = FieldOffice


class StaticPageSitemap(SiteUrlSitemap):
    def items(self):
        return ["home", "about", "projects:list", "news:list", "offices:list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "projects": ProjectSitemap,
    "news": NewsReleaseSitemap,
    "offices": FieldOfficeSitemap,
}
