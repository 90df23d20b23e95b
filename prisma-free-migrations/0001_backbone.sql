-- The backbone: install settings, identity, field structure, robots as students, and the audit trail.

-- Time-ordered UUIDs (version 7): ids sort by creation, so keyset pagination on id alone is stable
-- and new rows land at the right edge of the primary key index.
CREATE FUNCTION field_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(
      set_bit(
        overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6),
        52, 1),
      53, 1),
    'hex')::uuid
$$;

-- Per-install values generated on first start (the JWT secret, the report signing key).
CREATE TABLE install_settings (
  name text NOT NULL,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT install_settings_pkey PRIMARY KEY (name)
);

CREATE TABLE vendors (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  name text NOT NULL,
  country text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT vendors_pkey PRIMARY KEY (id),
  CONSTRAINT vendors_name_key UNIQUE (name)
);

CREATE TABLE users (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  vendor_id uuid,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_vendor_id_fkey FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT users_role_check CHECK (role IN ('admin', 'operator', 'engineer', 'vendor')),
  CONSTRAINT users_email_lowercase_check CHECK (email = lower(email)),
  -- A vendor's staff always belong to one vendor; nobody else does.
  CONSTRAINT users_vendor_scope_check CHECK ((role = 'vendor') = (vendor_id IS NOT NULL))
);
CREATE INDEX users_vendor_id_idx ON users (vendor_id);

CREATE TABLE sites (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  code text NOT NULL,
  name text NOT NULL,
  city text,
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sites_pkey PRIMARY KEY (id),
  CONSTRAINT sites_code_key UNIQUE (code),
  CONSTRAINT sites_kind_check CHECK (kind IN ('main', 'branch', 'scenario'))
);

CREATE TABLE bays (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  site_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  domain text NOT NULL,
  mode text NOT NULL,
  capacity integer NOT NULL,
  status text NOT NULL DEFAULT 'open',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT bays_pkey PRIMARY KEY (id),
  CONSTRAINT bays_site_id_fkey FOREIGN KEY (site_id) REFERENCES sites (id),
  CONSTRAINT bays_site_id_code_key UNIQUE (site_id, code),
  CONSTRAINT bays_domain_check CHECK (domain IN ('commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing')),
  CONSTRAINT bays_mode_check CHECK (mode IN ('physical', 'virtual')),
  CONSTRAINT bays_capacity_check CHECK (capacity >= 1),
  CONSTRAINT bays_status_check CHECK (status IN ('open', 'maintenance'))
);
CREATE INDEX bays_domain_mode_idx ON bays (domain, mode);

CREATE TABLE cohorts (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  name text NOT NULL,
  starts_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cohorts_pkey PRIMARY KEY (id),
  CONSTRAINT cohorts_name_key UNIQUE (name)
);

CREATE TABLE robots (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  serial_number text NOT NULL,
  name text NOT NULL,
  vendor_id uuid NOT NULL,
  model text NOT NULL,
  form text NOT NULL,
  domains text[] NOT NULL,
  specs jsonb NOT NULL DEFAULT '{}',
  cohort_id uuid,
  status text NOT NULL DEFAULT 'applied',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT robots_pkey PRIMARY KEY (id),
  CONSTRAINT robots_serial_number_key UNIQUE (serial_number),
  CONSTRAINT robots_vendor_id_fkey FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT robots_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT robots_form_check CHECK (form IN ('humanoid', 'wheeled_humanoid', 'quadruped', 'mobile_manipulator', 'robot_arm', 'amr', 'service', 'other')),
  CONSTRAINT robots_domains_check CHECK (
    cardinality(domains) >= 1
    AND domains <@ ARRAY['commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing']::text[]
  ),
  CONSTRAINT robots_specs_check CHECK (jsonb_typeof(specs) = 'object'),
  CONSTRAINT robots_status_check CHECK (status IN ('applied', 'enrolled', 'rejected', 'graduated', 'withdrawn'))
);
CREATE INDEX robots_vendor_id_idx ON robots (vendor_id);
CREATE INDEX robots_cohort_id_idx ON robots (cohort_id);
CREATE INDEX robots_status_idx ON robots (status);
CREATE INDEX robots_domains_idx ON robots USING gin (domains);

-- Every lifecycle step of a robot, for its profile and for accountability.
CREATE TABLE robot_status_changes (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  robot_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT robot_status_changes_pkey PRIMARY KEY (id),
  CONSTRAINT robot_status_changes_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT robot_status_changes_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id),
  CONSTRAINT robot_status_changes_from_status_check CHECK (from_status IN ('applied', 'enrolled', 'rejected', 'graduated', 'withdrawn')),
  CONSTRAINT robot_status_changes_to_status_check CHECK (to_status IN ('applied', 'enrolled', 'rejected', 'graduated', 'withdrawn'))
);
CREATE INDEX robot_status_changes_robot_id_idx ON robot_status_changes (robot_id, id);

-- Device tokens are kept as SHA-256 digests: they are 256-bit random, so a slow hash adds nothing,
-- and a digest lets a connecting robot be found by one indexed lookup.
CREATE TABLE device_tokens (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  robot_id uuid NOT NULL,
  token_hash text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid,
  revoked_at timestamptz,
  CONSTRAINT device_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT device_tokens_token_hash_key UNIQUE (token_hash),
  CONSTRAINT device_tokens_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT device_tokens_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES users (id),
  CONSTRAINT device_tokens_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
-- At most one live token per robot: issuing a new one must revoke the old in the same transaction.
CREATE UNIQUE INDEX device_tokens_one_live_per_robot ON device_tokens (robot_id) WHERE revoked_at IS NULL;

-- Who did what. Append-only: the trigger refuses UPDATE, DELETE and TRUNCATE for every role,
-- including the owner the application connects as.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  actor_role text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  summary jsonb NOT NULL DEFAULT '{}',
  request_id text,
  ip text,
  CONSTRAINT audit_log_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor_id, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only_rows BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
