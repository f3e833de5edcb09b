"""Data the portal gives away: exports, IATI, feeds, sitemap and robots.txt.

Included before the apps' URLs, so that /actualites/feed/ is not read as a release slug.
"""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path
from django.views.decorators.http import etag

from core.cache import content_etag
from news.feeds import LatestReleasesAtomFeed, LatestReleasesRssFeed
from portal import views
from portal.sitemaps import SITEMAPS, index
from projects import exports

# These answer a revalidating client with a 304 before doing any work: they are large and
# depend on the content only (ConditionalGetMiddleware covers the pages, but after rendering).
revalidated = etag(content_etag)

urlpatterns = [
    path("projets/export.csv", revalidated(exports.export_csv), name="projects-export-csv"),
    path("projets/export.json", revalidated(exports.export_json), name="projects-export-json"),
    path("projets/iati.xml", revalidated(exports.iati_xml), name="projects-iati"),
    path("actualites/feed/", revalidated(LatestReleasesAtomFeed()), name="news-feed-atom"),
    path("actualites/rss/", revalidated(LatestReleasesRssFeed()), name="news-feed-rss"),
    path(
        "sitemap.xml",
        revalidated(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        revalidated(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
