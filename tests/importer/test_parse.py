from decimal import Decimal

import pytest

from importer.editorial_pages import Section
from importer.parse import parse_editorial_page, parse_page
from importer.project_pages import ACTIVITY, RESULT, Country, ListItem, ParsedProject
from importer.releases import Contact, ParsedRelease, Quotation, parse_contacts
from importer.text import ParseError, clean_text, decode, french_slugify, reflow, strip_navigation
from tests.importer.conftest import (
    OVERVIEW,
    PROJECT_DIASPORA,
    PROJECT_LABOUR_MIGRATION,
    RELEASE_BORDER_POLICE,
    RELEASE_TRAFFICKING,
)


def test_navigation_boilerplate_is_stripped_down_to_the_title(seed_text):
    lines = strip_navigation(seed_text(RELEASE_TRAFFICKING).split("\n"))

    assert lines[0] == "L'OIM intensifie ses efforts de lutte contre la traite sur Hispaniola"


def test_reflow_joins_hard_wrapped_lines_and_keeps_paragraph_ends():
    lines = ["De nouveaux fonds destinés à", "financer le travail.", "Le 1,6 million de", "dollars."]

    assert reflow(lines) == [
        "De nouveaux fonds destinés à financer le travail.",
        "Le 1,6 million de dollars.",
    ]


def test_reflow_starts_a_paragraph_at_each_numbered_item():
    lines = [
        "Le projet :",
        "1. Améliorera la coordination ;",
        "2. Créera une base ; et, enfin,",
        "3. Élaborera.",
    ]

    assert reflow(lines) == [
        "Le projet :",
        "1. Améliorera la coordination ;",
        "2. Créera une base ; et, enfin,",
        "3. Élaborera.",
    ]


def test_clean_text_removes_mailto_leftovers():
    assert clean_text('E-mail:\n"mailto:ldoyle@iom.int">ldoyle@iom.int') == "E-mail:\nldoyle@iom.int"


def test_clean_text_removes_a_tag_that_spans_lines():
    assert clean_text('Voir <a\nhref="https://haiti.iom.int">le site</a>.') == "Voir le site."


def test_french_slugify_keeps_apostrophes_and_oe_readable():
    assert french_slugify("Migration de main-d’œuvre") == "migration-de-main-d-oeuvre"
    assert french_slugify("L'OIM en Haïti") == "l-oim-en-haiti"


def test_contacts_written_one_field_a_line_are_read():
    text = (
        "Michela Macchiavello\nOIM Haïti\nTel: + 509 3245 5153\nE-mail:\nmmacchiavello@iom.int\nou\n"
        "Leonard Doyle\nTel: + 509 3702 5066\nE-mail:\nldoyle@iom.int"
    )

    assert parse_contacts(text) == [
        Contact("Michela Macchiavello", "OIM Haïti", "+509 3245 5153", "mmacchiavello@iom.int"),
        Contact("Leonard Doyle", "", "+509 3702 5066", "ldoyle@iom.int"),
    ]


def test_contacts_written_on_one_line_are_read():
    text = "Emily Bauman, OIM Haïti, Tel. +509 3783 5424, email : ebauman@iom.int"

    assert parse_contacts(text) == [Contact("Emily Bauman", "OIM Haïti", "+509 3783 5424", "ebauman@iom.int")]


def test_project_page_003_every_labelled_field(seed_text):
    project = parse_page(seed_text(PROJECT_LABOUR_MIGRATION))

    assert isinstance(project, ParsedProject)
    assert project.title == (
        "Renforcement des capacités du Gouvernement haïtien en vue d’une gestion améliorée de la migration "
        "de main-d’œuvre et formulation d’accords en la matière"
    )
    assert project.end_year == 2024
    assert project.start_year is None
    assert project.status == "completed"
    assert project.project_type == "Migration de main-d’œuvre"
    assert project.budget == Decimal("78350.00")
    assert project.budget_currency == "USD"
    assert project.coverage == "national"
    assert project.region == "latin_america_caribbean"
    assert project.fund == ""  # "IDF Region" names a region, not the fund
    assert project.project_code == "L48-805"
    assert project.prima_id == ""
    assert project.funding_year is None
    assert project.beneficiary_countries == [Country("HT", "Haïti")]
    assert project.present == {
        "end_year", "status", "project_type", "budget", "budget_currency", "coverage", "region",
        "beneficiary_countries",
    }  # fmt: skip
    assert project.warnings == []


def test_project_page_003_description_and_expected_results(seed_text):
    project = parse_page(seed_text(PROJECT_LABOUR_MIGRATION))

    paragraphs = project.description.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Le projet proposé en matière de migration de main-d’œuvre vise")
    assert paragraphs[0].endswith("et plus particulièrement l’Office national de la migration.")
    assert paragraphs[1].startswith("Ce projet soutiendra en particulier")
    assert [item.kind for item in project.results] == [RESULT, RESULT]
    assert project.results[0].text.startswith(
        "Renforcement significatif des capacités du Gouvernement haïtien"
    )
    assert project.results[0].text.endswith("des travailleurs migrants haïtiens")
    assert project.results[1].text.startswith("Un rapport final et des recommandations")
    assert project.results[1].text.endswith("(moyennant la formation d’attachés désignés à cet effet)")


def test_project_page_004_every_labelled_field(seed_text):
    project = parse_page(seed_text(PROJECT_DIASPORA))

    assert project.title == "Mobilisation de la diaspora à l’appui du développement d’Haïti"
    assert project.start_year == 2020
    assert project.end_year == 2024
    assert project.status == "active"
    assert project.project_type == "Développement communautaire"
    assert project.budget == Decimal("200000.00")
    assert project.budget_currency == "USD"
    assert project.coverage == "national"
    assert project.funding_year == 2019
    assert project.region == "latin_america_caribbean"
    assert project.fund == ""
    assert project.prima_id == "HT10P0503"
    assert project.project_code == "CD.0037"
    assert project.beneficiary_countries == [Country("HT", "Haïti")]
    assert project.warnings == []


def test_project_page_004_activities_description_and_amounts(seed_text):
    project = parse_page(seed_text(PROJECT_DIASPORA))

    assert project.results == [
        ListItem(
            ACTIVITY,
            "Améliorera la coordination entre des associations clés de la diaspora, les consulats aux États Unis et la diaspora",
        ),
        ListItem(
            ACTIVITY,
            "Créera une base de données permettant de réaliser une analyse des besoins, des compétences et des "
            "difficultés de la diaspora tenant compte des sexospécificités",
        ),
        ListItem(
            ACTIVITY,
            "Réalisera une évaluation des principales compétences de la diaspora et des principaux secteurs qui "
            "ont le plus besoin d’aide",
        ),
        ListItem(
            ACTIVITY,
            "Élaborera une stratégie de communication visant à encourager la participation de la diaspora, en "
            "portant une attention particulière aux femmes",
        ),
    ]
    paragraphs = project.description.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Les ressortissants haïtiens")  # the wrapping quote is gone
    assert paragraphs[2] == "Le budget total du projet s’élève à 200 000 dollars E.-U."
    assert [(a.qualifier, a.number_as_stated, a.currency) for a in project.amounts_in_text] == [
        ("quelque", "2,4 milliards", "USD"),
        ("", "200 000", "USD"),
    ]
    assert [(a.value, a.currency) for a in project.amounts_in_text] == [
        (Decimal("2400000000.00"), "USD"),
        (Decimal("200000.00"), "USD"),
    ]


def test_release_001_title_paragraphs_amount_and_contacts(seed_text):
    release = parse_page(seed_text(RELEASE_TRAFFICKING))

    assert isinstance(release, ParsedRelease)
    assert release.title == "L'OIM intensifie ses efforts de lutte contre la traite sur Hispaniola"
    assert release.slug == "l-oim-intensifie-ses-efforts-de-lutte-contre-la-traite-sur-hispaniola"
    assert release.dateline == ""
    assert release.lead.startswith("De nouveaux fonds destinés à financer le travail de l'OIM")
    assert release.lead.endswith("en Haïti et en République dominicaine.")
    assert len(release.paragraphs) == 7
    assert release.paragraphs[0].startswith("Le 1,6 million de dollars donné par le Bureau de contrôle")
    assert release.paragraphs[4].startswith("Plus de 650 victimes de traite ont reçu l'aide directe")
    assert release.paragraphs[6].endswith("le Ministère des affaires et des droits des femmes.")
    assert "\n" not in release.lead and all("\n" not in p for p in release.paragraphs)
    assert "mailto" not in release.body and "contacter" not in release.body
    assert [(a.value, a.currency, a.as_stated) for a in release.funding] == [
        (Decimal("1600000.00"), "USD", "1,6 million de dollars")
    ]
    assert release.contacts == [
        Contact("Michela Macchiavello", "OIM Haïti", "+509 3245 5153", "mmacchiavello@iom.int"),
        Contact("Leonard Doyle", "", "+509 3702 5066", "ldoyle@iom.int"),
    ]
    assert release.quotes == []


def test_release_002_dateline_paragraphs_amounts_contact_and_quotes(seed_text):
    release = parse_page(seed_text(RELEASE_BORDER_POLICE))

    assert release.title == (
        "Avec le soutien des Etats-Unis et du Canada, l’OIM renforce la police nationale haïtienne aux frontières"
    )
    assert release.dateline == "Port-au-Prince"
    assert release.lead.startswith("Les gouvernements des Etats-Unis et du Canada ont confirmé")
    assert len(release.paragraphs) == 8
    assert release.paragraphs[2].startswith("Avec quatre postes-frontières officiels et 96 points de passage")
    assert release.paragraphs[5].startswith("En seulement une année et demie d’opérations")
    assert [(a.value, a.currency) for a in release.funding] == [
        (Decimal("4700000.00"), "USD"),
        (Decimal("2300000.00"), "USD"),
        (Decimal("3000000.00"), "CAD"),
    ]
    assert release.contacts == [Contact("Emily Bauman", "OIM Haïti", "+509 3783 5424", "ebauman@iom.int")]
    assert [(q.speaker, q.speaker_role) for q in release.quotes] == [
        ("Marc Justin", "Commissaire, Directeur de la POLIFRONT"),
        ("Giuseppe Loprete", "chef de mission de l’OIM en Haïti"),
    ]
    assert release.quotes[0].text.startswith("le soutien technique et financier")
    assert release.quotes[0].text.endswith("La POLIFRONT vous en est reconnaissante.")
    assert release.quotes[1].text.startswith("Nous sommes confiants")
    assert release.quotes[1].text.endswith("notre soutien aux partenaires du gouvernement dans ces domaines")
    assert isinstance(release.quotes[0], Quotation)


def test_country_overview_given_as_a_project_or_release_is_refused_with_how_to_import_it(seed_text):
    with pytest.raises(ParseError, match=r"page éditoriale .* --page SLUG FICHIER"):
        parse_page(seed_text(OVERVIEW))


def test_country_overview_is_a_lead_two_paragraphs_and_two_sections(seed_text):
    page = parse_editorial_page(seed_text(OVERVIEW))

    assert page.lead.startswith("L'Organisation Internationale pour les Migrations (OIM) travaille")
    assert len(page.paragraphs) == 2
    assert page.paragraphs[0].startswith("L'OIM est présente en Haïti depuis 1994.")
    assert [section.heading for section in page.sections] == [
        "Capacités de l'OIM dans le pays",
        "Les activités de l'OIM",
    ]
    capacities, activities = (section.body for section in page.sections)
    assert "deux sous-bureaux à Les Cayes et à Ouanaminthe" in capacities
    intro, items = activities.split("\n\n")
    assert intro == "Actuellement, l'OIM met en œuvre 12 projets actifs dans les domaines suivants :"
    assert items.splitlines()[0] == "- Opérations de gestion de camp, WASH et planification de sites"
    assert len(items.splitlines()) == 10


def test_a_page_text_with_bullets_and_wrapped_lines_is_read_into_sections():
    text = (
        "Un chapeau écrit\nsur deux lignes.\n\nIntertitre\n\nUn paragraphe.\n\n"
        "Les points :\n  • premier point\n  • second point\n\nAutre intertitre\n\nFin du texte."
    )

    page = parse_editorial_page(text)

    assert page.lead == "Un chapeau écrit sur deux lignes."
    assert page.paragraphs == []
    assert page.sections == [
        Section("Intertitre", "Un paragraphe.\n\nLes points :\n\n- premier point\n- second point"),
        Section("Autre intertitre", "Fin du texte."),
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [(PROJECT_DIASPORA, "fiche de projet"), (RELEASE_TRAFFICKING, "non reconnu comme page")],
)
def test_a_project_or_a_release_given_as_a_page_is_refused(seed_text, path, message):
    with pytest.raises(ParseError, match=message):
        parse_editorial_page(seed_text(path))


def test_unknown_label_on_a_project_page_is_reported(seed_text):
    text = seed_text(PROJECT_DIASPORA).replace("Couverture\nNational", "Secteur\nMigration")

    project = parse_page(text)

    assert project.warnings == ["libellé inconnu « Secteur » (valeur « Migration ») : ignoré"]
    assert "coverage" not in project.present


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "vide"),
        ("   \n\n", "vide"),
        ("Recette du pain\nFarine, eau, sel.\nPétrir.", "texte non reconnu"),
        ("Titre\n-\nStatut du projet\nActif\n-\nBudget Amount (USD)\n10.00\nTexte.", "« Projet ID »"),
        (
            "Titre\n-\nStatut du projet\nActif\n-\nProjet ID\nX-1\n-\nDate de fin\nbientôt\n",
            "n'est pas une année",
        ),
        ("Titre\n-\nStatut du projet\nPeut-être\n-\nProjet ID\nX-1\n", "valeur inconnue"),
    ],
)
def test_unusable_text_raises_a_parse_error_saying_why(text, message):
    with pytest.raises(ParseError, match=message):
        parse_page(text)


def test_decode_rejects_latin_1_bytes():
    with pytest.raises(ParseError, match="n'est pas en UTF-8"):
        decode("Année : Haïti".encode("latin-1"))
