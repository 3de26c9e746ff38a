import csv
import io
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from wallet.roles import SUPPORT
from wallet.services import wallet_adjust

pytestmark = pytest.mark.django_db


def _rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_streams_the_filtered_list(client, staff_member, make_wallet):
    usd = make_wallet(user_id="26", balance="100.00")
    make_wallet(user_id="27", currency="BRL", balance="50.00")
    wallet_adjust(wallet=usd, amount=Decimal("-12.34"), reason="fee")
    client.force_login(staff_member(SUPPORT))

    response = client.get(
        reverse("admin:wallet_transaction_export"), {"currency": "USD"}
    )

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv"
    rows = _rows(response)
    assert [
        (r["player"], r["kind"], r["amount"], r["balance_after"], r["reason"])
        for r in rows
    ] == [
        ("26", "adjustment", "100.00", "100.00", "test funding"),
        ("26", "adjustment", "-12.34", "87.66", "fee"),
    ]


def test_csv_export_applies_the_search(client, staff_member, make_wallet):
    make_wallet(user_id="26", balance="100.00")
    client.force_login(staff_member(SUPPORT))

    response = client.get(
        reverse("admin:wallet_transaction_export"), {"q": "no-such-reference"}
    )

    assert _rows(response) == []
