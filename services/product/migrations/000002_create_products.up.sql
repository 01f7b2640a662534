-- The catalogue. Prices are exact minor units (cents); ids are UUIDv7 so inserts land at the
-- right edge of the primary key. Listings are newest first on (created_at, id), with or without
-- a category, and each has an index that serves it in order.
CREATE TABLE products (
  id            uuid        PRIMARY KEY,
  name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description   text        NOT NULL DEFAULT '',
  price_minor   bigint      NOT NULL CHECK (price_minor >= 0),
  currency_code char(3)     NOT NULL CHECK (currency_code ~ '^[A-Z]{3}$'),
  category      text        NOT NULL CHECK (char_length(category) BETWEEN 1 AND 50),
  image_url     text        CHECK (char_length(image_url) <= 2048),
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC);
CREATE INDEX products_category_newest_idx ON products (category, created_at DESC, id DESC);
