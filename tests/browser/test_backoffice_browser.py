"""Support and Finance staff using the back office in a real browser."""

import pytest
from django.test import Client

from tests.browser.conftest import login, screenshot
from tests.ledger import balance_of
from tests.webhooks.hypetech.conftest import HypetechSender
from wallet.models import Bet, Transaction
from wallet.roles import FINANCE, SUPPORT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bet_placed(make_wallet):
    wallet = make_wallet(user_id="26", balance="1000.00")
    HypetechSender(Client()).bet(amount=200)
    return wallet, Transaction.objects.get(kind="bet")


def test_support_finds_a_player_by_user_id_and_opens_a_transaction(
    page, staff_member, bet_placed
):
    _, entry = bet_placed
    staff_member(SUPPORT)
    login(page, "support")
    screenshot(page, "dashboard")

    page.goto("/admin/wallet/player/")
    page.fill("#searchbar", "26")
    page.press("#searchbar", "Enter")
    page.click("#result_list a:text-is('26')")
    page.click(f"a:text-is('{entry.pk}')")

    page.wait_for_selector("div.field-amount_display")
    assert "-200.00 USD" in page.inner_text("div.field-amount_display")
    assert "800.00 USD" in page.inner_text("div.field-balance_after_display")
    assert page.locator("#reverse-link").count() == 0


def test_support_does_not_see_the_reverse_action(page, staff_member, bet_placed):
    _, entry = bet_placed
    staff_member(SUPPORT)
    login(page, "support")

    page.goto(f"/admin/wallet/transaction/{entry.pk}/change/")
    reverse_page = page.goto(f"/admin/wallet/transaction/{entry.pk}/reverse/")

    assert page.locator("text=Reverse…").count() == 0
    assert reverse_page.status == 403


def test_finance_reverses_a_bet_and_sees_the_balance_change(
    page, staff_member, bet_placed
):
    wallet, entry = bet_placed
    staff_member(FINANCE)
    login(page, "finance")

    page.goto("/admin/wallet/transaction/")
    page.fill("#searchbar", Bet.objects.get().reference)
    page.press("#searchbar", "Enter")
    page.click(f"#result_list a:text-is('{entry.pk}')")
    page.click("#reverse-link")
    page.wait_for_selector("#confirm-reverse")
    assert "800.00 USD" in page.inner_text("#balance-now")
    assert "1000.00 USD" in page.inner_text("#balance-after")
    screenshot(page, "reverse_confirmation")
    page.fill("#id_reason", "Bet placed twice by the provider")
    page.click("#confirm-reverse")

    page.wait_for_selector("ul.messagelist")
    assert "reversed by" in page.inner_text("ul.messagelist")
    page.goto(f"/admin/wallet/player/{wallet.player_id}/change/")
    assert "1000.00 USD" in page.inner_text("td.field-balance_display")
    assert balance_of(wallet) == "1000.00"
