"""What synthetic records are made of (names, places, sentences) and the marks that tell them
apart from real ones."""

from core.models import Currency, PublicationStatus
from offices.models import Departement, SiteKind

CODE_PREFIX = "SYN-"
SLUG_PREFIX = "synthetique-"
ACRONYM_PREFIX = "SYN-"

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
