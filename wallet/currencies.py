"""ISO 4217 minor-unit exponents of the currencies the operator accepts, and
the ledger's precision: max(ISO exponent, 2), so that every amount a provider
can send (Betstack's hundredths, even of UGX) is kept exactly
(docs/providers/betstack.md, currency precision)."""

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


def ledger_exponent(currency: str) -> int:
    """Decimals the ledger keeps for ``currency``: never fewer than two."""
    return max(currency_exponent(currency), 2)


def currency_quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_exponent(currency))


def amount_fits_currency(amount: Decimal, currency: str) -> bool:
    """True when the ledger holds `amount` exactly, without rounding."""
    return amount == amount.quantize(Decimal(1).scaleb(-ledger_exponent(currency)))


def amount_format(amount: Decimal, currency: str) -> str:
    """The amount with the currency's decimals ("2050.00"), or with the ledger's
    when it has more (1.50 UGX stays "1.50"): never rounded."""
    quantum = currency_quantum(currency)
    if amount != amount.quantize(quantum):
        quantum = Decimal(1).scaleb(-ledger_exponent(currency))
    return str(amount.quantize(quantum))
