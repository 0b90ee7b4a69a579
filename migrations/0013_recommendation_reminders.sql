CREATE TABLE "rec_reminders" (
	"kind" text NOT NULL,
	"ref_id" integer NOT NULL,
	"day" date NOT NULL,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rec_reminders_kind_ref_id_day_pk" PRIMARY KEY("kind","ref_id","day")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;