"""The tools every content admin shares: publication and data-quality filters, inputs that read what
staff type, the history kept of every change, ordered inlines."""

from collections.abc import Callable
from typing import NamedTuple

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin

from core.models import PublicationStatus
from core.revisions import keep_state_before_change


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("online", "En ligne"),
            ("scheduled", "Programmé pour plus tard"),
            ("draft", "Brouillon"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "online":
                return queryset.published()
            case "scheduled":
                return queryset.scheduled()
            case "draft":
                return queryset.drafts()
        return queryset


class QualityCheck(NamedTuple):
    label: str
    condition: Q
    warning: Callable[[models.Model], str]


class DataQualityFilter(admin.SimpleListFilter):
    """Finds the records a ModelAdmin's `quality_checks()` flags."""

    title = "qualité des données"
    parameter_name = "qualite"

    def __init__(self, request, params, model, model_admin):
        self.checks = model_admin.quality_checks()
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            *((key, check.label) for key, check in self.checks.items()),
            ("any", "Au moins un problème"),
            ("none", "Aucun problème"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in self.checks:
            return queryset.filter(**{quality_annotation(value): True})
        if value in {"any", "none"}:
            any_issue = Q(**{quality_annotation(key): True for key in self.checks}, _connector=Q.OR)
            return queryset.filter(any_issue) if value == "any" else queryset.exclude(any_issue)
        return queryset


def quality_annotation(key):
    return f"quality_{key}"


class DataQualityAdminMixin:
    """Flags records with missing or stale data, in one query for the whole list.

    Each check becomes a boolean annotation, so the column and the filter share one definition.
    """

    def quality_checks(self):
        return {}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                **{
                    quality_annotation(key): Case(
                        When(check.condition, then=Value(True)),
                        default=Value(False),
                        output_field=BooleanField(),
                    )
                    for key, check in self.quality_checks().items()
                }
            )
        )

    @admin.display(description="qualité des données")
    def quality_warnings(self, obj):
        warnings = [
            check.warning(obj)
            for key, check in self.quality_checks().items()
            if getattr(obj, quality_annotation(key), False)
        ]
        return format_html_join(mark_safe("<br>"), "⚠ {}", ((warning,) for warning in warnings))


def plain_line_endings(text):
    return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text


class MultilineTextField(forms.CharField):
    """A textarea's text with "\n" line endings, as the fixtures, the importer and the seeds write it.

    Browsers send a textarea's lines ended with "\r\n": without this, a text saved untouched would
    count as changed (in the history too) and differ from the same text imported.
    """

    def to_python(self, value):
        return super().to_python(plain_line_endings(value))

    def has_changed(self, initial, data):
        return super().has_changed(plain_line_endings(initial), data)


class AdminInputMixin:
    """How the admin's inputs read what staff type.

    A text field's lines end with "\n" (MultilineTextField). A number field's MinValueValidator and
    MaxValueValidator become its input's min and max: the browser then refuses a negative budget
    or a year before 1951 as the server does, and the server's message is the model's ("Le budget
    ne peut pas être négatif.").
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", MultilineTextField)
        if isinstance(db_field, models.IntegerField | models.DecimalField | models.FloatField):
            error_messages = dict(kwargs.get("error_messages") or {})
            for validator in db_field.validators:
                key = {MinValueValidator: "min_value", MaxValueValidator: "max_value"}.get(type(validator))
                if key and key not in kwargs:
                    kwargs[key] = validator.limit_value
                    error_messages[key] = validator.message
            if error_messages:
                kwargs["error_messages"] = error_messages
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class HistoryAdmin(AdminInputMixin, VersionAdmin):
    """Keeps every admin change as a revision, including the first change of records made elsewhere.

    Records loaded from fixtures or imported have no revision yet: their state is saved before the
    first change or deletion through the admin, so that this change too can be undone.

    VersionAdmin registers the model with django-reversion, following the relation of each of the
    admin's inlines: restoring a revision brings every inline row back, and a new inline is
    followed without a hand-kept list.
    """

    def _keep_state_before_change(self, objects):
        keep_state_before_change(
            self.model, objects, comment="État avant la première modification dans l'administration."
        )

    def _keep_state_of(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            self._keep_state_before_change([obj])

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            self._keep_state_of(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            self._keep_state_of(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action"):
            try:
                # "Select all" means all the rows the list shows, with its filters and search.
                selected = self.get_changelist_instance(request).get_queryset(request)
            except IncorrectLookupParameters:
                selected = None  # Django's own view answers these parameters below
            if selected is not None:
                if request.POST.get("select_across") != "1":
                    selected = selected.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
                self._keep_state_before_change(selected)
        return super().changelist_view(request, extra_context)


class PublishableAdmin(HistoryAdmin):
    """Base of the admins of public records: publication column, filter and actions, revisions."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    publication_fieldset = (
        "Publication",
        {"fields": ["publication_status", "publish_from", "created_at", "updated_at"]},
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        slug = form.base_fields.get("slug")
        if slug is not None and obj is not None and hasattr(obj, "get_absolute_url"):
            # The admin renders help texts as HTML: the address is escaped.
            slug.help_text = format_html(
                "L'adresse de la page : {}. La changer change cette adresse : les liens déjà "
                "partagés ne mèneront plus à la page.",
                obj.get_absolute_url(),
            )
        return form

    @admin.display(description="publication", ordering="publication_status")
    def publication(self, obj):
        if obj.publication_status == PublicationStatus.DRAFT:
            return "Brouillon"
        if obj.starts_later:
            when = formats.date_format(timezone.localtime(obj.publish_from), "SHORT_DATETIME_FORMAT")
            return f"Programmé pour le {when}"
        return "En ligne"

    def _set_publication(self, request, queryset, status, log_message):
        # One save per record (not update()) so that each change is kept as a revision.
        changed = [obj for obj in queryset if obj.publication_status != status]
        for obj in changed:
            obj.publication_status = status
            obj.save(update_fields=["publication_status", "updated_at"])
            self.log_change(request, obj, log_message)

    @admin.action(description="Publier la sélection", permissions=["change"])
    def publish(self, request, queryset):
        self._set_publication(request, queryset, PublicationStatus.PUBLISHED, "Publication.")
        count = len(queryset)
        self.message_user(
            request, f"Publication de {count} {model_ngettext(queryset, count)}.", messages.SUCCESS
        )
        scheduled = [obj for obj in queryset if obj.starts_later]
        if scheduled:
            verb = "n'apparaîtra" if len(scheduled) == 1 else "n'apparaîtront"
            self.message_user(
                request,
                f"La date « publier à partir du » est dans le futur pour {len(scheduled)} "
                f"{model_ngettext(queryset, len(scheduled))}, qui {verb} sur le site qu'à cette date.",
                messages.WARNING,
            )

    @admin.action(description="Repasser la sélection en brouillon", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_publication(request, queryset, PublicationStatus.DRAFT, "Retour en brouillon.")
        count = len(queryset)
        verb = "repasse" if count == 1 else "repassent"
        self.message_user(
            request, f"{count} {model_ngettext(queryset, count)} {verb} en brouillon.", messages.SUCCESS
        )


MAX_POSITION = 32767  # PositiveSmallIntegerField


class OrderedInlineFormSet(BaseInlineFormSet):
    """Rows whose order is left empty go after the others, in the order they were typed.

    Rows may trade places: the database checks that places are distinct at commit
    (core.constraints.position_constraint), and the admin saves a page in one transaction.
    """

    def _next_position(self):
        if not hasattr(self, "_last_position"):
            typed = [
                form.cleaned_data.get("position")
                for form in self.forms
                if form.cleaned_data and not self._should_delete_form(form)
            ]
            self._last_position = max((p for p in typed if p is not None), default=0)
        self._last_position += 1
        return self._last_position

    def _with_position(self, obj):
        if obj.position is None:
            obj.position = self._next_position()
        return obj

    def get_unique_error_message(self, unique_check):
        if "position" in unique_check:
            # Django's message names the field as the code does: "position".
            return "Corrigez les données en double dans « ordre » : deux lignes ne peuvent pas avoir la même place."
        return super().get_unique_error_message(unique_check)

    def save_new(self, form, commit=True):
        self._with_position(form.instance)
        return super().save_new(form, commit)

    def save_existing(self, form, obj, commit=True):
        self._with_position(obj)
        return super().save_existing(form, obj, commit)


class OrderedInline(AdminInputMixin):
    """An inline of rows ordered by `position`, unique within their parent."""

    formset = OrderedInlineFormSet
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            return forms.IntegerField(
                label="ordre",
                required=False,
                min_value=0,
                # Room above it for the rows left blank, placed after the last one.
                max_value=MAX_POSITION - 1000,
                widget=forms.NumberInput(attrs={"class": "vIntegerField"}),
                help_text="Laisser vide pour placer la ligne à la fin.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ProjectCountAdminMixin:
    """A column with the number of projects of each row of a reference table."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description="projets", ordering="project_count")
    def project_count(self, obj):
        return obj.project_count
