"""Small helpers that create valid records; tests override only what they are about."""

import itertools

from core.models import Country, Organisation, OrganisationKind, Page, PublicationStatus, ThematicArea
from news.models import FundingAnnouncement, MediaContact, NewsRelease
from offices.models import Departement, FieldOffice, SiteKind
from projects.models import Project, ProjectStatus, ProjectType

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
    funding = FundingAnnouncement.objects.create(release=release, amount=amount, currency=currency, **fields)
    funding.donors.set(donors)
    return funding


def add_contact(release, **fields):
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
