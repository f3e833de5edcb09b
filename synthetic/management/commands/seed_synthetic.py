import time

from django.core.management.base import BaseCommand, CommandError

from core.cache import bump_content_version
from synthetic.catalogue import create_synthetic, remove_synthetic


class Command(BaseCommand):
    help = (
        "Crée des projets et des communiqués synthétiques publiés, pour les mesures de performance et "
        "les tests de charge (codes SYN-…, adresses synthetique-…). --remove les supprime tous, "
        "sans toucher au reste."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=0, metavar="N", help="Projets à ajouter.")
        parser.add_argument("--releases", type=int, default=0, metavar="M", help="Communiqués à ajouter.")
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="Graine du générateur : la même graine donne les mêmes données.",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Supprime toutes les données synthétiques, et seulement elles.",
        )

    def handle(self, *args, projects, releases, seed, remove, **options):
        started = time.perf_counter()
        if remove:
            if projects or releases:
                raise CommandError("--remove ne se combine pas avec --projects ni --releases.")
            deleted = remove_synthetic()
            bump_content_version()
            summary = ", ".join(f"{label} : {count}" for label, count in sorted(deleted.items()))
            self.stdout.write(f"Supprimés en {time.perf_counter() - started:.1f} s : {summary or 'rien'}.")
            return
        if projects < 0 or releases < 0:
            raise CommandError("--projects et --releases doivent être positifs.")
        if not projects and not releases:
            raise CommandError("Rien à créer : indiquez --projects et/ou --releases (ou --remove).")
        outcome = create_synthetic(projects=projects, releases=releases, seed=seed)
        # Bulk inserts send no signals: the cached figures must be told.
        bump_content_version()
        self.stdout.write(
            f"Créés en {time.perf_counter() - started:.1f} s : {outcome.projects} projets et "
            f"{outcome.releases} communiqués synthétiques."
        )
