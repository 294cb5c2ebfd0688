-- Cancellations queued by a station count like packages: the units a station cancelled cannot be
-- shipped by another before the cancellation reaches FeedAMP. Earlier rows are all shipments.
ALTER TABLE packed_lines ADD COLUMN kind text NOT NULL DEFAULT 'shipment'
  CHECK (kind IN ('shipment', 'cancellation'));
