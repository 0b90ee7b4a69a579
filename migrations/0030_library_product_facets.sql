-- Library search at national scale (library.search.ts): a product's languages, audiences and topics as arrays, one
-- row per product, kept by the database in the writer's transaction. A search reads its ~200 newest candidates'
-- facet values with one primary-key lookup each (not three link tables and a join to press_topics), and a language,
-- audience or topic filter is one lookup per product too. Derived data: rebuilt from the link tables below.
CREATE TABLE "library_product_facets" (
	"product_id" integer PRIMARY KEY NOT NULL REFERENCES "library_products"("id") ON DELETE CASCADE,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"audiences" integer[] DEFAULT '{}' NOT NULL,
	"topic_ids" integer[] DEFAULT '{}' NOT NULL
);--> statement-breakpoint
CREATE OR REPLACE FUNCTION rh_library_facets_sync(ids integer[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO library_product_facets (product_id, languages, audiences, topic_ids)
	SELECT p.id,
		coalesce((SELECT array_agg(l.language ORDER BY l.language) FROM library_product_languages l WHERE l.product_id = p.id), '{}'),
		coalesce((SELECT array_agg(a.audience ORDER BY a.audience) FROM library_product_audiences a WHERE a.product_id = p.id), '{}'),
		coalesce((SELECT array_agg(t.topic_id ORDER BY t.topic_id) FROM library_product_topics t WHERE t.product_id = p.id), '{}')
	FROM library_products p WHERE p.id = ANY (ids)
	ON CONFLICT (product_id) DO UPDATE SET languages = excluded.languages, audiences = excluded.audiences, topic_ids = excluded.topic_ids
$$;--> statement-breakpoint
-- One statement-level trigger function for the three link tables: the products a statement touched are synced once.
CREATE OR REPLACE FUNCTION rh_library_facets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM rh_library_facets_sync(ARRAY(SELECT DISTINCT product_id FROM new_rows));
	END IF;
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		PERFORM rh_library_facets_sync(ARRAY(SELECT DISTINCT product_id FROM old_rows));
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facets_ins" AFTER INSERT ON "library_product_languages" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facets_upd" AFTER UPDATE ON "library_product_languages" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_languages_facets_del" AFTER DELETE ON "library_product_languages" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facets_ins" AFTER INSERT ON "library_product_audiences" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facets_upd" AFTER UPDATE ON "library_product_audiences" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_audiences_facets_del" AFTER DELETE ON "library_product_audiences" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_topics_facets_ins" AFTER INSERT ON "library_product_topics" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_topics_facets_upd" AFTER UPDATE ON "library_product_topics" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
CREATE TRIGGER "library_product_topics_facets_del" AFTER DELETE ON "library_product_topics" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_library_facets_changed();--> statement-breakpoint
-- The products already there, in one grouped pass.
INSERT INTO library_product_facets (product_id, languages, audiences, topic_ids)
SELECT p.id, coalesce(l.v, '{}'), coalesce(a.v, '{}'), coalesce(t.v, '{}')
FROM library_products p
LEFT JOIN (SELECT product_id, array_agg(language ORDER BY language) AS v FROM library_product_languages GROUP BY product_id) l ON l.product_id = p.id
LEFT JOIN (SELECT product_id, array_agg(audience ORDER BY audience) AS v FROM library_product_audiences GROUP BY product_id) a ON a.product_id = p.id
LEFT JOIN (SELECT product_id, array_agg(topic_id ORDER BY topic_id) AS v FROM library_product_topics GROUP BY product_id) t ON t.product_id = p.id
WHERE l.v IS NOT NULL OR a.v IS NOT NULL OR t.v IS NOT NULL;
