ALTER TABLE "press_items" ADD COLUMN "audiences" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "rec_actions" ADD COLUMN "audiences" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "audiences" integer[] DEFAULT '{}'::int[] NOT NULL;