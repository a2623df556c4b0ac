"""Filters shared by the lists' FilterSets."""

import django_filters

SEARCH_MAX_LENGTH = 200


class SearchFilter(django_filters.CharFilter):
    """A free-text search (`?q=`), capped: a longer text is refused with a French message
    next to the field and the list stays unfiltered (a pattern of 100,000 characters is
    too complex for SQLite's LIKE)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)
