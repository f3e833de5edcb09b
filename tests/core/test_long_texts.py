"""Long texts are Markdown, rendered by markdown-it-py and cleaned by nh3 (core.long_text)."""

import json
from pathlib import Path

import lxml.html
import nh3
import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from core.formatting import NBSP, is_quotation
from core.long_text import render_long_text
from tests.factories import make_project, make_superuser

ROOT = Path(__file__).resolve().parent.parent.parent
# The HTML the fixtures' long texts had before they were read as Markdown (the "- item" lists,
# pull quotes and lang="fr" blocks of includes/_paragraph.html), in French and in English.
TODAY = json.loads((Path(__file__).parent / "long_texts_today.json").read_text())
MODES = {
    ("core.page", "body"): "mark_language",
    ("core.pagesection", "body"): "",
    ("projects.project", "description"): "mark_language",
    ("offices.fieldoffice", "description"): "mark_language",
    ("news.newsrelease", "body"): "quotation",
}


def dom(html):
    """The HTML as a browser reads it: entities and the quoting of attributes do not count."""
    return "".join(
        lxml.html.tostring(part, encoding="unicode") for part in lxml.html.fragments_fromstring(html)
    )


def _fixture_text(entry):
    records = json.loads((ROOT / "fixtures" / entry["fixture"]).read_text())
    return records[entry["index"]]["fields"][entry["field"]]


@pytest.mark.parametrize(
    "entry",
    TODAY,
    ids=[f"{e['fixture']}[{e['index']}].{e['field']}-{e['language']}" for e in TODAY],
)
def test_every_long_text_of_the_fixtures_renders_as_before(entry):
    mode = MODES[entry["model"], entry["field"]]
    template = engines["django"].from_string("{% load oim_format %}{{ text|long_text:mode }}")
    with translation.override(entry["language"]):
        html = template.render({"text": _fixture_text(entry), "mode": mode})

    assert dom(html) == dom(entry["html"])


def test_every_long_text_field_of_the_fixtures_is_pinned():
    pinned = {(e["fixture"], e["index"], e["field"]) for e in TODAY}
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        for index, record in enumerate(json.loads(path.read_text())):
            for field in ("body", "description"):
                if (record["model"], field) in MODES and record["fields"].get(field):
                    assert (path.name, index, field) in pinned


def test_paragraphs_are_split_on_blank_lines_and_quotations_are_pull_quotes():
    html = render_long_text(
        "Premier.\n\n  « Une citation. »\n \nDernier\nsur deux lignes.\n\n“Guillemets anglais”",
        is_quotation=is_quotation,
    )

    assert html == (
        "<p>Premier.</p>"
        '<blockquote class="pull-quote"><p>« Une citation. »</p></blockquote>'
        "<p>Dernier<br>sur deux lignes.</p>"
        '<blockquote class="pull-quote"><p>“Guillemets anglais”</p></blockquote>'
    )
    assert render_long_text("") == ""
    assert render_long_text(" \n ") == ""


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("- Santé\n- Logement temporaire", "<ul><li>Santé</li><li>Logement temporaire</li></ul>"),
        (
            "• Protection\n• Traite des personnes  ",
            "<ul><li>Protection</li><li>Traite des personnes</li></ul>",
        ),
        ("Domaines :\n- Santé\n- Logement", "<p>Domaines :</p><ul><li>Santé</li><li>Logement</li></ul>"),
        ("- Un seul élément", "<ul><li>Un seul élément</li></ul>"),
        ("Une phrase - avec un tiret.", "<p>Une phrase - avec un tiret.</p>"),
        ("-5 degrés", "<p>-5 degrés</p>"),
        # Markdown: a line under an item continues it (it was a paragraph of plain lines).
        (
            "- Une ligne de liste\nsuivie d'une ligne de texte",
            "<ul><li>Une ligne de liste<br>suivie d'une ligne de texte</li></ul>",
        ),
        ("1. Un\n2. Deux", "<ol><li>Un</li><li>Deux</li></ol>"),
    ],
)
def test_lists_are_markdown_lists(text, html):
    assert render_long_text(text) == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Un *mot* et des **mots**.", "<p>Un <em>mot</em> et des <strong>mots</strong>.</p>"),
        (
            "Voir [le site](https://haiti.iom.int).",
            '<p>Voir <a href="https://haiti.iom.int" rel="noopener noreferrer">le site</a>.</p>',
        ),
        ("### Résultats", "<h3>Résultats</h3>"),
        ("# Titre", "<h3>Titre</h3>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<img src="x" onerror="alert(1)">', '<p>&lt;img src="x" onerror="alert(1)"&gt;</p>'),
        ("[piège](javascript:alert(1))", "<p>[piège](javascript:alert(1))</p>"),
        (
            "![image](https://example.org/a.png)",
            '<p>!<a href="https://example.org/a.png" rel="noopener noreferrer">image</a></p>',
        ),
        ("> citation", "<p>&gt; citation</p>"),
        ("    indenté", "<p>indenté</p>"),
        ("Titre\n---", "<p>Titre<br>---</p>"),
    ],
)
def test_only_links_emphasis_lists_and_headings_from_level_3_are_kept(text, html):
    assert render_long_text(text) == html


def test_french_spacing_and_language_apply_to_each_block():
    html = render_long_text(
        "Domaines : santé\n- logement ; abris", lang="fr", typography=lambda t: t.replace(" :", NBSP + ":")
    )

    assert html == f'<p lang="fr">Domaines{NBSP}: santé</p><ul lang="fr"><li>logement ; abris</li></ul>'


@pytest.mark.django_db
def test_a_project_description_in_markdown_shows_its_emphasis_link_and_list(client):
    project = make_project(
        description="Un *mot* et [le site](https://haiti.iom.int).\n\nDomaines :\n- Santé\n- Abris"
    )

    html = client.get(project.get_absolute_url()).content.decode()

    assert (
        '<p>Un <em>mot</em> et <a href="https://haiti.iom.int" rel="noopener noreferrer">le site</a>.</p>'
        in html
    )
    assert f"<p>Domaines{NBSP}:</p><ul><li>Santé</li><li>Abris</li></ul>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["admin:projects_project_add", "admin:news_newsrelease_add", "admin:core_page_add"]
)
def test_the_admin_says_what_a_long_text_may_hold(client, url):
    client.force_login(make_superuser())

    html = client.get(reverse(url)).content.decode()

    assert "En Markdown : paragraphes séparés par une ligne vide" in html
    assert "intertitre : « ### Intertitre »" in html


@pytest.mark.django_db
def test_a_long_text_is_rendered_once_and_an_edit_shows_at_once(client, monkeypatch):
    calls = []
    clean = nh3.clean
    monkeypatch.setattr(nh3, "clean", lambda html, **kw: calls.append(html) or clean(html, **kw))
    render_long_text.cache_clear()
    project = make_project(description="Une aide **rapide** : des kits pour 1 200 familles.")

    url = project.get_absolute_url()
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    english = client.get(f"/en{url}").content.decode()

    expected = f"<p>Une aide <strong>rapide</strong>{NBSP}: des kits pour 1 200 familles.</p>"
    assert expected in first and again == first
    assert expected.replace("<p>", '<p lang="fr">') in english
    assert len(calls) == 2  # once per language

    project.description = "Un texte *revu*."
    project.save()
    assert "<p>Un texte <em>revu</em>.</p>" in client.get(url).content.decode()
