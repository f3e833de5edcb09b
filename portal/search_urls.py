from django.urls import path

from core.querystring import drop_empty_parameters
from portal import views

app_name = "search"

urlpatterns = [path("", drop_empty_parameters(views.search), name="results")]
