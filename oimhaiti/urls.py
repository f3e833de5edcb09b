from django.contrib import admin
from django.urls import include, path

from oimhaiti import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("projets/", include("projects.urls")),
    path("actualites/", include("news.urls")),
    path("bureaux/", include("offices.urls")),
]
