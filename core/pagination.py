from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, OrderBy, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.cache import cached_fragment


def has_total_ordering(queryset):
    """Whether the last sort key is a unique, non-null column, so that no two rows tie.

    A relation is left out: ordering by it sorts by the related model's ordering, not the key.
    """
    # QuerySet.query is Django's internal Query: no public API gives a queryset's sort keys
    # (QuerySet.ordered only says whether there are some). tests/core/test_pagination.py pins
    # what this reads: every sort of the lists, and the orders that tie.
    query = queryset.query
    if query.extra_order_by:
        return False
    ordering = query.order_by or (query.default_ordering and query.get_meta().ordering) or ()
    if not ordering:
        return False
    last = ordering[-1]
    if isinstance(last, OrderBy):
        last = last.expression
    if isinstance(last, F):
        name = last.name
    elif isinstance(last, str):
        name = last.removeprefix("-")
    else:
        return False
    if name == "pk":
        return True
    try:
        field = query.get_meta().get_field(name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.is_relation and field.unique and not field.null


class CachedCountPaginator(Paginator):
    """A paginator whose row count comes from the page cache while the content is unchanged.

    COUNT(*) over a large catalogue costs more than fetching the page itself. `count_key` names
    what the count depends on (the filters), since the SQL holds the current time.

    A page past the middle is read from the other end: PostgreSQL walks every row an OFFSET
    skips, so the last page would otherwise cost a scan of the whole list.
    """

    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_fragment("row-count", self.count_key, self._count_rows)

    def _count_rows(self):
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        # Reversing only gives the same rows when no two rows tie on the ordering.
        if isinstance(rows, QuerySet) and self.count - top < bottom and has_total_ordering(rows):
            # Sliced before evaluation: the queryset's prefetches apply to these rows.
            from_the_end = list(rows.reverse()[self.count - top : self.count - bottom])
            return self._get_page(from_the_end[::-1], number, self)
        return self._get_page(rows[bottom:top], number, self)


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
