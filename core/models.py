"""What the three apps share: publication state, organisations, countries, thematic areas, pages."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import (
    FieldCheckConstraint,
    UniqueValueMessages,
    choices_constraint,
    position_constraint,
)
from search.vectors import search_indexes, weighted_search_vector


class Currency(models.TextChoices):
    USD = "USD", _("Dollar des États-Unis ($ US)")
    CAD = "CAD", _("Dollar canadien ($ CA)")
    EUR = "EUR", _("Euro (€)")
    HTG = "HTG", _("Gourde haïtienne (G)")
    CHF = "CHF", _("Franc suisse (CHF)")


class StatedValue(models.Model):
    """A figure as its text writes it, beside the number kept for sorting and totals."""

    qualifier = models.CharField(
        _("qualificatif"),
        max_length=40,
        blank=True,
        help_text=(
            "Le mot que le texte met devant le chiffre, s'il y en a un : « environ », « plus de », "
            "« plus d' », « quelque », « non moins de ». Le site l'affiche devant le chiffre."
        ),
    )
    value_as_stated = models.CharField(
        _("chiffre tel qu'écrit"),
        max_length=100,
        blank=True,
        help_text=(
            "Le chiffre comme le texte l'écrit, sans la devise, quand ce n'est pas un nombre entier "
            "simple : « 2,4 milliards », « 1,6 million », « un millier ». Le site l'affiche à la place "
            "de la valeur, qui sert aux tris et aux totaux."
        ),
    )

    class Meta:
        abstract = True


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


# How the long texts are written, shown to staff under each of them in the admin.
LONG_TEXT_HELP = (
    "En Markdown : paragraphes séparés par une ligne vide ; liste à puces, un élément par ligne "
    "commençant par « - » (liste numérotée : « 1. ») ; *italique*, **gras** ; lien : "
    "[texte du lien](https://…) ; intertitre : « ### Intertitre ». Rien d'autre : du HTML "
    "s'affiche tel quel."
)


# Under a record's slug in the admin; the admin shows a saved record's own address instead.
SLUG_HELP = "La fin de l'adresse de la page, après {path} : minuscules sans accents, chiffres et tirets."


def published_condition(path=""):
    """The condition of PublishableQuerySet.published() on the records reached through `path`
    ("release__"): for a query that filters on the publication of a related record."""
    return Q(**{f"{path}publication_status": PublicationStatus.PUBLISHED}) & (
        Q(**{f"{path}publish_from__isnull": True}) | Q(**{f"{path}publish_from__lte": timezone.now()})
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The only way public pages read records: published, and not scheduled for later."""
        return self.filter(published_condition())

    def scheduled(self):
        """Published, but only from a time still to come."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED, publish_from__gt=timezone.now())

    def drafts(self):
        return self.filter(publication_status=PublicationStatus.DRAFT)


class Publishable(UniqueValueMessages, models.Model):
    publication_status = models.CharField(
        _("état de publication"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Un brouillon n'apparaît nulle part sur le site public.",
    )
    publish_from = models.DateTimeField(
        _("publier à partir du"),
        null=True,
        blank=True,
        help_text="Laisser vide pour publier tout de suite. Une date future programme la publication.",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def starts_later(self):
        """Its publication time is still to come (whatever its state)."""
        return self.publish_from is not None and self.publish_from > timezone.now()

    @property
    def is_public(self):
        return self.publication_status == PublicationStatus.PUBLISHED and not self.starts_later

    is_public.fget.short_description = _("visible")


def publication_constraint(app_label_model):
    return choices_constraint(
        "publication_status", PublicationStatus, name=f"{app_label_model}_publication_status_valid"
    )


class CountryManager(models.Manager):
    def get_by_natural_key(self, iso_code):
        return self.get(iso_code=iso_code)


class Country(UniqueValueMessages, models.Model):
    iso_code = models.CharField(
        _("code ISO"),
        max_length=2,
        unique=True,
        help_text="Code ISO 3166-1 alpha-2 en majuscules, par exemple HT pour Haïti.",
    )
    name = models.CharField(_("nom"), max_length=100, unique=True)

    objects = CountryManager()

    class Meta:
        verbose_name = _("pays")
        verbose_name_plural = _("pays")
        ordering = ["name"]
        constraints = [
            FieldCheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="country_iso_code_format",
                field="iso_code",
                violation_error_code="invalid_iso_code",
                violation_error_message="Le code ISO s'écrit en deux lettres majuscules, par exemple HT.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.iso_code,)


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Gouvernement ou administration")
    HAITIAN_INSTITUTION = "haitian_institution", _("Institution haïtienne")
    UN_AGENCY = "un_agency", _("Agence des Nations Unies")
    INTERGOVERNMENTAL = "intergovernmental", _("Organisation intergouvernementale")
    NGO = "ngo", _("Organisation non gouvernementale")
    PRIVATE = "private", _("Secteur privé")
    OTHER = "other", _("Autre")


class OrganisationManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Organisation(UniqueValueMessages, models.Model):
    """A donor, partner or institution named by a project, a release or an office."""

    name = models.CharField(_("nom"), max_length=255, unique=True)
    acronym = models.CharField(
        _("sigle"), max_length=30, blank=True, help_text="Par exemple INL, POPS, UNICEF."
    )
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("pays"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("rattachée à"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        help_text="L'organisation dont celle-ci fait partie, par exemple le Département d'État pour l'INL.",
    )
    website = models.URLField(_("site web"), blank=True)

    objects = OrganisationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [choices_constraint("kind", OrganisationKind, name="organisation_kind_valid")]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def natural_key(self):
        return (self.name,)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ThematicArea(UniqueValueMessages, models.Model):
    """One of IOM Haiti's domains of activity, as listed in the country overview."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(unique=True, max_length=200)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("domaine d'activité")
        verbose_name_plural = _("domaines d'activité")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


ABOUT_SLUG = "a-propos"


class PageQuerySet(PublishableQuerySet):
    def about(self):
        """The page the About address shows (portal.views.about): the only page with an address."""
        return self.filter(slug=ABOUT_SLUG)


class Page(Publishable):
    """An editorial page such as "L'OIM en Haïti": a lead and titled sections."""

    title = models.CharField(_("titre"), max_length=255)
    slug = models.SlugField(unique=True, max_length=100, help_text="La page « À propos » a le slug a-propos.")
    lead = models.TextField(
        _("chapeau"), blank=True, help_text="Le premier paragraphe, affiché en plus grand."
    )
    body = models.TextField(_("texte"), blank=True, help_text=LONG_TEXT_HELP)

    search_vector = weighted_search_vector({"A": ["title"], "B": ["lead"], "C": ["body"]})

    objects = SlugManager.from_queryset(PageQuerySet)()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]
        # The import writes projects, releases and pages at once: one permission says who may.
        permissions = [("import_iom_pages", "Peut importer des pages du site de l'OIM")]
        constraints = [publication_constraint("page")]
        indexes = search_indexes("page")

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)


def ordered_rows_of(parent, *, key, model_label):
    """An abstract base for the rows a record lists in order (sections of a page, results of a
    project, contacts of a release): a row is identified by its record's natural key and its
    position, so fixtures refer to it without database ids.

    parent: the name of the row's ForeignKey; key: the field of the parent's natural key;
    model_label: the parent model, whose fixtures must be loaded first.
    """

    class OrderedRowManager(models.Manager):
        def get_by_natural_key(self, parent_key, position):
            return self.get(**{f"{parent}__{key}": parent_key, "position": position})

    class OrderedRow(models.Model):
        objects = OrderedRowManager()

        class Meta:
            abstract = True

        def natural_key(self):
            return (*getattr(self, parent).natural_key(), self.position)

        natural_key.dependencies = [model_label]

    return OrderedRow


class PageSection(ordered_rows_of("page", key="slug", model_label="core.page")):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    heading = models.CharField(_("intertitre"), max_length=255)
    body = models.TextField(_("texte"), help_text=LONG_TEXT_HELP)

    search_vector = weighted_search_vector({"B": ["heading"], "C": ["body"]})

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["page", "position"]
        constraints = [position_constraint("page", name="page_section_position_unique")]
        indexes = [GinIndex(fields=["search_vector"], name="page_section_search_gin")]

    def __str__(self):
        return self.heading
