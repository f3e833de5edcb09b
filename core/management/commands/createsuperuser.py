import getpass
import sys

from django.conf import settings
from django.contrib.auth.management import get_default_username
from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.utils import translation
from django.utils.text import capfirst


class Command(createsuperuser.Command):
    """Django's createsuperuser, its questions in French.

    Django writes its questions and errors as English literals that no translation reaches, so
    the interactive part is asked here; `--no-input` (for scripts) is Django's own.
    """

    help = "Crée un compte administrateur (superutilisateur) ; les questions sont posées en français."

    def handle(self, *args, **options):
        if not options["interactive"]:
            return super().handle(*args, **options)
        translation.activate(settings.LANGUAGE_CODE)
        if hasattr(self.stdin, "isatty") and not self.stdin.isatty():
            self.stdout.write(
                "Aucun compte créé : la commande pose ses questions dans un terminal. Lancez "
                "`make superuser` dans un terminal, ou `manage.py createsuperuser --no-input` avec "
                "DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_EMAIL et DJANGO_SUPERUSER_PASSWORD."
            )
            return
        database = options["database"]
        try:
            user_data = {self.UserModel.USERNAME_FIELD: self._ask_username(options, database)}
            for field_name in self.UserModel.REQUIRED_FIELDS:
                field = self.UserModel._meta.get_field(field_name)
                value = options[field_name]
                user_data[field_name] = field.clean(value, None) if value is not None else None
                while user_data[field_name] is None:
                    user_data[field_name] = self.get_input_data(field, f"{capfirst(field.verbose_name)} : ")
            user_data["password"] = self._ask_password(self.UserModel(**user_data))
            self.UserModel._default_manager.db_manager(database).create_superuser(**user_data)
        except KeyboardInterrupt:
            self.stderr.write("\nOpération annulée : aucun compte créé.")
            sys.exit(1)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Compte administrateur « {user_data[self.UserModel.USERNAME_FIELD]} » créé.")

    def _ask_username(self, options, database):
        field = self.username_field
        name = capfirst(field.verbose_name)
        username = options[self.UserModel.USERNAME_FIELD]
        default = get_default_username(database=database)
        suggestion = f" (laisser vide pour « {default} »)" if default else ""
        while True:
            if username is None:
                username = self.get_input_data(field, f"{name}{suggestion} : ", default)
            elif username:
                username = self._clean(field, username)
            if username is None:
                continue
            if not username:
                self.stderr.write(f"Erreur : le champ « {field.verbose_name} » est obligatoire.")
            elif (
                self.UserModel._default_manager.db_manager(database).filter(**{field.name: username}).exists()
            ):
                self.stderr.write(f"Erreur : ce {field.verbose_name} est déjà pris.")
            else:
                return username
            username = None

    def _ask_password(self, user):
        while True:
            password = getpass.getpass("Mot de passe : ")
            if password != getpass.getpass("Mot de passe (confirmation) : "):
                self.stderr.write("Erreur : les deux mots de passe ne correspondent pas.")
            elif not password.strip():
                self.stderr.write("Erreur : le mot de passe ne peut pas être vide.")
            else:
                try:
                    validate_password(password, user)
                except exceptions.ValidationError as error:
                    self.stderr.write("\n".join(error.messages))
                else:
                    return password

    def get_input_data(self, field, message, default=None):
        raw_value = input(message)
        if default and raw_value == "":
            raw_value = default
        return self._clean(field, raw_value)

    def _clean(self, field, raw_value):
        try:
            return field.clean(raw_value, None)
        except exceptions.ValidationError as error:
            self.stderr.write("Erreur : " + " ; ".join(error.messages))
            return None
