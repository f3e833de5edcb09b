"""Small helpers that create valid records; tests override only what they are about."""

import itertools
from html.parser import HTMLParser

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


class _FormReader(HTMLParser):
    """Reads the fields of one form the way a browser submits them."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in {"submit", "button", "image", "file", "reset"}:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select:
            select, self._select = self._select, None
            chosen = select["chosen"]
            # A single-choice list with nothing marked selected sends its first option.
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]
            for value in chosen:
                self._add(select["name"], value)
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows the opening tag.
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def admin_form_data(response, **changes):
    """What a browser would post from an admin add, change or revision page, with `changes` applied."""
    reader = _FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    data = {name: values[0] if len(values) == 1 else values for name, values in reader.data.items()}
    data.update(changes)
    return data


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


def make_project_world(count):
    """`count` published projects, each with donors, a beneficiary country, an office and a release:
    enough related rows for a missing prefetch to show up as extra queries."""
    country = make_country()
    project_type = make_project_type()
    donors = [make_organisation(), make_organisation()]
    office = make_office()
    projects = []
    for number in range(count):
        project = make_project(
            project_type=project_type,
            budget=1000 * (number + 1),
            start_year=2015 + number % 5,
            end_year=2022 + number % 5,
            donors=donors,
            beneficiary_countries=[country],
        )
        project.offices.add(office)
        add_result(project, text=f"Résultat {number}")
        release = make_release(related_projects=[project])
        release.sites.add(office)
        add_contact(release, phone="+509 3245 5153", email="presse@example.org")
        add_funding(release, donors=donors, amount=1000, project=project)
        projects.append(project)
    return projects


def _seed_project_type(name, slug):
    project_type, _ = ProjectType.objects.get_or_create(slug=slug, defaults={"name": name})
    return project_type


def make_labour_migration_project(**fields):
    """Project L48-805 as its page states it: completed, an end year but no start year, 78 350 $ US."""
    fields.setdefault(
        "title", "Renforcement des capacités du Gouvernement haïtien en matière de migration de main-d'œuvre"
    )
    fields.setdefault("project_code", "L48-805")
    fields.setdefault("status", ProjectStatus.COMPLETED)
    fields.setdefault("end_year", 2024)
    fields.setdefault("budget", "78350.00")
    fields.setdefault("coverage", "national")
    fields.setdefault("description", "Le projet renforce les capacités du Gouvernement haïtien.")
    fields.setdefault("beneficiary_countries", [make_country()])
    fields.setdefault(
        "project_type", _seed_project_type("Migration de main-d'œuvre", "migration-de-main-d-oeuvre")
    )
    return make_project(**fields)


def make_diaspora_project(**fields):
    """Project CD.0037 as its page states it: active from 2020 to 2024, 200 000 $ US, PRIMA HT10P0503."""
    fields.setdefault("title", "Mobilisation de la diaspora à l'appui du développement d'Haïti")
    fields.setdefault("project_code", "CD.0037")
    fields.setdefault("prima_id", "HT10P0503")
    fields.setdefault("status", ProjectStatus.ACTIVE)
    fields.setdefault("start_year", 2020)
    fields.setdefault("end_year", 2024)
    fields.setdefault("funding_year", 2019)
    fields.setdefault("budget", "200000.00")
    fields.setdefault("summary", "Une cartographie de la diaspora haïtienne aux États-Unis.")
    fields.setdefault("beneficiary_countries", [make_country()])
    fields.setdefault(
        "project_type", _seed_project_type("Développement communautaire", "developpement-communautaire")
    )
    return make_project(**fields)


def save_through_admin(client, url, **changes):
    """Opens an admin add or change page and saves it with `changes`, as staff would."""
    response = client.post(url, admin_form_data(client.get(url), **changes))
    errors = response.context and [response.context["adminform"].form.errors, response.context["errors"]]
    assert response.status_code == 302, errors
    return response


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


def make_public_site():
    """One record of every kind a public page shows, as the seed pages state them: the about
    page, offices on the map, projects of two types and statuses, a release with its funding,
    quotes, figures and contacts. Returns the records the browser tests open."""
    about = make_page(
        slug="a-propos",
        title="L'OIM en Haïti",
        lead="L'OIM est présente en Haïti depuis 1994.",
        body="L'OIM appuie le Gouvernement haïtien.\n\nElle travaille avec ses partenaires.",
    )
    add_section(about, heading="Gestion des frontières", body="Des postes-frontières renforcés.")
    make_thematic_area(name="Gestion des frontières", description="Appui aux postes-frontières.")
    main_office = make_office(
        name="Bureau principal de Port-au-Prince",
        kind=SiteKind.MAIN_OFFICE,
        city="Port-au-Prince",
        departement=Departement.OUEST,
        latitude="18.53389",
        longitude="-72.33528",
        description="Le bureau principal de l'OIM en Haïti.",
    )
    make_office(
        name="Poste-frontière de Ouanaminthe",
        kind=SiteKind.BORDER_POST,
        city="Ouanaminthe",
        departement=Departement.NORD_EST,
        latitude="19.55",
        longitude="-71.73",
        coordinates_approximate=True,
    )
    canada = make_organisation("Gouvernement du Canada", acronym="AMC")
    idf = make_organisation("Fonds de l'OIM pour le développement", acronym="IDF")
    labour = make_labour_migration_project(donors=[idf], summary="Des capacités renforcées.")
    diaspora = make_diaspora_project(donors=[idf])
    community = diaspora.project_type
    border = make_project(
        title="Renforcement de la gestion des frontières à Ouanaminthe",
        project_code="BM.0042",
        status=ProjectStatus.ACTIVE,
        project_type=make_project_type(name="Gestion des frontières", slug="gestion-des-frontieres"),
        start_year=2021,
        end_year=2026,
        budget="1500000.00",
        donors=[canada],
    )
    border.offices.add(main_office)
    make_project(
        title="Développement local dans le Nord-Est",
        project_code="CD.0050",
        status=ProjectStatus.COMPLETED,
        project_type=community,
        start_year=2016,
        end_year=2019,
        budget="350000.00",
        donors=[canada],
    )
    add_result(border, text="Des agents formés.")
    release = make_release(
        title="Le Canada renforce la lutte contre la traite des personnes en Haïti",
        slug="canada-traite",
        dateline="Port-au-Prince",
        release_date="2019-11-22",
        lead="Un nouveau financement du Canada soutient la lutte contre la traite.",
        body="Le projet appuie le Comité national de lutte contre la traite.\n\n« Ce soutien est essentiel », a déclaré la cheffe de mission.",
        related_projects=[border],
    )
    release.sites.add(main_office)
    add_funding(release, donors=[canada], amount="1500000", currency="CAD", amount_as_stated="1,5 million")
    add_quote(
        release, text="Ce soutien est essentiel.", speaker="Cheffe de mission", speaker_role="OIM Haïti"
    )
    add_figure(release, value="650", label="agents formés", year=2019)
    add_contact(release, name="Service de presse", phone="+509 3245 5153", email="presse@example.org")
    make_release(title="Communiqué plus ancien sur la diaspora", release_date="2018-05-01")
    return {
        "about": about,
        "office": main_office,
        "labour": labour,
        "diaspora": diaspora,
        "border": border,
        "release": release,
    }
