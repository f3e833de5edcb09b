from django import forms

from core.models import Page

MAX_FILES = 20
MAX_FILE_SIZE = 1024 * 1024  # a saved IOM page is a few kilobytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple) and data:
            return [clean_one(item, initial) for item in data]
        # No file chosen comes as an empty list: checked as one missing file (required).
        return [clean_one(data or None, initial)]


class ImportForm(forms.Form):
    required_css_class = "required"  # bold labels, as in the admin's own forms

    files = MultipleFileField(
        label="Fichiers texte",
        help_text=(
            "Pages du site de l'OIM enregistrées en texte (UTF-8) : fiches de projet et communiqués de "
            f"presse. {MAX_FILES} fichiers au plus, de {MAX_FILE_SIZE // 1024**2} Mo au plus chacun."
        ),
    )
    page = forms.ModelChoiceField(
        queryset=Page.objects.all(),
        required=False,
        to_field_name="slug",
        label="Page éditoriale à remplir",
        empty_label="— Aucune : fiches de projet et communiqués —",
        help_text=(
            "Pour un texte comme la présentation du pays : la page dont il remplace le chapeau, le "
            "texte et les sections (son titre et sa publication ne changent pas). Un seul fichier alors."
        ),
    )
    draft = forms.BooleanField(
        required=False,
        initial=True,
        label="Créer les nouveaux projets et communiqués en brouillon",
        help_text="À publier après relecture. Ceux qui existent déjà gardent leur état de publication.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Simulation",
        help_text="Montre ce que l'import changerait, sans rien écrire.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"{len(files)} fichiers : {MAX_FILES} au plus à la fois.")
        too_large = [file.name for file in files if file.size > MAX_FILE_SIZE]
        if too_large:
            raise forms.ValidationError(
                f"Plus de {MAX_FILE_SIZE // 1024**2} Mo : ce n'est pas le texte d'une page ({', '.join(too_large)})."
            )
        return files

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("page") and len(cleaned.get("files") or []) > 1:
            self.add_error("files", "Pour remplir une page, un seul fichier : le texte de cette page.")
        return cleaned
