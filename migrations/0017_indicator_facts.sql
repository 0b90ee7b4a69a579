-- Indicator facts: each module keeps its contribution to each target as small rows maintained from its records
-- (indicators.facts.ts). Figures, breakdowns, trends and drill-downs are SQL aggregates over them.
-- A fact is one record behind one indicator, for a period (period_id) or a span of days [d_from, d_to]; the
-- indicator's mode says how a span selects it ('period', 'dated', 'asof', 'overlap'); a record has at most one
-- fact selected by any span. Place: unit_id (admin_units) or else the organisation's unit, resolved at query time.
CREATE TABLE "indicator_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ind" text NOT NULL,
	"src" bigint NOT NULL,
	"rec_type" text NOT NULL,
	"rec_id" bigint NOT NULL,
	"period_id" text,
	"d_from" date NOT NULL,
	"d_to" date,
	"counts" boolean NOT NULL,
	"in_den" boolean DEFAULT true NOT NULL,
	"pending" boolean DEFAULT false NOT NULL,
	"unit_id" integer,
	"org_id" integer,
	"org_ids" integer[],
	"dims" text[] DEFAULT '{}' NOT NULL,
	"counts_in" text[],
	"sort_key" text DEFAULT '' NOT NULL,
	"info" jsonb
);
--> statement-breakpoint
CREATE INDEX "indicator_facts_src" ON "indicator_facts" ("ind", "src");
--> statement-breakpoint
CREATE INDEX "indicator_facts_period" ON "indicator_facts" ("ind", "period_id") WHERE "period_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "indicator_facts_days" ON "indicator_facts" ("ind", "d_from", "d_to");
--> statement-breakpoint
CREATE INDEX "indicator_facts_drill" ON "indicator_facts" ("ind", "sort_key", "rec_id");
--> statement-breakpoint
-- Keys whose facts must be computed again: written by triggers in the same transaction as the records (so no write
-- path can forget them); key NULL means every key of the source. Taken (deleted) by the refresh, under a lock.
CREATE TABLE "indicator_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"key" bigint
);
--> statement-breakpoint
CREATE INDEX "indicator_dirty_source" ON "indicator_dirty" ("source");
--> statement-breakpoint
-- One version per fact source (and 'places' for organisations and units), bumped by every refresh that changed it:
-- computed figures are cached under these versions.
CREATE TABLE "indicator_fact_versions" (
	"source" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Each unit's place on both maps: its 34-unit province, and its units on the 63-unit map (a 34-unit province formed
-- from several former units stands for each of them there: attributed).
CREATE VIEW "indicator_places" AS
SELECT u.id AS unit_id, u.map_version AS map, u.code,
	CASE WHEN u.map_version = '34' THEN u.code
		ELSE coalesce((SELECT n.code FROM admin_unit_crosswalk c JOIN admin_units n ON n.id = c.new_unit_id WHERE c.old_unit_id = u.id LIMIT 1), u.code) END AS p34,
	CASE WHEN u.map_version = '63' THEN ARRAY[u.code]
		ELSE coalesce((SELECT array_agg(o.code ORDER BY o.code) FROM admin_unit_crosswalk c JOIN admin_units o ON o.id = c.old_unit_id WHERE c.new_unit_id = u.id), '{}'::text[]) END AS p63
FROM admin_units u;
--> statement-breakpoint
-- The generic dirty-marking trigger function: TG_ARGV[0] is the source, TG_ARGV[1] the column of the changed rows that
-- holds the key. Statement-level, over the transition tables new_rows / old_rows: one insert per statement.
CREATE FUNCTION rh_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		EXECUTE format('INSERT INTO indicator_dirty (source, key) SELECT DISTINCT %L, %I FROM new_rows WHERE %I IS NOT NULL', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		EXECUTE format('INSERT INTO indicator_dirty (source, key) SELECT DISTINCT %L, %I FROM old_rows WHERE %I IS NOT NULL', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Marks the whole source dirty (key NULL): for settings and reference tables whose change touches every key.
CREATE FUNCTION rh_mark_all_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO indicator_dirty (source, key) VALUES (TG_ARGV[0], NULL);
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Places: organisations and units move records between provinces and kinds at query time; their version keys the cache.
CREATE TRIGGER "organisations_places" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('places');
--> statement-breakpoint
CREATE TRIGGER "admin_units_places" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "admin_units" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('places');
--> statement-breakpoint
CREATE TRIGGER "admin_unit_crosswalk_places" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "admin_unit_crosswalk" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('places');
