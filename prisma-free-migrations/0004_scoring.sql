-- The admission–graduation standard: versioned criteria sets that never change once published,
-- per-robot summaries of each finished training session, and evaluations (BullMQ scoring jobs).

CREATE TABLE criteria_sets (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  name text NOT NULL,
  stage text NOT NULL,
  domain text,
  version integer NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  pass_score double precision NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by uuid,
  superseded_at timestamptz,
  CONSTRAINT criteria_sets_pkey PRIMARY KEY (id),
  -- Evaluations name the version they used together with the set.
  CONSTRAINT criteria_sets_id_version_key UNIQUE (id, version),
  CONSTRAINT criteria_sets_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT criteria_sets_published_by_fkey FOREIGN KEY (published_by) REFERENCES users (id),
  CONSTRAINT criteria_sets_stage_check CHECK (stage IN ('admission', 'graduation')),
  CONSTRAINT criteria_sets_domain_check
    CHECK (domain IN ('commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing')),
  CONSTRAINT criteria_sets_status_check CHECK (status IN ('draft', 'active', 'superseded')),
  CONSTRAINT criteria_sets_version_check CHECK (version >= 1),
  CONSTRAINT criteria_sets_pass_score_check CHECK (pass_score >= 0 AND pass_score <= 100),
  CONSTRAINT criteria_sets_published_check CHECK ((status = 'draft') = (published_at IS NULL)),
  CONSTRAINT criteria_sets_superseded_check CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
);
-- Versions count up per (stage, domain); a null domain (every domain) is a line of its own.
CREATE UNIQUE INDEX criteria_sets_line_version_key ON criteria_sets (stage, coalesce(domain, ''), version);
-- One active set per (stage, domain): publishing supersedes the previous one in the same transaction.
CREATE UNIQUE INDEX criteria_sets_one_active ON criteria_sets (stage, coalesce(domain, '')) WHERE status = 'active';

CREATE TABLE criteria (
  criteria_set_id uuid NOT NULL,
  key text NOT NULL,
  position smallint NOT NULL,
  dimension text NOT NULL,
  metric text NOT NULL,
  op text NOT NULL,
  threshold double precision NOT NULL,
  weight double precision NOT NULL,
  required boolean NOT NULL DEFAULT false,
  CONSTRAINT criteria_pkey PRIMARY KEY (criteria_set_id, key),
  CONSTRAINT criteria_criteria_set_id_fkey FOREIGN KEY (criteria_set_id) REFERENCES criteria_sets (id) ON DELETE CASCADE,
  CONSTRAINT criteria_dimension_check
    CHECK (dimension IN ('technical_leadership', 'industry_fit', 'spec_compliance', 'safety', 'reliability')),
  CONSTRAINT criteria_op_check CHECK (op IN ('gte', 'lte')),
  CONSTRAINT criteria_threshold_check CHECK (threshold NOT IN ('NaN', 'Infinity', '-Infinity')),
  CONSTRAINT criteria_weight_check CHECK (weight > 0 AND weight < 'Infinity')
);

-- A published set is the standard robots were measured against: the database refuses any change to
-- it or its criteria. The only updates it lets through are publishing a draft (draft → active) and
-- superseding an active set (active → superseded, nothing else touched).
CREATE FUNCTION criteria_sets_guard_published() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'criteria set % is %: a published set is never deleted', OLD.id, OLD.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'criteria_sets_published_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' AND NEW.status IN ('draft', 'active') THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'active' AND NEW.status = 'superseded'
     AND to_jsonb(NEW) - 'status' - 'superseded_at' = to_jsonb(OLD) - 'status' - 'superseded_at' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'criteria set % is %: a published set never changes', OLD.id, OLD.status
    USING ERRCODE = 'check_violation', CONSTRAINT = 'criteria_sets_published_immutable';
END
$$;
CREATE TRIGGER criteria_sets_published_immutable BEFORE UPDATE OR DELETE ON criteria_sets
  FOR EACH ROW EXECUTE FUNCTION criteria_sets_guard_published();

CREATE FUNCTION criteria_guard_published() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  set_ids uuid[];
  set_id uuid;
  set_status text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    set_ids := ARRAY[NEW.criteria_set_id];
  ELSIF TG_OP = 'DELETE' THEN
    set_ids := ARRAY[OLD.criteria_set_id];
  ELSE
    set_ids := ARRAY[OLD.criteria_set_id, NEW.criteria_set_id];
  END IF;
  FOREACH set_id IN ARRAY set_ids LOOP
    -- Share-locked, so a publish running alongside waits for this change or is seen by it. A set
    -- already gone is a draft being deleted, taking its criteria with it.
    SELECT status INTO set_status FROM criteria_sets WHERE id = set_id FOR SHARE;
    IF set_status IS NOT NULL AND set_status <> 'draft' THEN
      RAISE EXCEPTION 'criteria set % is %: the criteria of a published set never change', set_id, set_status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'criteria_sets_published_immutable';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER criteria_published_immutable BEFORE INSERT OR UPDATE OR DELETE ON criteria
  FOR EACH ROW EXECUTE FUNCTION criteria_guard_published();

-- What one robot did in one finished (completed or aborted) session, computed once from its telemetry
-- by the summary job, so that evaluations never read raw samples. The bay's domain and mode are
-- copied in (a bay never changes either), so a graduation evaluation is one indexed read.
CREATE TABLE session_summaries (
  session_id uuid NOT NULL,
  robot_id uuid NOT NULL,
  session_status text NOT NULL,
  kind text NOT NULL,
  domain text NOT NULL,
  mode text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  run_seconds double precision NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  successes integer NOT NULL DEFAULT 0,
  failures integer NOT NULL DEFAULT 0,
  unfinished integer NOT NULL DEFAULT 0,
  cycle_time_total_s double precision NOT NULL DEFAULT 0,
  cycle_time_count integer NOT NULL DEFAULT 0,
  -- The same tallies per task key: {"<taskKey>": {attempts, successes, failures, unfinished, cycleTimeTotalS, cycleTimeCount}}.
  by_task jsonb NOT NULL DEFAULT '{}',
  estops integer NOT NULL DEFAULT 0,
  collisions integer NOT NULL DEFAULT 0,
  near_misses integer NOT NULL DEFAULT 0,
  interventions integer NOT NULL DEFAULT 0,
  heartbeats integer NOT NULL DEFAULT 0,
  heartbeat_covered_seconds double precision NOT NULL DEFAULT 0,
  teleop_samples bigint NOT NULL DEFAULT 0,
  telemetry_samples bigint NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT session_summaries_pkey PRIMARY KEY (session_id, robot_id),
  -- Only a robot that took part in the session has a summary of it.
  CONSTRAINT session_summaries_session_id_robot_id_fkey
    FOREIGN KEY (session_id, robot_id) REFERENCES session_robots (session_id, robot_id),
  CONSTRAINT session_summaries_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT session_summaries_session_status_check CHECK (session_status IN ('completed', 'aborted')),
  CONSTRAINT session_summaries_kind_check CHECK (kind IN ('training', 'assessment', 'drill')),
  CONSTRAINT session_summaries_domain_check
    CHECK (domain IN ('commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing')),
  CONSTRAINT session_summaries_mode_check CHECK (mode IN ('physical', 'virtual')),
  CONSTRAINT session_summaries_run_check CHECK (ended_at >= started_at AND run_seconds >= 0),
  CONSTRAINT session_summaries_counts_check CHECK (
    successes >= 0 AND failures >= 0 AND unfinished >= 0 AND attempts = successes + failures
    AND cycle_time_count BETWEEN 0 AND successes AND cycle_time_total_s >= 0
    AND estops >= 0 AND collisions >= 0 AND near_misses >= 0 AND interventions >= 0
    AND heartbeats >= 0 AND heartbeat_covered_seconds >= 0 AND teleop_samples >= 0 AND telemetry_samples >= 0
  ),
  CONSTRAINT session_summaries_by_task_check CHECK (jsonb_typeof(by_task) = 'object')
);
-- What a graduation evaluation reads: a robot's completed sessions, in one domain or all.
CREATE INDEX session_summaries_robot_idx ON session_summaries (robot_id, domain) WHERE session_status = 'completed';

CREATE TABLE evaluations (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  robot_id uuid NOT NULL,
  stage text NOT NULL,
  domain text,
  criteria_set_id uuid NOT NULL,
  criteria_set_version integer NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  score double precision,
  passed boolean,
  results jsonb,
  evidence jsonb,
  failure_reason text,
  attempts integer NOT NULL DEFAULT 0,
  requested_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  CONSTRAINT evaluations_pkey PRIMARY KEY (id),
  CONSTRAINT evaluations_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT evaluations_criteria_set_fkey
    FOREIGN KEY (criteria_set_id, criteria_set_version) REFERENCES criteria_sets (id, version),
  CONSTRAINT evaluations_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users (id),
  CONSTRAINT evaluations_stage_check CHECK (stage IN ('admission', 'graduation')),
  CONSTRAINT evaluations_domain_check
    CHECK (domain IN ('commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing')),
  CONSTRAINT evaluations_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  CONSTRAINT evaluations_score_check CHECK (score >= 0 AND score <= 100),
  CONSTRAINT evaluations_attempts_check CHECK (attempts >= 0),
  -- A result is whole or absent: a completed evaluation has all of it, anything else none of it.
  CONSTRAINT evaluations_outcome_check CHECK (
    CASE status
      WHEN 'completed' THEN score IS NOT NULL AND passed IS NOT NULL AND results IS NOT NULL
        AND evidence IS NOT NULL AND completed_at IS NOT NULL AND failure_reason IS NULL
      WHEN 'failed' THEN failure_reason IS NOT NULL AND completed_at IS NOT NULL
        AND score IS NULL AND passed IS NULL AND results IS NULL AND evidence IS NULL
      ELSE score IS NULL AND passed IS NULL AND results IS NULL AND evidence IS NULL
        AND completed_at IS NULL AND failure_reason IS NULL
    END
  )
);
CREATE INDEX evaluations_robot_id_idx ON evaluations (robot_id, id);
CREATE INDEX evaluations_criteria_set_id_idx ON evaluations (criteria_set_id);
-- The sweeper's view: evaluations whose job may have been lost.
CREATE INDEX evaluations_unfinished_idx ON evaluations (created_at) WHERE status IN ('queued', 'running');

-- A finished evaluation is evidence (graduation reports cite it): it never changes again.
CREATE FUNCTION evaluations_guard_finished() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('completed', 'failed') THEN
    RAISE EXCEPTION 'evaluation % is %: a finished evaluation never changes', OLD.id, OLD.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'evaluations_finished_immutable';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER evaluations_finished_immutable BEFORE UPDATE OR DELETE ON evaluations
  FOR EACH ROW EXECUTE FUNCTION evaluations_guard_finished();
