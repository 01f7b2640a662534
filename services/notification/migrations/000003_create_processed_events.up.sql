-- Events already turned into notifications (or deliberately into none), recorded in the same
-- transaction, so a redelivered event changes nothing.
CREATE TABLE processed_events (
  event_id     uuid        PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT now()
);
