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
from wallet.models import Provider, Ticket, Transaction, Wallet

K = Transaction.Kind
STAKES = Sum("amount", filter=Q(kind=K.BET), default=Decimal(0))
REFUNDS = Sum("amount", filter=Q(kind__in=[K.ROLLBACK, K.REFUND]), default=Decimal(0))
WINS = Sum(
    "amount",
    filter=Q(kind__in=[K.WIN, K.VOID, K.SETTLEMENT_ROLLBACK]),
    default=Decimal(0),
)
PROVIDERS = [Provider.HYPETECH, Provider.BETSTACK]
CHART_WIDTH, CHART_HEIGHT = 600, 120


def _day_start(day) -> datetime:
    return datetime.combine(day, time.min, timezone.get_current_timezone())


def _today_rows(start):
    rows = (
        Transaction.objects.filter(created_at__gte=start, provider__in=PROVIDERS)
        .values("provider", "currency")
        .annotate(stakes=STAKES, refunds=REFUNDS, wins=WINS)
        .order_by("provider", "currency")
    )
    for row in rows:
        bets = -row["stakes"] - row["refunds"]
        currency = row["currency"]
        yield {
            "provider": row["provider"],
            "currency": currency,
            "bets": amount_format(bets, currency),
            "wins": amount_format(row["wins"], currency),
            "ggr": amount_format(bets - row["wins"], currency),
        }


def _chart(start, days: int) -> list[dict]:
    """Daily GGR per currency as SVG bars (up: the house won, down: it paid)."""
    rows = (
        Transaction.objects.filter(created_at__gte=start, provider__in=PROVIDERS)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "currency")
        .annotate(stakes=STAKES, refunds=REFUNDS, wins=WINS)
    )
    series = defaultdict(dict)
    for row in rows:
        series[row["currency"]][row["day"]] = (
            -row["stakes"] - row["refunds"] - row["wins"]
        )
    charts = []
    first = start.date()
    width = CHART_WIDTH / days
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
    return {
        "today": list(_today_rows(_day_start(today))),
        "charts": _chart(_day_start(today - timedelta(days=days - 1)), days),
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
