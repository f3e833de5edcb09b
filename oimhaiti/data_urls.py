"""Data the portal gives away: exports, IATI, feeds, sitemap and robots.txt.

Included before the apps' URLs, so that /actualites/feed/ is not read as a release slug.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from news.feeds import LatestReleasesAtomFeed, LatestReleasesRssFeed
from oimhaiti import views
from oimhaiti.sitemaps import SITEMAPS
from projects import exports

urlpatterns = [
    path("projets/export.csv", exports.export_csv, name="projects-export-csv"),
    path("projets/export.json", exports.export_json, name="projects-export-json"),
    path("projets/iati.xml", exports.iati_xml, name="projects-iati"),
    path("actualites/feed/", LatestReleasesAtomFeed(), name="news-feed-atom"),
    path("actualites/rss/", LatestReleasesRssFeed(), name="news-feed-rss"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
