-- The relay's master stock, shared by every relay instance.
-- relay_records holds the engine's records (one row per table and key,
-- values JSON); relay_meta.ver numbers the commits, and its row lock is
-- the write lock; relay_changes keeps recent commits so that each
-- instance brings its copy up to date before it decides anything.

CREATE TABLE relay_meta (
    id  integer PRIMARY KEY CHECK (id = 1),
    ver bigint  NOT NULL
);
INSERT INTO relay_meta (id, ver) VALUES (1, 0);

CREATE TABLE relay_records (
    tbl   text   NOT NULL,
    key   text   NOT NULL,
    value jsonb  NOT NULL,
    ver   bigint NOT NULL,
    PRIMARY KEY (tbl, key)
);

CREATE TABLE relay_changes (
    ver  bigint      PRIMARY KEY,
    at   timestamptz NOT NULL DEFAULT now(),
    muts bytea       NOT NULL
);
CREATE INDEX relay_changes_at ON relay_changes (at);

-- One pusher per channel: the owner renews expires_at; a new owner gets
-- the next epoch, which every push checks.
CREATE TABLE relay_leases (
    channel     text        PRIMARY KEY,
    owner       text        NOT NULL,
    epoch       bigint      NOT NULL,
    expires_at  timestamptz NOT NULL,
    acquired_at timestamptz NOT NULL
);

CREATE TABLE relay_instances (
    id           text        PRIMARY KEY,
    version      text        NOT NULL,
    host         text        NOT NULL,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Views for operators: the same records as columns.
CREATE VIEW relay_onhand AS
    SELECT split_part(key, E'\x1f', 1) AS sku, split_part(key, E'\x1f', 2) AS site,
           (value #>> '{}')::bigint AS on_hand, ver
    FROM relay_records WHERE tbl = 'onhand';

CREATE VIEW relay_reservations AS
    SELECT value->>'channel' AS channel, value->>'order_id' AS order_id, value->>'sku' AS sku,
           value->>'site' AS site, (value->>'qty')::bigint AS qty, (value->>'seq')::bigint AS seq, ver
    FROM relay_records WHERE tbl = 'reservations';

CREATE VIEW relay_gateways AS
    SELECT split_part(key, '@', 1) AS gateway, split_part(key, '@', 2) AS epoch,
           (value #>> '{}')::bigint AS last_seq, ver
    FROM relay_records WHERE tbl = 'gateways';

CREATE VIEW relay_outbox AS
    SELECT value->'target'->>'Channel' AS channel, value->'target'->>'SKU' AS sku,
           value->'target'->>'Site' AS site, key AS listing, (value->>'qty')::bigint AS qty,
           (value->>'told')::bigint AS told, (value->>'gen')::bigint > (value->>'told_gen')::bigint AS pending,
           (value->>'epoch')::bigint AS epoch, ver
    FROM relay_records WHERE tbl = 'outbox';
