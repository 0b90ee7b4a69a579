CREATE TABLE "calendar_feed_keys" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"feed_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feed_keys" ADD CONSTRAINT "calendar_feed_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;