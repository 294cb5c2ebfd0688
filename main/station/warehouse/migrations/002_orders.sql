-- The account's orders as the sync leader last read them from FeedAMP. `seq` grows with every
-- write, so a station asks only for what changed since the highest seq it has.
CREATE SEQUENCE orders_seq;
CREATE TABLE orders (
  account    text        NOT NULL,
  order_id   text        NOT NULL,
  body       jsonb       NOT NULL,
  seq        bigint      NOT NULL DEFAULT nextval('orders_seq'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, order_id)
);
CREATE INDEX orders_by_seq ON orders (account, seq);

-- Where the leader's FeedAMP sync stands, so a new leader continues instead of starting over.
CREATE TABLE sync_state (
  account    text        PRIMARY KEY,
  state      jsonb       NOT NULL,
  leader     text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
