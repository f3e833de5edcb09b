from decimal import Decimal

import pytest
from lxml import html

from core.bar_chart import render_chart
from core.models import PublicationStatus
from projects import charts
from projects.models import Project, ProjectStatus
from tests.factories import make_organisation, make_project, make_project_type
from tests.scenarios import make_public_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    labour = make_project_type("Migration de main-d'œuvre")
    community = make_project_type("Développement communautaire")
    borders = make_project_type("Gestion des frontières")
    make_project(
        project_type=labour, budget=Decimal("78350.00"), status=ProjectStatus.COMPLETED, end_year=2024
    )
    make_project(project_type=community, budget=Decimal("200000.00"), start_year=2020, end_year=2024)
    make_project(project_type=community, budget=Decimal("100000.00"), start_year=2022, end_year=2023)
    make_project(project_type=borders, budget=Decimal("150000.00"), start_year=2022, end_year=2025)
    # Neither a draft nor an amount in another currency counts.
    make_project(
        project_type=borders, budget=Decimal("999999.00"), publication_status=PublicationStatus.DRAFT
    )
    make_project(project_type=labour, budget=Decimal("500000.00"), budget_currency="EUR")
    return Project.objects.published()


def bars(drawing):
    """[(label, length in %, value)] of each row of the drawing."""
    rows = html.fragment_fromstring(str(drawing)).xpath("div")
    drawn = []
    for row in rows:
        label, bar, value = row
        assert (label.tag, bar.tag, value.tag) == ("span", "svg", "span")
        drawn.append((label.text, float(bar.find("rect").get("width").removesuffix("%")), value.text))
    return drawn


def test_budget_by_type_sums_published_dollar_budgets_in_one_query(projects, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = charts.budget_by_type(projects)

    assert rows == [
        ("Développement communautaire", Decimal("300000.00")),
        ("Gestion des frontières", Decimal("150000.00")),
        ("Migration de main-d'œuvre", Decimal("78350.00")),
    ]


def test_budget_by_type_chart_has_one_bar_per_type_proportional_to_its_budget(projects):
    chart = charts.project_charts(projects)["budget_by_type"]

    labels, widths, values = zip(*bars(chart["drawing"]), strict=True)
    assert labels == ("Développement communautaire", "Gestion des frontières", "Migration de main-d'œuvre")
    assert widths[0] == 100
    assert widths[1] / widths[0] == pytest.approx(150000 / 300000, abs=1e-3)
    assert widths[2] / widths[0] == pytest.approx(78350 / 300000, abs=1e-3)
    assert [value.replace("\u202f", " ").replace("\xa0", " ") for value in values] == [
        "300 000,00 $ US",
        "150 000,00 $ US",
        "78 350,00 $ US",
    ]


def test_a_long_label_is_drawn_whole_as_text(db):
    name = "Réduction des risques de catastrophe naturelle"
    make_project(project_type=make_project_type(name), budget=Decimal("1000.00"))
    chart = charts.project_charts(Project.objects.published())["budget_by_type"]

    [(label, width, _)] = bars(chart["drawing"])
    assert (label, width) == (name, 100)
    assert [row.label for row in chart["rows"]] == [name]


def test_chart_carries_its_text_alternative(projects):
    chart = charts.project_charts(projects)["budget_by_type"]
    page = html.fromstring(render_chart(chart))

    # A short name and a description; the table below gives the figures, the drawing does not repeat them.
    [drawing] = page.xpath("//*[@role='img']")
    assert drawing.get("aria-label") is None
    [title] = page.xpath(f"//*[@id='{drawing.get('aria-labelledby')}']")
    assert title.text_content() == "Budget par type de projet"
    [description] = page.xpath(f"//*[@id='{drawing.get('aria-describedby')}']")
    assert "dollar des États-Unis" in description.text_content()

    assert page.xpath("//figure/figcaption/text()") == ["Budget par type de projet"]
    table_rows = [[cell.text_content() for cell in row] for row in page.xpath("//details//tbody/tr")]
    assert [row[0] for row in table_rows] == [
        "Développement communautaire",
        "Gestion des frontières",
        "Migration de main-d'œuvre",
    ]
    # French grouping and decimal comma.
    assert table_rows[2][1].replace("\u202f", " ").replace("\xa0", " ") == "78 350,00 $ US"


def test_budget_by_status_follows_the_life_of_a_project(projects):
    assert charts.budget_by_status(projects) == [
        ("Actif", Decimal("450000.00")),
        ("Achevé", Decimal("78350.00")),
    ]


def test_year_charts_count_projects_and_draw_the_years_between(projects, django_assert_num_queries):
    with django_assert_num_queries(1):
        start = charts.projects_by_start_year(projects)

    assert start == [("2020", 1), ("2021", 0), ("2022", 2)]
    assert charts.projects_by_end_year(projects) == [("2023", 1), ("2024", 2), ("2025", 1)]
    chart = charts.project_charts(projects)["projects_by_end_year"]
    assert [row.display for row in chart["rows"]] == ["1 projet", "2 projets", "1 projet"]
    assert bars(chart["drawing"]) == [
        ("2023", 100 / 2, "1 projet"),
        ("2024", 100, "2 projets"),
        ("2025", 100 / 2, "1 projet"),
    ]


def test_charts_follow_the_filtered_queryset(projects):
    completed = projects.filter(status=ProjectStatus.COMPLETED)

    assert charts.budget_by_type(completed) == [("Migration de main-d'œuvre", Decimal("78350.00"))]


def test_a_project_matching_a_filter_twice_is_counted_once(projects):
    donors = [make_organisation(), make_organisation()]
    project = make_project(budget=Decimal("1000.00"), start_year=2030, donors=donors)

    joined = Project.objects.published().filter(donors__in=donors)

    assert charts.budget_by_type(joined) == [("Type non précisé", Decimal("1000.00"))]
    assert charts.projects_by_start_year(joined) == [("2030", 1)]
    assert project.donors.count() == 2


def test_an_empty_selection_draws_no_chart_but_says_so(db):
    chart = charts.project_charts(Project.objects.none())["budget_by_status"]

    assert chart["drawing"] is None
    assert "Aucune donnée à représenter" in render_chart(chart)


@pytest.mark.parametrize("url", ["/", "/projets/"])
def test_the_charts_are_drawn_once_per_content_state_and_follow_an_edit(client, url):
    labour = make_project_type(name="Migration de main-d'œuvre", slug="migration-main-d-oeuvre")
    make_project(project_type=labour, budget=Decimal("78350"))
    first, again = client.get(url), client.get(url)

    def budget_rows(response):
        page = html.fromstring(response.content.decode())
        table = page.get_element_by_id("graphique-budget-type").find(".//table")
        return [row.text_content() for row in table.iter("tr")][1:]

    assert "includes/_chart.html" in [t.name for t in first.templates]
    assert "includes/_chart.html" not in [t.name for t in again.templates]
    assert budget_rows(again) == budget_rows(first)
    assert "78" in budget_rows(again)[0] and "Migration de main-d'œuvre" in budget_rows(again)[0]

    make_project(project_type=labour, budget=Decimal("1000"), title="Un autre")
    edited = client.get(url)
    assert "includes/_chart.html" in [t.name for t in edited.templates]
    assert "79" in budget_rows(edited)[0]


def test_an_english_chart_description_keeps_the_currency_s_capitals(client):
    make_public_site()

    english = client.get("/en/projets/").content.decode()
    french = client.get("/projets/").content.decode()

    assert "in United States dollar (US$)" in english
    assert "en dollar des États-Unis" in french
