# The constraint in a migration of its own: PostgreSQL refuses to alter a table in the
# transaction that renumbered its rows (their deferred foreign-key checks are pending).

import django.db.models.constraints
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_renumber_page_sections"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="pagesection",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("page", "position"),
                name="page_section_position_unique",
            ),
        ),
    ]
