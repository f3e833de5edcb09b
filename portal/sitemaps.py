from math import ceil
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from core.cache import cached_fragment
from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import Project


class LanguagePairs:
    """The (item, language) pairs Django's i18n sitemap pages through, read one slice at a time.

    Django's Sitemap.paginator builds that list for every published record, so the index (which needs only
    the number of files) and each file read the whole table. Here the length is one COUNT and a
    slice reads only the records it covers. Same order as Django's: item by item, each in every
    language, which holds while get_languages_for_item() gives the same languages for all items.
    """

    def __init__(self, queryset, languages, *, count_key):
        self.queryset = queryset
        self.languages = list(languages)
        self.count_key = count_key

    def count(self):
        # From the page cache while the content is unchanged, as the lists' counts.
        records = cached_fragment("sitemap-count", (self.count_key,), self.queryset.count)
        return records * len(self.languages)

    def __getitem__(self, index):
        # The paginator only takes slices [bottom:top] with bottom >= 0.
        n = len(self.languages)
        first = index.start // n
        items = self.queryset[first : ceil(index.stop / n)]
        pairs = [(item, language) for item in items for language in self.languages]
        skip = index.start - first * n
        return pairs[skip : skip + index.stop - index.start]


class SiteUrlSitemap(Sitemap):
    """Addresses under settings.SITE_URL, whatever host the request came in on; where it is
    unset, under the request's scheme and host (Django's default).

    Every page in French and in English (/en/), each entry naming the other as its alternate.
    """

    i18n = True
    languages = [code for code, _name in settings.LANGUAGES]
    alternates = True
    x_default = True
    # Entries per file (both languages counted): well under the protocol's 50 000, and a file
    # a crawler fetches quickly. /sitemap.xml is the index of these files.
    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


class PublishedSitemap(SiteUrlSitemap):
    model = None

    def items(self):
        # Only what an entry needs: the sitemap walks every published record.
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    @property
    def paginator(self):
        # Django's paginator pages through the list of (item, language) pairs of every published
        # record, which it builds in full; LanguagePairs reads one slice.
        return Paginator(
            LanguagePairs(self.items(), self.languages, count_key=self.model._meta.label), self.limit
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of reading every row, kept while nothing changes.
        return cached_fragment(
            "sitemap-lastmod",
            (self.model._meta.label,),
            lambda: self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"],
        )


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


def index(request, **kwargs):
    """Django's sitemap index, the addresses of its files under SITE_URL too: Django puts them
    under the request's host."""
    response = sitemap_views.index(request, **kwargs)
    if settings.SITE_URL:
        request_origin = f"{request.scheme}://{request.get_host()}"
        for item in response.context_data["sitemaps"]:
            item.location = settings.SITE_URL + item.location.removeprefix(request_origin)
    return response


SITEMAPS = {
    "pages": StaticPageSitemap,
    "projects": ProjectSitemap,
    "news": NewsReleaseSitemap,
    "offices": FieldOfficeSitemap,
}
