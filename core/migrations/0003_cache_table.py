"""The table of the database cache (core/cache.py), created wherever the migrations run.

`createcachetable` does nothing for a cache that is not in the database (Redis, local memory),
and nothing for a table that already exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_editors_group")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
