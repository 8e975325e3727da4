-- The audit trail: append-only, never part of relay_records (Load) or
-- relay_changes (what other relays follow). row holds the audit.Row
-- without its id, which is the column.
CREATE TABLE relay_audit (
	id        bigserial PRIMARY KEY,
	recorded  timestamptz NOT NULL,
	sku       text NOT NULL DEFAULT '',
	site      text NOT NULL DEFAULT '',
	channel   text NOT NULL DEFAULT '',
	order_ref text NOT NULL DEFAULT '',
	row       jsonb NOT NULL
);
CREATE INDEX relay_audit_sku ON relay_audit (sku, id);
CREATE INDEX relay_audit_site ON relay_audit (site, id);
CREATE INDEX relay_audit_channel ON relay_audit (channel, id);
CREATE INDEX relay_audit_order ON relay_audit (order_ref, id);
CREATE INDEX relay_audit_recorded ON relay_audit (recorded);
