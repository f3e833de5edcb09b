"""The JSON fixtures: the exception to "no fixtures in tests", since they are what is tested."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from core.models import Country, Organisation, Page, PageSection, ThematicArea
from news.models import FundingAnnouncement, KeyFigure, MediaContact, NewsRelease, Quote
from offices.models import FieldOffice
from projects.models import Project, ProjectFigure, ProjectResult, ProjectType
from tests.importer.conftest import ABOUT_LABEL, FIXTURES, IMPORTABLE_SEEDS, OVERVIEW, SEEDS

pytestmark = pytest.mark.django_db

MODELS = [
    Country, Organisation, ThematicArea, ProjectType, FieldOffice, Project, ProjectResult, ProjectFigure,
    NewsRelease, FundingAnnouncement, MediaContact, Quote, KeyFigure, Page, PageSection,
]  # fmt: skip


def load_fixtures():
    call_command("loaddata", *FIXTURES, stdout=StringIO())


def import_seeds():
    call_command("import_iom_pages", *map(str, IMPORTABLE_SEEDS), stdout=StringIO(), stderr=StringIO())


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def imported_content():
    """Everything the importer writes, for comparison."""
    projects = {
        p.project_code: {
            **{
                name: getattr(p, name)
                for name in (
                    "title",
                    "slug",
                    "prima_id",
                    "start_year",
                    "end_year",
                    "status",
                    "budget",
                    "budget_currency",
                    "coverage",
                    "funding_year",
                    "region",
                    "fund",
                    "description",
                )
            },
            "project_type": p.project_type.name,
            "countries": sorted(p.beneficiary_countries.values_list("iso_code", flat=True)),
            "results": list(p.results.values_list("position", "kind", "text")),
        }
        for p in Project.objects.all()
    }
    releases = {
        r.slug: {
            "title": r.title,
            "dateline": r.dateline,
            "lead": r.lead,
            "body": r.body,
            "funding": list(
                r.funding.values_list(
                    "position", "amount", "currency", "amount_as_stated", "value_as_stated", "qualifier"
                )
            ),
            "contacts": list(
                r.contacts.values_list("position", "name", "organisation_label", "phone", "email")
            ),
            "quotes": list(r.quotes.values_list("position", "text", "speaker", "speaker_role")),
        }
        for r in NewsRelease.objects.all()
    }
    return projects, releases


def test_fixtures_load_twice_without_duplicates():
    load_fixtures()
    first = counts()

    load_fixtures()

    assert counts() == first
    assert first["Project"] == 2 and first["NewsRelease"] == 2 and first["ThematicArea"] == 10


def test_importing_the_seeds_gives_the_projects_and_releases_of_the_fixtures():
    import_seeds()
    imported = imported_content()
    imported_counts = {name: n for name, n in counts().items() if name in ("Project", "NewsRelease")}

    load_fixtures()

    assert imported_content() == imported
    assert {name: n for name, n in counts().items() if name in ("Project", "NewsRelease")} == imported_counts


def test_importing_the_seeds_over_the_fixtures_changes_nothing():
    load_fixtures()
    before = counts()
    stdout = StringIO()

    call_command("import_iom_pages", *map(str, IMPORTABLE_SEEDS), stdout=stdout, stderr=StringIO())

    assert stdout.getvalue().count("inchangé") == 4
    assert counts() == before


def test_importing_the_overview_over_the_fixtures_gives_the_about_page_unchanged():
    load_fixtures()
    stdout = StringIO()

    call_command("import_iom_pages", "--page", "a-propos", str(OVERVIEW), stdout=stdout, stderr=StringIO())

    assert stdout.getvalue().strip().endswith(f"{ABOUT_LABEL} inchangée")
    assert PageSection.objects.count() == 2


def test_fixtures_hold_the_key_figures_of_the_releases():
    load_fixtures()

    values = set(KeyFigure.objects.values_list("value", flat=True))
    assert {
        Decimal(v) for v in ("650", "500", "110", "179", "50", "30", "120", "250", "1000", "4", "96", "3")
    } <= values
    assert KeyFigure.objects.get(value=650).year == 2004
    assert KeyFigure.objects.get(value=110).year == 2018
    remittances = ProjectFigure.objects.get()
    assert (remittances.qualifier, remittances.value_as_stated, remittances.value) == (
        "quelque",
        "2,4 milliards",
        Decimal("2400000000.00"),
    )
    assert [
        (f.qualifier, f.value_as_stated, f.value)
        for f in KeyFigure.objects.filter(qualifier__gt="").order_by("value")
    ] == [
        ("plus de", "", Decimal("50")),
        ("plus de", "", Decimal("120")),
        ("non moins de", "", Decimal("179")),
        ("environ", "", Decimal("500")),
        ("plus de", "", Decimal("650")),
        ("plus d'", "un millier", Decimal("1000")),
    ]
    assert not KeyFigure.objects.filter(label__contains="(").exists()


def test_fixtures_hold_the_three_funding_announcements_of_release_002_with_donors():
    load_fixtures()

    rows = FundingAnnouncement.objects.filter(release__dateline="Port-au-Prince")
    assert [(f.amount, f.currency, f.is_total, sorted(d.acronym for d in f.donors.all())) for f in rows] == [
        (Decimal("4700000.00"), "USD", True, ["INL", "POPS"]),
        (Decimal("2300000.00"), "USD", False, ["INL"]),
        (Decimal("3000000.00"), "CAD", False, ["POPS"]),
    ]
    trafficking = FundingAnnouncement.objects.get(release__dateline="")
    # The release names the office in full and gives it no acronym.
    assert sorted(d.acronym or d.name for d in trafficking.donors.all()) == [
        "Bureau de contrôle et de lutte contre la traite des personnes",
        "UNICEF",
    ]
    assert Organisation.objects.get(acronym="INL").parent.name == "Département d'État des États-Unis"


def test_fixtures_hold_the_offices_and_stock_sites_with_partner_and_coordinates():
    load_fixtures()

    stocks = FieldOffice.objects.filter(kind="relief_stock")
    assert sorted(stocks.values_list("city", flat=True)) == [
        "Gonaïves", "Jacmel", "Jérémie", "Les Cayes", "Port-au-Prince",
    ]  # fmt: skip
    assert {s.partner.name for s in stocks} == {"Direction de la Protection Civile"}
    assert FieldOffice.objects.get(kind="main_office").city == "Port-au-Prince"
    assert sorted(FieldOffice.objects.filter(kind="sub_office").values_list("city", flat=True)) == [
        "Les Cayes", "Ouanaminthe",
    ]  # fmt: skip
    assert all(o.latitude is not None and o.coordinates_source for o in FieldOffice.objects.all())
    assert FieldOffice.objects.get(slug="poste-frontiere-malpasse").coordinates_approximate
    assert FieldOffice.objects.filter(coordinates_approximate=True).count() == 1


def test_fixtures_hold_the_ten_thematic_areas_in_the_overview_order_and_the_about_page():
    load_fixtures()

    areas = list(ThematicArea.objects.values_list("name", flat=True))
    assert len(areas) == 10
    assert areas[0] == "Opérations de gestion de camp, WASH et planification de sites"
    assert areas[-1].startswith("Retours et réintégrations volontaires assistés")
    page = Page.objects.published().get(slug="a-propos")
    assert list(page.sections.values_list("heading", flat=True)) == [
        "Capacités de l'OIM dans le pays",
        "Les activités de l'OIM",
    ]
    assert "depuis 1994" in page.body
    assert "12 projets actifs" in page.sections.get(position=2).body


def test_every_fixture_record_is_published():
    load_fixtures()

    for model in (Project, NewsRelease, FieldOffice, Page):
        assert model.objects.count() == model.objects.published().count()
    assert not NewsRelease.objects.filter(release_date__isnull=False).exists()


def _seed_text():
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    return " ".join(text.replace("’", "'").split()).lower()


def test_fixtures_state_no_acronym_fund_or_figure_the_seed_texts_do_not_give():
    load_fixtures()
    seeds = _seed_text()

    def stated(item):
        number = item.value_as_stated or format(item.value.normalize(), "f")
        return f"{item.qualifier}{number}" if item.qualifier.endswith("'") else f"{item.qualifier} {number}"

    for organisation in Organisation.objects.exclude(acronym=""):
        assert organisation.acronym.lower() in seeds, organisation.acronym
    for project in Project.objects.exclude(fund=""):
        assert project.fund.lower() in seeds, project.fund
    for item in [*KeyFigure.objects.all(), *ProjectFigure.objects.all(), *FundingAnnouncement.objects.all()]:
        if item.qualifier or item.value_as_stated:
            assert stated(item).strip().lower() in seeds, stated(item)


def test_the_release_page_of_the_fixtures_prints_each_quote_once(client):
    load_fixtures()
    release = Quote.objects.first().release

    html = client.get(release.get_absolute_url()).content.decode()
    article = html[html.index("<article") : html.index("</article>")]

    for quote in release.quotes.all():
        assert article.count(quote.text[:40]) == 1, quote.speaker


def test_the_feeds_of_the_fixtures_never_give_the_time_the_fixtures_were_written(client):
    load_fixtures()

    assert not NewsRelease.objects.filter(first_published_at__isnull=True).exists()
    for path in ("/actualites/feed/", "/actualites/rss/"):
        feed = client.get(path).content.decode()
        assert "2026-11-25" not in feed and "25 Nov 2026" not in feed, path
        assert feed.count("Date du communiqué non indiquée ; publié sur le portail le ") == 2, path
