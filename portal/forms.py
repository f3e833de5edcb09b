from django import forms
from django.utils.translation import gettext_lazy as _

from search.queries import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "Votre recherche est trop longue : %(limit_value)d caractères au plus, elle en compte %(show_value)d."
            ),
            "null_characters_not_allowed": _(
                "Votre recherche contient des caractères invisibles non autorisés."
            ),
        },
    )

    # A page number typed wrong is the first page, as a link to a page past the last is the last.
    page = forms.CharField(required=False)

    def clean_page(self):
        page = self.cleaned_data["page"]
        return int(page) if page.isdigit() and len(page) < 6 else 1

    def clean_q(self):
        # Control characters (tabs, line breaks included) only ever come from copy-paste accidents.
        return " ".join("".join(ch if ch.isprintable() else " " for ch in self.cleaned_data["q"]).split())
