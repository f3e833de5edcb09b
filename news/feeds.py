from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from core.formatting import long_date
from news.models import NewsRelease

FEED_SIZE = 30


class LatestReleasesRssFeed(Feed):
    title = "OIM Haïti : communiqués de presse"
    description = (
        "Les derniers communiqués de presse de l'Organisation internationale pour les migrations en Haïti."
    )
    url_name = "news-feed-rss"
    # RFC 4287 4.1.1: an Atom feed names an author, for itself or for each entry.
    author_name = "OIM Haïti"

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
        if item.release_date:
            return item.lead
        # The date a reader shows for this entry is then not the release's: say which it is.
        note = "Date du communiqué non indiquée."
        if item.first_published_at:
            when = long_date(timezone.localtime(item.first_published_at).date())
            note = f"Date du communiqué non indiquée ; publié sur le portail le {when}."
        return f"{note} {item.lead}".strip()

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_pubdate(self, item):
        # A release that states no date is dated by its first publication on the portal, named
        # as such in its description (for the fixtures: when they were loaded into this portal).
        if item.release_date:
            return datetime.combine(item.release_date, time())
        return item.first_published_at

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry: the last change of the record on the portal,
        # which for a record loaded from the fixtures is its publication here, not the time
        # the fixture was written.
        return max(filter(None, [item.updated_at, item.first_published_at]))


class LatestReleasesAtomFeed(LatestReleasesRssFeed):
    feed_type = Atom1Feed
    subtitle = LatestReleasesRssFeed.description
    url_name = "news-feed-atom"
