from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Count, F, Func, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.cache import cached_fragment
from core.constraints import MAX_YEAR, MIN_YEAR
from core.formatting import money
from core.models import Currency, Organisation
from core.widgets import NumberInput, Select, TextInput
from projects.models import Coverage, Project, ProjectStatus, ProjectType, Region, published_funding

ORDERINGS = {
    "title": (_("Titre (A → Z)"), [F("title").asc()]),
    "-title": (_("Titre (Z → A)"), [F("title").desc()]),
    "-budget": (_("Budget décroissant"), [F("budget").desc(nulls_last=True)]),
    "budget": (_("Budget croissant"), [F("budget").asc(nulls_last=True)]),
    "-start": (_("Début le plus récent"), [F("start_year").desc(nulls_last=True)]),
    "start": (_("Début le plus ancien"), [F("start_year").asc(nulls_last=True)]),
    "-end": (_("Fin la plus récente"), [F("end_year").desc(nulls_last=True)]),
    "end": (_("Fin la plus ancienne"), [F("end_year").asc(nulls_last=True)]),
}


class FirstOptionSelect(Select):
    """A select whose first option is marked selected when the value matches none of them.

    Browsers show the first option anyway; the attribute says so to assistive technologies
    (HTML_CodeSniffer H91: a select needs a value available to an accessibility API).
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for _, group, _ in context["widget"]["optgroups"] for option in group]
        if options and not any(option["selected"] for option in options):
            options[0]["selected"] = True
            options[0]["attrs"]["selected"] = True
        return context


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ProjectOrderingFilter(django_filters.OrderingFilter):
    """The sorts of ORDERINGS, one at a time as the list's select offers them: unknown values last
    whatever the direction (the list's indexes are built so), then title and key, so that no two
    pages overlap."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choice field without django-filter's comma-separated wrapper, which takes
        # "title,-budget" and then renders the select as a text input.
        self.field_class = django_filters.ChoiceFilter.field_class

    def get_ordering_value(self, param):
        return ORDERINGS[param][1]

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*self.get_ordering_value(value), "title", "pk")


class ProjectFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for low, high, message in (
            (
                "year_min",
                "year_max",
                _("L'année « jusqu'à » doit être égale ou postérieure à l'année « de »."),
            ),
            (
                "budget_min",
                "budget_max",
                _("Le budget maximum doit être supérieur ou égal au budget minimum."),
            ),
        ):
            if (
                cleaned.get(low) is not None
                and cleaned.get(high) is not None
                and cleaned[low] > cleaned[high]
            ):
                # add_error drops the field from cleaned_data: the other bound still applies.
                self.add_error(high, message)
        return cleaned


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    multiple: bool
    options: list
    empty_label: str = ""
    errors: list = field(default_factory=list)
    none_label: str = ""  # said in place of a select with no option

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_query: str


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Mots du titre ou identifiant"),
        method="search",
        widget=TextInput,
        help_text=_("Par exemple « diaspora », L48-805 ou HT10P0503."),
    )
    type = django_filters.ModelMultipleChoiceFilter(
        label=_("Type de projet"),
        field_name="project_type__slug",
        to_field_name="slug",
        queryset=ProjectType.objects.all(),
        distinct=False,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Statut"), choices=ProjectStatus.choices, distinct=False
    )
    coverage = django_filters.ChoiceFilter(label=_("Couverture"), choices=Coverage.choices)
    region = django_filters.ChoiceFilter(label=_("Région (IDF)"), choices=Region.choices)
    donor = django_filters.ModelChoiceFilter(
        label=_("Bailleur"), method="funded_by", queryset=Organisation.objects.all()
    )
    year_min = YearFilter(
        label=_("En cours à partir de"),
        method="running_from",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=NumberInput,
    )
    year_max = YearFilter(
        label=_("En cours jusqu'en"),
        method="running_until",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=NumberInput,
    )
    budget_min = django_filters.NumberFilter(
        label=_("Budget minimum ($ US)"),
        method="budget_from",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=NumberInput,
    )
    budget_max = django_filters.NumberFilter(
        label=_("Budget maximum ($ US)"),
        method="budget_until",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=NumberInput,
    )
    ordering = ProjectOrderingFilter(
        label=_("Trier par"),
        choices=[(value, label) for value, (label, _) in ORDERINGS.items()],
        empty_label=None,
        widget=FirstOptionSelect,
    )

    NOT_FILTERS = ("ordering",)

    class Meta:
        model = Project
        fields = []
        form = ProjectFilterForm

    def search(self, queryset, name, value):
        # The site search's matching: French stems without accents, and exact identifiers.
        return queryset.matching(value)

    def funded_by(self, queryset, name, value):
        return queryset.funded_by(value)

    def running_from(self, queryset, name, value):
        return queryset.running_from(value)

    def running_until(self, queryset, name, value):
        return queryset.running_until(value)

    # Budgets in other currencies cannot be compared with an amount in dollars.
    def budget_from(self, queryset, name, value):
        return queryset.filter(budget_currency=Currency.USD, budget__gte=value)

    def budget_until(self, queryset, name, value):
        return queryset.filter(budget_currency=Currency.USD, budget__lte=value)

    @property
    def cleaned_data(self):
        if not self.is_bound:
            return {}
        self.form.is_valid()  # the invalid fields are left out of cleaned_data
        return self.form.cleaned_data

    def queryset_without(self, *excluded):
        """The projects every valid filter but the excluded ones gives: a facet counts on it."""
        queryset = self.queryset.all()
        for name, value in self.cleaned_data.items():
            if name not in excluded and name not in self.NOT_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def _counts(self, field):
        rows = self.queryset_without(field).values(field).annotate(n=Count("pk", distinct=True))
        return {row[field]: row["n"] for row in rows}

    def _selected(self, name):
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return set()
        if isinstance(value, str):
            return {value}
        if hasattr(value, "pk"):
            return {str(value.pk)}
        return {getattr(item, "slug", item) for item in value}

    def _choice_facet(self, name, choices, *, multiple=False, empty_label=""):
        counts = self._counts(name)
        selected = self._selected(name)
        options = [
            FacetOption(value, label, counts.get(value, 0), value in selected) for value, label in choices
        ]
        return Facet(name, self.filters[name].label, multiple, options, empty_label)

    def cache_parts(self):
        """What the facets, charts and counts depend on: the filters' values, nothing else.

        Not the page, the sort, nor any unknown parameter (utm_source...): those would otherwise
        make a new cache entry each.
        """
        if not self.is_bound:
            return ()
        return tuple(
            sorted(
                (name, value)
                for name in self.filters
                if name not in self.NOT_FILTERS
                for value in self.data.getlist(name)
            )
        )

    @property
    def facets(self):
        """Each option with the number of projects it would give, the other filters applied."""
        return self._facets_and_html()[0]

    @property
    def facets_html(self):
        """The facets as the filter form shows them: dozens of options, rendered once per content
        state and filters rather than on every page."""
        return self._facets_and_html()[1]

    def _facets_and_html(self):
        if not hasattr(self, "_facets"):
            facets, html = cached_fragment("project-filter-facets", self.cache_parts(), self._compute_facets)
            # Form errors are not cached: they hold references that cannot be pickled.
            for facet in facets:
                facet.errors = self.errors.get(facet.name, [])
            self._facets = facets, html
        return self._facets

    def _compute_facets(self):
        facets = self._facets_with_counts()
        # Plain strings in the language of the request (the cache key names it): a lazy
        # translation costs a new class each time the cached value is read back.
        for facet in facets:
            facet.label, facet.empty_label, facet.none_label = (
                str(facet.label),
                str(facet.empty_label),
                str(facet.none_label),
            )
            for option in facet.options:
                option.label = str(option.label)
        # The errors shown come from the filters' values, which are part of the cache key.
        for facet in facets:
            facet.errors = [str(error) for error in self.errors.get(facet.name, [])]
        # The template's last line ends the file; the form's next line follows at once.
        html = mark_safe(
            render_to_string("includes/_filter_facets.html", {"facets": facets}).removesuffix("\n")
        )
        for facet in facets:
            facet.errors = []
        return facets, html

    def _facets_with_counts(self):
        published = self.queryset.model.objects.published()
        in_type_facet = Q(projects__in=self.queryset_without("type").values("pk"))
        types = (
            ProjectType.objects.filter(pk__in=published.values("project_type"))
            .annotate(n=Count("projects", filter=in_type_facet))
            .order_by("name")
        )
        donors = self._donors_with_counts(published)
        selected_types = self._selected("type")
        selected_donor = self._selected("donor")
        return [
            self._choice_facet("status", ProjectStatus.choices, multiple=True),
            Facet(
                "type",
                self.filters["type"].label,
                True,
                [FacetOption(t.slug, t.name, t.n, t.slug in selected_types) for t in types],
            ),
            self._choice_facet("coverage", Coverage.choices, empty_label=_("Toutes les couvertures")),
            self._choice_facet("region", Region.choices, empty_label=_("Toutes les régions")),
            Facet(
                "donor",
                self.filters["donor"].label,
                False,
                [FacetOption(str(d.pk), str(d), d.n, str(d.pk) in selected_donor) for d in donors],
                _("Tous les bailleurs"),
                none_label=_("Aucun projet publié n'indique encore de bailleur."),
            ),
        ]

    def _donors_with_counts(self, published):
        """The donors of published projects (Project.all_donors), each with its count in the facet."""
        announced = published_funding().filter(project__in=published)
        in_facet = self.queryset_without("donor")
        # One correlated count per donor; OuterRef(OuterRef) reaches the organisation through the
        # count's own subqueries.
        count = (
            in_facet.funded_by(OuterRef(OuterRef("pk")))
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        return (
            Organisation.objects.filter(
                Q(pk__in=published.values("donors")) | Q(pk__in=announced.values("donors"))
            )
            .annotate(n=Subquery(count))
            .order_by("name")
        )

    def active_filters(self):
        """Each value given in the address, with the query string that removes it alone."""
        if not self.is_bound:
            return []
        labels = {
            facet.name: {option.value: option.label for option in facet.options} for facet in self.facets
        }
        for name in ("budget_min", "budget_max"):
            if self.cleaned_data.get(name) is not None:
                labels[name] = {self.data[name]: money(self.cleaned_data[name])}
        chips = []
        for name in self.filters:
            # A rejected value is explained above the list, never shown as if it applied.
            if name in self.NOT_FILTERS or self.cleaned_data.get(name) in (None, "", []):
                continue
            for value in self.data.getlist(name):
                if value.strip() == "":
                    continue
                remaining = self.data.copy()
                remaining.setlist(name, [v for v in self.data.getlist(name) if v != value])
                remaining.pop("page", None)
                chips.append(
                    ActiveFilter(
                        label=self.filters[name].label,
                        value=labels.get(name, {}).get(value, value),
                        remove_query=remaining.urlencode(),
                    )
                )
        return chips
