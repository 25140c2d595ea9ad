-- Refresh tokens: only a SHA-256 hash of each token is stored. Tokens of one login form a family; each refresh
-- marks the presented token used and issues the next one of the family. Presenting a used token again means it was
-- stolen (or replayed), and revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    token_hash  char(64)    NOT NULL,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_active_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
