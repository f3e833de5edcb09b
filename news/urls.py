from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.NewsReleaseListView.as_view(), name="list"),
    path("<slug:slug>/", views.NewsReleaseDetailView.as_view(), name="detail"),
]
