"""ISO 4217 minor-unit exponents of the currencies the operator accepts."""

from decimal import Decimal

from wallet.exceptions import UnknownCurrencyError

EXPONENTS = {
    "BRL": 2,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "KES": 2,
    "ZMW": 2,
    "NGN": 2,
    "GHS": 2,
    "TZS": 2,
    "UGX": 0,
    "MXN": 2,
    "ARS": 2,
    "CLP": 0,
    "COP": 2,
    "PEN": 2,
    "JPY": 0,
    "KWD": 3,
    "BHD": 3,
}


def currency_exponent(currency: str) -> int:
    try:
        return EXPONENTS[currency]
    except KeyError:
        raise UnknownCurrencyError(f"unknown currency {currency!r}") from None


def currency_quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_exponent(currency))


def amount_fits_currency(amount: Decimal, currency: str) -> bool:
    """True when `amount` needs no rounding to the currency's minor unit."""
    return amount == amount.quantize(currency_quantum(currency))


def amount_format(amount: Decimal, currency: str) -> str:
    """The amount as a string with exactly the currency's decimals: "2050.00"."""
    return str(amount.quantize(currency_quantum(currency)))
