"""Synthetic projects and releases with their rows, written with bulk_create and many-to-many links
straight into the through tables."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.text import slugify

from core.models import Currency
from news.models import FundingAnnouncement, KeyFigure, MediaContact, NewsRelease, Quote
from projects.models import Coverage, Project, ProjectFigure, ProjectResult, ProjectStatus, Region, ResultKind
from synthetic.words import (
    ACTIONS,
    CITIES,
    CODE_PREFIX,
    CURRENCY_WORDS,
    DESCRIPTION_PARAGRAPHS,
    FIRST_NAMES,
    FUNDS,
    IN_DEPARTEMENT,
    KEY_FIGURE_LABELS,
    LAST_NAMES,
    PUBLISHED,
    QUOTES,
    RELEASE_LEADS,
    RELEASE_PARAGRAPHS,
    RELEASE_TITLES,
    RESULTS,
    SLUG_PREFIX,
    SPEAKER_ROLES,
    SUMMARIES,
)

BATCH_SIZE = 2000


@dataclass
class Pools:
    """The reference records synthetic content links to, real and synthetic alike."""

    themes: list
    donors: list
    offices: list
    areas: list
    countries: list
    haiti: int


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


def build_projects(rng, pools, first_number, count, org_names):
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


def build_releases(rng, pools, first_number, count, org_names, project_pks):
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
