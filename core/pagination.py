from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.cache import cached_fragment


class CachedCountPaginator(Paginator):
    """A paginator whose row count comes from the page cache while the content is unchanged.

    COUNT(*) over a large catalogue costs more than fetching the page itself. `count_key` names
    what the count depends on (the filters), since the SQL holds the current time.
    """

    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_fragment("row-count", self.count_key, lambda: Paginator.count.func(self))


class NearestPageMixin:
    """For list views: a page number out of range or malformed shows the nearest page, with a
    message in `page_error`, rather than an error page."""

    page_error = ""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get("page", "")
        page = paginator.get_page(requested)
        if requested and requested != str(page.number):
            self.page_error = _(
                "La page « %(requested)s » n'existe pas : voici la page %(number)s sur %(count)s."
            ) % {"requested": requested, "number": page.number, "count": paginator.num_pages}
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_error": self.page_error}
