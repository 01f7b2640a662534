-- The inbox. One row per notification a user sees. A promotion campaign's text is stored once
-- in `campaigns` (a later migration) and its recipient rows carry only campaign_id, so a
-- million-recipient fan-out writes narrow rows (BRIEF §8: 7 s narrow vs. 23–28 s wide per
-- million rows); title/body/data are NULL on such rows and read through the campaign.
CREATE TABLE notifications (
  id          uuid        PRIMARY KEY,  -- UUIDv7: inserts land at the right edge of the B-tree
  user_id     uuid        NOT NULL,
  type        smallint    NOT NULL CHECK (type BETWEEN 1 AND 3),  -- NotificationType of the proto
  title       text,
  body        text,
  data        jsonb,
  campaign_id uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  CONSTRAINT notifications_text_or_campaign CHECK (campaign_id IS NOT NULL OR title IS NOT NULL)
);
-- A user's inbox, newest first, keyset on (created_at, id).
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
-- "Unread for a user, newest first": only unread rows, so it stays small however big the
-- table grows.
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, created_at DESC, id DESC)
  WHERE read_at IS NULL;

-- Unread notifications per user, changed in the same transaction as every insert and every
-- read-marking, so UnreadCount is one primary-key read whatever the count.
CREATE TABLE unread_counters (
  user_id uuid   PRIMARY KEY,
  unread  bigint NOT NULL CHECK (unread >= 0)
);
