-- Change stamps for the public portal's page cache: one row per table, its version bumped once per committed
-- transaction that wrote the table. A page's stamp is the versions of the tables it reads (src/server/portal/
-- portal.cache.ts), read in one query, so it is exact on every server copy of one database.
--
-- How: a statement-level trigger on every tracked table notes the table in a transaction-local setting and, once
-- per transaction, inserts one row into data_version_pending; a DEFERRED constraint trigger on that row runs at
-- commit and bumps every noted table at once, locking their rows in name order. So writers never hold the
-- version rows while they work (two imports of one table do not wait for each other until commit), no two
-- transactions can deadlock on them, and a bulk write of 50,000 rows costs one trigger call per statement.
-- Statements that change no row (a job's `update … where due` finding nothing) bump nothing either: the insert,
-- update and delete triggers look at their transition table first (which costs a copy of the changed rows). A rolled-back transaction bumps nothing.
-- A new table a page reads must be tracked: select data_versions_track('t').
CREATE TABLE "data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_version_pending" (
	"id" bigserial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION data_versions_note_table(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	noted text := coalesce(current_setting('rightshub.dv_tables', true), '');
BEGIN
	IF position(',' || t || ',' IN noted) > 0 THEN
		RETURN;
	END IF;
	IF noted = '' THEN
		noted := ',';
		INSERT INTO data_version_pending DEFAULT VALUES;
	END IF;
	PERFORM set_config('rightshub.dv_tables', noted || t || ',', true);
END $$;
--> statement-breakpoint
CREATE FUNCTION data_versions_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM data_versions_note_table(TG_TABLE_NAME);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION data_versions_note_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM dv_rows) THEN
		PERFORM data_versions_note_table(TG_TABLE_NAME);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION data_versions_flush() RETURNS trigger LANGUAGE plpgsql AS $$
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
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER data_versions_flush AFTER INSERT ON data_version_pending
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_versions_flush();
--> statement-breakpoint
CREATE FUNCTION data_versions_track(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO data_versions (name) VALUES (t) ON CONFLICT (name) DO NOTHING;
	EXECUTE format('CREATE OR REPLACE TRIGGER data_versions_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS dv_rows '
		'FOR EACH STATEMENT EXECUTE FUNCTION data_versions_note_rows()', t);
	EXECUTE format('CREATE OR REPLACE TRIGGER data_versions_upd AFTER UPDATE ON %I REFERENCING NEW TABLE AS dv_rows '
		'FOR EACH STATEMENT EXECUTE FUNCTION data_versions_note_rows()', t);
	EXECUTE format('CREATE OR REPLACE TRIGGER data_versions_del AFTER DELETE ON %I REFERENCING OLD TABLE AS dv_rows '
		'FOR EACH STATEMENT EXECUTE FUNCTION data_versions_note_rows()', t);
	EXECUTE format('CREATE OR REPLACE TRIGGER data_versions_trunc AFTER TRUNCATE ON %I '
		'FOR EACH STATEMENT EXECUTE FUNCTION data_versions_note()', t);
END $$;
--> statement-breakpoint
-- Every table of the schema except the ones no page reads and that change all the time (sign-ins, the audit log).
SELECT data_versions_track(table_name::text) FROM information_schema.tables
	WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
	AND table_name NOT IN ('data_versions', 'data_version_pending', 'sessions', 'login_attempts', 'audit_log', '__drizzle_migrations');
