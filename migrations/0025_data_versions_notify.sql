-- The portal's page cache on PostgreSQL without a query per request: the flush that bumps the versions at commit
-- also notifies `rh_data_versions` (delivered to listeners once the transaction commits; nothing for one that rolls
-- back). Each server copy LISTENs on one connection (src/server/kernel/versions.ts) and reads the versions again only
-- when a notification came, it ran a query itself, or a second passed.
CREATE OR REPLACE FUNCTION data_versions_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	names text[] := array_remove(string_to_array(coalesce(current_setting('rightshub.dv_tables', true), ''), ','), '');
BEGIN
	DELETE FROM data_version_pending WHERE id = NEW.id;
	IF cardinality(names) = 0 THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('rightshub.dv_tables', '', true);
	-- Rows are locked in name order: two committing transactions never wait on each other in a cycle.
	PERFORM 1 FROM data_versions WHERE name = ANY (names) ORDER BY name FOR UPDATE;
	UPDATE data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE name = ANY (names);
	-- The payload (the tables) is informative; a notification's limit is 8000 bytes.
	PERFORM pg_notify('rh_data_versions', left(array_to_string(names, ','), 7000));
	RETURN NULL;
END $$;
