-- A per-user sequence number on every notification, so a user's inbox is ordered by commit.
-- created_at is the inserting transaction's start: a notification whose transaction started
-- earlier but committed later than one a client has already seen would sort before it, and a
-- replay "after the last one seen" would miss it. The number is taken from the user's
-- unread_counters row, which every insert already updates (and so locks until its commit) in
-- the same statement: the next inserter for that user waits for that commit, so numbers follow
-- commit order.
ALTER TABLE unread_counters ADD COLUMN last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0);
ALTER TABLE notifications ADD COLUMN seq bigint;

-- Rows already stored: numbered per user in their former (created_at, id) order.
UPDATE notifications n SET seq = o.seq
FROM (SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at, id) AS seq
      FROM notifications) o
WHERE n.id = o.id;
INSERT INTO unread_counters (user_id, unread, last_seq)
SELECT user_id, count(*) FILTER (WHERE read_at IS NULL), max(seq) FROM notifications
GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET last_seq = excluded.last_seq;

ALTER TABLE notifications ALTER COLUMN seq SET NOT NULL;

-- A user's inbox and its unread part, both ways, keyset on seq (unique per user).
DROP INDEX notifications_user_idx;
DROP INDEX notifications_user_unread_idx;
CREATE UNIQUE INDEX notifications_user_seq_key ON notifications (user_id, seq);
CREATE INDEX notifications_user_unread_seq_idx ON notifications (user_id, seq)
  WHERE read_at IS NULL;
