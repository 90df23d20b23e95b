-- Graduation reports that anyone can verify.

-- Human-friendly report numbers, MY-2026-000123: one counter per prefix and year.
CREATE TABLE report_number_sequences (
  prefix text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  CONSTRAINT report_number_sequences_pkey PRIMARY KEY (prefix, year),
  CONSTRAINT report_number_sequences_last_value_check CHECK (last_value >= 1)
);

CREATE TABLE graduation_reports (
  id uuid NOT NULL DEFAULT field_uuid_v7(),
  number text NOT NULL,
  robot_id uuid NOT NULL,
  evaluation_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'valid',
  -- The signed content; digest and signature cover its RFC 8785 canonical form.
  document jsonb NOT NULL,
  digest text NOT NULL,
  signature text NOT NULL,
  -- The chart on the PDF (success rate per session), fixed at issue; not part of the signed content.
  success_rates jsonb NOT NULL DEFAULT '[]',
  issued_at timestamptz NOT NULL,
  issued_by uuid NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid,
  revoke_reason text,
  CONSTRAINT graduation_reports_pkey PRIMARY KEY (id),
  CONSTRAINT graduation_reports_number_key UNIQUE (number),
  CONSTRAINT graduation_reports_robot_id_fkey FOREIGN KEY (robot_id) REFERENCES robots (id),
  CONSTRAINT graduation_reports_evaluation_id_fkey FOREIGN KEY (evaluation_id) REFERENCES evaluations (id),
  CONSTRAINT graduation_reports_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES users (id),
  CONSTRAINT graduation_reports_revoked_by_fkey FOREIGN KEY (revoked_by) REFERENCES users (id),
  CONSTRAINT graduation_reports_status_check CHECK (status IN ('valid', 'revoked')),
  CONSTRAINT graduation_reports_digest_check CHECK (digest ~ '^[0-9a-f]{64}$'),
  CONSTRAINT graduation_reports_number_check CHECK (number ~ '^[A-Z]{2,8}-[0-9]{4}-[0-9]{6,}$'),
  CONSTRAINT graduation_reports_revocation_check CHECK (
    (status = 'revoked') = (revoked_at IS NOT NULL) AND (status = 'revoked') = (revoke_reason IS NOT NULL)
  )
);
-- At most one valid report per robot; a revoked one may be followed by a new one.
CREATE UNIQUE INDEX graduation_reports_one_valid_per_robot ON graduation_reports (robot_id) WHERE status = 'valid';
CREATE INDEX graduation_reports_robot_id_idx ON graduation_reports (robot_id, id);

-- What was signed never changes; only the revocation may be recorded, once.
CREATE FUNCTION graduation_reports_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'graduation reports are never deleted; revoke them' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.number, NEW.robot_id, NEW.evaluation_id, NEW.document, NEW.digest, NEW.signature, NEW.success_rates,
      NEW.issued_at, NEW.issued_by)
     IS DISTINCT FROM
     (OLD.number, OLD.robot_id, OLD.evaluation_id, OLD.document, OLD.digest, OLD.signature, OLD.success_rates,
      OLD.issued_at, OLD.issued_by)
     OR OLD.status = 'revoked' THEN
    RAISE EXCEPTION 'a graduation report is immutable; only a valid one may be revoked' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER graduation_reports_immutable BEFORE UPDATE OR DELETE ON graduation_reports
  FOR EACH ROW EXECUTE FUNCTION graduation_reports_guard();

-- Rendered PDFs, kept so each is drawn once per state of its report (a revoked one carries a stamp).
CREATE TABLE graduation_report_pdfs (
  report_id uuid NOT NULL,
  status text NOT NULL,
  pdf bytea NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT graduation_report_pdfs_pkey PRIMARY KEY (report_id, status),
  CONSTRAINT graduation_report_pdfs_report_id_fkey FOREIGN KEY (report_id) REFERENCES graduation_reports (id),
  CONSTRAINT graduation_report_pdfs_status_check CHECK (status IN ('valid', 'revoked'))
);
