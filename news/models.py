from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import (
    choices_constraint,
    email_constraint,
    non_negative_constraint,
    non_negative_validator,
    position_constraint,
)
from core.models import (
    LONG_TEXT_HELP,
    SLUG_HELP,
    Country,
    Currency,
    Organisation,
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    StatedValue,
    ThematicArea,
    ordered_rows_of,
    publication_constraint,
)
from core.phone import phone_field
from search.vectors import search_indexes, weighted_search_vector


class NewsReleaseQuerySet(PublishableQuerySet):
    def newest_first(self):
        # Releases without a date go last: the seed releases state none. The primary key last
        # makes the order total, which reading a deep page from the end relies on.
        return self.order_by(F("release_date").desc(nulls_last=True), "-created_at", "-pk")


NewsReleaseManager = SlugManager.from_queryset(NewsReleaseQuerySet)


class NewsRelease(Publishable):
    title = models.CharField(_("titre"), max_length=400)
    slug = models.SlugField(unique=True, max_length=200, help_text=SLUG_HELP.format(path="/actualites/"))
    dateline = models.CharField(
        _("lieu d'émission"),
        max_length=100,
        blank=True,
        help_text="La ville en tête du communiqué : Port-au-Prince.",
    )
    release_date = models.DateField(
        _("date du communiqué"),
        null=True,
        blank=True,
        help_text="La date du communiqué telle qu'il l'indique. Laisser vide si elle n'est pas connue.",
    )
    first_published_at = models.DateTimeField(
        _("première publication sur le portail"),
        null=True,
        blank=True,
        editable=False,
        help_text=(
            "Rempli automatiquement : le moment où le communiqué est devenu public sur ce portail "
            "(pour le contenu initial, son chargement). Ce n'est pas la date du communiqué ; les "
            "fils d'actualités le donnent, sous ce nom, pour un communiqué sans date."
        ),
    )
    lead = models.TextField(
        _("chapeau"), blank=True, help_text="Le premier paragraphe, qui résume la nouvelle."
    )
    body = models.TextField(
        _("texte"),
        help_text=LONG_TEXT_HELP + " Un paragraphe entre « guillemets » est mis en exergue.",
    )
    related_projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projets liés"), blank=True, related_name="news_releases"
    )
    sites = models.ManyToManyField(
        "offices.FieldOffice",
        verbose_name=_("lieux, bureaux et sites"),
        blank=True,
        related_name="news_releases",
        help_text="Les bureaux, postes-frontières et sites dont parle le communiqué.",
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("pays"), blank=True, related_name="news_releases"
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations citées"),
        blank=True,
        related_name="news_releases",
        help_text="Partenaires et institutions cités, hors bailleurs (ceux-ci sont dans les financements).",
    )
    thematic_areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("domaines d'activité"), blank=True, related_name="news_releases"
    )

    search_vector = weighted_search_vector({"A": ["title"], "B": ["lead", "dateline"], "C": ["body"]})

    objects = NewsReleaseManager()

    class Meta:
        verbose_name = _("communiqué de presse")
        verbose_name_plural = _("communiqués de presse")
        ordering = [F("release_date").desc(nulls_last=True), "-created_at", "-pk"]
        constraints = [publication_constraint("news_release")]
        indexes = [
            models.Index(fields=["release_date"]),
            # The list's order: newest first, undated last.
            models.Index(
                F("release_date").desc(nulls_last=True),
                F("created_at").desc(),
                F("id").desc(),
                name="news_release_newest_order",
            ),
            *search_indexes("news_release"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def stamp_first_publication(self):
        """Stamps the first publication once it has happened or is scheduled (a schedule moved
        or withdrawn before its time moves or clears the stamp); True if the stamp changed."""
        now = timezone.now()
        stamp = self.first_published_at
        if stamp is None or stamp > now:
            if self.publication_status == PublicationStatus.PUBLISHED:
                stamp = max(self.publish_from or now, now)
            else:
                stamp = None
        changed = stamp != self.first_published_at
        self.first_published_at = stamp
        return changed

    def save(self, *args, **kwargs):
        if self.stamp_first_publication() and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)


def stamp_first_publication_of_raw_save(sender, instance, raw, **kwargs):
    """Fixtures and restored revisions are saved raw, without save(): the record keeps the stamp
    it has, and one loaded published gets the time it went public here."""
    if not raw:
        return
    if instance.pk is not None:
        stored = sender.objects.filter(pk=instance.pk).values_list("first_published_at", flat=True).first()
        instance.first_published_at = stored or instance.first_published_at
    instance.stamp_first_publication()


# Fixtures name these rows by their release's slug and their place, never by a database id.
ReleaseItem = ordered_rows_of("release", key="slug", model_label="news.newsrelease")


AMOUNT_NEGATIVE = "Le montant ne peut pas être négatif."


class FundingAnnouncement(StatedValue, ReleaseItem):
    """Money a release announces: one amount, from one donor or several donors jointly."""

    release = models.ForeignKey(NewsRelease, on_delete=models.CASCADE, related_name="funding")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("projet financé"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announced_funding",
        help_text=(
            "Seulement si le communiqué nomme ce projet (son titre ou son identifiant) comme celui que ce "
            "montant finance. Ses bailleurs comptent alors parmi ceux du projet : filtre « Bailleur » de "
            "la liste des projets, exports et page du projet."
        ),
    )
    donors = models.ManyToManyField(
        Organisation, verbose_name=_("bailleurs"), related_name="announced_funding"
    )
    amount = models.DecimalField(
        _("montant"), max_digits=14, decimal_places=2, validators=[non_negative_validator(AMOUNT_NEGATIVE)]
    )
    currency = models.CharField(_("devise"), max_length=3, choices=Currency.choices, default=Currency.USD)
    amount_as_stated = models.CharField(
        _("montant tel qu'écrit"),
        max_length=200,
        blank=True,
        help_text="Le montant comme le communiqué l'écrit, par exemple « 3 millions de dollars canadiens ».",
    )
    is_total = models.BooleanField(
        _("total de plusieurs contributions"),
        default=False,
        help_text="Cocher si ce montant additionne d'autres lignes (il n'est alors pas compté deux fois).",
    )

    class Meta:
        verbose_name = _("financement annoncé")
        verbose_name_plural = _("financements annoncés")
        ordering = ["release", "position"]
        constraints = [
            choices_constraint("currency", Currency, name="funding_currency_valid"),
            non_negative_constraint("amount", name="funding_amount_non_negative", message=AMOUNT_NEGATIVE),
            position_constraint("release", name="funding_position_unique"),
        ]

    def __str__(self):
        return self.amount_as_stated or f"{self.amount} {self.currency}"


class MediaContact(ReleaseItem):
    release = models.ForeignKey(NewsRelease, on_delete=models.CASCADE, related_name="contacts")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    name = models.CharField(_("nom"), max_length=200)
    organisation_label = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text="Par exemple OIM Haïti."
    )
    phone = phone_field()
    email = models.EmailField(_("courriel"), blank=True)

    class Meta:
        verbose_name = _("contact presse")
        verbose_name_plural = _("contacts presse")
        ordering = ["release", "position"]
        constraints = [
            email_constraint("email", name="media_contact_email_valid"),
            position_constraint("release", name="media_contact_position_unique"),
        ]

    def __str__(self):
        return self.name


class Quote(ReleaseItem):
    release = models.ForeignKey(NewsRelease, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.TextField(_("citation"), help_text="Sans les guillemets.")
    speaker = models.CharField(_("auteur"), max_length=200)
    speaker_role = models.CharField(_("fonction"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["release", "position"]
        constraints = [position_constraint("release", name="quote_position_unique")]

    def __str__(self):
        return f"{self.speaker} : {self.text[:60]}"


class KeyFigure(StatedValue, ReleaseItem):
    """A figure a release states, such as "650 victimes de traite aidées depuis 2004"."""

    release = models.ForeignKey(NewsRelease, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    label = models.CharField(_("ce que le chiffre compte"), max_length=300)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["release", "position"]
        constraints = [position_constraint("release", name="key_figure_position_unique")]

    def __str__(self):
        return f"{self.value} {self.label}"
