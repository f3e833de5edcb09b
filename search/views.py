from django.shortcuts import render

from search.forms import SearchForm
from search.queries import search_site


def search(request):
    form = SearchForm(request.GET)
    outcome = None
    if form.is_valid() and form.cleaned_data["q"]:
        outcome = search_site(form.cleaned_data["q"])
    return render(
        request,
        "search/results.html",
        {"form": form, "query": request.GET.get("q", ""), "outcome": outcome},
    )
