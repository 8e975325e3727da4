-- The backend pid of the owner's lease session: while that session lives
-- the owner is alive; once PostgreSQL has closed it (the relay was killed,
-- its connection dropped) another instance may take the lease without
-- waiting for it to run out. NULL for leases taken by an older relay.
ALTER TABLE relay_leases ADD COLUMN pid integer;
