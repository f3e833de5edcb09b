from django.urls import path

from core.querystring import drop_empty_parameters
from projects import views

app_name = "projects"

urlpatterns = [
    path("", drop_empty_parameters(views.ProjectListView.as_view()), name="list"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]
