-- Local copies of other services' data, fed by Kafka (user-events, product-events), so order
-- updates and promotion fan-out are single statements and work while those services are down.
CREATE TABLE subscribers (
  id            uuid        PRIMARY KEY,
  name          text        NOT NULL,
  email         text        NOT NULL,
  order_updates boolean     NOT NULL,
  promotions    boolean     NOT NULL,
  categories    text[]      NOT NULL DEFAULT '{}',  -- empty: every category
  updated_at    timestamptz NOT NULL                -- the version: older events are ignored
);

CREATE TABLE products (
  id             uuid        PRIMARY KEY,
  name           text        NOT NULL,
  category       text        NOT NULL,
  price_amount   numeric     NOT NULL,
  currency_code  text        NOT NULL,
  created_at     timestamptz NOT NULL
);
CREATE INDEX products_created_idx ON products (created_at, id);
