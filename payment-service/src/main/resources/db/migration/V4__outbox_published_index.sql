-- Copied from platform/core/src/main/resources/northwind/events/V2__outbox_published_index.sql.
-- Published rows stay for the replay window (northwind.events.outbox-retention); this index finds the recent ones
-- to publish again after a Redis restart and the old ones to delete.
CREATE INDEX outbox_events_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL;
