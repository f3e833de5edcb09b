"""Writing parsed IOM pages to the database.

Only the fields read from the text are written: what editors or the fixtures add (donors of a
funding row, sites, organisations, thematic areas, partners, key figures) is left alone. A record is
saved only when a value differs, so importing the same text twice changes nothing.
"""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError

from core.models import Country, Page, PageSection, PublicationStatus
from core.revisions import keep_state_before_change
from importer.editorial_pages import ParsedPage
from importer.project_pages import ParsedProject
from importer.releases import ParsedRelease
from importer.text import french_slugify
from news.models import FundingAnnouncement, MediaContact, NewsRelease, Quote
from projects.models import Project, ProjectResult, ProjectType


@dataclass
class ImportOutcome:
    label: str  # the record as staff know it: its kind and title (and a project's code)
    created: bool = False
    changes: list[str] = field(default_factory=list)
    # The noun of the label, for the agreement of "modifié(e)" in the command's report.
    feminine: bool = False
    # The project, release or page written, for its revision.
    record: object = None

    @property
    def changed(self):
        return self.created or bool(self.changes)


def _upsert(model, *, lookup, values, create_values=None, keep_state=False):
    """Returns (instance, created, names of the fields that changed)."""
    instance = model._default_manager.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup, **(create_values or {}))
    return instance, created, _update(instance, values, created=created, keep_state=keep_state)


def _update(instance, values, *, created=False, keep_state=False):
    """Sets the values that differ and saves; returns the names of the fields that changed.

    With keep_state, a record about to change keeps its former state as a revision if it has
    none, so that the import can be undone in the admin's history.
    """
    if keep_state and not created:
        keep_state_before_change(
            type(instance), [instance], comment="État avant l'import d'une page de l'OIM."
        )
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if created or changed:
        instance.full_clean()
        instance.save()
    return changed


def _set_m2m(manager, objects):
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(objects)
    return True


def _field_labels(model, names):
    """The fields' names as staff read them in the admin, for the import's report."""
    return [str(model._meta.get_field(name).verbose_name) for name in names]


def _sync_rows(model, *, parent_field, parent, rows, delete_surplus, label, feminine=False):
    """Rows of a list, matched by their position (1, 2, ...); returns a description of the changes."""
    created = updated = 0
    for position, values in enumerate(rows, start=1):
        _instance, was_created, changed = _upsert(
            model, lookup={parent_field: parent, "position": position}, values=values
        )
        created += was_created
        updated += bool(changed) and not was_created
    deleted = 0
    if delete_surplus:
        # Any place the text does not fill, 0 included (the admin allows it).
        deleted, _ = (
            model._default_manager.filter(**{parent_field: parent})
            .exclude(position__in=range(1, len(rows) + 1))
            .delete()
        )
    parts = [
        f"{count} {verb}"
        for count, verb in zip(
            (created, updated, deleted),
            ("ajoutée(s)", "modifiée(s)", "supprimée(s)")
            if feminine
            else ("ajouté(s)", "modifié(s)", "supprimé(s)"),
            strict=True,
        )
        if count
    ]
    return [f"{label} : {', '.join(parts)}"] if parts else []


def country_get_or_create(*, iso_code, name):
    country, _created, _changed = _upsert(
        Country, lookup={"iso_code": iso_code}, values={}, create_values={"name": name}
    )
    return country


def project_type_get_or_create(*, name):
    slug = french_slugify(name)
    project_type = ProjectType.objects.filter(slug=slug).first()
    if project_type is None:
        project_type, _created, _changed = _upsert(
            ProjectType, lookup={"name": name}, values={}, create_values={"slug": slug}
        )
    return project_type


def _unique_slug(model, slug, suffix):
    if not model._default_manager.filter(slug=slug).exists():
        return slug
    return french_slugify(f"{slug[:150]} {suffix}")


def _publication(publish):
    # The seed fixtures need published records; staff importing through the admin review first.
    return PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT


def project_import(*, parsed: ParsedProject, publish: bool = True) -> ImportOutcome:
    values = {
        name: getattr(parsed, name)
        for name in ("title", "status", "description", *parsed.present)
        if name not in ("project_type", "beneficiary_countries")
    }
    if "project_type" in parsed.present:
        values["project_type"] = project_type_get_or_create(name=parsed.project_type)
    project, created, changed = _upsert(
        Project,
        lookup={"project_code": parsed.project_code},
        values=values,
        create_values={
            "slug": _unique_slug(Project, parsed.slug, parsed.project_code),
            "publication_status": _publication(publish),
        },
        keep_state=True,
    )
    outcome = ImportOutcome(
        label=f"projet « {project.title} » ({project.project_code})",
        created=created,
        changes=_field_labels(Project, changed),
        record=project,
    )
    if "beneficiary_countries" in parsed.present:
        countries = [
            country_get_or_create(iso_code=country.iso_code, name=country.name)
            for country in parsed.beneficiary_countries
        ]
        if _set_m2m(project.beneficiary_countries, countries):
            outcome.changes += _field_labels(Project, ["beneficiary_countries"])
    outcome.changes += _sync_rows(
        ProjectResult,
        parent_field="project",
        parent=project,
        rows=[{"kind": item.kind, "text": item.text} for item in parsed.results],
        delete_surplus=True,
        label="résultats et activités",
    )
    return outcome


def release_import(*, parsed: ParsedRelease, publish: bool = True) -> ImportOutcome:
    release, created, changed = _upsert(
        NewsRelease,
        lookup={"slug": parsed.slug},
        values={"title": parsed.title, "dateline": parsed.dateline, "lead": parsed.lead, "body": parsed.body},
        create_values={"publication_status": _publication(publish)},
        keep_state=True,
    )
    outcome = ImportOutcome(
        label=f"communiqué « {release.title} »",
        created=created,
        changes=_field_labels(NewsRelease, changed),
        record=release,
    )
    outcome.changes += _sync_rows(
        FundingAnnouncement,
        parent_field="release",
        parent=release,
        rows=[
            {
                "amount": amount.value,
                "currency": amount.currency,
                "amount_as_stated": amount.as_stated,
                "value_as_stated": amount.number_as_stated,
                "qualifier": amount.qualifier,
            }
            for amount in parsed.funding
        ],
        # Editors attach the donors to these rows: never delete them on a re-import.
        delete_surplus=False,
        label="financements",
    )
    # Contact and Quotation fields are named after the model fields.
    for model, rows, label, feminine in (
        (MediaContact, parsed.contacts, "contacts presse", False),
        (Quote, parsed.quotes, "citations", True),
    ):
        outcome.changes += _sync_rows(
            model,
            parent_field="release",
            parent=release,
            rows=[asdict(row) for row in rows],
            delete_surplus=True,
            label=label,
            feminine=feminine,
        )
    return outcome


def page_import(*, parsed: ParsedProject | ParsedRelease, publish: bool = True) -> ImportOutcome:
    if isinstance(parsed, ParsedProject):
        return project_import(parsed=parsed, publish=publish)
    return release_import(parsed=parsed, publish=publish)


def editorial_page_import(*, slug: str, parsed: ParsedPage) -> ImportOutcome:
    """The lead, text and sections of an existing page; its title and publication stay as they are."""
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        # The text has no title: a page is created by a person, in the admin.
        raise ValidationError(
            f"la page « {slug} » n'existe pas : créez-la d'abord dans l'administration, avec son titre"
        )
    changed = _update(page, {"lead": parsed.lead, "body": parsed.body}, keep_state=True)
    outcome = ImportOutcome(
        label=f"page « {page.title} »", changes=_field_labels(Page, changed), feminine=True, record=page
    )
    outcome.changes += _sync_rows(
        PageSection,
        parent_field="page",
        parent=page,
        rows=[asdict(section) for section in parsed.sections],
        delete_surplus=True,
        label="sections",
        feminine=True,
    )
    return outcome
