-- Library search and OAI-PMH at national scale (library.search.ts, library.oai.ts).
-- f_month_lexeme: the month of a product's date as a lexeme ('_m202611') that no search can type (the 'simple' parser
-- splits on the underscore). search_tsv carries it, so one GIN lookup answers "these words in these months": a
-- search reads the newest matches month window by month window instead of every match of a word.
CREATE OR REPLACE FUNCTION f_month_lexeme(date) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT ('_m' || (extract(year from $1)::int * 100 + extract(month from $1)::int)::text)::tsvector $$;--> statement-breakpoint
ALTER TABLE "library_products" DROP COLUMN "search_tsv";--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text) || f_month_lexeme(date)) STORED;--> statement-breakpoint
CREATE INDEX "library_products_search_tsv_idx" ON "library_products" USING gin ("search_tsv");--> statement-breakpoint
-- OAI-PMH lists: records (published or withdrawn) by (datestamp, id), the whole repository or one set.
CREATE INDEX "library_products_oai_idx" ON "library_products" USING btree ("updated_at","id") WHERE "status" in ('published', 'withdrawn');--> statement-breakpoint
CREATE INDEX "library_products_oai_kind_idx" ON "library_products" USING btree ("kind","updated_at","id") WHERE "status" in ('published', 'withdrawn');--> statement-breakpoint
CREATE INDEX "library_products_oai_org_idx" ON "library_products" USING btree ("organisation_id","updated_at","id") WHERE "status" in ('published', 'withdrawn');
