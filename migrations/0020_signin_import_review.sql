CREATE TABLE "training_import_rows" (
	"import_id" integer NOT NULL,
	"row" integer NOT NULL,
	"status" text NOT NULL,
	"how" text,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"position" text,
	"organisation_id" integer,
	"organisation_text" text NOT NULL,
	"person_id" integer,
	"suggested_id" integer,
	"score" integer,
	"candidate_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision" jsonb,
	CONSTRAINT "training_import_rows_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
ALTER TABLE "training_imports" ALTER COLUMN "rows" SET DEFAULT '[]'::jsonb;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "state" text DEFAULT 'ready' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "rows_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "rows_matched" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "rows_written" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "counts" jsonb;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "error" jsonb;--> statement-breakpoint
ALTER TABLE "training_imports" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "training_import_rows" ADD CONSTRAINT "training_import_rows_import_id_training_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."training_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_import_rows_review_idx" ON "training_import_rows" USING btree ("import_id","status","row");--> statement-breakpoint
-- Imports read before this migration and not yet written: their rows move to training_import_rows (review by pages).
INSERT INTO "training_import_rows" ("import_id", "row", "status", "how", "full_name", "name_key", "position", "organisation_id", "organisation_text", "person_id", "candidate_ids", "candidates", "detail")
SELECT i."id", (r->>'row')::int, r->>'status', r->>'how', r->>'fullName', lower(f_unaccent(r->>'fullName')), r->>'position', (r->>'organisationId')::int,
  coalesce(r->>'organisationText', ''), (r->>'personId')::int,
  coalesce(array(select (c->>'personId')::int from jsonb_array_elements(coalesce(r->'candidates', '[]'::jsonb)) c), '{}'::int[]),
  coalesce(r->'candidates', '[]'::jsonb), r - 'candidates'
FROM "training_imports" i CROSS JOIN LATERAL jsonb_array_elements(i."rows") r
WHERE i."committed_at" IS NULL;--> statement-breakpoint
UPDATE "training_imports" SET "rows" = '[]'::jsonb, "state" = CASE WHEN "committed_at" IS NULL THEN 'ready' ELSE 'committed' END;
