-- Who packed each line, by name, so the Stats screen can show every station's day from here.
-- Rows written before this migration have no names; they show under their station id.
ALTER TABLE packed_lines ADD COLUMN station_name text;
ALTER TABLE packed_lines ADD COLUMN packer text;
CREATE INDEX packed_lines_by_time ON packed_lines (account, packed_at);
