"""A large synthetic catalogue of projects and releases, for benchmarks and load tests.

Every synthetic record carries a mark and `remove_synthetic()` deletes exactly the marked ones:
projects by their code (SYN-000001), releases, project types, thematic areas and offices by
their slug (synthetique-…), organisations by their acronym (SYN-…). Countries are shared
reference data, not synthetic: the missing ones are created and stay.

Rows are written with bulk_create, many-to-many links straight into the through tables, so
10 000 projects and 20 000 releases take seconds. The same seed on the same database gives
the same records.
"""

import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from core.models import Country, Currency, Organisation, PublicationStatus, ThematicArea
from news.models import FundingAnnouncement, KeyFigure, MediaContact, NewsRelease, Quote
from offices.models import Departement, FieldOffice, SiteKind
from projects.models import (
    Coverage,
    Project,
    ProjectFigure,
    ProjectResult,
    ProjectStatus,
    ProjectType,
    Region,
    ResultKind,
)

CODE_PREFIX = "SYN-"
SLUG_PREFIX = "synthetique-"
ACRONYM_PREFIX = "SYN-"
BATCH_SIZE = 2000

PUBLISHED = PublicationStatus.PUBLISHED

# (name, slug, objects): a project type and what its projects work on, each object written
# to follow "Renforcement" (so it starts with de la / du / des / de l').
THEMES = [
    (
        "Gestion des frontières",
        "gestion-des-frontieres",
        [
            "de la gestion intégrée des frontières",
            "des capacités de la police des frontières",
            "des points de passage officiels",
            "du contrôle sanitaire aux frontières",
        ],
    ),
    (
        "Lutte contre la traite des personnes",
        "lutte-contre-la-traite",
        [
            "de la lutte contre la traite des personnes",
            "de la protection des victimes de traite",
            "de l'identification des enfants non accompagnés",
        ],
    ),
    (
        "Retour et réintégration",
        "retour-et-reintegration",
        [
            "de la réintégration des migrants de retour",
            "de l'accueil des personnes rapatriées",
            "de l'aide au retour volontaire",
        ],
    ),
    (
        "Réponse aux urgences",
        "reponse-aux-urgences",
        [
            "de l'assistance aux familles déplacées",
            "de la distribution de biens non alimentaires",
            "de la gestion des sites de déplacés",
        ],
    ),
    (
        "Stabilisation communautaire",
        "stabilisation-communautaire",
        [
            "de la stabilisation des quartiers vulnérables",
            "du dialogue communautaire",
            "de la réhabilitation d'infrastructures communautaires",
        ],
    ),
    (
        "Migration et santé",
        "migration-et-sante",
        ["de la santé des migrants", "du soutien psychosocial", "de la prévention du choléra"],
    ),
    (
        "Réduction des risques de catastrophe",
        "reduction-des-risques",
        [
            "de la préparation aux ouragans",
            "des comités locaux de protection civile",
            "de la cartographie des zones à risque",
        ],
    ),
    (
        "Mobilisation de la diaspora",
        "mobilisation-de-la-diaspora",
        [
            "de la mobilisation de la diaspora",
            "des transferts de compétences de la diaspora",
            "de l'investissement de la diaspora",
        ],
    ),
    (
        "Gouvernance des migrations",
        "gouvernance-des-migrations",
        [
            "de la politique migratoire nationale",
            "des données sur la mobilité humaine",
            "de la coordination interinstitutionnelle",
        ],
    ),
    (
        "Migration, environnement et climat",
        "migration-environnement-climat",
        [
            "de l'adaptation au changement climatique",
            "de la gestion des bassins versants",
            "des moyens de subsistance résilients",
        ],
    ),
    (
        "Emploi et migration de travail",
        "emploi-et-migration-de-travail",
        ["du recrutement éthique", "de l'employabilité des jeunes", "de la migration de travail équitable"],
    ),
]

ACTIONS = ["Renforcement", "Amélioration", "Consolidation", "Extension", "Modernisation", "Promotion"]

DONORS = [
    ("Fondation Lakou pour le développement local", "FLDL", "ngo"),
    ("Fonds caribéen pour la résilience", "FCR", "intergovernmental"),
    ("Agence nordique de coopération migratoire", "ANCM", "government"),
    ("Fonds fiduciaire pour la mobilité humaine", "FFMH", "intergovernmental"),
    ("Initiative Konbit pour l'emploi", "IKE", "ngo"),
    ("Programme régional Hispaniola", "PRH", "intergovernmental"),
    ("Fondation Citadelle", "FC", "private"),
    ("Fonds Solidarité Grand Sud", "FSGS", "ngo"),
    ("Alliance pour la santé des migrants", "ASM", "ngo"),
    ("Banque caribéenne de reconstruction", "BCR", "intergovernmental"),
    ("Fonds humanitaire de l'Atlantique", "FHA", "un_agency"),
    ("Coopération décentralisée de la Région Lumière", "CDRL", "government"),
    ("Agence caribéenne de l'eau et de l'assainissement", "ACEA", "intergovernmental"),
    ("Fonds d'urgence pour les catastrophes naturelles", "FUCN", "un_agency"),
    ("Compagnie haïtienne des télécommunications solidaires", "CHTS", "private"),
    ("Réseau des associations de la diaspora haïtienne", "RADH", "ngo"),
    ("Mairie de Vallée-Verte", "MVV", "haitian_institution"),
    ("Université populaire du Plateau central", "UPPC", "haitian_institution"),
]

THEMATIC_AREAS = [
    "Santé des migrants",
    "Protection de l'enfance",
    "Moyens de subsistance",
    "Abris et biens non alimentaires",
    "Données sur la mobilité",
    "Cohésion sociale",
]

COUNTRIES = [
    ("HT", "Haïti"),
    ("DO", "République dominicaine"),
    ("US", "États-Unis"),
    ("CA", "Canada"),
    ("FR", "France"),
    ("BS", "Bahamas"),
    ("TC", "Îles Turques-et-Caïques"),
    ("CL", "Chili"),
    ("BR", "Brésil"),
    ("MX", "Mexique"),
]

# (city, département, latitude, longitude): the commune, not a building.
CITIES = [
    ("Port-au-Prince", Departement.OUEST, "18.54297", "-72.33798"),
    ("Cap-Haïtien", Departement.NORD, "19.75778", "-72.20417"),
    ("Gonaïves", Departement.ARTIBONITE, "19.45043", "-72.68325"),
    ("Les Cayes", Departement.SUD, "18.20037", "-73.74998"),
    ("Jacmel", Departement.SUD_EST, "18.23500", "-72.53700"),
    ("Jérémie", Departement.GRAND_ANSE, "18.63393", "-74.11843"),
    ("Hinche", Departement.CENTRE, "19.14300", "-72.00400"),
    ("Fort-Liberté", Departement.NORD_EST, "19.66300", "-71.83800"),
    ("Port-de-Paix", Departement.NORD_OUEST, "19.93900", "-72.83000"),
    ("Miragoâne", Departement.NIPPES, "18.44600", "-73.09000"),
    ("Saint-Marc", Departement.ARTIBONITE, "19.10800", "-72.69300"),
    ("Ouanaminthe", Departement.NORD_EST, "19.55000", "-71.73333"),
    ("Belladère", Departement.CENTRE, "18.85000", "-71.78333"),
    ("Léogâne", Departement.OUEST, "18.51100", "-72.63400"),
]

IN_DEPARTEMENT = {
    Departement.ARTIBONITE: "dans l'Artibonite",
    Departement.CENTRE: "dans le Centre",
    Departement.GRAND_ANSE: "dans la Grand'Anse",
    Departement.NIPPES: "dans les Nippes",
    Departement.NORD: "dans le Nord",
    Departement.NORD_EST: "dans le Nord-Est",
    Departement.NORD_OUEST: "dans le Nord-Ouest",
    Departement.OUEST: "dans l'Ouest",
    Departement.SUD: "dans le Sud",
    Departement.SUD_EST: "dans le Sud-Est",
}

OFFICES = [
    ("Sous-bureau de Cap-Haïtien", SiteKind.SUB_OFFICE, "Cap-Haïtien"),
    ("Sous-bureau de Hinche", SiteKind.SUB_OFFICE, "Hinche"),
    ("Sous-bureau de Jérémie", SiteKind.SUB_OFFICE, "Jérémie"),
    ("Sous-bureau de Port-de-Paix", SiteKind.SUB_OFFICE, "Port-de-Paix"),
    ("Stock NFI de Hinche", SiteKind.RELIEF_STOCK, "Hinche"),
    ("Stock NFI de Port-de-Paix", SiteKind.RELIEF_STOCK, "Port-de-Paix"),
    ("Point de passage de Fort-Liberté", SiteKind.BORDER_POST, "Fort-Liberté"),
    ("Base de la POLIFRONT à Belladère", SiteKind.BORDER_POLICE_BASE, "Belladère"),
]

FUNDS = [
    "Fonds de l'OIM pour le développement",
    "Fonds central pour les interventions d'urgence",
    "Fonds pour la consolidation de la paix",
    "",
]

FIRST_NAMES = ["Marie", "Jean", "Roseline", "Wilner", "Nadège", "Ricardo", "Fabienne", "Jean-Robert"]
LAST_NAMES = ["Joseph", "Pierre", "Charles", "Jean-Baptiste", "Désir", "Étienne", "Dorval", "Célestin"]
SPEAKER_ROLES = [
    "chef de mission de l'OIM en Haïti",
    "cheffe de mission adjointe de l'OIM en Haïti",
    "coordonnateur des programmes d'urgence de l'OIM",
    "directrice départementale de la Protection civile",
    "maire de la commune",
]

CURRENCY_WORDS = {
    Currency.USD: "dollars américains",
    Currency.CAD: "dollars canadiens",
    Currency.EUR: "euros",
    Currency.HTG: "gourdes",
    Currency.CHF: "francs suisses",
}

SUMMARIES = [
    "Le projet vise le renforcement {goal_de} {place}, avec les autorités locales et la société civile.",
    "{Goal} {place} : formation, équipement et accompagnement des institutions concernées.",
    "Une intervention de {months} mois pour {goal} {place}, au bénéfice de {people} personnes.",
]

DESCRIPTION_PARAGRAPHS = [
    "Haïti fait face à des déplacements répétés, liés aux catastrophes naturelles comme à l'insécurité. "
    "Le projet répond aux besoins recensés {place} par la matrice de suivi des déplacements.",
    "Le projet soutient {goal} par la formation de {staff} agents de l'État, la fourniture "
    "d'équipements et l'élaboration de procédures opérationnelles standard.",
    "Les activités sont menées en étroite coordination avec les partenaires du projet ({partner}), afin que les acquis soient "
    "durables et pris en charge par les institutions nationales à la fin du projet.",
    "Une attention particulière est portée aux femmes, aux enfants et aux personnes handicapées, "
    "qui représentent plus de la moitié des {people} bénéficiaires attendus.",
    "Des comités communautaires participent au choix des priorités et au suivi des travaux, "
    "ce qui renforce la confiance entre la population et les autorités locales.",
    "Les données collectées sont partagées avec le Gouvernement et les partenaires humanitaires "
    "pour orienter la planification et éviter les doublons.",
]

RESULTS = [
    "Les capacités des institutions nationales sont renforcées dans le domaine {goal_de}.",
    "{staff} agents de l'État sont formés et disposent des outils nécessaires.",
    "{people} personnes bénéficient d'une assistance directe {place}.",
    "Des procédures opérationnelles standard sont adoptées et diffusées.",
    "Un mécanisme de coordination se réunit chaque mois {place}.",
]

RELEASE_TITLES = [
    "L'OIM lance un nouveau projet en faveur {goal_de} {place}",
    "{org} : {amount} pour {goal} {place}",
    "{people} familles déplacées reçoivent une aide d'urgence à {city}",
    "{city} : clôture d'un projet en faveur {goal_de}",
    "Atelier national sur {goal} à {city}",
    "Saison cyclonique : l'OIM prépositionne des biens non alimentaires à {city}",
    "Plus de {people} personnes accompagnées {place}",
]

RELEASE_LEADS = [
    "L'Organisation internationale pour les migrations (OIM) a lancé cette semaine à {city}, avec le "
    "soutien de ses partenaires ({org}), une initiative en faveur {goal_de} qui doit bénéficier à {people} "
    "personnes.",
    "Grâce à une nouvelle contribution de {amount} (bailleur : {org}), l'OIM intensifie son action en faveur {goal_de} {place}.",
    "Face à l'augmentation des besoins {place}, l'OIM et ses partenaires ont apporté une assistance "
    "à {people} personnes au cours des derniers mois.",
]

RELEASE_PARAGRAPHS = [
    "Les activités comprennent la formation de {staff} agents, la réhabilitation de locaux et la mise "
    "en place de permanences d'accueil pour les personnes les plus vulnérables.",
    "Depuis le début de l'année, les équipes de l'OIM ont enregistré plus de {people} personnes "
    "{place}, dont une majorité de femmes et d'enfants.",
    "Le projet s'inscrit dans le cadre du plan de réponse humanitaire pour Haïti et complète les "
    "efforts du Gouvernement et des autres agences des Nations Unies.",
    "Les autorités locales, les organisations de la société civile et les comités de quartier sont "
    "associés à chaque étape, de l'identification des besoins au suivi des résultats.",
    "L'OIM remercie ses bailleurs ({org}) pour leur soutien, sans lequel cette intervention n'aurait pas "
    "été possible.",
    "« Ce projet montre ce que nous pouvons accomplir ensemble lorsque les communautés sont au cœur "
    "des décisions », a déclaré {speaker}.",
]

QUOTES = [
    "Nous devons continuer à travailler ensemble pour protéger les personnes les plus vulnérables.",
    "Ce partenariat permet de répondre plus vite et mieux aux besoins des familles déplacées.",
    "Les communautés sont les premières à agir : notre rôle est de les soutenir.",
]

KEY_FIGURE_LABELS = [
    "personnes assistées",
    "agents de l'État formés",
    "kits d'articles non alimentaires distribués",
    "migrants de retour accueillis",
    "familles relogées",
]


@dataclass
class Pools:
    """The reference records synthetic content links to, real and synthetic alike."""

    themes: list
    donors: list
    offices: list
    areas: list
    countries: list
    haiti: int


@dataclass
class Outcome:
    projects: int
    releases: int


def ensure_reference_data():
    """Create the synthetic reference records that are missing, and return every pool."""
    existing_type_names = set(ProjectType.objects.values_list("name", flat=True))
    for name, slug, _ in THEMES:
        if name not in existing_type_names:
            ProjectType.objects.get_or_create(
                slug=SLUG_PREFIX + slug,
                defaults={"name": name, "description": f"Projets de l'OIM en Haïti : {name.lower()}."},
            )
    types_by_slug = {t.slug: t for t in ProjectType.objects.all()}
    types_by_name = {t.name: t for t in types_by_slug.values()}
    themes = [
        (types_by_slug.get(SLUG_PREFIX + slug) or types_by_name[name], objects)
        for name, slug, objects in THEMES
    ]
    # Types staff created get projects too, with objects borrowed from the themes.
    themed = {t.pk for t, _ in themes}
    all_objects = [obj for _, _, objects in THEMES for obj in objects]
    themes += [(t, all_objects) for t in types_by_slug.values() if t.pk not in themed]

    existing_org_names = set(Organisation.objects.values_list("name", flat=True))
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, acronym=ACRONYM_PREFIX + acronym, kind=kind)
            for name, acronym, kind in DONORS
            if name not in existing_org_names
        ]
    )
    existing_area_names = set(ThematicArea.objects.values_list("name", flat=True))
    ThematicArea.objects.bulk_create(
        [
            ThematicArea(name=name, slug=SLUG_PREFIX + slugify(name), position=100 + number)
            for number, name in enumerate(THEMATIC_AREAS)
            if name not in existing_area_names
        ],
        ignore_conflicts=True,
    )
    cities = {city: (departement, lat, lon) for city, departement, lat, lon in CITIES}
    FieldOffice.objects.bulk_create(
        [
            FieldOffice(
                name=name,
                slug=SLUG_PREFIX + slugify(name),
                kind=kind,
                city=city,
                departement=cities[city][0],
                latitude=Decimal(cities[city][1]),
                longitude=Decimal(cities[city][2]),
                coordinates_source="Coordonnées de la commune (données synthétiques).",
                coordinates_approximate=True,
                publication_status=PUBLISHED,
            )
            for name, kind, city in OFFICES
        ],
        ignore_conflicts=True,
    )
    for iso_code, name in COUNTRIES:
        if not Country.objects.filter(Q(iso_code=iso_code) | Q(name=name)).exists():
            Country.objects.create(iso_code=iso_code, name=name)

    countries = list(Country.objects.order_by("iso_code"))
    return Pools(
        themes=themes,
        donors=list(Organisation.objects.order_by("name").values_list("pk", flat=True)),
        offices=list(FieldOffice.objects.published().order_by("slug").values_list("pk", flat=True)),
        areas=list(ThematicArea.objects.order_by("slug").values_list("pk", flat=True)),
        countries=[c.pk for c in countries],
        haiti=next((c.pk for c in countries if c.iso_code == "HT"), countries[0].pk),
    )


def _next_number(values, pattern):
    numbers = [int(m.group(1)) for value in values if (m := re.match(pattern, value))]
    return max(numbers, default=0) + 1


def _pick(rng, index, options, weights=None):
    """The first len(options) records take every option once, so small catalogues cover them all."""
    if index < len(options):
        return options[index]
    return rng.choices(options, weights=weights)[0]


def _without_de(goal):
    """ "de la santé" → "la santé", "du dialogue" → "le dialogue", "des données" → "les données"."""
    for prefix, replacement in (("de la ", "la "), ("de l'", "l'"), ("du ", "le "), ("des ", "les ")):
        if goal.startswith(prefix):
            return replacement + goal[len(prefix) :]
    return goal


def _place(rng):
    city, departement, _, _ = rng.choice(CITIES)
    return rng.choice(
        [f"à {city}", IN_DEPARTEMENT[departement], "en Haïti", "le long de la frontière haïtiano-dominicaine"]
    )


def _amount(rng, median, spread, low, high):
    value = min(max(rng.lognormvariate(math.log(median), spread), low), high)
    return Decimal(round(value, -2)).quantize(Decimal("0.01"))


def _stated(amount, currency):
    words = CURRENCY_WORDS[currency]
    if amount >= 1_000_000:
        millions = f"{amount / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        of = "d'" if words[0] in "aeioué" else "de "
        return f"{millions} million{'s' if amount >= 2_000_000 else ''} {of}{words}"
    return f"{int(amount):,} {words}".replace(",", "\u202f")


def _fill(template, rng, goal, org):
    people = rng.randrange(150, 25_000, 50)
    city = rng.choice(CITIES)[0]
    text = template.format(
        goal=_without_de(goal),
        Goal=_without_de(goal)[0].upper() + _without_de(goal)[1:],
        goal_de=goal,
        place=_place(rng),
        city=city,
        people=f"{people:,}".replace(",", "\u202f"),
        staff=rng.randrange(12, 400),
        months=rng.choice([12, 18, 24, 36]),
        partner=org,
        org=org,
        amount=_stated(_amount(rng, 900_000, 1.0, 25_000, 20_000_000), Currency.USD),
        speaker=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {rng.choice(SPEAKER_ROLES)}",
    )
    return text[0].upper() + text[1:]


def _link(model, field_name, pairs):
    """Insert many-to-many links straight into the through table."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs], batch_size=BATCH_SIZE
    )


def _save_with_links(model, objects, links):
    """bulk_create `objects`, then their many-to-many `links`: one {field name: [pk, …]} per object."""
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    for field_name in links[0] if links else ():
        _link(
            model,
            field_name,
            [(obj.pk, pk) for obj, linked in zip(objects, links, strict=True) for pk in linked[field_name]],
        )


def _build_projects(rng, pools, first_number, count, org_names):
    projects, links, results, figures = [], [], [], []
    statuses = ProjectStatus.values
    coverages = Coverage.values
    regions = Region.values
    currencies = Currency.values
    for index in range(count):
        number = first_number + index
        project_type, objects = _pick(rng, index, pools.themes)
        goal = rng.choice(objects)
        title = f"{rng.choice(ACTIONS)} {goal} {_place(rng)}"
        if rng.random() < 0.2:
            title += f" – phase {rng.choice(['II', 'III', 'IV'])}"
        status = _pick(rng, index, statuses, [10, 40, 5, 40, 5])
        start = rng.randint(2005, 2026)
        if status == ProjectStatus.PREPARATION:
            start = rng.randint(2025, 2027)
        end = start + rng.randint(1, 5)
        donors = rng.sample(pools.donors, rng.randint(1, 3))
        partner_name = org_names[rng.choice(pools.donors)]
        projects.append(
            Project(
                title=title,
                slug=f"{SLUG_PREFIX}{number:06d}-{slugify(title)}"[:200].rstrip("-"),
                project_code=f"{CODE_PREFIX}{number:06d}",
                prima_id=f"SYN{number:06d}" if rng.random() < 0.7 else "",
                start_year=start if rng.random() < 0.9 else None,
                end_year=end,
                funding_year=start - rng.randint(0, 1) if rng.random() < 0.6 else None,
                status=status,
                project_type=project_type,
                budget=_amount(rng, 800_000, 1.3, 10_000, 40_000_000) if rng.random() < 0.95 else None,
                budget_currency=_pick(rng, index, currencies, [85, 6, 6, 2, 1]),
                coverage=_pick(rng, index, coverages, [35, 45, 15, 5]),
                region=_pick(rng, index, regions, [85, 3, 3, 3, 3, 3]),
                fund=rng.choice(FUNDS),
                summary=_fill(rng.choice(SUMMARIES), rng, goal, partner_name),
                description="\n\n".join(
                    _fill(p, rng, goal, partner_name) for p in rng.sample(DESCRIPTION_PARAGRAPHS, 3)
                ),
                publication_status=PUBLISHED,
            )
        )
        countries = {pools.haiti, *rng.sample(pools.countries, rng.randint(0, 2))}
        links.append(
            {
                "donors": donors,
                "partners": rng.sample(pools.donors, rng.randint(0, 2)),
                "offices": rng.sample(pools.offices, min(len(pools.offices), rng.randint(1, 3))),
                "thematic_areas": rng.sample(pools.areas, min(len(pools.areas), rng.randint(1, 3))),
                "beneficiary_countries": sorted(countries),
            }
        )
        kinds = [ResultKind.EXPECTED_RESULT] * rng.randint(1, 3) + [ResultKind.ACTIVITY] * rng.randint(0, 2)
        results.append([(kind, _fill(rng.choice(RESULTS), rng, goal, partner_name)) for kind in kinds])
        figures.append(
            (Decimal(rng.randrange(100, 50_000)), rng.choice(KEY_FIGURE_LABELS), end)
            if rng.random() < 0.3
            else None
        )

    _save_with_links(Project, projects, links)
    ProjectResult.objects.bulk_create(
        [
            ProjectResult(project=p, position=position, kind=kind, text=text)
            for p, rows in zip(projects, results, strict=True)
            for position, (kind, text) in enumerate(rows, start=1)
        ],
        batch_size=BATCH_SIZE,
    )
    ProjectFigure.objects.bulk_create(
        [
            ProjectFigure(project=p, position=1, value=value, label=label, year=year)
            for p, figure in zip(projects, figures, strict=True)
            if figure
            for value, label, year in [figure]
        ],
        batch_size=BATCH_SIZE,
    )
    return projects


def _build_releases(rng, pools, first_number, count, org_names, project_pks):
    releases, links, funding, contacts, quotes, key_figures = [], [], [], [], [], []
    all_goals = [obj for _, objects in pools.themes for obj in objects]
    first_day, days = date(2008, 1, 1), (date(2025, 12, 31) - date(2008, 1, 1)).days
    for index in range(count):
        number = first_number + index
        goal = rng.choice(all_goals)
        donor = rng.choice(pools.donors)
        org = org_names[donor]
        city = rng.choice(CITIES)[0]
        title = _fill(rng.choice(RELEASE_TITLES), rng, goal, org)
        paragraphs = [_fill(p, rng, goal, org) for p in rng.sample(RELEASE_PARAGRAPHS, rng.randint(3, 5))]
        releases.append(
            NewsRelease(
                title=title,
                slug=f"{SLUG_PREFIX}{number:06d}-{slugify(title)}"[:200].rstrip("-"),
                dateline=city,
                release_date=first_day + timedelta(days=rng.randrange(days)) if rng.random() < 0.97 else None,
                lead=_fill(rng.choice(RELEASE_LEADS), rng, goal, org),
                body="\n\n".join(paragraphs),
                publication_status=PUBLISHED,
            )
        )
        links.append(
            {
                "related_projects": rng.sample(project_pks, min(len(project_pks), rng.randint(0, 3))),
                "sites": rng.sample(pools.offices, min(len(pools.offices), rng.randint(0, 2))),
                "countries": [pools.haiti],
                "organisations": rng.sample(pools.donors, rng.randint(0, 2)),
                "thematic_areas": rng.sample(pools.areas, min(len(pools.areas), rng.randint(0, 2))),
            }
        )
        rows = []
        for _ in range(rng.choice([0, 1, 1, 2])):
            currency = rng.choices(Currency.values, [80, 10, 8, 1, 1])[0]
            amount = _amount(rng, 1_500_000, 1.0, 20_000, 30_000_000)
            rows.append(
                (amount, currency, _stated(amount, currency), rng.sample(pools.donors, rng.randint(1, 2)))
            )
        funding.append(rows)
        contacts.append(
            [
                (f"{first} {last}", f"{slugify(first)}.{slugify(last)}@example.org")
                for first, last in (
                    (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for _ in range(rng.randint(1, 2))
                )
            ]
        )
        quotes.append(
            (
                rng.choice(QUOTES),
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                rng.choice(SPEAKER_ROLES),
            )
            if rng.random() < 0.4
            else None
        )
        key_figures.append(
            [
                (Decimal(rng.randrange(50, 20_000)), rng.choice(KEY_FIGURE_LABELS))
                for _ in range(rng.randint(0, 2))
            ]
        )

    _save_with_links(NewsRelease, releases, links)
    announcements, announcement_donors = [], []
    for release, rows in zip(releases, funding, strict=True):
        for position, (amount, currency, stated, donors) in enumerate(rows, start=1):
            announcements.append(
                FundingAnnouncement(
                    release=release,
                    position=position,
                    amount=amount,
                    currency=currency,
                    amount_as_stated=stated,
                )
            )
            announcement_donors.append(donors)
    FundingAnnouncement.objects.bulk_create(announcements, batch_size=BATCH_SIZE)
    _link(
        FundingAnnouncement,
        "donors",
        [(a.pk, pk) for a, donors in zip(announcements, announcement_donors, strict=True) for pk in donors],
    )
    MediaContact.objects.bulk_create(
        [
            MediaContact(
                release=release,
                position=position,
                name=name,
                organisation_label="OIM Haïti",
                phone=f"+509 3{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
                email=email,
            )
            for release, rows in zip(releases, contacts, strict=True)
            for position, (name, email) in enumerate(rows, start=1)
        ],
        batch_size=BATCH_SIZE,
    )
    Quote.objects.bulk_create(
        [
            Quote(
                release=release,
                position=1,
                text=text,
                speaker=speaker,
                speaker_role=role[0].upper() + role[1:],
            )
            for release, quote in zip(releases, quotes, strict=True)
            if quote
            for text, speaker, role in [quote]
        ],
        batch_size=BATCH_SIZE,
    )
    KeyFigure.objects.bulk_create(
        [
            KeyFigure(release=release, position=position, value=value, label=label)
            for release, rows in zip(releases, key_figures, strict=True)
            for position, (value, label) in enumerate(rows, start=1)
        ],
        batch_size=BATCH_SIZE,
    )
    return releases


def synthetic_projects():
    return Project.objects.filter(project_code__startswith=CODE_PREFIX)


def synthetic_releases():
    return NewsRelease.objects.filter(slug__startswith=SLUG_PREFIX)


@transaction.atomic
def create_synthetic(*, projects=0, releases=0, seed=0):
    """Add `projects` projects and `releases` releases after the synthetic records already there."""
    pools = ensure_reference_data()
    org_names = dict(Organisation.objects.values_list("pk", "name"))
    first_project = _next_number(synthetic_projects().values_list("project_code", flat=True), r"SYN-(\d+)$")
    first_release = _next_number(synthetic_releases().values_list("slug", flat=True), r"synthetique-(\d+)")
    # One stream per batch: adding 100 then 9 900 gives the same records on every run.
    rng = random.Random(f"{seed}:{first_project}:{first_release}")
    _build_projects(rng, pools, first_project, projects, org_names)
    project_pks = list(synthetic_projects().order_by("pk").values_list("pk", flat=True))
    _build_releases(rng, pools, first_release, releases, org_names, project_pks)
    return Outcome(projects=projects, releases=releases)


@transaction.atomic
def remove_synthetic():
    """Delete the synthetic records and nothing else; return the number deleted per model."""
    deleted = Counter()

    def delete(queryset):
        _, per_model = queryset.delete()
        deleted.update(per_model)

    delete(synthetic_releases())
    delete(synthetic_projects())
    # A type, area, office or organisation staff have since linked to real content stays:
    # deleting a type would be refused, and the others would silently lose those links.
    delete(ProjectType.objects.filter(slug__startswith=SLUG_PREFIX, projects__isnull=True))
    delete(
        ThematicArea.objects.filter(slug__startswith=SLUG_PREFIX).filter(
            projects__isnull=True, news_releases__isnull=True
        )
    )
    delete(
        FieldOffice.objects.filter(slug__startswith=SLUG_PREFIX).filter(
            projects__isnull=True, news_releases__isnull=True
        )
    )
    delete(
        Organisation.objects.filter(acronym__startswith=ACRONYM_PREFIX).filter(
            projects__isnull=True,
            partner_projects__isnull=True,
            news_releases__isnull=True,
            announced_funding__isnull=True,
            sites__isnull=True,
            units__isnull=True,
        )
    )
    return {label: count for label, count in deleted.items() if count}


# What the benchmark and the query-count test measure: the main pages, with addresses taken
# from the synthetic records so they exist at every size.

MAIN_PAGES = (
    "home",
    "project-list",
    "project-list-filtered",
    "project-list-by-budget",
    "project-list-last-page",
    "project-detail",
    "news-list",
    "news-detail",
    "search",
    "export-csv",
    "export-iati",
    "sitemap",
)


def main_page_urls():
    from projects.views import ProjectListView

    project = synthetic_projects().select_related("project_type").order_by("project_code").first()
    release = synthetic_releases().order_by("slug").first()
    projects_url = reverse("projects:list")
    last_page = max(1, math.ceil(Project.objects.published().count() / ProjectListView.paginate_by))
    return {
        "home": reverse("home"),
        "project-list": projects_url,
        "project-list-filtered": f"{projects_url}?type={project.project_type.slug}&status={project.status}",
        "project-list-by-budget": f"{projects_url}?ordering=-budget",
        "project-list-last-page": f"{projects_url}?page={last_page}",
        "project-detail": project.get_absolute_url(),
        "news-list": reverse("news:list"),
        "news-detail": release.get_absolute_url(),
        "search": f"{reverse('search:results')}?q=diaspora",
        "export-csv": reverse("projects-export-csv"),
        "export-iati": reverse("projects-iati"),
        "sitemap": reverse("sitemap"),
    }


def clear_caches():
    for cache in caches.all(initialized_only=False):
        cache.clear()


def fetch(client, url):
    """GET through the full handler and read the whole body, streamed or not."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def captured_queries(client, url):
    """The SQL of one request to `url`, body read to the end."""
    # The log is a bounded deque: once full, its length stops moving and a capture sees nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response, _ = fetch(client, url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
IN_LISTS = re.compile(r"IN \(\?(?:, \?)*\)")
CURSOR_NAMES = re.compile(r'"_django_curs_\w+"')


def query_shape(sql):
    """The statement with its literals, IN lists and server-side cursor name masked."""
    return IN_LISTS.sub("IN (…)", CURSOR_NAMES.sub('"_django_curs"', LITERALS.sub("?", sql)))


def grown_queries(before, after):
    """The statements run more often in `after` than in `before`, with how many more times."""
    shape = Counter(query_shape(sql) for sql in before)
    grown = Counter(query_shape(sql) for sql in after)
    grown.subtract(shape)
    return [(sql, count) for sql, count in grown.items() if count > 0]
