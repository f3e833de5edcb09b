"""Database constraints shared by the apps: integrity lives in PostgreSQL, not only in forms."""

from django.db import models
from django.db.models import Q

MIN_YEAR = 1951  # IOM was founded in 1951: no project or funding year before it.
MAX_YEAR = 2100


def choices_constraint(field, choices, *, name, allow_blank=False):
    """Restrict a TextChoices field to its values at the database level."""
    condition = Q(**{f"{field}__in": choices.values})
    if allow_blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=name)


def year_range_constraint(field, *, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (MIN_YEAR, MAX_YEAR)}),
        name=name,
    )


def non_negative_constraint(field, *, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}), name=name
    )


def position_constraint(parent, *, name):
    """Rows of a list hold distinct places within their parent.

    Checked at commit (DEFERRABLE INITIALLY DEFERRED): rows that trade places, when staff reorder
    them or restore a revision in which they had another order, pass through a moment where two
    share a place. Forms still refuse two rows with the same place.
    """
    return models.UniqueConstraint(
        fields=[parent, "position"], name=name, deferrable=models.Deferrable.DEFERRED
    )


# Deliberately simple: one "@", no spaces, a dot in the domain. Forms use Django's full validator.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def email_constraint(field, *, name):
    return models.CheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__regex": EMAIL_PATTERN}), name=name
    )
