-- Idempotency-Key: the first final answer to a user's keyed POST, replayed to its repeats for 24 h.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  -- SHA-256 of method, path and canonical body: the same key with another request is refused.
  fingerprint text NOT NULL,
  -- Null while the first request is still being answered.
  status integer,
  content_type text,
  body text,
  -- A request whose process died holds its key no longer than this.
  locked_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, key),
  CONSTRAINT idempotency_keys_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT idempotency_keys_status_check CHECK (status IS NULL OR status BETWEEN 200 AND 499)
);

CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);
