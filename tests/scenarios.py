"""Scenarios: several records together, as the seed pages state them or as a page needs them."""

from offices.models import Departement, SiteKind
from projects.models import ProjectStatus, ProjectType
from tests.factories import (
    add_contact,
    add_figure,
    add_funding,
    add_quote,
    add_result,
    add_section,
    make_country,
    make_office,
    make_organisation,
    make_page,
    make_project,
    make_project_type,
    make_release,
    make_thematic_area,
)


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
