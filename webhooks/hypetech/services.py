"""Hypetech callbacks: one durable, locked, idempotent transaction each.

Spec: ../shared/specs/hypetech.md §3 (validation rules), §5 (webhooks), §7.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from operator_site.exceptions import ApplicationError
from wallet import selectors as wallet_selectors
from wallet import services as wallet_services
from wallet.exceptions import (
    BetNotFoundError,
    CurrencyMismatchError,
    PlayerNotFoundError,
)
from wallet.models import Bet, Provider
from webhooks.exceptions import IdempotencyConflictError, InvalidSessionError
from webhooks.hypetech import protocol
from webhooks.hypetech.locking import wallet_lock_with_context
from webhooks.hypetech.serializers import HypetechCall
from webhooks.models import HypetechSession, InboundCallback
from webhooks.transactions import atomic_retry_once

PROVIDER = Provider.HYPETECH


def _bet_find(wallet, call: HypetechCall) -> Bet | None:
    """The bet a win, loss or rollback refers to (spec §7 item 3).

    ``linked_tx_id`` when the call carries one ([C]); otherwise the call's own
    ``provider_tx_id`` ([A] reused the bet's id), then the one open bet of the
    player in ``round_id``. A bet of another wallet is reported, never touched.
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
        raise BetNotFoundError(f"bet {bet.reference} not found for this player")
    return bet


def _bet(wallet, call: HypetechCall):
    return wallet_services.bet_place(
        wallet=wallet,
        provider=PROVIDER,
        reference=call.provider_tx_id,
        amount=call.amount,
        round_id=call.round_id,
        game=call.game,
        is_free=call.is_free,
        bonus_code=call.bonus_code,
        existing_status=wallet.bet_status,
    )


def _win(wallet, call: HypetechCall):
    bet = _bet_find(wallet, call)
    if bet is None:
        raise BetNotFoundError(f"no bet for {call.linked_tx_id or call.provider_tx_id}")
    return wallet_services.bet_win(
        wallet=wallet, bet=bet, payout=call.amount, reference=call.provider_tx_id
    )


def _loss(wallet, call: HypetechCall):
    """Legacy [A] loss hook: closes the bet as lost; already lost is fine."""
    bet = _bet_find(wallet, call)
    if bet is None:
        raise BetNotFoundError(f"no bet for {call.linked_tx_id or call.provider_tx_id}")
    if bet.status == Bet.Status.LOST:
        balance = wallet.balance
        return wallet_services.Movement(wallet, balance, balance, None, bet)
    return wallet_services.bet_win(
        wallet=wallet, bet=bet, payout=Decimal(0), reference=call.provider_tx_id
    )


def _rollback(wallet, call: HypetechCall):
    """Refund an open bet; for a bet never seen, leave a tombstone (spec §7 item 9)."""
    bet = _bet_find(wallet, call)
    if bet is None:
        reference = call.linked_tx_id or call.provider_tx_id
        wallet_services.bet_tombstone(
            wallet=wallet,
            provider=PROVIDER,
            reference=reference,
            amount=call.amount,
            round_id=call.round_id,
        )
        raise BetNotFoundError(
            f"no bet {reference}; it will be refused if it arrives later"
        )
    return wallet_services.bet_rollback(
        wallet=wallet, bet=bet, amount=call.amount, reference=call.provider_tx_id
    )


OPERATIONS = {"bet": _bet, "win": _win, "loss": _loss, "rollback": _rollback}


def _session_check(wallet, call: HypetechCall, binding, *, bind: bool) -> None:
    """Refuse a token of another player, or an expired one for a new bet.

    ``binding`` is the (player id, expiry) the token is bound to, or None; an
    unbound token is bound to this player on first sight (spec §5.6 fallback).
    """
    if binding is None:
        if settings.HYPETECH_REQUIRE_KNOWN_SESSION and call.operation == "bet":
            raise InvalidSessionError("unknown session token")
        if bind:
            HypetechSession.objects.create(
                token=call.session_token,
                player=wallet.player,
                currency=wallet.currency,
                source=HypetechSession.Source.WEBHOOK,
            )
        return
    player_id, expires_at = binding
    if player_id != wallet.player_id:
        raise InvalidSessionError("the session token belongs to another player")
    expired = expires_at is not None and expires_at < timezone.now()
    if expired and call.operation in ("bet", "balance"):
        raise InvalidSessionError("the session has expired")


def _wallet_lock_with_context(call: HypetechCall):
    return wallet_lock_with_context(
        provider=PROVIDER,
        operation=call.operation,
        tx_id=call.provider_tx_id,
        session_token=call.session_token,
        bet_reference=call.provider_tx_id if call.operation == "bet" else None,
        user_id=call.user_id,
        currency=call.currency,
    )


def _binding(wallet):
    if wallet.session_player is None:
        return None
    return wallet.session_player, wallet.session_expires


def _replay(stored: InboundCallback, call: HypetechCall) -> protocol.Reply:
    if stored.fingerprint != call.fingerprint:
        return protocol.error_reply(
            IdempotencyConflictError(
                f"{call.operation} {call.provider_tx_id} was already received "
                "with another payload"
            )
        )
    return protocol.Reply(
        stored.response_status, stored.response_body.encode(), stored.error_code
    )


def _callback_record(
    call, request_body, reply, operator_tx_id, *, player=None, movement=None
) -> None:
    InboundCallback.objects.create(
        provider=PROVIDER,
        operation=call.operation,
        external_id=call.provider_tx_id,
        fingerprint=call.fingerprint,
        session_token=call.session_token,
        amount=call.amount,
        operator_tx_id=operator_tx_id,
        player=player,
        bet=movement.bet if movement else None,
        transaction=movement.transaction if movement else None,
        outcome=InboundCallback.Outcome.REFUSED
        if reply.code
        else InboundCallback.Outcome.ACCEPTED,
        error_code=reply.code,
        request_body=request_body,
        response_status=reply.status,
        response_body=reply.body.decode(),
    )


def _callback_refuse(call: HypetechCall, request_body: str) -> protocol.Reply:
    """No wallet for (user_id, currency): replay, or store the refusal."""
    stored = InboundCallback.objects.filter(
        provider=PROVIDER, operation=call.operation, external_id=call.provider_tx_id
    ).first()
    if stored is not None:
        return _replay(stored, call)
    try:
        wallet_services.wallet_lock(user_id=call.user_id, currency=call.currency)
    except (PlayerNotFoundError, CurrencyMismatchError) as error:
        reply = protocol.error_reply(error)
    else:
        return _callback_apply(call, request_body)  # created meanwhile: apply it
    _callback_record(call, request_body, reply, uuid.uuid4().hex)
    return reply


def _callback_apply(call: HypetechCall, request_body: str) -> protocol.Reply:
    wallet = _wallet_lock_with_context(call)
    if wallet is None:
        return _callback_refuse(call, request_body)
    if wallet.stored_callback is not None:
        return _replay(InboundCallback.objects.get(pk=wallet.stored_callback), call)
    operator_tx_id = uuid.uuid4().hex
    movement = None
    try:
        _session_check(wallet, call, _binding(wallet), bind=True)
        movement = OPERATIONS[call.operation](wallet, call)
        reply = protocol.success_reply(call, movement, operator_tx_id)
    except ApplicationError as error:
        reply = protocol.error_reply(error)
    _callback_record(
        call,
        request_body,
        reply,
        operator_tx_id,
        player=wallet.player,
        movement=movement,
    )
    return reply


def callback_handle(*, call: HypetechCall, request_body: str) -> protocol.Reply:
    """Apply a bet, win, loss or rollback once, and answer it the same way forever.

    One durable transaction locks the wallet, replays a stored answer for a
    known (operation, provider_tx_id), or applies the operation and stores its
    answer, refusals included. A unique-key race with a request on another
    wallet rolls everything back and is evaluated again, and then replays.
    """
    return atomic_retry_once(
        _callback_apply,
        call,
        request_body,
        label=f"hypetech {call.operation} {call.provider_tx_id}",
    )


def balance_handle(*, call: HypetechCall) -> protocol.Reply:
    """Read the balance; no lock, no write (spec §7 item 27)."""
    wallet = wallet_selectors.wallet_get(user_id=call.user_id, currency=call.currency)
    try:
        if wallet is None:
            if wallet_selectors.player_get(user_id=call.user_id) is None:
                raise PlayerNotFoundError(f"player {call.user_id} not found")
            raise CurrencyMismatchError(
                f"player {call.user_id} has no {call.currency} wallet"
            )
        session = HypetechSession.objects.filter(token=call.session_token).first()
        binding = (session.player_id, session.expires_at) if session else None
        _session_check(wallet, call, binding, bind=False)
    except ApplicationError as error:
        return protocol.error_reply(error)
    return protocol.balance_reply(call, wallet)
