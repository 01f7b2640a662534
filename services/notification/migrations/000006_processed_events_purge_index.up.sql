-- The retention purge deletes the oldest idempotency rows in bounded batches
-- (PROCESSED_EVENTS_RETENTION): this index finds them without scanning the table. Rows arrive
-- in time order, so its inserts land at the right edge.
CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at);
