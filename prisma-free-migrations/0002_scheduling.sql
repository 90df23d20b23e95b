-- Booking scenario bays: training sessions that never double-book a bay or a robot.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A recurring booking: the rule that produced its sessions.
CREATE TABLE session_series (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  rrule text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT session_series_pkey PRIMARY KEY (id),
  CONSTRAINT session_series_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id)
);

CREATE TABLE training_sessions (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  bay_id uuid NOT NULL,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'scheduled',
  task_keys text[] NOT NULL DEFAULT '{}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  started_at timestamptz,
  ended_at timestamptz,
  series_id uuid,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT training_sessions_pkey PRIMARY KEY (id),
  CONSTRAINT training_sessions_bay_id_fkey FOREIGN KEY (bay_id) REFERENCES bays (id),
  CONSTRAINT training_sessions_series_id_fkey FOREIGN KEY (series_id) REFERENCES session_series (id),
  CONSTRAINT training_sessions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT training_sessions_kind_check CHECK (kind IN ('training', 'assessment', 'drill')),
  CONSTRAINT training_sessions_status_check
    CHECK (status IN ('scheduled', 'running', 'completed', 'aborted', 'cancelled')),
  CONSTRAINT training_sessions_window_check CHECK (ends_at > starts_at),
  -- What actually ran agrees with the status: started once running, ended once finished.
  CONSTRAINT training_sessions_run_check CHECK (
    CASE status
      WHEN 'scheduled' THEN started_at IS NULL AND ended_at IS NULL
      WHEN 'cancelled' THEN started_at IS NULL AND ended_at IS NULL
      WHEN 'running' THEN started_at IS NOT NULL AND ended_at IS NULL
      ELSE started_at IS NOT NULL AND ended_at IS NOT NULL AND ended_at >= started_at
    END
  ),
  -- No bay is ever booked twice for overlapping time (cancelled bookings free their slot). Windows are
  -- half-open, so back-to-back bookings do not overlap.
  CONSTRAINT training_sessions_bay_overlap_excl
    EXCLUDE USING gist (bay_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status <> 'cancelled')
);
CREATE INDEX training_sessions_starts_at_idx ON training_sessions (starts_at, id);
CREATE INDEX training_sessions_status_idx ON training_sessions (status) WHERE status IN ('scheduled', 'running');
CREATE INDEX training_sessions_series_id_idx ON training_sessions (series_id) WHERE series_id IS NOT NULL;
-- One session runs in a bay at a time, whatever the booked windows say.
CREATE UNIQUE INDEX training_sessions_one_running_per_bay ON training_sessions (bay_id) WHERE status = 'running';

-- Each robot's participation, carrying a copy of its session's window and state (kept by the trigger
-- below) so that the database itself can refuse a robot booked twice for overlapping time.
CREATE TABLE session_robots (
  session_id uuid NOT NULL,
  robot_id uuid NOT NULL,
  -- The order in which the booking named its robots.
  position smallint NOT NULL,
  booked tstzrange NOT NULL,
  active boolean NOT NULL DEFAULT true,
  running boolean NOT NULL DEFAULT false,
  CONSTRAINT session_robots_pkey PRIMARY KEY (session_id, robot_id),
  CONSTRAINT session_robots_session_id_fkey FOREIGN KEY (session_id) REFERENCES training_sessions (id) ON DELETE CASCADE,
  CONSTRAINT session_robots_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT session_robots_robot_overlap_excl
    EXCLUDE USING gist (robot_id WITH =, booked WITH &&) WHERE (active)
);
-- A robot trains in one running session at a time, so each telemetry sample has one session.
CREATE UNIQUE INDEX session_robots_one_running_per_robot ON session_robots (robot_id) WHERE running;

CREATE FUNCTION session_robots_copy_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT tstzrange(starts_at, ends_at, '[)'), status <> 'cancelled', status = 'running'
    INTO NEW.booked, NEW.active, NEW.running
    FROM training_sessions WHERE id = NEW.session_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER session_robots_copy_session BEFORE INSERT ON session_robots
  FOR EACH ROW EXECUTE FUNCTION session_robots_copy_session();

CREATE FUNCTION session_robots_follow_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at, NEW.ends_at, NEW.status) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at, OLD.status) THEN
    UPDATE session_robots
       SET booked = tstzrange(NEW.starts_at, NEW.ends_at, '[)'),
           active = NEW.status <> 'cancelled',
           running = NEW.status = 'running'
     WHERE session_id = NEW.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER training_sessions_sync_robots AFTER UPDATE ON training_sessions
  FOR EACH ROW EXECUTE FUNCTION session_robots_follow_session();

-- Competing bookings of one bay or robot queue on transaction-scoped advisory locks, taken in one
-- global order (so two bookings can never wait on each other), before they touch the exclusion
-- constraints; alone, those deadlock and retry under contention.
CREATE FUNCTION field_lock_for_booking(bay_ids uuid[], robot_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lock_key bigint;
BEGIN
  FOR lock_key IN
    SELECT DISTINCT key FROM (
      SELECT hashtextextended('bay:' || id::text, 0) AS key FROM unnest(bay_ids) AS id
      UNION ALL
      SELECT hashtextextended('robot:' || id::text, 0) FROM unnest(robot_ids) AS id
    ) keys
    ORDER BY key
  LOOP
    PERFORM pg_advisory_xact_lock(lock_key);
  END LOOP;
END
$$;
