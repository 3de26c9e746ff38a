"""Fill a benchmark database with a large, consistent ledger, fast, in SQL.

Every wallet starts with a staff credit of 1000, then alternates bets and
wins of Hypetech and Betstack over the last ``days`` days; balances, chains
and sequences satisfy the ledger invariants.
"""

from django.db import connection

PLAYERS_SQL = """
INSERT INTO wallet_player (user_id, display_name, status, lang, created_at, updated_at)
SELECT 'bench-' || g, 'Bench player ' || g, 'active', 'en', now(), now()
FROM generate_series(1, %(wallets)s) g
"""
WALLETS_SQL = """
INSERT INTO wallet_wallet (player_id, currency, balance, last_sequence, created_at,
                           updated_at)
SELECT id, CASE WHEN id %% 2 = 0 THEN 'USD' ELSE 'BRL' END, 0, 0, now(), now()
FROM wallet_player WHERE user_id LIKE 'bench-%%'
"""
ENTRIES_SQL = """
INSERT INTO wallet_transaction (wallet_id, sequence, kind, currency, amount,
    balance_after, provider, external_reference, reason, flagged, created_at)
SELECT wallet_id, s, kind, currency, amount,
       SUM(amount) OVER (PARTITION BY wallet_id ORDER BY s), provider,
       CASE WHEN s = 1 THEN NULL ELSE 'bench-' || wallet_id || '-' || s END,
       CASE WHEN s = 1 THEN 'benchmark funding' ELSE '' END, false,
       now() - make_interval(secs => %(span)s * (1 - s::float / %(per)s))
FROM (
    SELECT w.id AS wallet_id, w.currency, s,
           CASE WHEN s = 1 THEN 'adjustment' WHEN s %% 2 = 0 THEN 'bet' ELSE 'win' END
               AS kind,
           CASE WHEN s = 1 THEN 'staff' WHEN w.id %% 3 = 0 THEN 'betstack'
                ELSE 'hypetech' END AS provider,
           CASE WHEN s = 1 THEN 1000.00 WHEN s %% 2 = 0 THEN -((s %% 7) + 1)::numeric
                ELSE (s %% 5)::numeric + 0.50 END AS amount
    FROM wallet_wallet w CROSS JOIN generate_series(1, %(per)s) s
    WHERE w.player_id IN (SELECT id FROM wallet_player WHERE user_id LIKE 'bench-%%')
) entries
"""
BALANCES_SQL = """
UPDATE wallet_wallet w SET balance = t.total, last_sequence = t.n
FROM (SELECT wallet_id, SUM(amount) AS total, COUNT(*) AS n
      FROM wallet_transaction GROUP BY wallet_id) t
WHERE t.wallet_id = w.id AND w.last_sequence <> t.n
"""


def ledger_seed(*, rows: int = 1_000_000, wallets: int = 10_000, days: int = 30) -> int:
    """Seed once; return the number of ledger rows now present."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wallet_transaction")
        existing = cursor.fetchone()[0]
        if existing >= rows:
            return existing
        params = {"wallets": wallets, "per": rows // wallets, "span": days * 86400}
        for statement in (PLAYERS_SQL, WALLETS_SQL, ENTRIES_SQL, BALANCES_SQL):
            cursor.execute(statement, params)
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM wallet_transaction")
        return cursor.fetchone()[0]
