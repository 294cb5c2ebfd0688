-- Each package's lines carry a key made by the station that packed it. A station replaying what
-- it packed while working alone (again, after a crash between writing it here and forgetting
-- it on the station) finds its lines already here, and they count once.
ALTER TABLE packed_lines ADD COLUMN package_key text;
CREATE UNIQUE INDEX packed_lines_once ON packed_lines (account, package_key, line_id)
  WHERE package_key IS NOT NULL;
