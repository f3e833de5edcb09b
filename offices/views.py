from django.views.generic import DetailView, ListView

from core.cache import cached_fragment
from core.preview import PreviewMixin
from offices.map import office_map
from offices.models import FieldOffice, SiteKind


class FieldOfficeListView(ListView):
    def get_queryset(self):
        return FieldOffice.objects.published().select_related("partner").order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offices = list(context["object_list"])
        # Grouped in the order SiteKind declares: offices first, then the sites.
        context["groups"] = [
            (label, members)
            for kind, label in SiteKind.choices
            if (members := [office for office in offices if office.kind == kind])
        ]
        # The outlines are projected anew for each drawing: keep it until the offices change.
        context["office_map"] = cached_fragment("office-map", (), lambda: office_map(offices))
        return context


class FieldOfficeDetailView(PreviewMixin, DetailView):
    context_object_name = "office"

    def get_queryset(self):
        return self.visible(FieldOffice.objects).select_related("partner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        office = self.object
        context["office_map"] = cached_fragment("office-map", (office.slug,), lambda: office_map([office]))
        return context
