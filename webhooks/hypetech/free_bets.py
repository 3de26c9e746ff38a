"""Granting Hypetech free bets to a player, recorded and audited."""

from decimal import Decimal

from wallet.currencies import amount_fits_currency
from wallet.exceptions import InvalidAmountError
from wallet.services.backoffice import audit_record
from webhooks.http_client import ProviderApiError
from webhooks.hypetech.client import HypetechClient
from webhooks.models import FreeBetGrant


def free_bets_grant(
    *,
    player,
    game_slug: str,
    quantity: int,
    value: Decimal,
    currency: str,
    expires_at,
    staff_user,
    bonus_code: str = "",
    max_multiplier=None,
    ip_address=None,
    client: HypetechClient | None = None,
) -> FreeBetGrant:
    """Ask Hypetech to grant free bets; record the outcome, failures included.

    Hypetech documents no idempotency key for this call, so it is never retried
    automatically: a failed grant is recorded (status failed, with Hypetech's
    answer) for a human to redo.
    """
    if not amount_fits_currency(value, currency) or value <= 0:
        raise InvalidAmountError(f"{value} is not a valid {currency} amount")
    fields = {
        "player": player,
        "game_slug": game_slug,
        "quantity": quantity,
        "value": value,
        "currency": currency,
        "expires_at": expires_at,
        "bonus_code": bonus_code,
        "max_multiplier": max_multiplier,
        "staff_user": staff_user,
    }
    status = FreeBetGrant.Status.GRANTED
    try:
        message = (client or HypetechClient()).free_bets_grant(
            game_slug=game_slug,
            user_id=player.user_id,
            quantity=quantity,
            value=value,
            currency=currency,
            expires_at=expires_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            bonus_code=bonus_code,
            max_multiplier=max_multiplier,
        )
    except ProviderApiError as error:
        status, message = FreeBetGrant.Status.FAILED, str(error)
    grant = FreeBetGrant.objects.create(
        status=status, provider_message=message, **fields
    )
    _audit(grant, ip_address)
    return grant


def _audit(grant: FreeBetGrant, ip_address) -> None:
    audit_record(
        actor=grant.staff_user,
        action="free_bets_grant",
        target=f"player:{grant.player.user_id}",
        after={
            "grant": grant.pk,
            "status": grant.status,
            "quantity": grant.quantity,
            "value": str(grant.value),
            "currency": grant.currency,
            "game": grant.game_slug,
        },
        ip_address=ip_address,
    )
