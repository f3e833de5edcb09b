from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.constraints import FieldCheckConstraint, choices_constraint, email_constraint
from core.models import (
    LONG_TEXT_HELP,
    SLUG_HELP,
    Organisation,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    publication_constraint,
)
from core.phone import phone_field
from search.vectors import search_indexes, weighted_search_vector


class SiteKind(models.TextChoices):
    MAIN_OFFICE = "main_office", _("Bureau principal")
    SUB_OFFICE = "sub_office", _("Sous-bureau")
    RELIEF_STOCK = "relief_stock", _("Stock pré-positionné de biens non alimentaires (NFI)")
    BORDER_POST = "border_post", _("Poste-frontière officiel")
    BORDER_POLICE_BASE = "border_police_base", _("Base de la police des frontières (POLIFRONT)")


class Departement(models.TextChoices):
    """Haiti's ten départements, keyed by their ISO 3166-2 code."""

    ARTIBONITE = "HT-AR", _("Artibonite")
    CENTRE = "HT-CE", _("Centre")
    GRAND_ANSE = "HT-GA", _("Grand'Anse")
    NIPPES = "HT-NI", _("Nippes")
    NORD = "HT-ND", _("Nord")
    NORD_EST = "HT-NE", _("Nord-Est")
    NORD_OUEST = "HT-NO", _("Nord-Ouest")
    OUEST = "HT-OU", _("Ouest")
    SUD = "HT-SD", _("Sud")
    SUD_EST = "HT-SE", _("Sud-Est")


FieldOfficeManager = SlugManager.from_queryset(PublishableQuerySet)


class FieldOffice(Publishable):
    """An IOM office or a site the portal shows on the map: relief stock, border post, police base."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200, help_text=SLUG_HELP.format(path="/bureaux/"))
    kind = models.CharField(_("nature"), max_length=30, choices=SiteKind.choices)
    city = models.CharField(_("ville ou commune"), max_length=100)
    departement = models.CharField(_("département"), max_length=5, choices=Departement.choices)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    coordinates_source = models.CharField(
        _("source des coordonnées (note interne)"),
        max_length=500,
        blank=True,
        help_text=(
            "Note interne, jamais affichée sur le site public : d'où viennent la latitude et la "
            "longitude (elles marquent la commune, pas le bâtiment) et ce qui reste à vérifier."
        ),
    )
    coordinates_approximate = models.BooleanField(
        _("coordonnées approximatives"),
        default=False,
        help_text="Cocher si la position est une estimation à vérifier.",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partenaire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sites",
        help_text="Par exemple la Direction de la Protection Civile pour les stocks pré-positionnés.",
    )
    description = models.TextField(_("description"), blank=True, help_text=LONG_TEXT_HELP)
    phone = phone_field()
    email = models.EmailField(_("courriel"), blank=True)

    search_vector = weighted_search_vector({"A": ["name", "city"], "B": ["address"], "C": ["description"]})

    objects = FieldOfficeManager()

    class Meta:
        verbose_name = _("bureau ou site")
        verbose_name_plural = _("bureaux et sites")
        ordering = ["kind", "name"]
        indexes = search_indexes("field_office", title_field="name")
        constraints = [
            publication_constraint("field_office"),
            choices_constraint("kind", SiteKind, name="field_office_kind_valid"),
            choices_constraint("departement", Departement, name="field_office_departement_valid"),
            email_constraint("email", name="field_office_email_valid"),
            # Haiti and its islands lie within these bounds, with a margin.
            FieldCheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__range=(17.5, 20.5)),
                name="field_office_latitude_in_haiti",
                field="latitude",
                violation_error_code="outside_haiti",
                violation_error_message="Hors d'Haïti : la latitude d'un lieu d'Haïti est comprise entre 17,5 et 20,5.",
            ),
            FieldCheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__range=(-75, -71)),
                name="field_office_longitude_in_haiti",
                field="longitude",
                violation_error_code="outside_haiti",
                violation_error_message="Hors d'Haïti : la longitude d'un lieu d'Haïti est comprise entre -75 et -71.",
            ),
            FieldCheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="field_office_coordinates_both_or_none",
                field="longitude",
                violation_error_code="coordinates_incomplete",
                violation_error_message="Donnez la latitude et la longitude, ou aucune des deux.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("offices:detail", kwargs={"slug": self.slug})
