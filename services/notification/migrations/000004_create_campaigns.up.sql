-- Promotion campaigns. The text is stored once here; each recipient gets a narrow notifications
-- row carrying campaign_id (see 000001).
CREATE TABLE campaigns (
  id              uuid        PRIMARY KEY,  -- UUIDv7
  title           text        NOT NULL,
  body            text        NOT NULL,
  category        text,                     -- NULL: every opted-in subscriber
  product_id      uuid,
  -- Created by the scheduler for a new product (at most one such campaign per product).
  scheduled       boolean     NOT NULL DEFAULT false,
  status          text        NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
  recipient_count bigint      NOT NULL DEFAULT 0,
  -- The last subscriber id the fan-out has done, advanced in each batch's transaction: a
  -- restarted fan-out continues after it.
  fanout_after    uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz
);
-- Campaigns to resume at start.
CREATE INDEX campaigns_unfinished_idx ON campaigns (created_at) WHERE status IN ('PENDING', 'RUNNING');
-- A product gets one scheduled campaign even if two scheduler runs both see it.
CREATE UNIQUE INDEX campaigns_scheduled_product_key ON campaigns (product_id) WHERE scheduled;

-- Nobody gets the same campaign twice, whatever retries or resumptions happen. Partial: the
-- other notifications pay nothing for it.
CREATE UNIQUE INDEX notifications_campaign_user_key ON notifications (campaign_id, user_id)
  WHERE campaign_id IS NOT NULL;

-- Which transaction added a product to this projection: the scheduler takes the products its
-- previous run's snapshot did not see, so a product committed late (or whose event arrived
-- late) is neither missed nor taken twice.
ALTER TABLE products ADD COLUMN added_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX products_added_xid_idx ON products (added_xid);

-- The scheduler's state, one row: the last cron time it ran for (so a second replica or a
-- repeated tick for the same time does nothing) and the snapshot that run read products with.
CREATE TABLE promotion_scheduler (
  singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  last_slot     timestamptz NOT NULL,
  products_seen pg_snapshot NOT NULL
);

-- UUIDv7 in SQL, for ids made by set-based inserts (PostgreSQL 15 has none built in): the
-- millisecond time over the first 48 bits of a random UUID, version nibble set to 7.
CREATE FUNCTION uuid_v7() RETURNS uuid AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
    substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
    FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$ LANGUAGE sql VOLATILE;
