CREATE TABLE "indicator_settings" (
	"indicator_id" text PRIMARY KEY NOT NULL,
	"baseline" double precision,
	"trajectory" jsonb,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
