from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse

from importer.forms import ImportForm
from importer.parse import EDITORIAL_PAGE
from importer.run import import_text_file

# The command's advice names its --page option; the form has a field for it.
ADVICE = {
    EDITORIAL_PAGE: (
        "texte d'une page éditoriale (un chapeau puis des intertitres, comme la présentation du pays) : "
        "choisissez la page qu'il remplit dans « Page éditoriale à remplir », puis importez-le seul."
    ),
}


def import_iom_pages(request):
    """The admin's page for import_iom_pages: files in, one report per file out."""
    # The Éditeurs group and superusers have it (core.0007_import_permission).
    if not request.user.has_perm("core.import_iom_pages"):
        raise PermissionDenied
    reports, dry_run = [], False
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            page, dry_run = form.cleaned_data["page"], form.cleaned_data["dry_run"]
            reports = [
                import_text_file(
                    uploaded.read(),
                    name=uploaded.name,
                    page_slug=page.slug if page else None,
                    publish=not form.cleaned_data["draft"],
                    dry_run=dry_run,
                    user=request.user,
                )
                for uploaded in form.cleaned_data["files"]
            ]
            for report in reports:
                report.summary = ADVICE.get(report.code, report.summary)
    else:
        form = ImportForm()
    context = {
        **admin.site.each_context(request),
        "title": "Importer des pages du site de l'OIM",
        "form": form,
        "reports": [(report, _change_url(report.record)) for report in reports],
        "dry_run": dry_run,
    }
    return TemplateResponse(request, "admin/import_iom_pages.html", context)


def _change_url(record):
    if record is None:
        return None
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
