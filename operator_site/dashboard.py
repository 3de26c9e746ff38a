"""The figures on the admin index: today's money per provider and currency,
GGR over the last 30 days, and what needs a human."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from notifications.models import Notification
from wallet.currencies import amount_format
from wallet.models import (
    LedgerDayClosed,
    LedgerDayTotal,
    Provider,
    Ticket,
    Transaction,
    Wallet,
)

K = Transaction.Kind
TOTALS = {
    "stakes": Sum("amount", filter=Q(kind=K.BET), default=Decimal(0)),
    "refunds": Sum(
        "amount", filter=Q(kind__in=[K.ROLLBACK, K.REFUND]), default=Decimal(0)
    ),
    "wins": Sum(
        "amount",
        filter=Q(kind__in=[K.WIN, K.VOID, K.SETTLEMENT_ROLLBACK]),
        default=Decimal(0),
    ),
}
PROVIDERS = [Provider.HYPETECH, Provider.BETSTACK]
CLOSE_GRACE = timedelta(minutes=10)
CHART_WIDTH, CHART_HEIGHT = 600, 120


def _day_start(day) -> datetime:
    return datetime.combine(day, time.min, timezone.get_current_timezone())


def _ggr(row) -> Decimal:
    return -row["stakes"] - row["refunds"] - row["wins"]


def _live_rows(start, end=None):
    """Totals straight from the ledger, per day, provider and currency."""
    entries = Transaction.objects.filter(created_at__gte=start, provider__in=PROVIDERS)
    if end is not None:
        entries = entries.filter(created_at__lt=end)
    zone = timezone.get_current_timezone()
    return (
        entries.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day", "provider", "currency")
        .annotate(**TOTALS)
        .order_by("day", "provider", "currency")
    )


def _closed_days_fill(days: list) -> None:
    """Compute and keep the totals of closed days not stored yet."""
    zone = timezone.get_current_timezone_name()
    known = set(
        LedgerDayClosed.objects.filter(day__in=days, time_zone=zone).values_list(
            "day", flat=True
        )
    )
    missing = sorted(set(days) - known)
    if not missing:
        return
    rows = _live_rows(_day_start(missing[0]), _day_start(missing[-1] + timedelta(1)))
    LedgerDayTotal.objects.bulk_create(
        [
            LedgerDayTotal(time_zone=zone, **row)
            for row in rows
            if row["day"] in missing
        ],
        ignore_conflicts=True,
    )
    LedgerDayClosed.objects.bulk_create(
        [LedgerDayClosed(day=day, time_zone=zone) for day in missing],
        ignore_conflicts=True,
    )


def _daily_rows(first, today):
    """Closed days from the kept totals, the open ones live."""
    now = timezone.now()
    closed = [
        first + timedelta(n)
        for n in range((today - first).days)
        if _day_start(first + timedelta(n + 1)) + CLOSE_GRACE <= now
    ]
    _closed_days_fill(closed)
    kept = LedgerDayTotal.objects.filter(
        day__in=closed, time_zone=timezone.get_current_timezone_name()
    ).values("day", "provider", "currency", *TOTALS)
    open_from = closed[-1] + timedelta(1) if closed else first
    return [*kept, *_live_rows(_day_start(open_from))]


def _today(rows, today):
    for row in rows:
        if row["day"] != today:
            continue
        bets = -row["stakes"] - row["refunds"]
        currency = row["currency"]
        yield {
            "provider": row["provider"],
            "currency": currency,
            "bets": amount_format(bets, currency),
            "wins": amount_format(row["wins"], currency),
            "ggr": amount_format(bets - row["wins"], currency),
        }


def _charts(rows, first, days: int) -> list[dict]:
    """Daily GGR per currency as SVG bars (up: the house won, down: it paid)."""
    series = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        series[row["currency"]][row["day"]] += _ggr(row)
    charts, width = [], CHART_WIDTH / days
    for currency, by_day in sorted(series.items()):
        peak = max((abs(v) for v in by_day.values()), default=0) or 1
        bars = []
        for n in range(days):
            day = first + timedelta(days=n)
            value = by_day.get(day, Decimal(0))
            height = float(abs(value) / peak) * (CHART_HEIGHT / 2)
            y = CHART_HEIGHT / 2 - height if value >= 0 else CHART_HEIGHT / 2
            bars.append(
                {
                    "x": round(n * width, 1),
                    "y": round(y, 1),
                    "width": round(width - 2, 1),
                    "height": round(height, 1),
                    "positive": value >= 0,
                    "label": f"{day:%Y-%m-%d}: {amount_format(value, currency)}",
                }
            )
        charts.append(
            {
                "currency": currency,
                "bars": bars,
                "total": amount_format(sum(by_day.values()), currency),
            }
        )
    return charts


def dashboard_get(*, days: int = 30) -> dict:
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = _daily_rows(first, today)
    return {
        "today": list(_today(rows, today)),
        "charts": _charts(rows, first, days),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
        "days": days,
        "flagged": Transaction.objects.filter(flagged=True).count(),
        "failed_sms": Notification.objects.filter(
            status=Notification.Status.FAILED
        ).count(),
        "negative_wallets": Wallet.objects.filter(balance__lt=0).count(),
        "tickets_to_review": Ticket.objects.filter(needs_review=True).count(),
    }
