-- Extensions and text-search helpers every module may use (drizzle-kit never writes CREATE EXTENSION).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper. Folds Vietnamese, đ/Đ included.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- 'vi' full-text configuration: no stemming for Vietnamese (syllables), diacritics folded.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi') THEN
    CREATE TEXT SEARCH CONFIGURATION vi (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION vi ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
