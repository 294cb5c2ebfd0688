-- The account's returns as the sync leader last read them from FeedAMP, as for orders. A return
-- carries no change time, so a station's incremental read asks for the rows written since.
CREATE TABLE returns (
  account    text        NOT NULL,
  return_id  text        NOT NULL,
  body       jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, return_id)
);
CREATE INDEX returns_by_update ON returns (account, updated_at);

-- Where each kind's sync stands: the orders' and the returns' first syncs carry on apart.
ALTER TABLE sync_state ADD COLUMN kind text NOT NULL DEFAULT 'orders';
ALTER TABLE sync_state DROP CONSTRAINT sync_state_pkey;
ALTER TABLE sync_state ADD PRIMARY KEY (account, kind);
