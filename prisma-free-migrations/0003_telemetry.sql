-- Telemetry, the hot path: every batch a robot sends, deduplicated by (robot, seq), stored as packed,
-- compressed rows per batch, channel and session, in daily partitions dropped after the retention.

-- One row per stored batch: the (robot, seq) a resend is recognised by. Partitioned by arrival day
-- like the samples, so deduplication keys age out with the data they guard.
CREATE TABLE telemetry_batches (
  robot_id uuid NOT NULL,
  seq bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  sample_count integer NOT NULL,
  CONSTRAINT telemetry_batches_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT telemetry_batches_seq_check CHECK (seq >= 0),
  CONSTRAINT telemetry_batches_sample_count_check CHECK (sample_count BETWEEN 1 AND 1000)
) PARTITION BY RANGE (received_at);

-- The samples of one batch, one channel and one session, packed: `payload` is raw DEFLATE of the
-- JSON array [[ts - first_ts (ms), data], ...] in time order. A row per sample as jsonb costs about
-- 680 bytes for a 12-joint joint_state; packed and compressed it costs under 100.
CREATE TABLE telemetry_packets (
  robot_id uuid NOT NULL,
  seq bigint NOT NULL,
  part smallint NOT NULL,
  channel text NOT NULL,
  session_id uuid,
  first_ts timestamptz NOT NULL,
  last_ts timestamptz NOT NULL,
  sample_count integer NOT NULL,
  payload bytea NOT NULL,
  -- robot_id is guarded by telemetry_batches, written in the same statement.
  CONSTRAINT telemetry_packets_session_id_fkey FOREIGN KEY (session_id) REFERENCES training_sessions (id),
  CONSTRAINT telemetry_packets_span_check CHECK (last_ts >= first_ts),
  CONSTRAINT telemetry_packets_sample_count_check CHECK (sample_count BETWEEN 1 AND 1000)
) PARTITION BY RANGE (first_ts);
CREATE INDEX telemetry_packets_session_idx ON telemetry_packets (session_id, first_ts) WHERE session_id IS NOT NULL;
CREATE INDEX telemetry_packets_robot_idx ON telemetry_packets (robot_id, first_ts);

-- Rows outside every daily partition (a robot clock far in the past) land here; the retention job
-- deletes from it what is older than the retention.
CREATE TABLE telemetry_batches_default PARTITION OF telemetry_batches DEFAULT;
CREATE UNIQUE INDEX telemetry_batches_default_robot_seq_key ON telemetry_batches_default (robot_id, seq);
CREATE TABLE telemetry_packets_default PARTITION OF telemetry_packets DEFAULT;

-- Creates the daily (UTC) partitions from `from_day` for `days` days (idempotent). Each batch partition
-- gets its own unique (robot_id, seq) index: a partitioned table's unique keys must include the
-- partition key, so same-day resends are caught here and older ones by a lookup at insert.
CREATE FUNCTION telemetry_ensure_partitions(from_day date, days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  day date;
  created integer := 0;
  suffix text;
BEGIN
  FOR i IN 0 .. days - 1 LOOP
    day := from_day + i;
    suffix := to_char(day, 'YYYYMMDD');
    IF to_regclass('telemetry_batches_p' || suffix) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF telemetry_batches FOR VALUES FROM (%L) TO (%L)',
        'telemetry_batches_p' || suffix, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
      EXECUTE format('CREATE UNIQUE INDEX %I ON %I (robot_id, seq)',
        'telemetry_batches_p' || suffix || '_robot_seq_key', 'telemetry_batches_p' || suffix);
      created := created + 1;
    END IF;
    IF to_regclass('telemetry_packets_p' || suffix) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF telemetry_packets FOR VALUES FROM (%L) TO (%L)',
        'telemetry_packets_p' || suffix, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
$$;

-- Drops the daily partitions that end before `before_day`, and clears old rows from the defaults.
CREATE FUNCTION telemetry_drop_partitions(before_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  partition record;
  dropped integer := 0;
BEGIN
  FOR partition IN
    SELECT c.relname FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname IN ('telemetry_batches', 'telemetry_packets')
       AND c.relname ~ '_p[0-9]{8}$'
       AND to_date(right(c.relname, 8), 'YYYYMMDD') < before_day
  LOOP
    EXECUTE format('DROP TABLE %I', partition.relname);
    dropped := dropped + 1;
  END LOOP;
  DELETE FROM telemetry_batches_default WHERE received_at < before_day::timestamp AT TIME ZONE 'UTC';
  DELETE FROM telemetry_packets_default WHERE first_ts < before_day::timestamp AT TIME ZONE 'UTC';
  RETURN dropped;
END
$$;

-- Partitions are UTC days; the maintenance job keeps the coming days in place.
SELECT telemetry_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 1, 4);
