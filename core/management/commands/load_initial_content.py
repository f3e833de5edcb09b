import json
from collections import defaultdict

import reversion
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

FIRST_LOAD_COMMENT = "Contenu initial (fixtures)"
RELOAD_COMMENT = "Contenu initial rechargé (fixtures)"


def fixture_files():
    return sorted((settings.SITE_FILES_DIR / "fixtures").glob("*.json"))


def _fixture_records(files):
    """The records of the fixture files, with the primary keys their natural keys have in the database."""
    for path in files:
        with open(path, encoding="utf-8") as stream:
            for item in serializers.deserialize("json", stream, handle_forward_references=True):
                yield item.object


def _fixture_models(files):
    labels = []
    for path in files:
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["model"] not in labels:
                labels.append(item["model"])
    return [apps.get_model(label) for label in labels]


# Named one by one in the summary of what exists; the other kinds are counted together.
MAIN_MODELS = ("projects.project", "news.newsrelease", "offices.fieldoffice", "core.page")


def existing_records(files):
    """The records already in the database, of the kinds the fixtures hold, in a few words."""
    counts = {model: model._default_manager.count() for model in _fixture_models(files)}
    parts = [
        f"{model._meta.verbose_name_plural} : {count}"
        for model, count in counts.items()
        if count and model._meta.label_lower in MAIN_MODELS
    ]
    others = sum(count for model, count in counts.items() if model._meta.label_lower not in MAIN_MODELS)
    if others:
        parts.append(f"autres : {others}")
    return ", ".join(parts)


def _save_revision_of_each(files, *, comment):
    """One revision per loaded record, as `createinitialrevisions` makes them: the admin restores a
    revision whole, so a revision holding every record would undo other records' edits too."""
    loaded = defaultdict(list)
    for record in _fixture_records(files):
        if reversion.is_registered(type(record)):
            loaded[type(record)].append(record.pk)
    for model, pks in loaded.items():
        for obj in model._default_manager.filter(pk__in=pks):
            with reversion.create_revision():
                reversion.set_comment(comment)
                reversion.add_to_revision(obj)


class Command(BaseCommand):
    help = (
        "Charge le contenu initial du portail (fixtures/*.json) et en garde une première révision. "
        "Si la base contient déjà des enregistrements, recharger remplace les modifications faites "
        "depuis dans l'admin sur les enregistrements des fixtures : la commande demande confirmation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne charge que dans une base sans contenu, sinon ne fait rien (le démarrage : make run, "
            "make serve).",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Ne pose aucune question : refuse de charger si des enregistrements existent, sauf avec "
            "--replace.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remplace sans confirmation les enregistrements existants par le contenu initial.",
        )

    def handle(self, *args, if_empty, interactive, replace, **options):
        files = fixture_files()
        if not files:
            raise CommandError("Aucun fichier de contenu initial dans fixtures/.")
        existing = existing_records(files)
        if existing:
            if if_empty:
                self.stdout.write(
                    f"La base contient déjà du contenu ({existing}) : le contenu initial n'est pas rechargé "
                    "(make load-initial-content le recharge)."
                )
                return
            if not replace:
                warning = (
                    f"Des enregistrements existent ({existing}). Recharger le contenu initial remplace les "
                    "modifications faites dans l'admin sur les enregistrements des fixtures."
                )
                if not interactive:
                    raise CommandError(f"{warning} Rien n'est chargé ; --replace confirme le remplacement.")
                answer = input(f"{warning} Continuer ? [o/N] ")
                if answer.strip().lower() not in {"o", "oui"}:
                    self.stdout.write("Rien n'est chargé.")
                    return
        with transaction.atomic():
            call_command("loaddata", *files, verbosity=options["verbosity"], stdout=self.stdout)
            _save_revision_of_each(files, comment=RELOAD_COMMENT if existing else FIRST_LOAD_COMMENT)
