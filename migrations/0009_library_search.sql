-- Library search (library.search.ts). f_word_pairs: the adjacent word pairs of a (folded) text, each pair joined
-- into one lexeme ("quyen con nguoi" -> 'quyencon' 'connguoi'), positions stripped; f_word_pairs_query: the same
-- pairs of a phrase as an AND query (NULL for a single word). A phrase search first asks the GIN index for
-- products having every pair, then checks the positions on those only.
CREATE OR REPLACE FUNCTION f_word_pairs(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT coalesce(strip(to_tsvector('simple'::regconfig, string_agg(w || n, ' '))), ''::tsvector)
   FROM (SELECT w, lead(w) OVER (ORDER BY i) AS n FROM regexp_split_to_table($1, '[^[:alnum:]]+') WITH ORDINALITY AS t(w, i)) s
   WHERE w <> '' AND n <> '' $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION f_word_pairs_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT plainto_tsquery('simple'::regconfig, string_agg(w || n, ' '))
   FROM (SELECT w, lead(w) OVER (ORDER BY i) AS n FROM regexp_split_to_table($1, '[^[:alnum:]]+') WITH ORDINALITY AS t(w, i)) s
   WHERE w <> '' AND n <> '' $$;--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED;--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_exact_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_exact)) STORED;--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_title_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_title)) STORED;--> statement-breakpoint
ALTER TABLE "library_products" ADD COLUMN "search_pairs" "tsvector" GENERATED ALWAYS AS (f_word_pairs(search_text)) STORED;--> statement-breakpoint
CREATE INDEX "library_products_search_tsv_idx" ON "library_products" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "library_products_search_exact_tsv_idx" ON "library_products" USING gin ("search_exact_tsv");--> statement-breakpoint
CREATE INDEX "library_products_search_title_tsv_idx" ON "library_products" USING gin ("search_title_tsv");--> statement-breakpoint
CREATE INDEX "library_products_search_pairs_idx" ON "library_products" USING gin ("search_pairs");--> statement-breakpoint
CREATE INDEX "library_products_sort_key_idx" ON "library_products" USING btree ("sort_key" collate "C","id");--> statement-breakpoint
CREATE INDEX "library_products_date_idx" ON "library_products" USING btree ("date","id");--> statement-breakpoint
-- Titles of products written before this migration (later writes set search_title through refreshProductSearch).
UPDATE "library_products" p SET "search_title" = t.folded FROM (
  SELECT product_id, trim(regexp_replace(lower(f_unaccent(string_agg(title, ' ' ORDER BY position))), '\s+', ' ', 'g')) AS folded
  FROM "library_product_texts" GROUP BY product_id
) t WHERE t.product_id = p.id;