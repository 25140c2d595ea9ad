-- A refresh-token family (one login's session) ends at an absolute time however often it is refreshed: every token
-- of the family carries that end, copied from the token it replaced. Existing families end when their newest token
-- does, i.e. they are not extended by the change.
ALTER TABLE refresh_tokens ADD COLUMN family_expires_at timestamptz;
UPDATE refresh_tokens SET family_expires_at = expires_at;
ALTER TABLE refresh_tokens ALTER COLUMN family_expires_at SET NOT NULL;
