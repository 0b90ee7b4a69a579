-- Issue 17: the programme cycle. The office's report calendar (cycle_periods: periods, deadlines, who must report),
-- agencies' periodic reports (cycle_reports, their files and history), period closes with official figures
-- (cycle_period_closes; each version freezes the indicator facts of the period in indicator_frozen_facts, so an
-- official figure is the same aggregate over the frozen rows), the office's permissions to write into a locked
-- period (cycle_lock_grants), the cycle's settings, and the provincial coordinator's province on users.
CREATE TABLE "indicator_freezes" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" text NOT NULL,
	"facts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_frozen_facts" (
	"freeze_id" integer NOT NULL,
	"ind" text NOT NULL,
	"pid" text NOT NULL,
	"rec_type" text NOT NULL,
	"rec_id" bigint NOT NULL,
	"period_id" text,
	"d_from" date NOT NULL,
	"d_to" date,
	"counts" boolean NOT NULL,
	"in_den" boolean NOT NULL,
	"pending" boolean NOT NULL,
	"unit_id" integer,
	"org_id" integer,
	"org_ids" integer[],
	"dims" text[] NOT NULL,
	"counts_in" text[],
	"sort_key" text NOT NULL,
	"info" jsonb,
	"o_kind" text,
	"o_name" text,
	"o_kinds" text[],
	"pl_unit_id" integer,
	"pl_map" text,
	"pl_p34" text,
	"pl_p63" text[]
);
--> statement-breakpoint
CREATE TABLE "cycle_lock_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"until" date NOT NULL,
	"reason" text NOT NULL,
	"granted_by" integer,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cycle_period_closes" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'closed' NOT NULL,
	"freeze_id" integer NOT NULL,
	"closed_by" integer,
	"closed_by_name" text NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"expiry_days" integer,
	"lock_after" timestamp with time zone,
	"expected_org_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"ended_by" integer,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "cycle_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"deadline" date NOT NULL,
	"include_org_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"exclude_org_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_report_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" jsonb
);
--> statement-breakpoint
CREATE TABLE "cycle_report_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"caption" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"awaiting" text,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"figures" jsonb,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"province_approved_at" timestamp with time zone,
	"province_approved_by" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"coordinators_enabled" boolean DEFAULT false NOT NULL,
	"expiry_days" integer,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "province_unit_id" integer;--> statement-breakpoint
ALTER TABLE "indicator_frozen_facts" ADD CONSTRAINT "indicator_frozen_facts_freeze_id_indicator_freezes_id_fk" FOREIGN KEY ("freeze_id") REFERENCES "public"."indicator_freezes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_lock_grants" ADD CONSTRAINT "cycle_lock_grants_period_id_cycle_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."cycle_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_lock_grants" ADD CONSTRAINT "cycle_lock_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_period_closes" ADD CONSTRAINT "cycle_period_closes_period_id_cycle_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."cycle_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_report_events" ADD CONSTRAINT "cycle_report_events_report_id_cycle_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."cycle_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_report_files" ADD CONSTRAINT "cycle_report_files_report_id_cycle_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."cycle_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_reports" ADD CONSTRAINT "cycle_reports_period_id_cycle_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."cycle_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_reports" ADD CONSTRAINT "cycle_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_frozen_facts_drill" ON "indicator_frozen_facts" USING btree ("freeze_id","ind","pid","sort_key","rec_id");--> statement-breakpoint
CREATE INDEX "cycle_lock_grants_period_idx" ON "cycle_lock_grants" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "cycle_period_closes_period_idx" ON "cycle_period_closes" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_period_closes_current_uq" ON "cycle_period_closes" USING btree ("period_id") WHERE status = 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_periods_key_uq" ON "cycle_periods" USING btree ("key");--> statement-breakpoint
CREATE INDEX "cycle_report_events_report_idx" ON "cycle_report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "cycle_report_files_report_idx" ON "cycle_report_files" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_reports_period_org_uq" ON "cycle_reports" USING btree ("period_id","organisation_id");--> statement-breakpoint
CREATE INDEX "cycle_reports_org_idx" ON "cycle_reports" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_province_unit_id_admin_units_id_fk" FOREIGN KEY ("province_unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "cycle_settings" ("id") VALUES (1);--> statement-breakpoint
-- The public progress page shows the official figure of a closed period: its cache follows the closes.
SELECT data_versions_track('cycle_period_closes');--> statement-breakpoint
SELECT data_versions_track('cycle_periods');
