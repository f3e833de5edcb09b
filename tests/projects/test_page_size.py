"""The project list stays light however large the catalogue grows.

Its weight does not follow the number of projects (20 cards a page) but the number of distinct
values the filters and charts list: types, statuses, donors and, above all, years, one bar each.
A few dozen projects that take every value the synthetic catalogue has make the page as heavy
as 10 000 of them would.
"""

from decimal import Decimal

import pytest
from lxml import html

from projects.models import Coverage, ProjectStatus, Region
from synthetic.words import ACTIONS, DONORS, SUMMARIES, THEMES
from tests.factories import make_organisation, make_project, make_project_type

pytestmark = pytest.mark.django_db

MAX_BYTES = 60 * 1024
# The synthetic themes, and the two types of the seed data that the synthetic projects use too.
TYPE_NAMES = [name for name, _, _ in THEMES] + ["Migration de main-d'œuvre", "Développement communautaire"]
PLACE = "le long de la frontière haïtiano-dominicaine"
FIRST_START_YEAR = 2001
YEARS = 27  # start years 2001-2027, end years 2006-2032: at least the synthetic spans
DURATION = 5


@pytest.fixture
def widest_catalogue():
    """One project per start year and per end year, spread over the synthetic catalogue's 13 types,
    5 statuses and 18 donors, with its long titles and summaries, and budgets whose totals run
    into billions."""
    types = [make_project_type(name) for name in TYPE_NAMES]
    donors = [make_organisation(name, acronym=f"SYN-{acronym}", kind=kind) for name, acronym, kind in DONORS]
    statuses, coverages, regions = ProjectStatus.values, Coverage.values, Region.values
    for index in range(YEARS):
        _, _, goals = THEMES[index % len(THEMES)]
        goal = goals[index % len(goals)]
        make_project(
            title=f"{ACTIONS[index % len(ACTIONS)]} {goal} {PLACE} – phase III",
            summary=SUMMARIES[0].format(goal_de=goal, place=PLACE),
            project_type=types[index % len(types)],
            status=statuses[index % len(statuses)],
            coverage=coverages[index % len(coverages)],
            region=regions[index % len(regions)],
            start_year=FIRST_START_YEAR + index,
            end_year=FIRST_START_YEAR + index + DURATION,
            budget=Decimal("987654321.00") - index * 1000,
            donors=[donors[(index + offset) % len(donors)] for offset in range(3)],
        )
    return types


def test_project_list_stays_under_60_kb_with_every_type_status_donor_and_year(client, widest_catalogue):
    response = client.get("/projets/")

    assert response.status_code == 200
    size = len(response.content)
    assert size < MAX_BYTES, f"/projets/ weighs {size} bytes, more than {MAX_BYTES}"
    # Still the whole page: a full page of cards and the four charts, every bar drawn.
    page = html.fromstring(response.content)
    assert len(page.xpath("//ul[contains(@class, 'cards')]/li[@class='card']")) == 20
    charts = {figure.get("id"): figure for figure in page.xpath("//figure[@class='chart']")}
    bars = {
        chart_id: len(figure.xpath(".//*[@role='img']//*[local-name()='rect']"))
        for chart_id, figure in charts.items()
    }
    assert bars == {
        "graphique-budget-type": len(widest_catalogue),
        "graphique-budget-statut": len(ProjectStatus.values),
        "graphique-annee-debut": YEARS,
        "graphique-annee-fin": YEARS,
    }
