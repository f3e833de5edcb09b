import pytest
from django.core.management import CommandError, call_command

from core.models import Organisation, PublicationStatus, ThematicArea
from news.models import FundingAnnouncement, MediaContact, NewsRelease
from offices.models import FieldOffice
from projects.models import Coverage, Project, ProjectStatus, ProjectType, Region
from synthetic.catalogue import create_synthetic, remove_synthetic, synthetic_projects, synthetic_releases
from tests.factories import (
    add_contact,
    add_funding,
    make_office,
    make_organisation,
    make_project,
    make_project_type,
    make_release,
)

pytestmark = pytest.mark.django_db


def test_seed_synthetic_creates_the_requested_counts_all_published():
    call_command("seed_synthetic", projects=30, releases=45, stdout=None)

    assert synthetic_projects().count() == 30
    assert synthetic_releases().count() == 45
    assert Project.objects.published().count() == 30
    assert NewsRelease.objects.published().count() == 45
    assert not synthetic_projects().exclude(publication_status=PublicationStatus.PUBLISHED).exists()


def test_synthetic_projects_cover_every_status_type_coverage_and_region():
    create_synthetic(projects=20)

    projects = synthetic_projects()
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert set(projects.values_list("coverage", flat=True)) == set(Coverage.values)
    assert set(projects.values_list("region", flat=True)) == set(Region.values)
    assert set(projects.values_list("project_type", flat=True)) == set(
        ProjectType.objects.values_list("pk", flat=True)
    )
    assert projects.filter(donors__isnull=False).distinct().count() == 20
    assert projects.filter(offices__isnull=False).distinct().count() == 20


def test_synthetic_releases_have_paragraphs_funding_contacts_and_related_projects():
    create_synthetic(projects=10, releases=40)

    releases = synthetic_releases()
    assert all(release.lead and "\n\n" in release.body for release in releases)
    assert FundingAnnouncement.objects.filter(release__in=releases, donors__isnull=False).exists()
    assert MediaContact.objects.filter(release__in=releases).count() >= 40
    assert releases.filter(related_projects__project_code__startswith="SYN-").exists()


def test_seed_synthetic_adds_after_the_records_already_there():
    create_synthetic(projects=5, releases=5)
    create_synthetic(projects=7, releases=3)

    codes = sorted(synthetic_projects().values_list("project_code", flat=True))
    assert codes == [f"SYN-{n:06d}" for n in range(1, 13)]
    assert synthetic_releases().count() == 8


def test_the_same_seed_gives_the_same_records():
    def snapshot():
        return list(synthetic_projects().order_by("project_code").values_list("title", "budget", "status"))

    create_synthetic(projects=15, releases=5, seed=7)
    first = snapshot()
    remove_synthetic()
    create_synthetic(projects=15, releases=5, seed=7)

    assert snapshot() == first
    remove_synthetic()
    create_synthetic(projects=15, releases=5, seed=8)
    assert snapshot() != first


def test_remove_deletes_the_synthetic_records_and_leaves_the_others():
    project_type = make_project_type()
    donor = make_organisation()
    office = make_office()
    project = make_project(project_type=project_type, donors=[donor])
    project.offices.add(office)
    release = make_release(related_projects=[project])
    add_funding(release, donors=[donor], amount=1000)
    add_contact(release)
    create_synthetic(projects=20, releases=20)
    # A real release may cite a synthetic project: the link goes, the release stays.
    release.related_projects.add(synthetic_projects().first())

    call_command("seed_synthetic", remove=True, stdout=None)

    assert list(Project.objects.all()) == [project]
    assert list(NewsRelease.objects.all()) == [release]
    assert list(release.related_projects.all()) == [project]
    assert list(project.donors.all()) == [donor]
    assert list(project.offices.all()) == [office]
    assert release.funding.get().donors.get() == donor
    assert release.contacts.count() == 1
    assert list(ProjectType.objects.all()) == [project_type]
    assert list(Organisation.objects.all()) == [donor]
    assert list(FieldOffice.objects.all()) == [office]
    assert not ThematicArea.objects.exists()


def test_remove_keeps_a_synthetic_type_a_real_project_now_uses():
    create_synthetic(projects=3)
    synthetic_type = synthetic_projects().first().project_type
    real = make_project(project_type=synthetic_type)

    remove_synthetic()

    assert list(Project.objects.all()) == [real]
    assert ProjectType.objects.filter(pk=synthetic_type.pk).exists()


def test_seed_synthetic_without_counts_is_an_error():
    with pytest.raises(CommandError, match="Rien à créer"):
        call_command("seed_synthetic")
