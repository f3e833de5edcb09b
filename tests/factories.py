"""Small helpers that create valid records; tests override only what they are about."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.models import (
    Country,
    Organisation,
    OrganisationKind,
    Page,
    PageSection,
    PublicationStatus,
    ThematicArea,
)
from news.models import FundingAnnouncement, MediaContact, NewsRelease
from offices.models import Departement, FieldOffice, SiteKind
from projects.models import Project, ProjectResult, ProjectStatus, ProjectType

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_country(iso_code="HT", name="Haïti"):
    country, _ = Country.objects.get_or_create(iso_code=iso_code, defaults={"name": name})
    return country


def make_organisation(name=None, **fields):
    fields.setdefault("kind", OrganisationKind.GOVERNMENT)
    return Organisation.objects.create(name=name or f"Organisation {_next()}", **fields)


def make_thematic_area(name=None, **fields):
    number = _next()
    return ThematicArea.objects.create(name=name or f"Domaine {number}", slug=f"domaine-{number}", **fields)


def make_project_type(name=None, **fields):
    number = _next()
    return ProjectType.objects.create(
        name=name or f"Type {number}", slug=fields.pop("slug", f"type-{number}"), **fields
    )


def make_project(**fields):
    number = _next()
    fields.setdefault("title", f"Projet numéro {number}")
    fields.setdefault("slug", f"projet-{number}")
    fields.setdefault("project_code", f"T{number:02d}-{number:03d}")
    fields.setdefault("status", ProjectStatus.ACTIVE)
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED)
    donors = fields.pop("donors", [])
    countries = fields.pop("beneficiary_countries", [])
    project = Project.objects.create(**fields)
    project.donors.set(donors)
    project.beneficiary_countries.set(countries)
    return project


def make_release(**fields):
    number = _next()
    fields.setdefault("title", f"Communiqué numéro {number}")
    fields.setdefault("slug", f"communique-{number}")
    fields.setdefault("body", "Premier paragraphe.\n\nDeuxième paragraphe.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED)
    projects = fields.pop("related_projects", [])
    release = NewsRelease.objects.create(**fields)
    release.related_projects.set(projects)
    return release


def add_funding(release, *, donors, amount, currency="USD", **fields):
    fields.setdefault("position", release.funding.count() + 1)
    funding = FundingAnnouncement.objects.create(release=release, amount=amount, currency=currency, **fields)
    funding.donors.set(donors)
    return funding


def add_contact(release, **fields):
    fields.setdefault("position", release.contacts.count() + 1)
    fields.setdefault("name", f"Contact {_next()}")
    return MediaContact.objects.create(release=release, **fields)


def make_office(**fields):
    number = _next()
    fields.setdefault("name", f"Bureau {number}")
    fields.setdefault("slug", f"bureau-{number}")
    fields.setdefault("kind", SiteKind.SUB_OFFICE)
    fields.setdefault("city", "Les Cayes")
    fields.setdefault("departement", Departement.SUD)
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED)
    return FieldOffice.objects.create(**fields)


def make_page(**fields):
    number = _next()
    fields.setdefault("title", f"Page {number}")
    fields.setdefault("slug", f"page-{number}")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED)
    return Page.objects.create(**fields)


def add_result(project, **fields):
    fields.setdefault("position", project.results.count() + 1)
    fields.setdefault("text", f"Résultat {_next()}")
    return ProjectResult.objects.create(project=project, **fields)


def add_section(page, **fields):
    fields.setdefault("position", page.sections.count() + 1)
    fields.setdefault("heading", f"Section {_next()}")
    fields.setdefault("body", "Un paragraphe.")
    return PageSection.objects.create(page=page, **fields)


def make_superuser(**fields):
    fields.setdefault("username", f"admin{_next()}")
    return get_user_model().objects.create_superuser(password="mot-de-passe-de-test", **fields)


def make_editor(**fields):
    """A staff member of the Éditeurs group, the role content staff get."""
    fields.setdefault("username", f"editeur{_next()}")
    user = get_user_model().objects.create_user(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Éditeurs"))
    return user


def add_quote(release, **fields):
    from news.models import Quote

    fields.setdefault("position", release.quotes.count() + 1)
    fields.setdefault("text", "Une citation.")
    fields.setdefault("speaker", f"Personne {_next()}")
    return Quote.objects.create(release=release, **fields)


def add_figure(release, *, value, label, **fields):
    from news.models import KeyFigure

    fields.setdefault("position", release.figures.count() + 1)
    return KeyFigure.objects.create(release=release, value=value, label=label, **fields)


def make_editor_with_password(password, **fields):
    """An Éditeurs member who signs in through the admin's login form.

    The group is created as its migration does when a transactional test's flush removed it.
    """
    group, created = Group.objects.get_or_create(name="Éditeurs")
    if created:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=["core", "projects", "news", "offices"])
        )
    fields.setdefault("username", f"editeur{_next()}")
    user = get_user_model().objects.create_user(is_staff=True, password=password, **fields)
    user.groups.add(group)
    return user
