from django.urls import path

from offices import views

app_name = "offices"

urlpatterns = [
    path("", views.FieldOfficeListView.as_view(), name="list"),
    path("<slug:slug>/", views.FieldOfficeDetailView.as_view(), name="detail"),
]
