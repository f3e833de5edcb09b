"""What a donor, a visitor and an editor do on the site, in a real browser."""

import csv
import re

from django.urls import reverse
from playwright.sync_api import expect

from projects.exports import CSV_DELIMITER
from projects.models import Project
from tests.factories import make_editor_with_password
from tests.scenarios import make_public_site

PASSWORD = "un-mot-de-passe-assez-long"


def project_codes_on(page):
    return set(page.locator(".card__facts div:has(dt:text-is('Projet ID')) dd").all_inner_texts())


def test_donor_filters_projects_opens_one_and_downloads_the_same_selection(site, page):
    make_public_site()
    page.goto(f"{site}/projets/")
    count = page.locator("#resultats-titre")
    expect(count).to_have_text("4 projets")

    filters = page.get_by_role("form", name="Filtrer les projets")
    filters.get_by_role("checkbox", name=re.compile(r"^Développement communautaire")).check()
    filters.get_by_role("checkbox", name=re.compile(r"^Actif")).check()
    filters.get_by_role("button", name="Afficher les projets").click()

    expect(count).to_have_text("1 projet")
    expect(page).to_have_url(re.compile(r"type=developpement-communautaire"))
    expect(page.locator(".chips")).to_contain_text("Statut : Actif")
    shown = project_codes_on(page)
    assert shown == {"CD.0037"}

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=CSV_DELIMITER))
    assert {row["Projet ID"] for row in rows} == shown

    page.get_by_role("link", name="Mobilisation de la diaspora à l'appui du développement d'Haïti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mobilisation de la diaspora à l'appui du développement d'Haïti"
    )
    expect(page.locator(".facts")).to_contain_text("200 000,00 $ US")


def test_visitor_searches_without_accents_from_the_header_and_reaches_the_release(site, page):
    data = make_public_site()
    page.goto(f"{site}/")

    search = page.get_by_role("search").get_by_role("searchbox", name="Rechercher sur le site")
    search.fill("traite des personnes")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche/\?q=traite"))
    results = page.locator(".search-results")
    release_link = results.get_by_role("link", name=data["release"].title)
    expect(release_link).to_be_visible()
    release_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(data["release"].title)
    expect(page.locator(".dateline")).to_have_text("Port-au-Prince, le 22 novembre 2019")


def test_editor_drafts_publishes_edits_and_restores_a_project(site, new_page):
    make_editor_with_password(PASSWORD, username="editrice")
    public = new_page()
    admin = new_page()
    admin_url = site + reverse("admin:index")

    admin.goto(admin_url)
    admin.locator("#id_username").fill("editrice")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("#login-form [type=submit]").click()
    expect(admin.locator("#user-tools")).to_contain_text("editrice")

    # A draft: saved, but nowhere on the public site.
    admin.goto(site + reverse("admin:projects_project_add"))
    admin.locator("#id_title").fill("Projet pilote de retour volontaire")
    admin.locator("#id_project_code").fill("RV.0001")
    admin.locator("#id_status").select_option("active")
    admin.locator("#id_budget").fill("120000")
    admin.locator("#id_start_year").fill("2025")
    admin.locator("#id_publication_status").select_option("draft")
    admin.locator("[name=_continue]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    project = Project.objects.get(project_code="RV.0001")
    # The admin's script filled the slug in from the title, as it does for staff.
    assert project.slug == "projet-pilote-de-retour-volontaire"
    page_url = site + project.get_absolute_url()
    change_url = site + reverse("admin:projects_project_change", args=[project.pk])
    history_url = site + reverse("admin:projects_project_history", args=[project.pk])

    response = public.goto(page_url)
    assert response.status == 404
    public.goto(f"{site}/projets/")
    expect(public.locator(".results")).not_to_contain_text("Projet pilote de retour volontaire")

    # Published: on the list, the page and the sitemap.
    admin.goto(change_url)
    admin.locator("#id_publication_status").select_option("published")
    admin.locator("[name=_continue]").click()
    expect(admin.locator(".messagelist")).to_be_visible()

    public.goto(f"{site}/projets/")
    expect(public.locator(".results")).to_contain_text("Projet pilote de retour volontaire")
    public.get_by_role("link", name="Projet pilote de retour volontaire").click()
    expect(public.locator(".facts")).to_contain_text("120 000,00 $ US")
    sitemap = public.request.get(f"{site}/sitemap-projects.xml").text()
    assert f"{project.get_absolute_url()}</loc>" in sitemap

    # A new budget, then the published revision restored from the history page.
    admin.goto(change_url)
    admin.locator("#id_budget").fill("999000")
    admin.locator("[name=_continue]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    public.reload()
    expect(public.locator(".facts")).to_contain_text("999 000,00 $ US")

    admin.goto(history_url)
    revisions = admin.locator("#change-history tbody tr")
    expect(revisions).to_have_count(3)
    # Newest first: the second row is the publication, with the first budget.
    revisions.nth(1).locator("a").first.click()
    expect(admin.locator("#id_budget")).to_have_value(re.compile(r"^120000(\.00)?$"))
    admin.locator("#project_form [name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()

    public.reload()
    expect(public.locator(".facts")).to_contain_text("120 000,00 $ US")
    project.refresh_from_db()
    assert project.budget == 120000
