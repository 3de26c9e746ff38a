"""Hypetech callbacks: the adapter between Hypetech's calls and the wallet's
provider-call pipeline (docs/providers/hypetech.md).
"""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from operator_site.exceptions import ApplicationError
from wallet import selectors as wallet_selectors
from wallet import services as wallet_services
from wallet.exceptions import BetNotFoundError, CurrencyMismatchError
from wallet.lock_objects import LockedCall, wallet_lock_for_call
from wallet.models import Bet, Provider, ProviderCall
from wallet.services import InboundCall, Plan, provider_call_handle
from webhooks.exceptions import IdempotencyConflictError, InvalidSessionError
from webhooks.hypetech import protocol
from webhooks.hypetech.serializers import HypetechCall
from webhooks.models import HypetechSession

PROVIDER = Provider.HYPETECH


def _bet_find(wallet, call: HypetechCall) -> Bet | None:
    """The bet a win, loss or rollback refers to (docs/providers/hypetech.md,
    finding the bet).

    ``linked_tx_id`` when the call carries one; otherwise the call's own
    ``provider_tx_id`` (legacy calls reused the bet's id), then the one open
    bet of the player in ``round_id``. A bet of another wallet is reported,
    never touched.
    """
    if call.linked_tx_id:
        bet = wallet_selectors.bet_get(provider=PROVIDER, reference=call.linked_tx_id)
    else:
        bet = wallet_selectors.bet_get(provider=PROVIDER, reference=call.provider_tx_id)
        if bet is None and call.round_id:
            bet = wallet_selectors.bet_open_in_round(
                wallet=wallet, provider=PROVIDER, round_id=call.round_id
            )
    if bet is not None and bet.wallet_id != wallet.pk:
        if bet.wallet.player_id == wallet.player_id:
            raise CurrencyMismatchError(
                f"bet {bet.reference} is in {bet.wallet.currency}, not {call.currency}"
            )
        raise BetNotFoundError(
            f"bet {bet.reference} not found for this player", definitive=True
        )
    return bet


def _bet_of(plan: Plan, call: HypetechCall) -> Bet:
    """The bet, or a refusal the resend re-evaluates: it may not have arrived."""
    bet = _bet_find(plan.wallet, call)
    if bet is None:
        raise BetNotFoundError(f"no bet for {call.linked_tx_id or call.provider_tx_id}")
    return bet


def _bet(plan: Plan, locked: LockedCall, call: HypetechCall) -> None:
    wallet_services.bet_place(
        plan,
        provider=PROVIDER,
        reference=call.provider_tx_id,
        amount=call.amount,
        round_id=call.round_id,
        game=call.game,
        is_free=call.is_free,
        bonus_code=call.bonus_code,
        existing_status=locked.bet_status,
    )


def _win(plan: Plan, locked: LockedCall, call: HypetechCall) -> None:
    wallet_services.bet_win(
        plan, bet=_bet_of(plan, call), payout=call.amount, reference=call.provider_tx_id
    )


def _loss(plan: Plan, locked: LockedCall, call: HypetechCall) -> None:
    """Legacy loss hook: closes the bet as lost; already lost is fine."""
    bet = _bet_of(plan, call)
    plan.bet = bet
    if bet.status != Bet.Status.LOST:
        wallet_services.bet_win(
            plan, bet=bet, payout=Decimal(0), reference=call.provider_tx_id
        )


def _rollback(plan: Plan, locked: LockedCall, call: HypetechCall) -> None:
    """Refund an open bet; for a bet never seen, leave a tombstone and refuse."""
    bet = _bet_find(plan.wallet, call)
    if bet is not None:
        wallet_services.bet_rollback(
            plan, bet=bet, amount=call.amount, reference=call.provider_tx_id
        )
        return
    reference = call.linked_tx_id or call.provider_tx_id
    wallet_services.bet_tombstone(
        plan,
        provider=PROVIDER,
        reference=reference,
        amount=call.amount,
        round_id=call.round_id,
    )
    plan.refusal = BetNotFoundError(
        f"no bet {reference}; it will be refused if it arrives later",
        definitive=True,
    )


OPERATIONS = {"bet": _bet, "win": _win, "loss": _loss, "rollback": _rollback}


def _session_check(plan, call: HypetechCall, session, *, bind: bool) -> None:
    """Refuse a token of another player, or an expired one for a new bet.

    An unbound token is bound to this player on first sight (the session
    fallback of docs/providers/hypetech.md).
    """
    wallet = plan.wallet
    if session is None:
        if settings.HYPETECH_REQUIRE_KNOWN_SESSION and call.operation == "bet":
            raise InvalidSessionError("unknown session token")
        if bind:
            plan.create(
                HypetechSession(
                    token=call.session_token,
                    player=wallet.player,
                    currency=wallet.currency,
                    source=HypetechSession.Source.WEBHOOK,
                )
            )
        return
    if session.player_id != wallet.player_id:
        raise InvalidSessionError("the session token belongs to another player")
    expired = session.expires_at is not None and session.expires_at < timezone.now()
    if expired and call.operation in ("bet", "balance"):
        raise InvalidSessionError("the session has expired")


def _session_get(token: str) -> HypetechSession | None:
    return HypetechSession.objects.filter(token=token).first()


class HypetechAdapter:
    """One Hypetech money call, as the wallet's pipeline needs it."""

    def __init__(self, call: HypetechCall):
        self.call = call
        self.session = None

    def lock(self) -> LockedCall:
        """The session binding is read first, outside the wallet lock: a
        binding never changes once made, and the lock is held shorter."""
        call = self.call
        self.session = _session_get(call.session_token)
        return wallet_lock_for_call(
            user_id=call.user_id,
            currency=call.currency,
            provider=PROVIDER,
            operation=call.operation,
            key=call.provider_tx_id,
            bet_reference=call.provider_tx_id if call.operation == "bet" else None,
        )

    def decide(self, locked: LockedCall) -> Plan:
        call = self.call
        if locked.wallet is None:
            raise wallet_services.wallet_missing_error(
                user_id=call.user_id, currency=call.currency
            )
        plan = Plan(locked.wallet)
        _session_check(plan, call, self.session, bind=True)
        OPERATIONS[call.operation](plan, locked, call)
        return plan

    def success(self, plan: Plan, operator_tx_id: str) -> protocol.Reply:
        return protocol.success_reply(self.call, plan, operator_tx_id)

    def refusal(self, error: ApplicationError) -> protocol.Reply:
        return protocol.error_reply(error)

    def conflict(self, stored: ProviderCall) -> protocol.Reply:
        call = self.call
        return protocol.error_reply(
            IdempotencyConflictError(
                f"{call.operation} {call.provider_tx_id} was already received "
                "with another payload"
            )
        )


def callback_handle(*, call: HypetechCall, request_body: str) -> protocol.Reply:
    """Apply a bet, win, loss or rollback once, and answer it the same way forever."""
    inbound = InboundCall(
        provider=PROVIDER,
        operation=call.operation,
        key=call.provider_tx_id,
        fingerprint=call.fingerprint,
        request_body=request_body,
        reference=call.linked_tx_id or call.provider_tx_id,
        session_token=call.session_token,
        amount=call.amount,
    )
    return provider_call_handle(call=inbound, adapter=HypetechAdapter(call))


def balance_handle(*, call: HypetechCall) -> protocol.Reply:
    """Read the balance; no lock, no write."""
    wallet = wallet_selectors.wallet_get(user_id=call.user_id, currency=call.currency)
    try:
        if wallet is None:
            raise wallet_services.wallet_missing_error(
                user_id=call.user_id, currency=call.currency
            )
        _session_check(Plan(wallet), call, _session_get(call.session_token), bind=False)
    except ApplicationError as error:
        return protocol.error_reply(error)
    return protocol.balance_reply(call, wallet)
