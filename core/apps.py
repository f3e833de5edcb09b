from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Référentiels"

    def ready(self):
        from core.cache import connect_invalidation

        connect_invalidation(self)
