CREATE TABLE "fc_claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"language" text NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"rating_code" text,
	"rationale_vi" text,
	"rationale_en" text,
	"drafted_by" integer,
	"drafted_at" timestamp with time zone,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"version" integer NOT NULL,
	"previous_rating_code" text NOT NULL,
	"previous_rationale_vi" text,
	"previous_rationale_en" text,
	"rating_code" text NOT NULL,
	"rationale_vi" text,
	"rationale_en" text,
	"note" text NOT NULL,
	"corrected_by" integer,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"snapshot" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_item_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"action" text NOT NULL,
	"acted_on" date NOT NULL,
	"reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_item_bands" (
	"item_id" integer NOT NULL,
	"band" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"url" text,
	"platform" text DEFAULT 'other' NOT NULL,
	"published_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"language" text NOT NULL,
	"words" integer NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"on_topic" text NOT NULL,
	"on_topic_by" text NOT NULL,
	"on_topic_rule_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"on_topic_decided_by" integer,
	"on_topic_decided_at" timestamp with time zone,
	"exact_key" text NOT NULL,
	"signature" jsonb,
	"group_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "fc_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"claim_id" integer NOT NULL,
	"status" text NOT NULL,
	"score" real,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_ratings" (
	"code" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"alternate_name" text NOT NULL,
	"rating_value" integer,
	"counts_as_false" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_topic_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"phrase" text NOT NULL,
	"language" text NOT NULL,
	"topic" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fc_claims" ADD CONSTRAINT "fc_claims_rating_code_fc_ratings_code_fk" FOREIGN KEY ("rating_code") REFERENCES "public"."fc_ratings"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_corrections" ADD CONSTRAINT "fc_corrections_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_evidence" ADD CONSTRAINT "fc_evidence_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_item_actions" ADD CONSTRAINT "fc_item_actions_item_id_fc_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fc_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_item_bands" ADD CONSTRAINT "fc_item_bands_item_id_fc_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fc_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_links" ADD CONSTRAINT "fc_links_item_id_fc_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fc_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_links" ADD CONSTRAINT "fc_links_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fc_claims_status_idx" ON "fc_claims" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "fc_corrections_version_idx" ON "fc_corrections" USING btree ("claim_id","version");--> statement-breakpoint
CREATE INDEX "fc_evidence_claim_idx" ON "fc_evidence" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "fc_item_actions_item_idx" ON "fc_item_actions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "fc_item_bands_band_idx" ON "fc_item_bands" USING btree ("band");--> statement-breakpoint
CREATE INDEX "fc_items_group_idx" ON "fc_items" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "fc_items_exact_idx" ON "fc_items" USING btree ("exact_key");--> statement-breakpoint
CREATE INDEX "fc_items_published_idx" ON "fc_items" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fc_links_item_claim_idx" ON "fc_links" USING btree ("item_id","claim_id");--> statement-breakpoint
CREATE INDEX "fc_links_claim_idx" ON "fc_links" USING btree ("claim_id");--> statement-breakpoint
-- Hand-written: the public rating scale and the office's first on-topic rules (editable in the workspace).
INSERT INTO "fc_ratings" ("code", "position", "label_vi", "label_en", "alternate_name", "rating_value", "counts_as_false") VALUES
  ('false', 1, 'Sai sự thật', 'False', 'False', 1, true),
  ('partly_false', 2, 'Sai một phần', 'Partly false', 'Partly false', 2, true),
  ('missing_context', 3, 'Thiếu bối cảnh', 'Missing context', 'Missing context', 3, false),
  ('true', 4, 'Đúng sự thật', 'True', 'True', 5, false),
  ('unverifiable', 5, 'Không thể kiểm chứng', 'Unverifiable', 'Unverifiable', NULL, false);
--> statement-breakpoint
INSERT INTO "fc_topic_rules" ("kind", "phrase", "language", "topic") VALUES
  ('subject', 'nhân quyền', 'vi', 'human_rights'),
  ('subject', 'quyền con người', 'vi', 'human_rights'),
  ('subject', 'human rights', 'en', 'human_rights'),
  ('subject', 'tự do tôn giáo', 'vi', 'religion'),
  ('subject', 'tự do tín ngưỡng', 'vi', 'religion'),
  ('subject', 'religious freedom', 'en', 'religion'),
  ('subject', 'freedom of religion', 'en', 'religion'),
  ('subject', 'tự do ngôn luận', 'vi', 'expression'),
  ('subject', 'tự do báo chí', 'vi', 'expression'),
  ('subject', 'freedom of expression', 'en', 'expression'),
  ('subject', 'press freedom', 'en', 'expression'),
  ('subject', 'dân tộc thiểu số', 'vi', 'minorities'),
  ('subject', 'ethnic minority', 'en', 'minorities'),
  ('subject', 'ethnic minorities', 'en', 'minorities'),
  ('subject', 'quyền trẻ em', 'vi', 'children'),
  ('subject', 'children''s rights', 'en', 'children'),
  ('subject', 'bắt giữ', 'vi', 'detention'),
  ('subject', 'tạm giam', 'vi', 'detention'),
  ('subject', 'arrested', 'en', 'detention'),
  ('subject', 'detention', 'en', 'detention'),
  ('place', 'Việt Nam', 'vi', NULL),
  ('place', 'Viet Nam', 'en', NULL),
  ('place', 'Vietnam', 'en', NULL),
  ('place', 'Vietnamese', 'en', NULL),
  ('place', 'Hà Nội', 'vi', NULL),
  ('place', 'Hanoi', 'en', NULL),
  ('place', 'TP.HCM', 'vi', NULL),
  ('place', 'Ho Chi Minh City', 'en', NULL),
  ('exclude', 'xổ số', 'vi', NULL),
  ('exclude', 'lottery', 'en', NULL);
