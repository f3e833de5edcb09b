"""The charts, map, feeds and IATI links appear on the pages people use."""

import re
from html import unescape

from projects.models import ProjectStatus
from tests.factories import make_office, make_project, make_project_type


def chart_bar_labels(html, chart_id):
    figure = re.search(rf'<figure class="chart" id="{chart_id}">(.*?)</figure>', html, re.S)
    assert figure, chart_id
    return [unescape(label) for label in re.findall(r'<th scope="row">(.*?)</th>', figure.group(1))]


def test_project_list_charts_follow_the_filters(client, db):
    labour, community = make_project_type(name="Migration de main-d'œuvre"), make_project_type(name="Santé")
    make_project(project_type=labour, budget=78350, status=ProjectStatus.COMPLETED)
    make_project(project_type=community, budget=200000, status=ProjectStatus.ACTIVE)

    everything = client.get("/projets/").content.decode()
    assert set(chart_bar_labels(everything, "graphique-budget-type")) == {
        "Migration de main-d'œuvre",
        "Santé",
    }

    active = client.get("/projets/", {"status": "active"}).content.decode()
    assert chart_bar_labels(active, "graphique-budget-type") == ["Santé"]
    assert chart_bar_labels(active, "graphique-budget-statut") == ["Actif"]


def test_home_page_shows_the_budget_charts(client, db):
    make_project(project_type=make_project_type(name="Santé"), budget=1000)
    html = client.get("/").content.decode()
    assert chart_bar_labels(html, "graphique-budget-type") == ["Santé"]
    assert 'id="graphique-annee-debut"' in html


def test_offices_page_shows_the_map_with_a_link_per_site(client, db):
    office = make_office(name="Sous-bureau des Cayes", latitude="18.20037", longitude="-73.74998")
    html = client.get("/bureaux/").content.decode()
    assert '<svg class="office-map"' in html
    assert f'<a class="map-marker map-marker--sub_office" href="{office.get_absolute_url()}">' in html


def test_every_page_links_its_feeds_and_the_list_offers_iati(client, db):
    html = client.get("/projets/", {"status": "active"}).content.decode()
    assert 'type="application/atom+xml"' in html and 'href="/actualites/feed/"' in html
    assert 'type="application/rss+xml"' in html and 'href="/actualites/rss/"' in html
    assert 'href="/projets/iati.xml?status=active"' in html
    assert 'href="/projets/export.csv?status=active"' in html
