from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from core.importer.parse import ParseError, decode, parse_editorial_page, parse_page
from core.importer.write import editorial_page_import, page_import


class Command(BaseCommand):
    help = (
        "Importe des pages du site de l'OIM enregistrées en texte : fiches de projet et communiqués de presse, "
        "et, avec --page, le texte d'une page éditoriale comme la présentation du pays. "
        "Chaque fichier est importé en entier ou pas du tout ; réimporter un fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", metavar="FICHIER", help="Fiches de projet et communiqués, en texte UTF-8."
        )
        parser.add_argument(
            "--page",
            nargs=2,
            action="append",
            default=[],
            metavar=("SLUG", "FICHIER"),
            help="Remplit le chapeau, le texte et les sections de la page SLUG (qui doit exister) "
            "avec le texte FICHIER ; répétable. Exemple : --page a-propos presentation.txt",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui changerait, sans rien écrire."
        )

    def handle(self, *args, files, page, dry_run, **options):
        if not files and not page:
            raise CommandError("indiquez au moins un fichier, ou --page SLUG FICHIER")
        imports = [(name, parse_page, page_import) for name in files] + [
            (name, parse_editorial_page, partial(editorial_page_import, slug=slug)) for slug, name in page
        ]
        failed = []
        for name, parse, write in imports:
            try:
                self.import_file(Path(name), parse=parse, write=write, dry_run=dry_run)
            except (OSError, ParseError, ValidationError, DatabaseError) as error:
                failed.append(name)
                self.stderr.write(f"{name} : non importé, rien n'a été écrit : {_reason(error)}")
        if failed:
            raise CommandError(
                f"{len(failed)} fichier(s) sur {len(imports)} non importé(s) : {', '.join(failed)}"
            )

    def import_file(self, path, *, parse, write, dry_run):
        parsed = parse(decode(path.read_bytes()))
        for warning in parsed.warnings:
            self.stderr.write(f"{path} : attention : {warning}")
        with transaction.atomic():
            outcome = write(parsed=parsed)
            if dry_run:
                transaction.set_rollback(True)
        if outcome.created:
            state = "serait créé" if dry_run else "créé"
        elif outcome.changes:
            state = "serait modifié" if dry_run else "modifié"
        else:
            state = "inchangé"
        if outcome.feminine:  # "la page … modifiée"
            state += "e"
        details = f" ({'; '.join(outcome.changes)})" if outcome.changes and not outcome.created else ""
        self.stdout.write(f"{path} : {outcome.label} {state}{details}")


def _reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
