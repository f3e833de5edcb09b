from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importer.run import import_text_file


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
            "--draft",
            action="store_true",
            help="Crée les nouveaux projets et communiqués en brouillon, à relire avant publication "
            "(par défaut ils sont publiés ; ceux qui existent gardent leur état).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui changerait, sans rien écrire."
        )

    def handle(self, *args, files, page, draft, dry_run, **options):
        if not files and not page:
            raise CommandError("indiquez au moins un fichier, ou --page SLUG FICHIER")
        failed = []
        for name, page_slug in [(name, None) for name in files] + [(name, slug) for slug, name in page]:
            try:
                data = Path(name).read_bytes()
            except OSError as error:
                report_text = error.strerror or str(error)
                failed.append(name)
                self.stderr.write(f"{name} : non importé, rien n'a été écrit : {report_text}")
                continue
            report = import_text_file(
                data, name=name, page_slug=page_slug, publish=not draft, dry_run=dry_run
            )
            for warning in report.warnings:
                self.stderr.write(f"{name} : attention : {warning}")
            if report.imported:
                self.stdout.write(f"{name} : {report.summary}")
            else:
                failed.append(name)
                self.stderr.write(f"{name} : non importé, rien n'a été écrit : {report.summary}")
        if failed:
            total = len(files) + len(page)
            raise CommandError(f"{len(failed)} fichier(s) sur {total} non importé(s) : {', '.join(failed)}")
