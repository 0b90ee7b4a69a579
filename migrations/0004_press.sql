CREATE TABLE "press_item_topics" (
	"item_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	CONSTRAINT "press_item_topics_item_id_topic_id_pk" PRIMARY KEY("item_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "press_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"title" text NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"summary" text,
	"language" text NOT NULL,
	"translation_group_id" text NOT NULL,
	"held_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"withdrawal_reason" text,
	"withdrawn_at" timestamp with time zone,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_reporting_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"period_kind" text DEFAULT 'quarterly' NOT NULL,
	"grace_days" integer DEFAULT 15 NOT NULL,
	"include_org_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"exclude_org_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_spokespersons" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"full_name" text NOT NULL,
	"position" text,
	"decision_number" text,
	"decision_date" date,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"email" text,
	"email_public" boolean DEFAULT false NOT NULL,
	"phone" text,
	"phone_public" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "press_item_topics" ADD CONSTRAINT "press_item_topics_item_id_press_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."press_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_item_topics" ADD CONSTRAINT "press_item_topics_topic_id_press_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."press_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_items" ADD CONSTRAINT "press_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_spokespersons" ADD CONSTRAINT "press_spokespersons_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "press_item_topics_topic_idx" ON "press_item_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "press_items_org_published_idx" ON "press_items" USING btree ("organisation_id","published_at");--> statement-breakpoint
CREATE INDEX "press_items_status_published_idx" ON "press_items" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "press_items_translation_idx" ON "press_items" USING btree ("translation_group_id");--> statement-breakpoint
CREATE INDEX "press_items_search_trgm" ON "press_items" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "press_spokespersons_org_idx" ON "press_spokespersons" USING btree ("organisation_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "press_topics_code_uq" ON "press_topics" USING btree ("code");