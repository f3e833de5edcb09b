"""Amounts as IOM pages write them: "78350.00", "1,6 million de dollars", "200 000 dollars E.-U."."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class AmountError(ValueError):
    pass


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    as_stated: str
    # The number as written, without its currency ("2,4 milliards"), and the word before it.
    number_as_stated: str = ""
    qualifier: str = ""


_SPACES = "[ \u00a0\u202f]"
_NUMBER = rf"\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_MULTIPLIERS = {"million": Decimal(10) ** 6, "milliard": Decimal(10) ** 9}

# Qualifiers after "dollars"; a bare "dollars" is taken as US dollars, IOM's reporting currency.
_CURRENCY_WORDS = [
    (r"dollars?\s+canadiens?|dollars?\s+CA\b|\$\s*CA\b", "CAD"),
    (
        r"dollars?\s+(?:am[ée]ricains?|des\s+[ÉE]tats-Unis|[ÉE]\.-U\.|US\b)|dollars?\b|\$\s*US\b|USD\b",
        "USD",
    ),
    (r"euros?\b|EUR\b|€", "EUR"),
    (r"gourdes?\b|HTG\b", "HTG"),
    (r"francs?\s+suisses?|CHF\b", "CHF"),
]
_CURRENCY = "|".join(f"(?P<{code}{index}>{pattern})" for index, (pattern, code) in enumerate(_CURRENCY_WORDS))

AMOUNT_PATTERN = re.compile(
    rf"(?P<number>{_NUMBER})(?:{_SPACES}+(?P<multiplier>millions?|milliards?))?"
    rf"{_SPACES}+(?:d[e’']{_SPACES}*)?(?:{_CURRENCY})"
)


# Words a text puts before an approximate amount: "quelque 2,4 milliards de dollars".
_QUALIFIER = re.compile(
    rf"(?:^|(?<=\s))(?P<qualifier>quelque|environ|près de|plus de|au moins|non moins de){_SPACES}+$",
    re.IGNORECASE,
)


def parse_number(text):
    """A number written the French way ("1,6", "200 000") or the English way ("78350.00")."""
    cleaned = re.sub(_SPACES, "", text.strip())
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", cleaned):
        raise AmountError(f"« {text.strip()} » n'est pas un nombre")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise AmountError(f"« {text.strip()} » n'est pas un nombre") from error


def _amount_from_match(match):
    value = parse_number(match["number"])
    if match["multiplier"]:
        value *= _MULTIPLIERS[match["multiplier"].rstrip("s")]
    currency = next(
        code
        for index, (_pattern, code) in enumerate(_CURRENCY_WORDS)
        if match.group(f"{code}{index}") is not None
    )
    number = match["number"] + (f" {match['multiplier']}" if match["multiplier"] else "")
    qualifier = _QUALIFIER.search(match.string[: match.start()])
    return Amount(
        value=value.quantize(Decimal("0.01")),
        currency=currency,
        as_stated=match.group(0),
        number_as_stated=number,
        qualifier=qualifier["qualifier"].lower() if qualifier else "",
    )


def parse_amount(text):
    """Exactly one amount with its currency, e.g. "3 millions de dollars canadiens"."""
    match = AMOUNT_PATTERN.fullmatch(text.strip())
    if match is None:
        raise AmountError(f"« {text.strip()} » n'est pas un montant reconnu")
    return _amount_from_match(match)


def find_amounts(text):
    """Every amount with a currency in a paragraph, in reading order."""
    return [_amount_from_match(match) for match in AMOUNT_PATTERN.finditer(text)]
