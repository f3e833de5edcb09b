from django.apps import AppConfig
from django.db.models.signals import pre_save


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Actualités"

    def ready(self):
        from news.models import NewsRelease, stamp_first_publication_of_raw_save

        pre_save.connect(
            stamp_first_publication_of_raw_save, sender=NewsRelease, dispatch_uid="release-first-publication"
        )
