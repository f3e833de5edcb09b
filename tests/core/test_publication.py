"""`published()` is what public pages read: drafts and records scheduled for later stay hidden."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import PublicationStatus
from tests.factories import make_office, make_page, make_project, make_release

pytestmark = pytest.mark.django_db

PUBLIC_RECORDS = [
    pytest.param(make_project, id="project"),
    pytest.param(make_release, id="release"),
    pytest.param(make_office, id="office"),
    pytest.param(make_page, id="page"),
]


@pytest.mark.parametrize("make", PUBLIC_RECORDS)
def test_published_hides_drafts(make):
    draft = make(publication_status=PublicationStatus.DRAFT)
    assert draft not in type(draft).objects.published()
    assert not draft.is_public


@pytest.mark.parametrize("make", PUBLIC_RECORDS)
def test_published_hides_records_scheduled_for_later(make):
    scheduled = make(publish_from=timezone.now() + timedelta(hours=1))
    assert scheduled not in type(scheduled).objects.published()
    assert not scheduled.is_public


@pytest.mark.parametrize("make", PUBLIC_RECORDS)
def test_published_shows_records_whose_scheduled_time_has_come(make):
    due = make(publish_from=timezone.now() - timedelta(minutes=1))
    assert due in type(due).objects.published()
    assert due.is_public


@pytest.mark.parametrize("make", PUBLIC_RECORDS)
def test_published_shows_records_published_without_a_date(make):
    record = make(publish_from=None)
    assert list(type(record).objects.published()) == [record]


def test_a_draft_with_a_past_date_stays_hidden():
    release = make_release(
        publication_status=PublicationStatus.DRAFT, publish_from=timezone.now() - timedelta(days=1)
    )
    assert not type(release).objects.published().exists()


def test_published_keeps_the_other_queryset_methods():
    active = make_project(status="active")
    make_project(status="active", publication_status=PublicationStatus.DRAFT)
    make_project(status="completed")
    assert list(type(active).objects.published().active()) == [active]
