-- Who is packing which order. One row per order being packed; a released claim is deleted, and
-- a claim whose station stopped sending heartbeats is free once its lease has run out.
CREATE TABLE claims (
  account      text        NOT NULL,
  order_id     text        NOT NULL,
  station_id   text        NOT NULL,
  station_name text        NOT NULL,
  packer       text        NOT NULL,
  claimed_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, order_id)
);
CREATE INDEX claims_by_station ON claims (account, station_id);

-- Every package a station accepted, written under the order's claim before its upload is
-- queued: stations check it so no line is shipped twice while uploads are still on their way.
CREATE TABLE packed_lines (
  id              bigserial   PRIMARY KEY,
  account         text        NOT NULL,
  order_id        text        NOT NULL,
  line_id         text        NOT NULL,
  quantity        integer     NOT NULL CHECK (quantity > 0),
  station_id      text        NOT NULL,
  tracking_number text        NOT NULL,
  packed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX packed_lines_by_order ON packed_lines (account, order_id);
