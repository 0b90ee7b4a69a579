CREATE TABLE "rec_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"recommendation_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"title" text NOT NULL,
	"target_date" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"completed_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rec_clusters" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rec_co_implementers" (
	"recommendation_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "rec_co_implementers_recommendation_id_organisation_id_pk" PRIMARY KEY("recommendation_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "rec_evidence" (
	"recommendation_id" integer NOT NULL,
	"record_type" text NOT NULL,
	"record_id" integer NOT NULL,
	"note" text,
	"tagged_by" text NOT NULL,
	"tagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "rec_evidence_recommendation_id_record_type_record_id_pk" PRIMARY KEY("recommendation_id","record_type","record_id")
);
--> statement-breakpoint
CREATE TABLE "rec_links" (
	"from_id" integer NOT NULL,
	"to_id" integer NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "rec_links_from_id_to_id_kind_pk" PRIMARY KEY("from_id","to_id","kind")
);
--> statement-breakpoint
CREATE TABLE "rec_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"recommendation_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"period" text NOT NULL,
	"narrative" text NOT NULL,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rec_status_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"recommendation_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rec_translations" (
	"recommendation_id" integer NOT NULL,
	"version" integer NOT NULL,
	"text_vi" text NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rec_translations_recommendation_id_version_pk" PRIMARY KEY("recommendation_id","version")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"mechanism" text NOT NULL,
	"cycle" text NOT NULL,
	"source_document" text NOT NULL,
	"paragraph" text NOT NULL,
	"recommending_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"text_en" text,
	"text_en_source" text,
	"position" text,
	"position_source" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"affected_persons" text[] DEFAULT '{}'::text[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"action_category" integer,
	"targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"communication" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"lead_organisation_id" integer,
	"cluster_id" integer,
	"fictional" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rec_actions" ADD CONSTRAINT "rec_actions_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_actions" ADD CONSTRAINT "rec_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_co_implementers" ADD CONSTRAINT "rec_co_implementers_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_co_implementers" ADD CONSTRAINT "rec_co_implementers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_evidence" ADD CONSTRAINT "rec_evidence_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_links" ADD CONSTRAINT "rec_links_from_id_recommendations_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_links" ADD CONSTRAINT "rec_links_to_id_recommendations_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_reports" ADD CONSTRAINT "rec_reports_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_reports" ADD CONSTRAINT "rec_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_status_history" ADD CONSTRAINT "rec_status_history_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rec_translations" ADD CONSTRAINT "rec_translations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_cluster_id_rec_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."rec_clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rec_actions_rec_idx" ON "rec_actions" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "rec_actions_due_idx" ON "rec_actions" USING btree ("status","target_date");--> statement-breakpoint
CREATE UNIQUE INDEX "rec_clusters_code_uq" ON "rec_clusters" USING btree ("code");--> statement-breakpoint
CREATE INDEX "rec_co_org_idx" ON "rec_co_implementers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "rec_evidence_record_idx" ON "rec_evidence" USING btree ("record_type","record_id");--> statement-breakpoint
CREATE INDEX "rec_links_to_idx" ON "rec_links" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "rec_reports_rec_idx" ON "rec_reports" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "rec_reports_status_idx" ON "rec_reports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rec_status_history_rec_idx" ON "rec_status_history" USING btree ("recommendation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_ref_uq" ON "recommendations" USING btree ("mechanism","cycle","source_document","paragraph");--> statement-breakpoint
CREATE INDEX "recommendations_cycle_idx" ON "recommendations" USING btree ("cycle","status");--> statement-breakpoint
CREATE INDEX "recommendations_lead_idx" ON "recommendations" USING btree ("lead_organisation_id");--> statement-breakpoint
CREATE INDEX "recommendations_cluster_idx" ON "recommendations" USING btree ("cluster_id");--> statement-breakpoint
-- hand-written below
-- The original English text of a recommendation never changes once imported (the service refuses first, as a conflict).
CREATE FUNCTION rec_text_en_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.text_en IS NOT NULL AND NEW.text_en IS DISTINCT FROM OLD.text_en THEN
    RAISE EXCEPTION 'the original text of recommendation % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER rec_text_en_immutable BEFORE UPDATE OF text_en ON recommendations FOR EACH ROW EXECUTE FUNCTION rec_text_en_immutable();
