from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import PublicationStatus
from tests.factories import (
    add_contact,
    add_figure,
    add_funding,
    add_quote,
    make_office,
    make_organisation,
    make_project,
    make_release,
)
from tests.scenarios import make_project_world

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
# Measured: the release, then its funding lines, their donors, contacts, quotes, figures,
# related projects and sites.
DETAIL_QUERIES = 8
LIST_QUERIES = 3  # the page, and the cached count: the content version and the count


@pytest.fixture
def border_release():
    release = make_release(
        title="Avec le soutien des États-Unis et du Canada, l'OIM renforce la police nationale haïtienne aux frontières",
        slug="polifront",
        dateline="Port-au-Prince",
        release_date=date(2019, 11, 22),
        lead="Les gouvernements des États-Unis et du Canada ont confirmé leur soutien.",
        body=(
            "Grâce au financement confirmé, l'OIM pourra aider la Police nationale haïtienne.\n\n"
            "« Nous sommes confiants que cette action contribuera à améliorer la sécurité. »"
        ),
    )
    usa = make_organisation("Bureau des affaires de stupéfiants", acronym="INL")
    canada = make_organisation("Programme pour les opérations de paix et de stabilisation", acronym="POPS")
    add_funding(release, donors=[usa], amount=Decimal("2300000"), position=1)
    add_funding(
        release,
        donors=[canada],
        amount=Decimal("3000000"),
        currency="CAD",
        amount_as_stated="3 millions de dollars canadiens",
        position=2,
    )
    add_funding(release, donors=[usa, canada], amount=Decimal("4700000"), is_total=True, position=3)
    add_contact(
        release,
        name="Emily Bauman",
        organisation_label="OIM Haïti",
        phone="+509 3783 5424",
        email="ebauman@iom.int",
    )
    add_quote(
        release,
        text="Le soutien technique et financier",
        speaker="Marc Justin",
        speaker_role="Directeur de la POLIFRONT",
    )
    add_figure(release, value=Decimal("179"), label="personnes arrêtées", year=2019)
    return release


def test_release_page_shows_dateline_funding_quotes_figures_and_contacts(client, border_release):
    response = client.get(border_release.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'Port-au-Prince, le <time datetime="2019-11-22">22 novembre 2019</time>' in html
    assert '<p class="lead">Les gouvernements des États-Unis' in html
    assert f'<blockquote class="pull-quote"><p>«{NBSP}Nous sommes confiants' in html
    assert "<p>Grâce au financement confirmé" in html
    assert "<strong>Marc Justin</strong>, Directeur de la POLIFRONT" in html
    assert f"2{NBSP}300{NBSP}000,00{NBSP}${NBSP}US" in html
    assert f"3{NBSP}000{NBSP}000,00{NBSP}${NBSP}CA" in html
    assert "« 3 millions de dollars canadiens »" in html
    tfoot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert "Total" in tfoot
    assert f"4{NBSP}700{NBSP}000,00{NBSP}${NBSP}US" in tfoot
    assert "179</span>" in html
    assert "personnes arrêtées (2019)" in html  # a year the label does not already say
    assert '<a href="tel:+50937835424">+509 3783 5424</a>' in html
    assert '<a href="mailto:ebauman@iom.int">ebauman@iom.int</a>' in html
    assert 'property="og:type" content="article"' in html


def test_release_page_shows_amounts_and_figures_as_the_text_states_them(client):
    release = make_release(title="Avec le soutien des États-Unis et du Canada")
    inl = make_organisation("Bureau des affaires de stupéfiants", acronym="INL")
    add_funding(
        release,
        donors=[inl],
        amount=Decimal("2300000"),
        amount_as_stated="2,3 millions de dollars américains",
        value_as_stated="2,3 millions",
    )
    add_figure(release, value=Decimal("50"), qualifier="plus de", label="passeurs de migrants arrêtés")
    add_figure(
        release,
        value=Decimal("1000"),
        qualifier="plus d'",
        value_as_stated="un millier",
        label="de victimes aidées",
    )

    html = client.get(release.get_absolute_url()).content.decode()

    assert f"<span>2,3 millions{NBSP}${NBSP}US</span>" in html
    assert f"2{NBSP}300{NBSP}000" not in html
    assert '<span class="key-figures__value">Plus de 50</span>' in html
    assert '<span class="key-figures__value">Plus d&#x27;un millier</span>' in html
    assert "1 000" not in html and f"1{NBSP}000" not in html


def article_of(response):
    html = response.content.decode()
    return html[html.index("<article") : html.index("</article>")]


def test_release_page_prints_each_quote_once(client):
    release = make_release(
        body=(
            "D’après le Commissaire Marc Justin, « le soutien technique et financier\ndes gouvernements "
            "témoigne de l’efficacité de la coopération. »\n\n"
            "« Nous sommes confiants que cette action contribuera à la sécurité », a déclaré Giuseppe Loprete."
        )
    )
    add_quote(
        release,
        text="le soutien technique et financier des gouvernements témoigne de l'efficacité de la coopération.",
        speaker="Marc Justin",
    )
    add_quote(
        release,
        text="Nous sommes confiants que cette action contribuera à la sécurité.",
        speaker="Giuseppe Loprete",
    )

    html = article_of(client.get(release.get_absolute_url()))

    assert html.count("Nous sommes confiants") == 1
    assert html.count("le soutien technique et financier") == 1
    assert "Ils ont dit" not in html

    add_quote(release, text="Une phrase dite ailleurs que dans le texte.", speaker="Emily Bauman")
    html = article_of(client.get(release.get_absolute_url()))

    assert "Ils ont dit" in html
    assert html.count("Une phrase dite ailleurs") == 1
    assert "<strong>Emily Bauman</strong>" in html
    assert "<strong>Giuseppe Loprete</strong>" not in html


def test_release_page_links_only_published_projects_and_sites(client, border_release):
    border_release.related_projects.add(
        make_project(title="Projet POLIFRONT"),
        make_project(title="Projet en brouillon", publication_status=PublicationStatus.DRAFT),
    )
    border_release.sites.add(
        make_office(name="Poste-frontière de Malpasse"),
        make_office(name="Site programmé", publish_from=timezone.now() + timedelta(days=3)),
    )

    html = client.get(border_release.get_absolute_url()).content.decode()

    assert "Projet POLIFRONT" in html
    assert "Poste-frontière de Malpasse" in html
    assert "Projet en brouillon" not in html
    assert "Site programmé" not in html


def test_release_list_is_newest_first_with_undated_releases_last(client):
    make_release(title="Sans date")
    make_release(title="Ancien", release_date=date(2011, 3, 1))
    make_release(title="Récent", release_date=date(2019, 11, 22))
    make_release(title="Brouillon", release_date=date(2020, 1, 1), publication_status=PublicationStatus.DRAFT)
    make_release(
        title="Programmé", release_date=date(2020, 1, 2), publish_from=timezone.now() + timedelta(days=1)
    )

    response = client.get(reverse("news:list"))

    assert [release.title for release in response.context["page_obj"]] == ["Récent", "Ancien", "Sans date"]
    html = response.content.decode()
    assert "22 novembre 2019" in html
    assert "1er mars 2011" in html
    assert "Brouillon" not in html
    assert "Programmé" not in html
    assert "du plus récent au plus ancien ; ceux dont la date n'est pas indiquée viennent à la fin." in html
    assert html.index("Ancien") < html.index("Date non indiquée") < html.index("Sans date")


def test_undated_release_page_says_its_date_is_not_given(client):
    release = make_release(title="Sans date", dateline="Port-au-Prince")

    html = client.get(release.get_absolute_url()).content.decode()

    assert '<p class="dateline">Port-au-Prince · date non indiquée</p>' in html


def test_first_publication_on_the_portal_is_stamped_once_when_it_happens():
    draft = make_release(publication_status=PublicationStatus.DRAFT)
    assert draft.first_published_at is None

    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save(update_fields=["publication_status", "updated_at"])  # as the admin's action does
    draft.refresh_from_db()
    stamp = draft.first_published_at
    assert stamp is not None and stamp <= timezone.now()

    draft.publication_status = PublicationStatus.DRAFT
    draft.save()
    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save()
    draft.refresh_from_db()
    assert draft.first_published_at == stamp

    later = timezone.now() + timedelta(days=2)
    scheduled = make_release(publish_from=later)
    assert scheduled.first_published_at == later
    scheduled.publication_status = PublicationStatus.DRAFT
    scheduled.save()
    assert scheduled.first_published_at is None


@pytest.mark.parametrize(
    "fields",
    [{"publication_status": PublicationStatus.DRAFT}, {"publish_from": timezone.now() + timedelta(days=1)}],
    ids=["draft", "scheduled"],
)
def test_unpublished_release_has_no_page(client, fields):
    assert client.get(make_release(**fields).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_release_list_page_out_of_range_shows_the_nearest_page_with_a_message(client, page):
    release = make_release(title="Le seul communiqué")

    response = client.get(reverse("news:list"), {"page": page})

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert f"La page « {page} » n'existe pas : voici la page 1 sur 1." in html
    assert release.title in html


@pytest.mark.parametrize("count", [3, 60])
def test_release_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    make_project_world(count)
    client.get(reverse("news:list"))  # computes the cached count

    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("news:list"))


@pytest.mark.parametrize("count", [3, 60])
def test_release_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    projects = make_project_world(count)
    release = projects[0].news_releases.get()
    release.related_projects.set(projects)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(release.get_absolute_url())

    assert len(response.context["release"].related_projects.all()) == count


def test_contact_phone_is_shown_as_written_and_linked_in_e164(client, border_release):
    html = client.get(border_release.get_absolute_url()).content.decode()

    assert '<a href="tel:+50937835424">+509 3783 5424</a>' in html
