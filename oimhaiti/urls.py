from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from oimhaiti import views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("a-propos/", core_views.about, name="about"),
    path("", include("oimhaiti.data_urls")),
    path("projets/", include("projects.urls")),
    path("actualites/", include("news.urls")),
    path("bureaux/", include("offices.urls")),
    path("recherche/", include("search.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
