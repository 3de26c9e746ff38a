-- The SQL statements of one bet, as the app sends them: lock the wallet,
-- insert the bet, insert the ledger row, update the balance, store the answer.
\set r random(1, 9000000000000000000)
BEGIN;
SELECT id, player_id, currency, balance, last_sequence FROM wallet_wallet WHERE id = :wid FOR NO KEY UPDATE OF wallet_wallet;
INSERT INTO wallet_bet (provider, reference, wallet_id, round_id, game, amount, is_free, bonus_code, status, payout, resolved_by, created_at, resolved_at) VALUES ('hypetech', 'pgb-' || :r, :wid, 'r', 'aviador', 1.00, false, '', 'open', 0, '', now(), NULL);
INSERT INTO wallet_transaction (wallet_id, sequence, kind, currency, amount, balance_after, provider, external_reference, bet_id, reason, flagged, created_at) SELECT id, last_sequence + 1, 'bet', currency, -1.00, balance - 1.00, 'hypetech', 'pgb-' || :r, currval('wallet_bet_id_seq'), '', false, now() FROM wallet_wallet WHERE id = :wid;
UPDATE wallet_wallet SET balance = balance - 1.00, last_sequence = last_sequence + 1, updated_at = now() WHERE id = :wid;
INSERT INTO wallet_providercall (provider, operation, idempotency_key, definitive, reference, fingerprint, session_token, amount, operator_tx_id, player_id, bet_id, ticket_id, transaction_id, outcome, error_code, request_body, response_status, response_body, created_at) VALUES ('hypetech', 'bet', 'pgb-' || :r, true, 'pgb-' || :r, md5(:r::text), 's', 1.00, md5('o' || :r), NULL, currval('wallet_bet_id_seq'), NULL, currval('wallet_transaction_id_seq'), 'accepted', '', '{"user_id":"bench","currency":"USD","amount":"1.00","provider_tx_id":"x"}', 200, '{"operator_tx_id":"x","new_balance":"1.00","old_balance":"2.00"}', now());
END;
