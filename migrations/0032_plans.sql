-- Issue 17, plans and budgets: one plan per organisation and year; its versions (a change to an approved plan is a new
-- version, every version kept); each version's activities (targets T1-T6 by indicator code, audiences 1-6, months,
-- expected outputs, budget by source in VND); the workflow's steps with the office's comments; spending recorded
-- against an activity's number (the same number in every version), never negative.
CREATE TABLE "plan_activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"no" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"targets" text[] NOT NULL,
	"audiences" integer[] DEFAULT '{}'::int[] NOT NULL,
	"start_month" text NOT NULL,
	"end_month" text NOT NULL,
	"expected_outputs" text,
	"budget_central" bigint DEFAULT 0 NOT NULL,
	"budget_local" bigint DEFAULT 0 NOT NULL,
	"budget_other" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_activities_budget_check" CHECK ("plan_activities"."budget_central" >= 0 and "plan_activities"."budget_local" >= 0 and "plan_activities"."budget_other" >= 0),
	CONSTRAINT "plan_activities_targets_check" CHECK (cardinality("plan_activities"."targets") >= 1)
);
--> statement-breakpoint
CREATE TABLE "plan_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_spending" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"activity_no" integer NOT NULL,
	"source" text NOT NULL,
	"amount" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_spending_amount_check" CHECK ("plan_spending"."amount" > 0),
	CONSTRAINT "plan_spending_source_check" CHECK ("plan_spending"."source" in ('central', 'local', 'other'))
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"activity_comments" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_version" integer,
	"next_activity_no" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_activities" ADD CONSTRAINT "plan_activities_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_spending" ADD CONSTRAINT "plan_spending_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_activities_version_no_uq" ON "plan_activities" USING btree ("version_id","no");--> statement-breakpoint
CREATE INDEX "plan_events_plan_idx" ON "plan_events" USING btree ("plan_id","id");--> statement-breakpoint
CREATE INDEX "plan_spending_plan_idx" ON "plan_spending" USING btree ("plan_id","activity_no");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_plan_version_uq" ON "plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_org_year_uq" ON "plans" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year","status");
