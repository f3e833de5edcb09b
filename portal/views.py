from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.cache import cached_fragment
from core.models import Currency, Page, ThematicArea
from core.site_url import site_url
from news.models import NewsRelease
from offices.models import FieldOffice, SiteKind
from portal.forms import SearchForm
from portal.search import search_site
from projects.charts import project_charts_html
from projects.models import Project

OFFICE_KINDS = (SiteKind.MAIN_OFFICE, SiteKind.SUB_OFFICE)


def about_pages():
    return Page.objects.published().about()


def home_figures(year):
    offices = FieldOffice.objects.published()
    projects = Project.objects.published()
    return {
        # Budgets in other currencies are left out rather than converted at a guessed rate.
        "active_projects": projects.current(year).aggregate(
            count=Count("pk"), budget_usd=Sum("budget", filter=Q(budget_currency=Currency.USD))
        ),
        "outdated_projects": projects.status_outdated(year).count(),
        # The charts cover every published project, running or not.
        "published_projects": projects.count(),
        "site_counts": offices.aggregate(
            offices=Count("pk", filter=Q(kind__in=OFFICE_KINDS)),
            sites=Count("pk", filter=~Q(kind__in=OFFICE_KINDS)),
        ),
    }


def home(request):
    year = timezone.localdate().year
    active = Project.objects.published().current(year)
    context = {
        "about": about_pages().first(),
        # The year is part of the key: on 1 January last year's projects stop counting.
        **cached_fragment("home-figures", (year,), lambda: home_figures(year)),
        # The same entry as the unfiltered project list's charts.
        "charts": cached_fragment(
            "project-charts-html", (), lambda: project_charts_html(Project.objects.published())
        ),
        "releases": NewsRelease.objects.published().newest_first()[:3],
        "projects": active.select_related("project_type").order_by("-start_year", "title")[:4],
        "offices": FieldOffice.objects.published().filter(kind__in=OFFICE_KINDS).order_by("kind", "name"),
    }
    return render(request, "portal/home.html", context)


def _words(text):
    return " ".join(text.split()).casefold()


def domains_not_in(page):
    """The domains of activity the page's own text does not name: the overview lists the ten
    domains in its text (from the source), and the page shows each domain once."""
    areas = ThematicArea.objects.all()
    if page is None:
        return list(areas)
    text = _words(" ".join([page.lead, page.body, *(section.body for section in page.sections.all())]))
    return [area for area in areas if _words(area.name) not in text]


def about(request):
    page = about_pages().prefetch_related("sections").first()
    return render(request, "portal/about.html", {"page": page, "thematic_areas": domains_not_in(page)})


def search(request):
    form = SearchForm(request.GET)
    outcome = None
    if form.is_valid() and form.cleaned_data["q"]:
        outcome = search_site(form.cleaned_data["q"], page=form.cleaned_data["page"])
    return render(
        request,
        "portal/search_results.html",
        {"form": form, "query": request.GET.get("q", ""), "outcome": outcome},
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {site_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
