-- Indicator facts of the library (source 'library': T4a, T4b, T5a) and of the exhibitions (source 'exhibitions': T3):
-- the triggers that write the keys whose facts may change into indicator_dirty (library.facts.ts, exhibitions.facts.ts).
-- Library keys are product ids; the refresh also rewrites each product's title root (T4a's key), and a product's
-- write marks its old and new root too. Exhibition keys are the ids of the pre-2025 (63-unit map) units.
CREATE INDEX "library_products_title_root_idx" ON "library_products" USING btree ("title_root_id");
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_ins" AFTER INSERT ON "library_products" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'id');
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_upd" AFTER UPDATE ON "library_products" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'id');
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_del" AFTER DELETE ON "library_products" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'id');
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_root_ins" AFTER INSERT ON "library_products" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'title_root_id');
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_root_upd" AFTER UPDATE ON "library_products" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'title_root_id');
--> statement-breakpoint
CREATE TRIGGER "library_products_facts_root_del" AFTER DELETE ON "library_products" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'title_root_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facts_ins" AFTER INSERT ON "library_product_languages" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facts_upd" AFTER UPDATE ON "library_product_languages" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facts_del" AFTER DELETE ON "library_product_languages" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facts_ins" AFTER INSERT ON "library_product_audiences" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facts_upd" AFTER UPDATE ON "library_product_audiences" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facts_del" AFTER DELETE ON "library_product_audiences" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_files_facts_ins" AFTER INSERT ON "library_files" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_files_facts_upd" AFTER UPDATE ON "library_files" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_files_facts_del" AFTER DELETE ON "library_files" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_texts_facts_ins" AFTER INSERT ON "library_product_texts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_texts_facts_upd" AFTER UPDATE ON "library_product_texts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
CREATE TRIGGER "library_product_texts_facts_del" AFTER DELETE ON "library_product_texts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('library', 'product_id');
--> statement-breakpoint
-- Languages are upserted at every start: only a language whose group changed (or one removed) touches the facts.
CREATE FUNCTION rh_mark_library_languages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		INSERT INTO indicator_dirty (source, key) VALUES ('library', NULL);
	ELSIF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.code = o.code WHERE n."group" IS DISTINCT FROM o."group") THEN
		INSERT INTO indicator_dirty (source, key) VALUES ('library', NULL);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "languages_facts_upd" AFTER UPDATE ON "languages" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_library_languages();
--> statement-breakpoint
CREATE TRIGGER "languages_facts_del" AFTER DELETE ON "languages" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_library_languages();
--> statement-breakpoint
CREATE TRIGGER "exhibitions_facts_ins" AFTER INSERT ON "exhibitions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('exhibitions', 'former_unit_id');
--> statement-breakpoint
CREATE TRIGGER "exhibitions_facts_upd" AFTER UPDATE ON "exhibitions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('exhibitions', 'former_unit_id');
--> statement-breakpoint
CREATE TRIGGER "exhibitions_facts_del" AFTER DELETE ON "exhibitions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('exhibitions', 'former_unit_id');
--> statement-breakpoint
-- An exhibition's organisers: the key is its pre-2025 unit, looked up on the exhibition.
CREATE FUNCTION rh_mark_exhibition_organisers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO indicator_dirty (source, key) SELECT DISTINCT 'exhibitions', e.former_unit_id
		FROM new_rows r JOIN exhibitions e ON e.id = r.exhibition_id WHERE e.former_unit_id IS NOT NULL;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		INSERT INTO indicator_dirty (source, key) SELECT DISTINCT 'exhibitions', e.former_unit_id
		FROM old_rows r JOIN exhibitions e ON e.id = r.exhibition_id WHERE e.former_unit_id IS NOT NULL;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "exhibition_organisers_facts_ins" AFTER INSERT ON "exhibition_organisers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibition_organisers();
--> statement-breakpoint
CREATE TRIGGER "exhibition_organisers_facts_upd" AFTER UPDATE ON "exhibition_organisers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibition_organisers();
--> statement-breakpoint
CREATE TRIGGER "exhibition_organisers_facts_del" AFTER DELETE ON "exhibition_organisers" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibition_organisers();
--> statement-breakpoint
-- T3's records are the units of the 63-unit map, numbered in code order: a unit of that map added, removed or
-- recoded (units are upserted at every start, so only a real change counts) rebuilds them all.
CREATE FUNCTION rh_mark_exhibitions_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed boolean;
BEGIN
	IF TG_OP = 'INSERT' THEN
		changed := EXISTS (SELECT 1 FROM new_rows WHERE map_version = '63');
	ELSIF TG_OP = 'DELETE' THEN
		changed := EXISTS (SELECT 1 FROM old_rows WHERE map_version = '63');
	ELSE
		changed := EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
			WHERE (o.map_version = '63' OR n.map_version = '63') AND (n.code, n.map_version) IS DISTINCT FROM (o.code, o.map_version));
	END IF;
	IF changed THEN
		INSERT INTO indicator_dirty (source, key) VALUES ('exhibitions', NULL);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "admin_units_exhibitions_facts_ins" AFTER INSERT ON "admin_units" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibitions_units();
--> statement-breakpoint
CREATE TRIGGER "admin_units_exhibitions_facts_upd" AFTER UPDATE ON "admin_units" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibitions_units();
--> statement-breakpoint
CREATE TRIGGER "admin_units_exhibitions_facts_del" AFTER DELETE ON "admin_units" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_exhibitions_units();
--> statement-breakpoint
-- indicator_places without a correlated subquery per row: the crosswalk is aggregated once and joined (the facts' tallies
-- join every selected fact to its place; the subquery per fact row cost 0.3 ms each on PGlite). Same columns as 0017.
CREATE OR REPLACE VIEW "indicator_places" AS
SELECT u.id AS unit_id, u.map_version AS map, u.code,
	CASE WHEN u.map_version = '34' THEN u.code ELSE coalesce(n.code, u.code) END AS p34,
	CASE WHEN u.map_version = '63' THEN ARRAY[u.code] ELSE coalesce(f.codes, '{}'::text[]) END AS p63
FROM admin_units u
LEFT JOIN (SELECT c.old_unit_id, min(nu.code) AS code FROM admin_unit_crosswalk c JOIN admin_units nu ON nu.id = c.new_unit_id GROUP BY c.old_unit_id) n ON n.old_unit_id = u.id
LEFT JOIN (SELECT c.new_unit_id, array_agg(ou.code ORDER BY ou.code) AS codes FROM admin_unit_crosswalk c JOIN admin_units ou ON ou.id = c.old_unit_id GROUP BY c.new_unit_id) f ON f.new_unit_id = u.id;
--> statement-breakpoint
-- Existing deployments build these facts on the first read.
INSERT INTO indicator_dirty (source, key) VALUES ('library', NULL), ('exhibitions', NULL);
