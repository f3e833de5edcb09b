"""A large synthetic catalogue of projects and releases, for benchmarks and load tests.

Every synthetic record carries a mark and `remove_synthetic()` deletes exactly the marked ones:
projects by their code (SYN-000001), releases, project types, thematic areas and offices by
their slug (synthetique-…), organisations by their acronym (SYN-…). Countries are shared
reference data, not synthetic: the missing ones are created and stay.

Rows are written with bulk_create, many-to-many links straight into the through tables, so
10 000 projects and 20 000 releases take seconds. The same seed on the same database gives
the same records.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from core.models import Country, Organisation, ThematicArea
from news.models import NewsRelease
from offices.models import FieldOffice
from projects.models import Project, ProjectType
from synthetic.build import Pools, build_projects, build_releases
from synthetic.words import (
    ACRONYM_PREFIX,
    CITIES,
    CODE_PREFIX,
    COUNTRIES,
    DONORS,
    OFFICES,
    PUBLISHED,
    SLUG_PREFIX,
    THEMATIC_AREAS,
    THEMES,
)


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
    build_projects(rng, pools, first_project, projects, org_names)
    project_pks = list(synthetic_projects().order_by("pk").values_list("pk", flat=True))
    build_releases(rng, pools, first_release, releases, org_names, project_pks)
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
