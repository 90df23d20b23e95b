-- Tokens that can be taken back. An access token carries its user's token_version and a jti: a
-- password change or deactivation raises the version, which ends every token issued before it;
-- a logout records the token's jti until the token would have expired anyway.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

CREATE TABLE revoked_tokens (
  jti uuid NOT NULL,
  user_id uuid NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now(),
  -- When the token expires by itself; past this the row is of no use and is pruned.
  expires_at timestamptz NOT NULL,
  CONSTRAINT revoked_tokens_pkey PRIMARY KEY (jti),
  CONSTRAINT revoked_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX revoked_tokens_user_id_expires_at_idx ON revoked_tokens (user_id, expires_at);
CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at);

-- Calendar links as issued, so that their owner can list and revoke them. The id is the link
-- token's jti; a link works only while its row says it is neither revoked nor expired.
CREATE TABLE calendar_feeds (
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  bay_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CONSTRAINT calendar_feeds_pkey PRIMARY KEY (id),
  CONSTRAINT calendar_feeds_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT calendar_feeds_bay_id_fkey FOREIGN KEY (bay_id) REFERENCES bays (id)
);
CREATE INDEX calendar_feeds_user_id_id_idx ON calendar_feeds (user_id, id);
CREATE INDEX calendar_feeds_bay_id_idx ON calendar_feeds (bay_id);
