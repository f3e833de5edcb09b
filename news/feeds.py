from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from news.models import NewsRelease

FEED_SIZE = 30


class LatestReleasesRssFeed(Feed):
    title = "OIM Haïti : communiqués de presse"
    description = (
        "Les derniers communiqués de presse de l'Organisation internationale pour les migrations en Haïti."
    )
    url_name = "news-feed-rss"

    # Addresses under SITE_URL rather than the request's host: a feed is copied and cached
    # by readers, so it should carry the public address whatever host served it. With SITE_URL
    # unset these are paths, which Django completes with the request's scheme and host.
    def link(self):
        return settings.SITE_URL + reverse("news:list")

    def feed_url(self):
        return settings.SITE_URL + reverse(self.url_name)

    def items(self):
        return NewsRelease.objects.published().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_pubdate(self, item):
        # Feed readers sort and deduplicate by date, so every item needs one. A release that
        # states no date gets the day it was entered on the site.
        if item.release_date:
            return datetime.combine(item.release_date, time())
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestReleasesAtomFeed(LatestReleasesRssFeed):
    feed_type = Atom1Feed
    subtitle = LatestReleasesRssFeed.description
    url_name = "news-feed-atom"
