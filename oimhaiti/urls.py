from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from oimhaiti import views
from portal import views as portal_views

# Feeds, exports, the sitemap and robots.txt keep one address each: feed readers, donors' scripts
# and the IATI registry hold these URLs, and what they serve (French records) does not change
# with the interface language.
urlpatterns = [
    path("", include("oimhaiti.data_urls")),
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "oimhaiti.unavailable.server_error"

# French at the current addresses, English under /en/.
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("a-propos/", portal_views.about, name="about"),
    path("projets/", include("projects.urls")),
    path("actualites/", include("news.urls")),
    path("bureaux/", include("offices.urls")),
    path("recherche/", include("portal.search_urls")),
    prefix_default_language=False,
)
