"""The transaction shape every provider call shares."""

import logging

from django.db import IntegrityError
from django.db import transaction as db_transaction

logger = logging.getLogger(__name__)


def atomic_retry_once(apply, *args, label: str):
    """``apply(*args)`` in one durable transaction, evaluated once more after a
    unique-key race.

    Two first deliveries that do not share a lock (another wallet, a new
    ticket) can collide on a unique key; the loser's transaction is rolled back
    whole and evaluated again, and then sees the winner's row.
    """
    try:
        with db_transaction.atomic(durable=True):
            return apply(*args)
    except IntegrityError:
        logger.info("%s: unique-key race, evaluating again", label)
    with db_transaction.atomic(durable=True):
        return apply(*args)
