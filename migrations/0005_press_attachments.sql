CREATE TABLE "press_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"caption" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "press_attachments" ADD CONSTRAINT "press_attachments_item_id_press_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."press_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "press_attachments_item_idx" ON "press_attachments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "press_attachments_sha_idx" ON "press_attachments" USING btree ("sha256");