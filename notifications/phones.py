import phonenumbers


def e164_normalise(msisdn: str, default_region: str = "") -> str | None:
    """The number in E.164 (``+260977223120``), or None if it is not a valid one.

    Numbers without ``+`` are read in ``default_region`` (ISO 3166 alpha-2), or
    with an implicit ``+`` when no region is configured.
    """
    text = msisdn.strip()
    region = default_region.upper() or None
    if region is None and text and not text.startswith("+"):
        text = "+" + text
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_mask(phone: str) -> str:
    """Enough of a number for staff to recognise it in logs: ``+2609****120``."""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:5] + "*" * (len(phone) - 8) + phone[-3:]
