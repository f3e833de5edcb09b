from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from projects.models import Coverage, Project, ProjectStatus, Region
from tests.factories import make_organisation, make_project, make_project_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Two types crossed with two statuses, plus a draft that no count may include."""
    labour = make_project_type(name="Migration de main-d'œuvre", slug="migration-main-d-oeuvre")
    community = make_project_type(name="Développement communautaire", slug="developpement-communautaire")
    usa = make_organisation("Département d'État des États-Unis", acronym="INL")
    canada = make_organisation("Gouvernement du Canada", acronym="POPS")
    projects = {
        "labour_active": make_project(
            title="Accords de main-d'œuvre",
            project_code="L48-805",
            project_type=labour,
            status=ProjectStatus.ACTIVE,
            budget=Decimal("78350"),
            start_year=2021,
            end_year=2024,
            coverage=Coverage.NATIONAL,
            region=Region.LATIN_AMERICA_CARIBBEAN,
            donors=[usa],
        ),
        "labour_completed": make_project(
            title="Bourse de l'emploi",
            project_code="L48-700",
            project_type=labour,
            status=ProjectStatus.COMPLETED,
            budget=Decimal("500000"),
            start_year=2012,
            end_year=2014,
            coverage=Coverage.REGIONAL,
            donors=[usa, canada],
        ),
        "community_active": make_project(
            title="Mobilisation de la diaspora",
            project_code="CD.0037",
            prima_id="HT10P0503",
            project_type=community,
            status=ProjectStatus.ACTIVE,
            budget=Decimal("200000"),
            start_year=2020,
            end_year=None,
            coverage=Coverage.NATIONAL,
            region=Region.LATIN_AMERICA_CARIBBEAN,
            donors=[canada],
        ),
        "community_completed": make_project(
            title="Zones de retour",
            project_code="ZR-001",
            project_type=community,
            status=ProjectStatus.COMPLETED,
            budget=None,
            end_year=2011,
        ),
    }
    make_project(
        title="Brouillon actif",
        project_type=labour,
        status=ProjectStatus.ACTIVE,
        publication_status=PublicationStatus.DRAFT,
        donors=[usa],
    )
    return projects


def titles(response):
    return [project.title for project in response.context["page_obj"].object_list]


def listing(client, **params):
    response = client.get(reverse("projects:list"), params)
    assert response.status_code == 200
    return response


def facet_counts(response, name):
    facet = next(f for f in response.context["filterset"].facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_type_filter_returns_the_projects_of_that_type(client, catalogue):
    response = listing(client, type="migration-main-d-oeuvre")

    assert titles(response) == ["Accords de main-d'œuvre", "Bourse de l'emploi"]


def test_status_filter_returns_the_projects_with_that_status(client, catalogue):
    response = listing(client, status="completed")

    assert titles(response) == ["Bourse de l'emploi", "Zones de retour"]


def test_type_and_status_combine(client, catalogue):
    response = listing(client, type="developpement-communautaire", status="active")

    assert titles(response) == ["Mobilisation de la diaspora"]


def test_several_statuses_give_either(client, catalogue):
    response = client.get(
        reverse("projects:list"), {"status": ["active", "completed"], "type": "migration-main-d-oeuvre"}
    )

    assert titles(response) == ["Accords de main-d'œuvre", "Bourse de l'emploi"]


def test_each_option_counts_the_projects_it_would_give_with_the_other_filters(client, catalogue):
    response = listing(client, type="migration-main-d-oeuvre", status="active")

    # Statuses are counted within the chosen type, types within the chosen status.
    assert facet_counts(response, "status") == {
        "preparation": 0,
        "active": 1,
        "suspended": 0,
        "completed": 1,
        "cancelled": 0,
    }
    assert facet_counts(response, "type") == {"developpement-communautaire": 1, "migration-main-d-oeuvre": 1}
    assert facet_counts(response, "coverage")["national"] == 1
    assert facet_counts(response, "region")["latin_america_caribbean"] == 1
    donors = {option.label: option.count for option in response.context["filterset"].facets[-1].options}
    assert donors == {
        "Département d'État des États-Unis (INL)": 1,
        "Gouvernement du Canada (POPS)": 0,
    }


def test_counts_without_filters_leave_drafts_out(client, catalogue):
    response = listing(client)

    assert facet_counts(response, "status")["active"] == 2
    assert facet_counts(response, "type") == {"developpement-communautaire": 2, "migration-main-d-oeuvre": 2}
    html = response.content.decode()
    assert "Brouillon actif" not in html
    assert 'value="active">\n            <label for="f-status-2">Actif <span class="count">2' in html


def test_coverage_region_and_donor_filters(client, catalogue):
    canada = catalogue["community_active"].donors.get()

    assert titles(listing(client, coverage="regional")) == ["Bourse de l'emploi"]
    assert titles(listing(client, region="latin_america_caribbean")) == [
        "Accords de main-d'œuvre",
        "Mobilisation de la diaspora",
    ]
    assert titles(listing(client, donor=canada.pk)) == ["Bourse de l'emploi", "Mobilisation de la diaspora"]


def test_year_range_keeps_projects_running_in_those_years(client, catalogue):
    # 2013 to 2020: the 2012–2014 project and the one started in 2020 with no end year.
    assert titles(listing(client, year_min=2013, year_max=2020)) == [
        "Bourse de l'emploi",
        "Mobilisation de la diaspora",
    ]
    assert titles(listing(client, year_min=2023)) == [
        "Accords de main-d'œuvre",
        "Mobilisation de la diaspora",
    ]
    assert titles(listing(client, year_max=2011)) == ["Zones de retour"]


def test_budget_range(client, catalogue):
    assert titles(listing(client, budget_min=100000, budget_max=300000)) == ["Mobilisation de la diaspora"]
    assert titles(listing(client, budget_min="78350.00")) == [
        "Accords de main-d'œuvre",
        "Bourse de l'emploi",
        "Mobilisation de la diaspora",
    ]


@pytest.mark.parametrize("query", ["diaspora", "cd.0037", "HT10P05"])
def test_text_filter_searches_title_project_code_and_prima_id(client, catalogue, query):
    assert titles(listing(client, q=query)) == ["Mobilisation de la diaspora"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["Accords", "Bourse", "Mobilisation", "Zones"]),
        ("-title", ["Zones", "Mobilisation", "Bourse", "Accords"]),
        ("-budget", ["Bourse", "Mobilisation", "Accords", "Zones"]),
        ("budget", ["Accords", "Mobilisation", "Bourse", "Zones"]),
        ("-start", ["Accords", "Mobilisation", "Bourse", "Zones"]),
        ("start", ["Bourse", "Mobilisation", "Accords", "Zones"]),
        ("-end", ["Accords", "Bourse", "Zones", "Mobilisation"]),
        ("end", ["Zones", "Bourse", "Accords", "Mobilisation"]),
    ],
)
def test_sorting_puts_unknown_values_last(client, catalogue, ordering, expected):
    response = listing(client, ordering=ordering)

    assert [title.split()[0] for title in titles(response)] == expected


def test_active_filters_are_chips_that_each_remove_one_filter(client, catalogue):
    response = client.get(
        reverse("projects:list"),
        {"type": "migration-main-d-oeuvre", "status": ["active", "completed"], "page": 1},
    )
    html = response.content.decode()

    assert "Type de projet : Migration de main-d&#x27;œuvre" in html
    assert 'href="/projets/?status=active&amp;status=completed"' in html
    assert "Statut : Actif" in html
    assert 'href="/projets/?type=migration-main-d-oeuvre&amp;status=completed"' in html
    assert "Statut : Achevé" in html


def test_the_form_shows_the_chosen_filters_so_the_address_is_a_permalink(client, catalogue):
    html = listing(
        client, status="active", coverage="national", q="diaspora", ordering="-budget"
    ).content.decode()

    assert 'name="status" value="active" checked' in html
    assert '<option value="national" selected>National (1)</option>' in html
    assert 'name="q" value="diaspora"' in html
    assert '<option value="-budget" selected>Budget décroissant</option>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "inconnu"}, "Sélectionnez un choix valide"),
        ({"type": "pas-un-type"}, "Sélectionnez un choix valide"),
        ({"donor": "abc"}, "Sélectionnez un choix valide"),
        ({"budget_min": "abc"}, "Saisissez un nombre"),
        ({"budget_max": "-1"}, "supérieure ou égale à 0"),
        ({"year_min": "-5"}, "supérieure ou égale à 1951"),
        ({"year_max": "3000"}, "inférieure ou égale à 2100"),
        ({"year_min": "2020", "year_max": "2010"}, "doit être égale ou postérieure"),
        ({"budget_min": "500", "budget_max": "100"}, "supérieur ou égal au budget minimum"),
        ({"ordering": "hasard"}, "Sélectionnez un choix valide"),
        ({"ordering": "title,-budget"}, "Sélectionnez un choix valide"),
        ({"page": "999"}, "La page « 999 » n&#x27;existe pas : voici la page 1 sur 1."),
        ({"page": "abc"}, "La page « abc » n&#x27;existe pas"),
    ],
)
def test_invalid_parameters_give_a_french_message_not_an_error(client, catalogue, params, message):
    response = client.get(reverse("projects:list"), params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Certains paramètres n'ont pas pu être appliqués" in html
    assert message in html


def test_an_invalid_parameter_is_ignored_and_the_valid_ones_still_apply(client, catalogue):
    response = listing(client, status="completed", budget_min="abc")

    assert titles(response) == ["Bourse de l'emploi", "Zones de retour"]


def test_a_filter_with_no_match_gives_an_empty_list_with_a_way_back(client, catalogue):
    response = listing(client, q="introuvable")

    assert titles(response) == []
    html = response.content.decode()
    assert "Aucun projet ne correspond à ces critères" in html
    assert "Aucun projet</h2>" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("migrants", ["Aide aux migrants de retour", "Autre chose"]),
        ("ht10p9", ["Projet par PRIMA"]),
        ("  ", None),
    ],
)
def test_matching_is_the_site_search_on_projects(db, text, expected):
    make_project(title="Aide aux migrants de retour")
    make_project(title="Projet par PRIMA", prima_id="HT10P9")
    make_project(title="Autre chose", publication_status=PublicationStatus.DRAFT, summary="migrants")
    # Restricted to the queryset it is called on, drafts included here.
    found = Project.objects.all().matching(text)
    if expected is None:  # no word: the text filters nothing out
        assert found.count() == 3
    else:
        assert sorted(found.values_list("title", flat=True)) == expected


def test_cached_facets_keep_plain_translated_strings(client, catalogue):
    """Read back from the cache on every page of the list: plain strings unpickle cheaply."""
    client.get(reverse("projects:list"))
    response = client.get(reverse("projects:list"))

    facets = response.context["filterset"].facets
    labels = [facet.label for facet in facets] + [o.label for facet in facets for o in facet.options]
    assert {type(label) for label in labels} == {str}
    assert "Statut" in labels and "Actif" in labels
    assert "Tous les bailleurs" in [facet.empty_label for facet in facets]
    assert 'id="f-status-2" name="status" value="active"' in response.content.decode()
