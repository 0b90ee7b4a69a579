CREATE TABLE "fc_complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer,
	"text" text NOT NULL,
	"locale" text DEFAULT 'vi' NOT NULL,
	"contact_id" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reply_due" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"replied_by" integer,
	"replied_at" timestamp with time zone,
	"correction_version" integer,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_feed_entries" (
	"feed_id" integer NOT NULL,
	"entry_key" text NOT NULL,
	"item_id" integer,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"platform" text DEFAULT 'news' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"every_minutes" integer DEFAULT 60 NOT NULL,
	"fixture" text,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	"last_new" integer,
	"total_items" integer DEFAULT 0 NOT NULL,
	"etag" text,
	"last_modified" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fc_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"note" text,
	"locale" text DEFAULT 'vi' NOT NULL,
	"contact_id" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text,
	"consent_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "fc_complaints" ADD CONSTRAINT "fc_complaints_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_complaints" ADD CONSTRAINT "fc_complaints_contact_id_public_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."public_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_feed_entries" ADD CONSTRAINT "fc_feed_entries_feed_id_fc_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."fc_feeds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_feed_entries" ADD CONSTRAINT "fc_feed_entries_item_id_fc_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fc_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_submissions" ADD CONSTRAINT "fc_submissions_item_id_fc_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."fc_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_submissions" ADD CONSTRAINT "fc_submissions_contact_id_public_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."public_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fc_complaints_status_idx" ON "fc_complaints" USING btree ("status","reply_due");--> statement-breakpoint
CREATE UNIQUE INDEX "fc_feed_entries_key_idx" ON "fc_feed_entries" USING btree ("feed_id","entry_key");--> statement-breakpoint
CREATE UNIQUE INDEX "fc_feeds_url_idx" ON "fc_feeds" USING btree ("url");--> statement-breakpoint
CREATE INDEX "fc_feeds_next_idx" ON "fc_feeds" USING btree ("next_poll_at");