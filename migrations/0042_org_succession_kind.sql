ALTER TABLE "organisations" ADD COLUMN "succession_kind" text;--> statement-breakpoint
-- Successions recorded before the kind existed were deactivations naming the organisation that took over: mergers.
UPDATE "organisations" SET "succession_kind" = 'merged_into' WHERE "successor_id" IS NOT NULL;
