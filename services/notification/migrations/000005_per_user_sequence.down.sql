DROP INDEX notifications_user_unread_seq_idx;
DROP INDEX notifications_user_seq_key;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, created_at DESC, id DESC)
  WHERE read_at IS NULL;
ALTER TABLE notifications DROP COLUMN seq;
ALTER TABLE unread_counters DROP COLUMN last_seq;
