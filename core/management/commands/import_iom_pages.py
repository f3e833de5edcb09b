from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from core.importer.parse import ParseError, decode, parse_page
from core.importer.write import page_import


class Command(BaseCommand):
    help = (
        "Importe des pages du site de l'OIM enregistrées en texte (fiches de projet, communiqués de presse). "
        "Chaque fichier est importé en entier ou pas du tout ; réimporter un fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FICHIER", help="Fichiers texte en UTF-8.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui changerait, sans rien écrire."
        )

    def handle(self, *args, files, dry_run, **options):
        failed = []
        for name in files:
            try:
                self.import_file(Path(name), dry_run=dry_run)
            except (OSError, ParseError, ValidationError, DatabaseError) as error:
                failed.append(name)
                self.stderr.write(f"{name} : non importé, rien n'a été écrit : {_reason(error)}")
        if failed:
            raise CommandError(
                f"{len(failed)} fichier(s) sur {len(files)} non importé(s) : {', '.join(failed)}"
            )

    def import_file(self, path, *, dry_run):
        parsed = parse_page(decode(path.read_bytes()))
        for warning in parsed.warnings:
            self.stderr.write(f"{path} : attention : {warning}")
        with transaction.atomic():
            outcome = page_import(parsed=parsed)
            if dry_run:
                transaction.set_rollback(True)
        if outcome.created:
            state = "serait créé" if dry_run else "créé"
        elif outcome.changes:
            state = "serait modifié" if dry_run else "modifié"
        else:
            state = "inchangé"
        details = f" ({'; '.join(outcome.changes)})" if outcome.changes and not outcome.created else ""
        self.stdout.write(f"{path} : {outcome.label} {state}{details}")


def _reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
