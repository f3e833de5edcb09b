from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """The synthetic catalogue of `make bench` and its seed_synthetic command: loaded by the settings
    in a checkout, left out of the installed package."""

    name = "synthetic"
