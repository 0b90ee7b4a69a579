-- Issue 17: the office's edits of the consolidated programme report's generated summary paragraphs, kept per period
-- and language (one row per period, language and paragraph; no row: the generated text is used).
CREATE TABLE "cycle_summary_edits" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"lang" text NOT NULL,
	"section" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" integer,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cycle_summary_edits" ADD CONSTRAINT "cycle_summary_edits_period_id_cycle_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."cycle_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_summary_edits_period_lang_section_uq" ON "cycle_summary_edits" USING btree ("period_id","lang","section");