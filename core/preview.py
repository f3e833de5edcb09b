"""Staff preview: an editor sees a draft or scheduled record at its future address."""

from django.contrib.auth import get_permission_codename
from django.utils.cache import add_never_cache_headers


def can_preview(user, model):
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
    )


class PreviewMixin:
    """For detail views: `visible()` in place of `.published()` in get_queryset.

    Everyone else gets the 404 a draft always gave. The page then says it is not public, and
    is never cached, so that no shared cache hands a preview to the public.
    """

    def visible(self, queryset):
        if can_preview(self.request.user, queryset.model):
            return queryset.all()
        return queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object.is_public:
            context["preview"] = self.object
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if "preview" in context:
            add_never_cache_headers(response)
        return response
