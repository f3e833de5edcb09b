"""Phone numbers, read by `phonenumbers`: validated when staff save them, linked as E.164 `tel:` URIs.

The pages show a number as it was written ("+509 3245 5153", as IOM writes Haitian numbers;
phonenumbers would group it "+509 32 45 5153"), so only the link is rewritten.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# A number written without its country code is a Haitian one.
DEFAULT_REGION = "HT"


def parse_phone(text):
    """The number `text` writes, or None when it is not a valid phone number."""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_as_written(text):
    """The number as written, with its spaces collapsed and none after the + ("+ 509" → "+509")."""
    written = " ".join(text.split())
    return "+" + written[1:].lstrip() if written.startswith("+") else written


def tel_uri(text):
    """The number in E.164 for a tel: link ("+50932455153"), or "" when it is not a valid number."""
    number = parse_phone(text or "")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else ""


def validate_phone(value):
    if value and parse_phone(value) is None:
        raise ValidationError(
            "Ce numéro de téléphone n'est pas valide : écrivez-le avec l'indicatif du pays, "
            "par exemple +509 3245 5153.",
            code="invalid_phone",
        )


def phone_field():
    """A phone number of a record: checked when staff save it."""
    return models.CharField(
        _("téléphone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="Avec l'indicatif du pays : +509 3245 5153.",
    )
