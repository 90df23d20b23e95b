-- Packets of samples that share one shape (joint states, poses, battery readings) are now stored as
-- columns of exact decimal integers instead of deflated JSON: about a third of the bytes and of the
-- CPU. Old packets keep their format; the first byte of a payload tells which it is.
COMMENT ON COLUMN telemetry_packets.payload IS
  'The packet''s samples. First byte 0x06: columnar (libs/telemetry/src/storage/column-codec.ts); '
  '0x07: the same, raw-DEFLATEd; anything else (a DEFLATE block header, never 0x06 or 0x07): raw '
  'DEFLATE of the JSON array [[ts - first_ts (ms), data], ...] in time order.';
