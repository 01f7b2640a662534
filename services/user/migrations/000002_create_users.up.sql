-- Accounts and their notification preferences. Emails are stored lower-cased (the service
-- normalizes them; the CHECK keeps it so), which makes the plain unique constraint
-- case-insensitive.
CREATE TABLE users (
  id            uuid        PRIMARY KEY,
  name          text        NOT NULL,
  email         text        NOT NULL CONSTRAINT users_email_lower_case CHECK (email = lower(email)),
  password_hash text        NOT NULL,
  order_updates boolean     NOT NULL DEFAULT true,
  promotions    boolean     NOT NULL DEFAULT true,
  categories    text[]      NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email)
);
