"""The stored search vectors of the three apps, built the same way.

Each is a PostgreSQL generated column, so every save, bulk_create or update()
keeps it current without code in save() or signals.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

SEARCH_CONFIG = "french_unaccent"


def weighted_search_vector(weights):
    """A generated tsvector column; `weights` maps "A"/"B"/"C" to the fields weighted so."""
    parts = [SearchVector(*fields, weight=weight, config=SEARCH_CONFIG) for weight, fields in weights.items()]
    expression = parts[0]
    for part in parts[1:]:
        expression = expression + part
    return models.GeneratedField(expression=expression, output_field=SearchVectorField(), db_persist=True)


def title_search_vector(title_field):
    """The title's own vector: for a common word, the records whose title has it are found
    through its index without reading the long texts' vectors (search.queries.Source.ranked)."""
    return SearchVector(title_field, config=SEARCH_CONFIG)


def search_indexes(prefix, title_field="title"):
    """The GIN indexes on the vector and on the title's vector, and a trigram index on the title
    for typo tolerance."""
    return [
        GinIndex(fields=["search_vector"], name=f"{prefix}_search_gin"),
        GinIndex(title_search_vector(title_field), name=f"{prefix}_{title_field}_words_gin"),
        GinIndex(fields=[title_field], opclasses=["gin_trgm_ops"], name=f"{prefix}_{title_field}_trgm"),
    ]
