-- Orders, their lines and their status history. Money is exact minor units (cents) in the
-- order's one currency; a line keeps the product's name and unit price as they were when the
-- order was placed. Ids are UUIDv7 so inserts land at the right edge of the primary key.
CREATE TABLE orders (
  id            uuid        PRIMARY KEY,
  user_id       uuid        NOT NULL,
  status        text        NOT NULL
                CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  total_minor   bigint      NOT NULL CHECK (total_minor >= 0),
  currency_code char(3)     NOT NULL CHECK (currency_code ~ '^[A-Z]{3}$'),
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- ListOrdersByUser: one user's orders, newest first on (created_at, id).
CREATE INDEX orders_user_newest_idx ON orders (user_id, created_at DESC, id DESC);

CREATE TABLE order_items (
  order_id         uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no          integer NOT NULL CHECK (line_no >= 0),
  product_id       uuid    NOT NULL,
  product_name     text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_price_minor bigint  NOT NULL CHECK (unit_price_minor >= 0),
  line_total_minor bigint  NOT NULL CHECK (line_total_minor = unit_price_minor * quantity),
  PRIMARY KEY (order_id, line_no),
  UNIQUE (order_id, product_id)
);

-- Every status an order took, in order: from_status is NULL for the PENDING it was placed in.
CREATE TABLE order_status_history (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  from_status text,
  to_status   text        NOT NULL,
  at          timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id);
