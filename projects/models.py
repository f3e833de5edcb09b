from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import (
    FieldCheckConstraint,
    FieldUniqueConstraint,
    UniqueValueMessages,
    choices_constraint,
    non_negative_constraint,
    non_negative_validator,
    position_constraint,
    year_range_constraint,
    year_validators,
)
from core.models import (
    LONG_TEXT_HELP,
    SLUG_HELP,
    Country,
    Currency,
    Organisation,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    StatedValue,
    ThematicArea,
    ordered_rows_of,
    publication_constraint,
    published_condition,
)
from search.queries import Source, text_query
from search.vectors import search_indexes, weighted_search_vector


class ProjectStatus(models.TextChoices):
    PREPARATION = "preparation", _("En préparation")
    ACTIVE = "active", _("Actif")
    SUSPENDED = "suspended", _("Suspendu")
    COMPLETED = "completed", _("Achevé")
    CANCELLED = "cancelled", _("Annulé")


class Coverage(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Régional")
    GLOBAL = "global", _("Mondial")


class Region(models.TextChoices):
    """The regions of the "IDF Region" field of IOM project pages."""

    LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Amérique latine et Caraïbes")
    AFRICA = "africa", _("Afrique")
    ASIA_PACIFIC = "asia_pacific", _("Asie et Pacifique")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe et Asie centrale")
    MIDDLE_EAST_NORTH_AFRICA = "middle_east_north_africa", _("Moyen-Orient et Afrique du Nord")
    GLOBAL = "global", _("Mondial")


class ProjectType(UniqueValueMessages, models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(unique=True, max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("type de projet")
        verbose_name_plural = _("types de projet")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def published_funding():
    """Funding announced by published releases: the only funding public pages and exports show.

    news sits above projects (its FundingAnnouncement.project points here), so projects reads
    that funding through the reverse relation it gives Project, never importing news.
    """
    funding = Project._meta.get_field("announced_funding").related_model
    return funding.objects.filter(published_condition("release__"))


def status_outdated_condition(year=None):
    """Still "Actif" after its end year (this year unless given): the public pages' notice, the home's
    count and the admin's data-quality check read this one condition."""
    return Q(status=ProjectStatus.ACTIVE, end_year__lt=year or timezone.localdate().year)


class ProjectQuerySet(PublishableQuerySet):
    def active(self):
        """Recorded as "Actif", whatever its end year."""
        return self.filter(status=ProjectStatus.ACTIVE)

    def current(self, year=None):
        """What the site counts as running: "Actif" and not past its end year (none given counts)."""
        year = year or timezone.localdate().year
        return self.active().filter(Q(end_year__isnull=True) | Q(end_year__gte=year))

    def status_outdated(self, year=None):
        """Still "Actif" after its end year: a status nobody has updated."""
        return self.filter(status_outdated_condition(year))

    # A project runs over its years. A missing end year means it is still running; a missing
    # start year is taken to be its end year (the seed pages give only "Date de fin").
    def running_from(self, year):
        return self.filter(Q(end_year__gte=year) | Q(end_year__isnull=True, start_year__isnull=False))

    def running_until(self, year):
        return self.filter(Q(start_year__lte=year) | Q(start_year__isnull=True, end_year__lte=year))

    # A project's donors are those named on it and those of the funding a published release
    # announces for it (FundingAnnouncement.project, set only where the release names the project).
    def funded_by(self, organisation):
        named = Project.donors.through.objects.filter(organisation=organisation).values("project")
        announced = published_funding().filter(donors=organisation).values("project")
        return self.filter(Q(pk__in=named) | Q(pk__in=announced))

    def with_donors(self):
        """Prefetches what Project.all_donors and Project.published_funding read: three queries in all."""
        return self.prefetch_related(
            "donors",
            Prefetch(
                "announced_funding",
                queryset=published_funding().select_related("release").prefetch_related("donors"),
                to_attr="published_funding",
            ),
        )

    def matching(self, text):
        """The list's text filter: the projects the site search finds for `text` (its words, or
        the project ID or PRIMA ID itself)."""
        text = text.strip()
        query = text_query(text)
        if query is None:
            return self
        return self.filter(PROJECT_SEARCH.matches(text, query))

    def with_related(self):
        return self.select_related("project_type").with_donors().prefetch_related("beneficiary_countries")


class ProjectManager(models.Manager.from_queryset(ProjectQuerySet)):
    def get_by_natural_key(self, project_code):
        return self.get(project_code=project_code)


BUDGET_NEGATIVE = "Le budget ne peut pas être négatif."


class Project(Publishable):
    title = models.CharField(_("titre"), max_length=400)
    slug = models.SlugField(unique=True, max_length=200, help_text=SLUG_HELP.format(path="/projets/"))
    project_code = models.CharField(
        _("projet ID"),
        max_length=30,
        unique=True,
        help_text="L'identifiant du projet à l'OIM, par exemple L48-805 ou CD.0037.",
    )
    prima_id = models.CharField(
        _("PRIMA ID"),
        max_length=30,
        blank=True,
        help_text="L'identifiant dans PRIMA, le système de gestion des projets de l'OIM, par exemple HT10P0503.",
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), null=True, blank=True, validators=year_validators()
    )
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"), null=True, blank=True, validators=year_validators()
    )
    status = models.CharField(_("statut du projet"), max_length=20, choices=ProjectStatus.choices)
    project_type = models.ForeignKey(
        ProjectType,
        verbose_name=_("type de projet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative_validator(BUDGET_NEGATIVE)],
        help_text="Montant total, sans espaces.",
    )
    budget_currency = models.CharField(
        _("devise du budget"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    coverage = models.CharField(_("couverture"), max_length=20, choices=Coverage.choices, blank=True)
    funding_year = models.PositiveSmallIntegerField(
        _("année de financement"),
        null=True,
        blank=True,
        validators=year_validators(),
        help_text="Le champ « Année » des fiches de projet.",
    )
    region = models.CharField(_("région (IDF)"), max_length=40, choices=Region.choices, blank=True)
    fund = models.CharField(
        _("fonds"),
        max_length=200,
        blank=True,
        help_text="Le fonds qui finance le projet, tel que la source le nomme. Laisser vide si elle ne le nomme pas.",
    )
    beneficiary_countries = models.ManyToManyField(
        Country,
        verbose_name=_("États membres bénéficiaires"),
        blank=True,
        related_name="beneficiary_projects",
        help_text="Les États membres bénéficiaires remplissant les conditions requises.",
    )
    summary = models.TextField(_("résumé"), blank=True, help_text="Une ou deux phrases pour les listes.")
    description = models.TextField(_("description"), blank=True, help_text=LONG_TEXT_HELP)
    donors = models.ManyToManyField(
        Organisation, verbose_name=_("bailleurs"), blank=True, related_name="projects"
    )
    offices = models.ManyToManyField(
        "offices.FieldOffice", verbose_name=_("bureaux"), blank=True, related_name="projects"
    )
    thematic_areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("domaines d'activité"), blank=True, related_name="projects"
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partenaires"),
        blank=True,
        related_name="partner_projects",
        help_text="Les institutions avec lesquelles ou pour lesquelles le projet est mené, hors bailleurs.",
    )

    search_vector = weighted_search_vector(
        {"A": ["title", "project_code", "prima_id"], "B": ["summary"], "C": ["description"]}
    )

    objects = ProjectManager()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["title", "id"]  # a unique last key: pages never repeat or skip a project
        constraints = [
            publication_constraint("project"),
            choices_constraint("status", ProjectStatus, name="project_status_valid"),
            choices_constraint("coverage", Coverage, name="project_coverage_valid", allow_blank=True),
            choices_constraint("region", Region, name="project_region_valid", allow_blank=True),
            choices_constraint("budget_currency", Currency, name="project_currency_valid"),
            non_negative_constraint("budget", name="project_budget_non_negative", message=BUDGET_NEGATIVE),
            year_range_constraint("start_year", name="project_start_year_range"),
            year_range_constraint("end_year", name="project_end_year_range"),
            year_range_constraint("funding_year", name="project_funding_year_range"),
            FieldCheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="project_end_after_start",
                field="end_year",
                violation_error_code="end_before_start",
                violation_error_message="L'année de fin précède l'année de début.",
            ),
            FieldCheckConstraint(
                condition=~Q(project_code=""),
                name="project_code_required",
                field="project_code",
                violation_error_code="required",
                violation_error_message="Le projet ID est obligatoire.",
            ),
            FieldUniqueConstraint(
                fields=["prima_id"],
                condition=~Q(prima_id=""),
                name="project_prima_id_unique",
                violation_error_code="unique",
                violation_error_message="Ce PRIMA ID est déjà celui du projet %(other)s.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "project_type"]),
            models.Index(fields=["budget"]),
            models.Index(fields=["start_year"]),
            models.Index(fields=["end_year"]),
            # The default order of the list, walked to its last page.
            models.Index(fields=["title", "id"], name="project_title_order"),
            models.Index(F("budget").desc(nulls_last=True), "title", "id", name="project_budget_order"),
            *search_indexes("project"),
            # The search finds a project by its identifier in any case (iexact compares UPPER()).
            models.Index(Upper("project_code"), name="project_code_upper"),
            models.Index(Upper("prima_id"), name="project_prima_id_upper"),
        ]

    def __str__(self):
        return f"{self.project_code} – {self.title}"

    def natural_key(self):
        return (self.project_code,)

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def status_outdated(self):
        return (
            self.status == ProjectStatus.ACTIVE
            and self.end_year is not None
            and self.end_year < timezone.localdate().year
        )

    @property
    def all_donors(self):
        """The donors named on the project, then those of its announced funding, each once.

        Read from the prefetch of ProjectQuerySet.with_donors(), or else queried.
        """
        if not hasattr(self, "published_funding"):
            self.published_funding = list(published_funding().filter(project=self).prefetch_related("donors"))
        donors = {}
        for donor in self.donors.all():
            donors.setdefault(donor.pk, donor)
        for funding in self.published_funding:
            for donor in funding.donors.all():
                donors.setdefault(donor.pk, donor)
        return list(donors.values())


# How the site search (portal/search.py) and Project.objects.matching() find a project.
PROJECT_SEARCH = Source(
    _("Projet"), lambda: Project.objects.published(), "title", "description", ("project_code", "prima_id")
)


class ResultKind(models.TextChoices):
    EXPECTED_RESULT = "result", _("Résultat escompté")
    ACTIVITY = "activity", _("Activité")


# Fixtures name a result or figure by its project's code and its place, never by a database id.
ProjectItem = ordered_rows_of("project", key="project_code", model_label="projects.project")


class ProjectResult(ProjectItem):
    """One item of a project's ordered list of expected results or activities."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(
        _("nature"), max_length=10, choices=ResultKind.choices, default=ResultKind.EXPECTED_RESULT
    )
    text = models.TextField(_("texte"))

    class Meta:
        verbose_name = _("résultat ou activité")
        verbose_name_plural = _("résultats escomptés et activités")
        ordering = ["project", "position"]
        constraints = [
            choices_constraint("kind", ResultKind, name="project_result_kind_valid"),
            position_constraint("project", name="project_result_position_unique"),
        ]

    def __str__(self):
        return self.text[:80]


class ProjectFigure(StatedValue, ProjectItem):
    """A figure a project page states, such as the remittances of the diaspora in a given year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    value = models.DecimalField(_("valeur"), max_digits=16, decimal_places=2)
    currency = models.CharField(
        _("devise"),
        max_length=3,
        choices=Currency.choices,
        blank=True,
        help_text="Seulement si le chiffre est un montant.",
    )
    label = models.CharField(_("ce que le chiffre compte"), max_length=300)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["project", "position"]
        constraints = [
            choices_constraint("currency", Currency, name="project_figure_currency_valid", allow_blank=True),
            position_constraint("project", name="project_figure_position_unique"),
        ]

    def __str__(self):
        return f"{self.value} {self.currency} {self.label}".replace("  ", " ")
