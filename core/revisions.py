"""Revisions (django-reversion) of records that were not made through the admin."""

import reversion
from reversion.models import Version


def keep_state_before_change(model, objects, *, comment):
    """Saves, as a revision, the current state of those `objects` that have none yet.

    Records loaded from fixtures or imported before have no revision: without this, the first
    change to one of them could not be undone.
    """
    objects = list(objects)
    # One query for all: which of these records already have a revision.
    versioned = set(
        Version.objects.get_for_model(model)
        .filter(object_id__in=[str(obj.pk) for obj in objects])
        .values_list("object_id", flat=True)
    )
    unversioned = [obj for obj in objects if str(obj.pk) not in versioned]
    if unversioned:
        with reversion.create_revision():
            reversion.set_comment(comment)
            for obj in unversioned:
                reversion.add_to_revision(obj)
