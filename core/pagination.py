from django.core.paginator import Paginator
from django.utils.functional import cached_property

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
