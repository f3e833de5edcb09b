"""Database constraints shared by the apps: integrity lives in PostgreSQL, not only in forms.

Each constraint also says, in French and next to the field at fault, what is wrong: Django's own
message for a failed constraint names it ("La contrainte « project_budget_non_negative » n'est pas
respectée"), which tells staff nothing.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q

MIN_YEAR = 1951  # IOM was founded in 1951: no project or funding year before it.
MAX_YEAR = 2100


class FieldCheckConstraint(models.CheckConstraint):
    """A CheckConstraint whose violation is reported on `field`, with its violation_error_message."""

    non_db_attrs = (*models.CheckConstraint.non_db_attrs, "field")

    def __init__(self, *, field, **kwargs):
        super().__init__(**kwargs)
        self.field = field

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "field": self.field}

    def __eq__(self, other):
        return super().__eq__(other) and self.field == getattr(other, "field", None)


class FieldUniqueConstraint(models.UniqueConstraint):
    """A UniqueConstraint reported on the last of its fields, naming the record that holds the value.

    Its violation_error_message may use %(other)s, that record as the admin names it.
    """

    def get_violation_error_message(self):
        # Django formats it with the constraint's name only; %(other)s is filled in validate().
        return self.violation_error_message

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError:
            other = holder_of_values(model, instance, self.fields, using=using)
            raise ValidationError(
                {
                    self.fields[-1]: ValidationError(
                        self.violation_error_message,
                        code=self.violation_error_code,
                        params={"other": str(other or "")},
                    )
                }
            ) from None


def holder_of_values(model, instance, names, *, using=DEFAULT_DB_ALIAS):
    """The other record that has the values of `names` that instance has, or None."""
    same_values = {name: getattr(instance, model._meta.get_field(name).attname) for name in names}
    others = model._default_manager.using(using).filter(**same_values)
    if not instance._state.adding:
        others = others.exclude(pk=instance.pk)
    return others.first()


class UniqueValueMessages:
    """For a model's `unique=True` fields: the message names the record that has the value.

    Django says "Un objet Projet avec ce champ Slug existe déjà.", which leaves staff to find it.
    """

    def unique_error_message(self, model_class, unique_check):
        other = holder_of_values(model_class, self, unique_check) if len(unique_check) == 1 else None
        if other is None:
            return super().unique_error_message(model_class, unique_check)
        label = model_class._meta.get_field(unique_check[0]).verbose_name
        return ValidationError(
            "Ce %(label)s est déjà celui de « %(other)s ».",
            code="unique",
            params={"label": label, "other": str(other)},
        )


def violated_constraint_message(error):
    """What a database error says in words staff read, never the name of the constraint it cites."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if name and constraint.name == name:
                if isinstance(constraint, FieldUniqueConstraint):
                    # The record that holds the value is not known here.
                    label = model._meta.get_field(constraint.fields[-1]).verbose_name
                    return f"« {label} » : cette valeur est déjà celle d'un autre enregistrement."
                return constraint.get_violation_error_message()
    return "La base de données refuse une valeur : déjà celle d'un autre enregistrement, trop longue ou hors des limites permises."


def choices_constraint(field, choices, *, name, allow_blank=False):
    """Restrict a TextChoices field to its values at the database level."""
    condition = Q(**{f"{field}__in": choices.values})
    if allow_blank:
        condition |= Q(**{field: ""})
    return FieldCheckConstraint(
        condition=condition,
        name=name,
        field=field,
        violation_error_code="invalid_choice",
        violation_error_message="Choisissez l'une des valeurs de la liste.",
    )


YEAR_RANGE_MESSAGE = f"L'année doit être comprise entre {MIN_YEAR} et {MAX_YEAR}."


def year_validators():
    """The bounds of year_range_constraint, for the forms (and the inputs' min and max)."""
    return [
        MinValueValidator(MIN_YEAR, message=YEAR_RANGE_MESSAGE),
        MaxValueValidator(MAX_YEAR, message=YEAR_RANGE_MESSAGE),
    ]


def year_range_constraint(field, *, name):
    return FieldCheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (MIN_YEAR, MAX_YEAR)}),
        name=name,
        field=field,
        violation_error_code="year_out_of_range",
        violation_error_message=YEAR_RANGE_MESSAGE,
    )


def non_negative_validator(message):
    """The bound of non_negative_constraint, for the forms (and the input's min="0")."""
    return MinValueValidator(0, message=message)


def non_negative_constraint(field, *, name, message):
    return FieldCheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=name,
        field=field,
        violation_error_code="negative",
        violation_error_message=message,
    )


def position_constraint(parent, *, name):
    """Rows of a list hold distinct places within their parent.

    Checked at commit (DEFERRABLE INITIALLY DEFERRED): rows that trade places, when staff reorder
    them or restore a revision in which they had another order, pass through a moment where two
    share a place. Forms still refuse two rows with the same place.
    """
    return FieldUniqueConstraint(
        fields=[parent, "position"],
        name=name,
        deferrable=models.Deferrable.DEFERRED,
        violation_error_code="position_taken",
        violation_error_message="Cette place est déjà celle de la ligne « %(other)s ».",
    )


# Deliberately simple: one "@", no spaces, a dot in the domain. Forms use Django's full validator.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def email_constraint(field, *, name):
    return FieldCheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__regex": EMAIL_PATTERN}),
        name=name,
        field=field,
        violation_error_code="invalid_email",
        violation_error_message="Saisissez une adresse électronique valide, par exemple nom@iom.int.",
    )
