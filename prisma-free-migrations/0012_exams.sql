-- Graduation exams: the task catalogue, exams under a protocol fixed at creation, and their trials
-- chained in a hash ledger.

CREATE TABLE tasks (
  key text NOT NULL,
  domain text NOT NULL,
  name text NOT NULL,
  -- In the language the datasets should carry.
  instruction text NOT NULL,
  -- The initial conditions an exam's plan draws from: {<variation>: [value, ...]}.
  variations jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tasks_pkey PRIMARY KEY (key),
  CONSTRAINT tasks_domain_check
    CHECK (domain IN ('commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing')),
  CONSTRAINT tasks_variations_check CHECK (jsonb_typeof(variations) = 'object')
);
CREATE INDEX tasks_domain_idx ON tasks (domain, key);

INSERT INTO tasks (key, domain, name, instruction, variations) VALUES
  ('guide_tour', 'commerce_culture_tourism', '导览讲解 Guided tour',
   'Guide the visitors along the exhibition route and present each exhibit.',
   '{"route": ["east_hall", "west_hall", "atrium"], "crowd": ["sparse", "dense"], "lighting": ["day", "dim"]}'),
  ('answer_question', 'commerce_culture_tourism', '咨询问答 Answer a question',
   'Answer the visitor''s question about the shop or the exhibition.',
   '{"language": ["zh", "en"], "topic": ["products", "directions", "opening_hours"], "noise": ["quiet", "busy"]}'),
  ('fold_laundry', 'social_livelihood', '叠衣服 Fold laundry',
   'Fold the garment on the table and place it on the stack.',
   '{"garment": ["t_shirt", "towel", "trousers"], "start_pose": ["flat", "crumpled"], "lighting": ["day", "warm", "dim"]}'),
  ('tidy_table', 'social_livelihood', '整理桌面 Tidy the table',
   'Put every object on the table back in its place.',
   '{"objects": [3, 5, 8], "placement": ["scattered", "stacked"]}'),
  ('inspect_gauge', 'industrial_manufacturing', '仪表巡检 Inspect a gauge',
   'Walk to the gauge, read its value and report it.',
   '{"gauge": ["pressure", "temperature", "flow"], "lighting": ["day", "dim"], "start_pose": ["dock", "corridor"]}'),
  ('pick_place', 'industrial_manufacturing', '抓取放置 Pick and place',
   'Pick the part from the bin and place it in the fixture.',
   '{"object_placement": ["left", "center", "right"], "part": ["bolt", "bracket", "gear"], "lighting": ["day", "dim"]}'),
  ('machine_tending', 'industrial_manufacturing', '机床上下料 Machine tending',
   'Load the blank into the machine, wait for the cycle and unload the finished part.',
   '{"machine": ["lathe", "mill"], "blank_placement": ["tray_a", "tray_b"]}'),
  ('assemble_part', 'industrial_manufacturing', '零件装配 Assemble a part',
   'Assemble the two parts and seat them fully.',
   '{"assembly": ["peg_in_hole", "snap_fit", "gear_mesh"], "tolerance_mm": [0.5, 0.1], "start_pose": ["home", "offset"]}'),
  ('screw_drive', 'industrial_manufacturing', '拧螺丝 Drive a screw',
   'Drive the screw into the marked hole to the specified torque.',
   '{"screw": ["M3", "M4", "M5"], "hole_position": ["top", "side"]}'),
  ('deliver_tote', 'industrial_manufacturing', '料箱配送 Deliver a tote',
   'Carry the tote from the pick-up station to the named drop-off station.',
   '{"destination": ["station_1", "station_2", "station_3"], "obstacle": ["none", "static", "moving"]}'),
  ('fetch_item', 'social_livelihood', '取物送达 Fetch an item',
   'Fetch the named item and hand it to the person.',
   '{"item": ["cup", "remote", "book"], "placement": ["table", "shelf", "floor"], "lighting": ["day", "night"]}');

CREATE TABLE exams (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  robot_id uuid NOT NULL,
  task_key text NOT NULL,
  -- The protocol (Wald's SPRT), fixed before the first trial.
  method text NOT NULL,
  p0 double precision NOT NULL,
  p1 double precision NOT NULL,
  alpha double precision NOT NULL,
  beta double precision NOT NULL,
  max_trials integer NOT NULL,
  seed integer NOT NULL,
  -- The task's variations when the exam was created: the plan is drawn from these, whatever the
  -- catalogue says later.
  variations jsonb NOT NULL,
  protocol_digest text NOT NULL,
  status text NOT NULL DEFAULT 'open',
  trial_count integer NOT NULL DEFAULT 0,
  llr double precision NOT NULL DEFAULT 0,
  ledger_head text NOT NULL,
  decided_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exams_pkey PRIMARY KEY (id),
  CONSTRAINT exams_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT exams_task_key_fkey FOREIGN KEY (task_key) REFERENCES tasks (key),
  CONSTRAINT exams_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT exams_method_check CHECK (method IN ('sprt')),
  CONSTRAINT exams_protocol_check CHECK (
    p0 > 0 AND p0 < p1 AND p1 < 1 AND alpha > 0 AND alpha <= 0.2 AND beta > 0 AND beta <= 0.2
    AND max_trials BETWEEN 1 AND 1000
  ),
  CONSTRAINT exams_seed_check CHECK (seed >= 0),
  CONSTRAINT exams_status_check CHECK (status IN ('open', 'passed', 'failed', 'inconclusive')),
  CONSTRAINT exams_trial_count_check CHECK (trial_count BETWEEN 0 AND max_trials),
  CONSTRAINT exams_decision_check CHECK ((status = 'open') = (decided_at IS NULL)),
  CONSTRAINT exams_protocol_digest_check CHECK (protocol_digest ~ '^[0-9a-f]{64}$'),
  CONSTRAINT exams_ledger_head_check CHECK (ledger_head ~ '^[0-9a-f]{64}$')
);
CREATE INDEX exams_robot_id_idx ON exams (robot_id, id);
-- The latest decided exam of a robot and task: what the exam.* metrics read.
CREATE INDEX exams_decided_idx ON exams (robot_id, task_key, decided_at DESC) WHERE decided_at IS NOT NULL;
CREATE INDEX exams_status_idx ON exams (status, id);

-- The protocol never changes, and neither does a decision once taken; exams are never deleted.
CREATE FUNCTION exams_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'exams are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.robot_id, NEW.task_key, NEW.method, NEW.p0, NEW.p1, NEW.alpha, NEW.beta, NEW.max_trials,
      NEW.seed, NEW.variations, NEW.protocol_digest, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.robot_id, OLD.task_key, OLD.method, OLD.p0, OLD.p1, OLD.alpha, OLD.beta, OLD.max_trials,
      OLD.seed, OLD.variations, OLD.protocol_digest, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'an exam''s protocol never changes' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'open' THEN
    RAISE EXCEPTION 'a decided exam never changes' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER exams_guard_rows BEFORE UPDATE OR DELETE ON exams
  FOR EACH ROW EXECUTE FUNCTION exams_guard();

CREATE TABLE exam_trials (
  exam_id uuid NOT NULL,
  index integer NOT NULL,
  outcome text NOT NULL,
  -- Millisecond precision: the ledger hashes it exactly as the API returns it.
  recorded_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL,
  session_id uuid,
  attempt_id text,
  note text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  decision text NOT NULL,
  llr double precision NOT NULL,
  CONSTRAINT exam_trials_pkey PRIMARY KEY (exam_id, index),
  CONSTRAINT exam_trials_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES exams (id),
  CONSTRAINT exam_trials_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
  CONSTRAINT exam_trials_session_id_fkey FOREIGN KEY (session_id) REFERENCES training_sessions (id),
  CONSTRAINT exam_trials_index_check CHECK (index >= 1),
  CONSTRAINT exam_trials_outcome_check CHECK (outcome IN ('success', 'failure')),
  CONSTRAINT exam_trials_decision_check CHECK (decision IN ('continue', 'passed', 'failed', 'inconclusive')),
  CONSTRAINT exam_trials_hash_check CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX exam_trials_session_id_idx ON exam_trials (session_id) WHERE session_id IS NOT NULL;

-- The ledger is append-only, like the audit trail. One refusal for every append-only table from
-- now on (audit_log keeps the copy 0001 gave it).
CREATE FUNCTION field_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER exam_trials_append_only_rows BEFORE UPDATE OR DELETE ON exam_trials
  FOR EACH ROW EXECUTE FUNCTION field_refuse_change();
CREATE TRIGGER exam_trials_append_only_truncate BEFORE TRUNCATE ON exam_trials
  FOR EACH STATEMENT EXECUTE FUNCTION field_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON exam_trials FROM PUBLIC;
