-- Each channel's OAuth connection (relay connect), sealed by the relay's
-- secrets key: the database never sees a token in clear. version grows by
-- one per save; a save names the version it read (compare-and-set), so
-- two instances refreshing at once cannot both win.
CREATE TABLE relay_connections (
	channel    text PRIMARY KEY,
	sealed     bytea NOT NULL,
	version    bigint NOT NULL CHECK (version > 0),
	updated_at timestamptz NOT NULL DEFAULT now()
);
